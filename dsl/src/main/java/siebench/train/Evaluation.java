package siebench.train;

import java.util.Optional;
import siebench.data.Role;
import siebench.data.Samples;
import siebench.metrics.Calibration;
import siebench.metrics.Gauc;
import siebench.metrics.GroupedMetric;
import siebench.metrics.Groups;
import siebench.metrics.Metrics;
import siebench.metrics.RankingMetrics;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The standard CTR evaluation of predicted click probabilities on held-out {@link Samples}: AUC, LogLoss,
 * GAUC over the user column (when the schema has one), NDCG@k, Recall@k and HitRate@k over the group column
 * ({@link siebench.data.Schema#groupColumn() group, else query, else user}; binary relevance from the label,
 * groups without a click skipped), and calibration (predicted / observed CTR and ECE over equal-count bins).
 * Metrics whose structure is absent are left out of the table. Row weights of the samples are not used:
 * evaluation counts every impression once.
 *
 * <pre>{@code
 * Table t = Evaluation.of(split.test(), model.predict(encoder.encode(split.test()))).table();
 * }</pre>
 */
final class Evaluation {
  private final Table table;
  private final Calibration calibration;

  private Evaluation(Table table, Calibration calibration) {
    this.table = table;
    this.calibration = calibration;
  }

  /** Evaluation with k = 10 and 10 calibration bins. */
  public static Evaluation of(Samples samples, double[] probabilities) {
    return of(samples, probabilities, 10, 10);
  }

  /** Evaluation with cut-off {@code k} for the ranking metrics and {@code bins} calibration bins. */
  public static Evaluation of(Samples samples, double[] probabilities, int k, int bins) {
    float[] y = samples.labels();
    if (probabilities.length != y.length) {
      throw new IllegalArgumentException(probabilities.length + " predictions for " + samples.describe());
    }
    StringColumn metric = StringColumn.create("metric");
    DoubleColumn value = DoubleColumn.create("value");
    IntColumn used = IntColumn.create("groups_used");
    IntColumn groups = IntColumn.create("groups");
    add(metric, value, used, groups, "auc", Metrics.auc(y, probabilities), null);
    add(metric, value, used, groups, "logloss", Metrics.logLoss(y, probabilities), null);
    Optional<String> user = samples.schema().column(Role.USER);
    if (user.isPresent()) {
      GroupedMetric g = Gauc.of(y, probabilities, samples.strings(user.get()));
      add(metric, value, used, groups, g.name(), g.value(), g);
    }
    Optional<String> group = samples.schema().groupColumn();
    if (group.isPresent()) {
      Groups gr = Groups.of(samples.strings(group.get()));
      RankingMetrics.EmptyGroups skip = RankingMetrics.EmptyGroups.SKIP;
      for (GroupedMetric g : new GroupedMetric[] {
          RankingMetrics.ndcg(RankingMetrics.relevance(y), probabilities, gr, k, skip),
          RankingMetrics.recall(y, probabilities, gr, k, skip),
          RankingMetrics.hitRate(y, probabilities, gr, k, skip)}) {
        add(metric, value, used, groups, g.name(), g.value(), g);
      }
    }
    Calibration c = y.length == 0 ? null : Calibration.of(y, probabilities, bins);
    if (c != null) {
      add(metric, value, used, groups, "predicted_ctr", c.predictedRate(), null);
      add(metric, value, used, groups, "observed_ctr", c.observedRate(), null);
      add(metric, value, used, groups, "calibration", c.ratio(), null);
      add(metric, value, used, groups, "ece", c.ece(), null);
    }
    Table t = Table.create("evaluation on " + samples.describe(), metric, value, used, groups);
    return new Evaluation(t, c);
  }

  private static void add(StringColumn metric, DoubleColumn value, IntColumn used, IntColumn groups, String name,
      double v, GroupedMetric g) {
    metric.append(name);
    value.append(v);
    if (g == null) {
      used.appendMissing();
      groups.appendMissing();
    } else {
      used.append(g.groupsUsed());
      groups.append(g.groups());
    }
  }

  /** One row per metric: metric, value, groups_used and groups (missing for ungrouped metrics). */
  public Table table() {
    return table;
  }

  /** The value of {@code metric} (e.g. "auc", "gauc", "ndcg@10", "ece"), or NaN when it was not computed. */
  public double get(String metric) {
    for (int i = 0; i < table.rowCount(); i++) {
      if (table.stringColumn("metric").get(i).equals(metric)) {
        return table.doubleColumn("value").getDouble(i);
      }
    }
    return Double.NaN;
  }

  /** The calibration details, including the reliability table (null for empty samples). */
  public Calibration calibration() {
    return calibration;
  }

  @Override
  public String toString() {
    return table.print();
  }
}
