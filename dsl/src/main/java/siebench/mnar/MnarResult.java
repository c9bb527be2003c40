package siebench.mnar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of an {@link MnarExperiment}: one {@link Run} per seed, objective and propensity estimator, and
 * the summary over seeds: the mean of every metric with the half-width of its 95% Student-t confidence interval,
 * and the paired difference of MSE to the naive model of the same seed (negative = the debiasing helped) with
 * its own interval.
 */
public final class MnarResult {
  /** One trained and evaluated model. */
  public record Run(long seed, RatingObjective objective, String propensity, RatingEvaluation evaluation) {}

  private final String description;
  private final List<Run> runs;

  MnarResult(String description, List<Run> runs) {
    this.description = description;
    this.runs = List.copyOf(runs);
  }

  public String description() {
    return description;
  }

  public List<Run> runs() {
    return runs;
  }

  /** Tidy table: seed, objective, propensity, MSE, MAE, AUC, NDCG@k. */
  public Table table() {
    LongColumn seed = LongColumn.create("seed");
    StringColumn obj = StringColumn.create("objective");
    StringColumn prop = StringColumn.create("propensity");
    List<DoubleColumn> metrics = new ArrayList<>();
    for (String name : RatingEvaluation.NAMES) {
      metrics.add(DoubleColumn.create(name));
    }
    for (Run r : runs) {
      seed.append(r.seed());
      obj.append(r.objective().shortName());
      prop.append(r.propensity());
      double[] v = r.evaluation().values();
      for (int m = 0; m < v.length; m++) {
        metrics.get(m).append(v[m]);
      }
    }
    Table t = Table.create("MNAR runs", seed, obj, prop);
    metrics.forEach(t::addColumns);
    return t;
  }

  /**
   * One row per (objective, propensity): n seeds, then per metric its mean and 95% CI half-width ({@code MSE},
   * {@code MSE_ci95}, ...), and {@code dMSE} / {@code dMSE_ci95}, the mean paired MSE difference to naive.
   */
  public Table summary() {
    Map<String, List<Run>> groups = new LinkedHashMap<>();
    Map<Long, Double> naiveMse = new LinkedHashMap<>();
    for (Run r : runs) {
      groups.computeIfAbsent(r.objective().shortName() + "\t" + r.propensity(), x -> new ArrayList<>()).add(r);
      if (r.objective() == RatingObjective.NAIVE) {
        naiveMse.put(r.seed(), r.evaluation().mse());
      }
    }
    StringColumn obj = StringColumn.create("objective");
    StringColumn prop = StringColumn.create("propensity");
    IntColumn n = IntColumn.create("n");
    List<DoubleColumn> cols = new ArrayList<>();
    for (String name : RatingEvaluation.NAMES) {
      cols.add(DoubleColumn.create(name));
      cols.add(DoubleColumn.create(name + "_ci95"));
    }
    DoubleColumn d = DoubleColumn.create("dMSE");
    DoubleColumn dci = DoubleColumn.create("dMSE_ci95");
    groups.forEach((key, list) -> {
      String[] parts = key.split("\t");
      obj.append(parts[0]);
      prop.append(parts[1]);
      n.append(list.size());
      for (int m = 0; m < RatingEvaluation.NAMES.length; m++) {
        int metric = m;
        double[] s = stats(list.stream().mapToDouble(r -> r.evaluation().values()[metric]).toArray());
        cols.get(2 * m).append(s[0]);
        cols.get(2 * m + 1).append(s[1]);
      }
      double[] diff = stats(list.stream().mapToDouble(r -> r.evaluation().mse()
          - naiveMse.getOrDefault(r.seed(), Double.NaN)).toArray());
      d.append(diff[0]);
      dci.append(diff[1]);
    });
    Table t = Table.create("MNAR summary: " + description, obj, prop, n);
    cols.forEach(t::addColumns);
    t.addColumns(d, dci);
    return t;
  }

  /** The summary as aligned text: {@code mean ± ci95} per metric. */
  public String print() {
    Table s = summary();
    int k = runs.isEmpty() ? 0 : runs.get(0).evaluation().k();
    StringBuilder sb = new StringBuilder();
    sb.append(description).append('\n');
    sb.append("mean ± 95% CI (Student t over seeds); dMSE = MSE minus the naive model's MSE on the same seed"
        + " (negative = better)\n");
    sb.append(String.format("%-6s %-12s %2s  %-17s %-17s %-17s %-17s %-17s%n", "method", "propensity", "n", "MSE",
        "MAE", "AUC", "NDCG@" + k, "dMSE vs naive"));
    for (int r = 0; r < s.rowCount(); r++) {
      sb.append(String.format("%-6s %-12s %2d ", s.stringColumn("objective").get(r), s.stringColumn("propensity")
          .get(r), s.intColumn("n").getInt(r)));
      for (String name : RatingEvaluation.NAMES) {
        sb.append(' ').append(cell(s.doubleColumn(name).getDouble(r), s.doubleColumn(name + "_ci95").getDouble(r)));
      }
      sb.append(' ').append(s.stringColumn("objective").get(r).equals("naive") ? String.format("%-17s", "-")
          : cell(s.doubleColumn("dMSE").getDouble(r), s.doubleColumn("dMSE_ci95").getDouble(r)));
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String cell(double mean, double ci) {
    return String.format("%-17s", Double.isNaN(ci) ? String.format("%.4f", mean)
        : String.format("%.4f ± %.4f", mean, ci));
  }

  /** Mean and the 95% Student-t half-width (NaN for fewer than 2 values); NaN values are skipped. */
  static double[] stats(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    double mean = n == 0 ? Double.NaN : sum / n;
    double ss = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        ss += (v - mean) * (v - mean);
      }
    }
    double half = n > 1 ? tQuantile975(n - 1) * Math.sqrt(ss / (n - 1)) / Math.sqrt(n) : Double.NaN;
    return new double[] {mean, half};
  }

  /** The 97.5% quantile of Student's t with {@code df} degrees of freedom (table; 1.96 beyond 60). */
  static double tQuantile975(int df) {
    double[] table = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086};
    return df <= table.length ? table[df - 1] : df <= 30 ? 2.042 : df <= 60 ? 2.000 : 1.96;
  }

  @Override
  public String toString() {
    return print();
  }
}
