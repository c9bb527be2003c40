package siebench.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import siebench.benchmark.Benchmark;
import siebench.benchmark.BenchmarkResult;
import siebench.benchmark.Protocol;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The XChart plots of a {@link BenchmarkResult} ({@link #of}), built from its tidy result table (estimator,
 * protocol, metric, seed, x, value): curves of a metric against x averaged over seeds, one series per estimator,
 * with the oracle and the noisy baseline as dashed reference lines, and cost versus quality as a scatter plot.
 * Rendered to PNG/SVG by {@link ChartImages}.
 */
public final class BenchmarkCharts {
  /** The colour of an oracle reference line. */
  public static final Color ORACLE = new Color(0, 120, 60);
  /** The colour of a noisy-baseline reference line. */
  public static final Color BASELINE = Color.DARK_GRAY;

  private BenchmarkCharts() {}

  /**
   * The plots that apply to the protocols of {@code result}, by file-friendly name: {@code cleaning} (LogLoss
   * recovery) and {@code cleaning_auc}, {@code pruning}, {@code removal}, {@code detection_pr} (interpolated
   * precision at recall) and {@code cost_quality} (estimator wall time against the first quality protocol's
   * primary metric).
   */
  public static Map<String, XYChart> of(BenchmarkResult result) {
    Table tidy = result.table();
    List<Protocol> protocols = result.protocols();
    Map<String, XYChart> charts = new LinkedHashMap<>();
    for (Protocol p : protocols) {
      switch (p.name()) {
        case "cleaning" -> {
          XYChart rec = curves(tidy, "cleaning", "Cleaning: share of the oracle's LogLoss gain recovered",
              "fraction of training rows removed (most suspicious first)",
              "recovery (0 = noisy, 1 = oracle; axis from -2)", "recovery_logloss");
          rec.getStyler().setYAxisMin(-2.0).setYAxisMax(1.5); // far worse than doing nothing is all the same
          double removedMax = xRange(tidy, "cleaning")[1];
          referenceLine(rec, "oracle (reference)", 0, removedMax, 1, ORACLE);
          referenceLine(rec, "noisy (reference)", 0, removedMax, 0, BASELINE);
          charts.put("cleaning", rec);
          charts.put("cleaning_auc", withReferences(result, tidy, curves(tidy, "cleaning",
              "Cleaning: test AUC after removing the most suspicious rows", "fraction removed", "test AUC", "auc"),
              "cleaning", "auc"));
        }
        case "pruning" -> charts.put("pruning", withReferences(result, tidy, curves(tidy, "pruning",
            "Data pruning: test AUC keeping the most valuable / the hardest rows", "fraction of training rows kept",
            "test AUC", "auc", "auc_hardest"), "pruning", "auc"));
        case "removal" -> charts.put("removal", curves(tidy, "removal",
            "Point removal: test AUC after removing the most valuable / most suspicious rows", "fraction removed",
            "test AUC", "auc_remove_valuable", "auc_remove_suspicious"));
        case "detection" -> charts.put("detection_pr", curves(tidy, "detection",
            "Noisy-label detection: interpolated precision at recall", "recall", "precision",
            "precision_at_recall"));
        default -> { }
      }
    }
    Protocol quality = protocols.stream().filter(p -> !p.name().equals("cost") && !p.name().equals("stability"))
        .findFirst().orElse(null);
    if (quality != null) {
      Map<String, double[]> points = new LinkedHashMap<>();
      Table s = result.summary();
      for (String est : s.stringColumn("estimator").unique()) {
        double secs = result.mean(est, "cost", "seconds");
        double q = result.mean(est, quality.name(), quality.primaryMetric());
        if (!Double.isNaN(secs) && !Double.isNaN(q)) {
          points.put(est, new double[] {secs, q});
        }
      }
      if (!points.isEmpty()) {
        charts.put("cost_quality", scatter("Cost versus quality", "estimator wall time (s)",
            quality.name() + " " + quality.primaryMetric(), points));
      }
    }
    return charts;
  }

  /**
   * The smallest and the largest abscissa of a protocol's curves: {@code {lo, hi}}, with {@code lo} 0 and
   * {@code hi} 1 when it has none (and {@code hi} 1 when no x is above 0).
   */
  private static double[] xRange(Table tidy, String protocol) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (int r = 0; r < tidy.rowCount(); r++) {
      double x = tidy.doubleColumn("x").getDouble(r);
      if (tidy.stringColumn("protocol").get(r).equals(protocol) && !Double.isNaN(x)) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
    return new double[] {Double.isInfinite(lo) ? 0 : lo, hi > 0 ? hi : 1};
  }

  /** Adds the oracle's and the noisy baseline's mean {@code metric} as dashed lines across the protocol's x range. */
  private static XYChart withReferences(BenchmarkResult result, Table tidy, XYChart chart, String protocol,
      String metric) {
    double[] x = xRange(tidy, protocol);
    referenceLine(chart, "oracle (reference)", x[0], x[1],
        result.mean(Benchmark.ORACLE, Benchmark.REFERENCE, metric), ORACLE);
    referenceLine(chart, "noisy (reference)", x[0], x[1],
        result.mean(Benchmark.NOISY, Benchmark.REFERENCE, metric), BASELINE);
    return chart;
  }

  /**
   * A line chart of {@code metric} of {@code protocol} against x, mean over seeds, one series per estimator
   * (and per metric when several are given, e.g. removal's two curves).
   */
  public static XYChart curves(Table tidy, String protocol, String title, String xTitle, String yTitle,
      String... metrics) {
    XYChart chart = new XYChartBuilder().width(760).height(440).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    style(chart);
    for (String metric : metrics) {
      Map<String, TreeMap<Double, double[]>> byEstimator = new LinkedHashMap<>();
      StringColumn est = tidy.stringColumn("estimator");
      StringColumn prot = tidy.stringColumn("protocol");
      StringColumn met = tidy.stringColumn("metric");
      DoubleColumn x = tidy.doubleColumn("x");
      DoubleColumn v = tidy.doubleColumn("value");
      for (int r = 0; r < tidy.rowCount(); r++) {
        if (prot.get(r).equals(protocol) && met.get(r).equals(metric) && !Double.isNaN(x.getDouble(r))
            && !Double.isNaN(v.getDouble(r))) {
          double[] acc = byEstimator.computeIfAbsent(est.get(r), k -> new TreeMap<>())
              .computeIfAbsent(x.getDouble(r), k -> new double[2]);
          acc[0] += v.getDouble(r);
          acc[1]++;
        }
      }
      for (Map.Entry<String, TreeMap<Double, double[]>> e : byEstimator.entrySet()) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        e.getValue().forEach((k, acc) -> {
          xs.add(k);
          ys.add(acc[0] / acc[1]);
        });
        String name = metrics.length > 1 ? e.getKey() + " (" + metric.replace('_', ' ') + ")" : e.getKey();
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.CIRCLE);
      }
    }
    return chart;
  }

  /**
   * Adds a dashed horizontal reference line (e.g. the oracle or the noisy baseline) across {@code [x0, x1]};
   * no line when {@code y} is NaN.
   */
  public static void referenceLine(XYChart chart, String name, double x0, double x1, double y,
      Color color) {
    if (Double.isNaN(y)) {
      return;
    }
    XYSeries s = chart.addSeries(name, new double[] {x0, x1}, new double[] {y, y});
    s.setMarker(SeriesMarkers.NONE);
    s.setLineStyle(SeriesLines.DASH_DASH);
    s.setLineColor(color);
  }


  /** A scatter plot with one labeled point per entry (e.g. cost versus quality per estimator). */
  public static XYChart scatter(String title, String xTitle, String yTitle, Map<String, double[]> points) {
    XYChart chart = new XYChartBuilder().width(760).height(440).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    style(chart);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(12);
    points.forEach((name, xy) -> chart.addSeries(name, new double[] {xy[0]}, new double[] {xy[1]}));
    return chart;
  }

  private static void style(XYChart chart) {
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setPlotGridLinesVisible(true);
  }
}
