package siebench.benchmark;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.metrics.Metrics;
import siebench.train.CtrTask;
import siebench.train.Objective;
import siebench.train.TrainResult;

/**
 * One repeat of a benchmark: the (possibly corrupted) training samples, which of their rows are corrupted,
 * validation and test samples, and the CTR task used whenever a protocol retrains. Retraining results are
 * cached by key, so protocols share e.g. the full-data baseline.
 */
public final class Trial {
  private static final String NOISY = "full";
  private static final String ORACLE = "oracle";
  private final int repeat;
  private final long seed;
  private final Samples train;
  private final boolean[] corrupted;
  private final String corruption;
  private final Samples validation;
  private final Samples test;
  private final CtrTask task;
  private final Progress progress;
  private final EstimationContext context;
  private final Map<String, Fit> cache = new ConcurrentHashMap<>();
  private Samples oracleTrain;
  private int trainings;

  Trial(int repeat, long seed, Samples train, boolean[] corrupted, String corruption, Samples validation,
      Samples test, CtrTask task, Progress progress, EstimationContext context) {
    this.repeat = repeat;
    this.seed = seed;
    this.train = train;
    this.corrupted = corrupted;
    this.corruption = corruption;
    this.validation = validation;
    this.test = test;
    this.task = task;
    this.progress = progress;
    this.context = context;
  }

  /** The context the estimators ran with in this trial (validation set, task, seed, progress). */
  public EstimationContext context() {
    return context;
  }

  public int repeat() {
    return repeat;
  }

  public long seed() {
    return seed;
  }

  /** The training samples the estimators scored (corrupted rows included). */
  public Samples train() {
    return train;
  }

  /** Per training row (in {@link #train()} order): true when the row's label was corrupted; null if unknown. */
  public boolean[] corrupted() {
    return corrupted == null ? null : corrupted.clone();
  }

  /** How the corruption came about, e.g. "generator truth_corrupted" or "injected: 10% flipped labels". */
  public String corruption() {
    return corruption;
  }

  public Samples validation() {
    return validation;
  }

  public Samples test() {
    return test;
  }

  /** The task protocols retrain with (evaluated on {@link #test()}). */
  public CtrTask task() {
    return task;
  }

  public Progress progress() {
    return progress;
  }

  /** The training rows without the corrupted ones: what the oracle trains on; null when corruption is unknown. */
  public synchronized Samples oracleTrain() {
    if (corrupted != null && oracleTrain == null) {
      int[] keep = new int[corrupted.length];
      int n = 0;
      for (int i = 0; i < corrupted.length; i++) {
        if (!corrupted[i]) {
          keep[n++] = i;
        }
      }
      oracleTrain = train.rows(Arrays.copyOf(keep, n));
    }
    return oracleTrain;
  }

  /** Test metrics of the noisy baseline: the task trained on every training row with uniform weights. */
  public Map<String, Double> noisy() {
    return noisyFit().metrics();
  }

  /** The noisy baseline's metrics and test predictions (cached: protocols share it). */
  public Fit noisyFit() {
    return fitAndPredict(NOISY, train);
  }

  /**
   * Test metrics of the oracle: the task trained with every corrupted row dropped (same split, same seed);
   * null when the trial does not know which rows are corrupted.
   */
  public Map<String, Double> oracle() {
    return corrupted == null ? null : fit(ORACLE, oracleTrain());
  }

  /** Retrainings done by protocols in this trial. */
  public synchronized int trainings() {
    return trainings;
  }

  /** A retraining's test metrics and test-set click probabilities (null when nothing could be trained). */
  public record Fit(Map<String, Double> metrics, double[] testPredictions) {}

  /**
   * Trains the trial's task on {@code samples} (a subset or a reweighting of {@link #train()}) and returns the
   * test metrics; results are cached under {@code key} (null: no caching).
   */
  public Map<String, Double> fit(String key, Samples samples) {
    return fitAndPredict(key, samples).metrics();
  }

  /** Like {@link #fit} but also keeps the test-set predictions. */
  public Fit fitAndPredict(String key, Samples samples) {
    return fitAndPredict(key, samples, task.objective());
  }

  /** Like {@link #fitAndPredict(String, Samples)}, training with another objective (e.g. an unbiased one). */
  public Fit fitAndPredict(String key, Samples samples, Objective objective) {
    if (key != null && cache.containsKey(key)) {
      return cache.get(key);
    }
    progress.checkCancelled();
    Fit f;
    if (samples.size() == 0 || distinctLabels(samples) < 2) {
      f = constantFit(samples);
    } else {
      TrainResult r = samples.train(task.objective(objective).testOn(test).earlyStopping(0)
          .progress(Progress.silent()));
      f = new Fit(new LinkedHashMap<>(r.metricValues()), r.model().predict(test));
      r.model().close();
      synchronized (this) {
        trainings++;
      }
    }
    if (key != null) {
      cache.put(key, f);
    }
    return f;
  }

  /**
   * What is left when an action removed every click (or every non-click): a constant prediction at the
   * add-half estimate of the click rate, {@code (clicks + 0.5) / (rows + 1)}, scored on the test rows, so that
   * the damage shows as a finite, very poor LogLoss instead of a missing value.
   */
  private Fit constantFit(Samples samples) {
    float[] y = samples.labels();
    double clicks = 0;
    for (float v : y) {
      clicks += v;
    }
    double[] p = new double[test.size()];
    Arrays.fill(p, (clicks + 0.5) / (y.length + 1));
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("auc", 0.5);
    m.put("logloss", Metrics.logLoss(test.labels(), p));
    return new Fit(m, p);
  }

  private static int distinctLabels(Samples s) {
    float[] y = s.labels();
    boolean pos = false;
    boolean neg = false;
    for (float v : y) {
      pos |= v > 0.5f;
      neg |= v < 0.5f;
    }
    return (pos ? 1 : 0) + (neg ? 1 : 0);
  }
}
