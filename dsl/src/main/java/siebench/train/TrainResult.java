package siebench.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import siebench.data.Samples;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of {@link CtrTask#fit(Samples)}: test metrics, per-epoch history, the trained model, the data it
 * was trained and tested on, wall time, throughput, peak memory and the device used.
 */
public final class TrainResult {
  private final CtrTask task;
  private final TrainedModel model;
  private final Map<String, Double> metrics;
  private final List<EpochStats> history;
  private final int bestEpoch;
  private final Samples train;
  private final Samples test;
  private final double seconds;
  private final double samplesPerSecond;
  private final long peakHeapBytes;
  private final String device;

  TrainResult(CtrTask task, TrainedModel model, Map<String, Double> metrics, List<EpochStats> history,
      int bestEpoch, Samples train, Samples test, double seconds, double samplesPerSecond, long peakHeapBytes,
      String device) {
    this.task = task;
    this.model = model;
    this.metrics = Map.copyOf(metrics);
    this.history = List.copyOf(history);
    this.bestEpoch = bestEpoch;
    this.train = train;
    this.test = test;
    this.seconds = seconds;
    this.samplesPerSecond = samplesPerSecond;
    this.peakHeapBytes = peakHeapBytes;
    this.device = device;
  }

  public CtrTask task() {
    return task;
  }

  public TrainedModel model() {
    return model;
  }

  /** Metric name to value, e.g. auc, logloss, gauc (when a user/group column exists), calibration. */
  public Map<String, Double> metricValues() {
    return metrics;
  }

  /** One metric; fails naming the available ones. */
  public double metric(String name) {
    Double v = metrics.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no metric '" + name + "'; have " + metrics.keySet());
    }
    return v;
  }

  public double auc() {
    return metric("auc");
  }

  public double logLoss() {
    return metric("logloss");
  }

  public List<EpochStats> history() {
    return history;
  }

  public int bestEpoch() {
    return bestEpoch;
  }

  public Samples trainSamples() {
    return train;
  }

  public Samples testSamples() {
    return test;
  }

  public double seconds() {
    return seconds;
  }

  /** Training throughput: rows times epochs run, divided by the time spent in the training loop. */
  public double samplesPerSecond() {
    return samplesPerSecond;
  }

  /** Peak JVM heap in use observed during the run (native tensor memory is not included). */
  public long peakHeapBytes() {
    return peakHeapBytes;
  }

  public String device() {
    return device;
  }

  /** Metrics as a two-column Tablesaw table (metric, value), in a stable order. */
  public Table metrics() {
    StringColumn name = StringColumn.create("metric");
    DoubleColumn value = DoubleColumn.create("value");
    Map<String, Double> ordered = new LinkedHashMap<>();
    for (String k : new String[] {"auc", "logloss", "gauc", "ndcg@10", "recall@10", "predicted_ctr",
        "observed_ctr", "calibration"}) {
      if (metrics.containsKey(k)) {
        ordered.put(k, metrics.get(k));
      }
    }
    metrics.keySet().stream().sorted().forEach(k -> ordered.putIfAbsent(k, metrics.get(k)));
    ordered.forEach((k, v) -> {
      name.append(k);
      value.append(v);
    });
    return Table.create(task.model().name() + " on " + test.origin() + " (" + device + ")", name, value);
  }

  /** The per-epoch history as a table. */
  public Table historyTable() {
    IntColumn epoch = IntColumn.create("epoch");
    DoubleColumn loss = DoubleColumn.create("train_loss");
    DoubleColumn vauc = DoubleColumn.create("val_auc");
    DoubleColumn vloss = DoubleColumn.create("val_logloss");
    DoubleColumn secs = DoubleColumn.create("seconds");
    for (EpochStats e : history) {
      epoch.append(e.epoch());
      loss.append(e.trainLoss());
      vauc.append(e.validationAuc());
      vloss.append(e.validationLogLoss());
      secs.append(e.seconds());
    }
    return Table.create("history", epoch, loss, vauc, vloss, secs);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%s on %s: %d train / %d test rows, %d epochs (best %d), %.1fs, %.0f samples/s, %s%n",
        task.model().name(), train.origin(), train.size(), test.size(), history.size(), bestEpoch, seconds,
        samplesPerSecond, device));
    sb.append(metrics().print());
    return sb.toString();
  }
}
