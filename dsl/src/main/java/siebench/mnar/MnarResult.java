package siebench.mnar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import siebench.metrics.MeanInterval;
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
        MeanInterval s = MeanInterval.of(list.stream().mapToDouble(r -> r.evaluation().values()[metric]).toArray());
        cols.get(2 * m).append(s.mean());
        cols.get(2 * m + 1).append(s.halfWidth());
      }
      MeanInterval diff = MeanInterval.of(list.stream().mapToDouble(r -> r.evaluation().mse()
          - naiveMse.getOrDefault(r.seed(), Double.NaN)).toArray());
      d.append(diff.mean());
      dci.append(diff.halfWidth());
    });
    Table t = Table.create("MNAR summary: " + description, obj, prop, n);
    cols.forEach(t::addColumns);
    t.addColumns(d, dci);
    return t;
  }

  /**
   * One metric ({@code "MSE"}, {@code "MAE"}, {@code "AUC"} or {@code "NDCG@k"}) by objective, one series per
   * propensity estimator, each starting at the naive model (which needs no propensities): the mean over seeds,
   * with the 95% Student-t interval as error bars when there are at least two seeds.
   */
  public CategoryChart chart(String metric) {
    if (!Arrays.asList(RatingEvaluation.NAMES).contains(metric)) {
      throw new IllegalArgumentException("unknown metric '" + metric + "'; expected one of "
          + Arrays.toString(RatingEvaluation.NAMES));
    }
    Table s = summary();
    StringColumn obj = s.stringColumn("objective");
    StringColumn prop = s.stringColumn("propensity");
    DoubleColumn mean = s.doubleColumn(metric);
    DoubleColumn ci = s.doubleColumn(metric + "_ci95");
    int naive = obj.indexOf(RatingObjective.NAIVE.shortName());
    long seeds = runs.stream().mapToLong(Run::seed).distinct().count();
    boolean bars = seeds > 1;
    CategoryChart chart = new CategoryChartBuilder().width(620).height(320)
        .title(metric + " on the MAR evaluation set, " + (bars ? "mean and 95% CI over " + seeds + " seeds"
            : "one seed"))
        .xAxisTitle("objective").yAxisTitle(metric).build();
    List<String> estimators = prop.asList().stream().filter(p -> !p.equals("-")).distinct().toList();
    for (String p : estimators) {
      List<String> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      List<Double> e = new ArrayList<>();
      if (naive >= 0) {
        x.add(obj.get(naive));
        y.add(mean.getDouble(naive));
        e.add(ci.getDouble(naive));
      }
      for (int r = 0; r < s.rowCount(); r++) {
        if (prop.get(r).equals(p)) {
          x.add(obj.get(r));
          y.add(mean.getDouble(r));
          e.add(ci.getDouble(r));
        }
      }
      if (bars) {
        chart.addSeries(p, x, y, e);
      } else {
        chart.addSeries(p, x, y);
      }
    }
    return chart;
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

  @Override
  public String toString() {
    return print();
  }
}
