package siebench.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * XChart plots of benchmark results, built from the tidy result table (estimator, protocol, metric, seed, x,
 * value): curves of a metric against x averaged over seeds, one series per estimator, and scatter plots.
 */
public final class Charts {
  /** The colour of an oracle reference line. */
  public static final Color ORACLE = new Color(0, 120, 60);
  /** The colour of a noisy-baseline reference line. */
  public static final Color BASELINE = Color.DARK_GRAY;

  private Charts() {}

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

  /** The chart as PNG bytes (headless-safe). */
  public static byte[] png(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render chart '" + chart.getTitle() + "'", e);
    }
  }

  /** An {@code <img>} tag with the chart embedded as a base64 PNG data URI. */
  public static String imgTag(Chart<?, ?> chart) {
    return "<img alt=\"" + Html.escape(chart.getTitle()) + "\" src=\"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(png(chart)) + "\"/>";
  }
}
