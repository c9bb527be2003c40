package siebench.cvr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import siebench.metrics.MeanInterval;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The metrics of a {@link CvrComparison} (naive, ESMM of Ma et al. 2018, Multi-IPS / Multi-DR of Zhang et al.
 * 2020): one row per seed, objective and metric; the summary as mean and 95% confidence half-width over seeds
 * (Student's t); and every objective's difference to the baseline (the first objective), paired by seed. On
 * simulated data the rows of objective {@value #TRUTH} hold the metrics of the true probabilities.
 */
public final class CvrComparisonResult {
  /** The objective name of the reference rows: the true probabilities as predictions (simulated data). */
  public static final String TRUTH = "truth";

  /** One measurement. */
  public record Row(long seed, String objective, String metric, double value) {}

  private final String data;
  private final List<String> objectives;
  private final List<String> splits;
  private final List<Row> rows;

  CvrComparisonResult(String data, List<String> objectives, List<String> splits, List<Row> rows) {
    this.data = data;
    this.objectives = List.copyOf(objectives);
    this.splits = List.copyOf(splits);
    this.rows = List.copyOf(rows);
  }

  /** One line per seed: the training and test impressions, clicks and conversions. */
  public List<String> splits() {
    return splits;
  }

  /** The objectives' names, the baseline first. */
  public List<String> objectives() {
    return objectives;
  }

  /** The metric names, in evaluation order. */
  public List<String> metrics() {
    Set<String> m = new LinkedHashSet<>();
    rows.forEach(r -> m.add(r.metric()));
    return List.copyOf(m);
  }

  /** True when the rows include the {@value #TRUTH} reference. */
  public boolean hasTruth() {
    return rows.stream().anyMatch(r -> r.objective().equals(TRUTH));
  }

  /** The seeds, in run order. */
  public List<Long> seeds() {
    Set<Long> s = new LinkedHashSet<>();
    rows.forEach(r -> s.add(r.seed()));
    return List.copyOf(s);
  }

  /** All measurements. */
  public List<Row> rows() {
    return rows;
  }

  /** The values of one objective and metric, in seed order (NaN where undefined, e.g. one class). */
  public double[] values(String objective, String metric) {
    return rows.stream().filter(r -> r.objective().equals(objective) && r.metric().equals(metric))
        .mapToDouble(Row::value).toArray();
  }

  /** The per-seed differences {@code objective - baseline} of one metric. */
  public double[] differences(String objective, String metric) {
    double[] a = values(objective, metric);
    double[] b = values(objectives.get(0), metric);
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    return d;
  }

  /** Tidy table: seed, objective, metric, value. */
  public Table table() {
    LongColumn seed = LongColumn.create("seed");
    StringColumn obj = StringColumn.create("objective");
    StringColumn met = StringColumn.create("metric");
    DoubleColumn val = DoubleColumn.create("value");
    for (Row r : rows) {
      seed.append(r.seed());
      obj.append(r.objective());
      met.append(r.metric());
      val.append(r.value());
    }
    return Table.create("cvr results", seed, obj, met, val);
  }

  /** objective, metric, n, mean, ci95, and the paired difference to the baseline: diff_mean, diff_ci95. */
  public Table summary() {
    StringColumn obj = StringColumn.create("objective");
    StringColumn met = StringColumn.create("metric");
    IntColumn n = IntColumn.create("n");
    DoubleColumn mean = DoubleColumn.create("mean");
    DoubleColumn ci = DoubleColumn.create("ci95");
    DoubleColumn dMean = DoubleColumn.create("diff_mean");
    DoubleColumn dCi = DoubleColumn.create("diff_ci95");
    List<String> all = new ArrayList<>(objectives);
    if (hasTruth()) {
      all.add(TRUTH);
    }
    for (String o : all) {
      for (String m : metrics()) {
        MeanInterval s = MeanInterval.of(values(o, m));
        MeanInterval d = MeanInterval.of(differences(o, m));
        obj.append(o);
        met.append(m);
        n.append(s.n());
        mean.append(s.mean());
        ci.append(s.halfWidth());
        dMean.append(d.mean());
        dCi.append(d.halfWidth());
      }
    }
    return Table.create("cvr summary", obj, met, n, mean, ci, dMean, dCi);
  }

  /**
   * Two text tables: every objective's metrics as {@code mean ± ci95} over the seeds, and every objective's
   * difference to the baseline, paired by seed ({@code *} where the interval excludes 0).
   */
  public String print() {
    List<String> metrics = metrics();
    StringBuilder sb = new StringBuilder();
    java.util.Set<String> distinct = new LinkedHashSet<>();
    splits.forEach(line -> distinct.add(line.substring(line.indexOf(": ") + 2)));
    if (distinct.size() == 1 && splits.size() > 1) {
      sb.append("every seed: ").append(distinct.iterator().next()).append(System.lineSeparator());
    } else {
      splits.forEach(line -> sb.append(line).append(System.lineSeparator()));
    }
    sb.append(System.lineSeparator());
    sb.append(String.format("%s: %d seeds %s; mean ± 95%% CI (Student's t over seeds)%n", data, seeds().size(),
        seeds()));
    sb.append(render(metrics, false));
    if (hasTruth()) {
      sb.append("(truth) = the true click and conversion probabilities as predictions: the ceiling of each metric")
          .append(System.lineSeparator());
    }
    sb.append(String.format("%ndifference to %s, paired by seed (* = the 95%% CI excludes 0)%n", objectives.get(0)));
    sb.append(render(metrics, true));
    return sb.toString();
  }

  private String render(List<String> metrics, boolean paired) {
    List<String[]> lines = new ArrayList<>();
    String[] head = new String[metrics.size() + 1];
    head[0] = "objective";
    for (int j = 0; j < metrics.size(); j++) {
      head[j + 1] = metrics.get(j);
    }
    lines.add(head);
    List<String> shown = new ArrayList<>(paired ? objectives.subList(1, objectives.size()) : objectives);
    if (!paired && hasTruth()) {
      shown.add(TRUTH);
    }
    for (String o : shown) {
      String[] line = new String[metrics.size() + 1];
      line[0] = o.equals(TRUTH) ? "(truth)" : o;
      for (int j = 0; j < metrics.size(); j++) {
        MeanInterval s = MeanInterval.of(paired ? differences(o, metrics.get(j)) : values(o, metrics.get(j)));
        line[j + 1] = cell(s.mean(), s.halfWidth(), paired);
      }
      lines.add(line);
    }
    int[] width = new int[head.length];
    for (String[] l : lines) {
      for (int j = 0; j < l.length; j++) {
        width[j] = Math.max(width[j], l[j].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] l : lines) {
      for (int j = 0; j < l.length; j++) {
        sb.append(j == 0 ? String.format("%-" + width[j] + "s", l[j]) : String.format("  %" + width[j] + "s", l[j]));
      }
      sb.append(System.lineSeparator());
    }
    return sb.toString();
  }

  private static String cell(double mean, double ci, boolean paired) {
    if (Double.isNaN(mean)) {
      return "n/a";
    }
    String m = String.format(Locale.ROOT, paired ? "%+.4f" : "%.4f", mean);
    if (Double.isNaN(ci)) {
      return m;
    }
    String star = paired && Math.abs(mean) > ci ? "*" : paired ? " " : "";
    return m + String.format(Locale.ROOT, " ± %.4f", ci) + star;
  }

  @Override
  public String toString() {
    return print();
  }
}
