package siebench.report;

import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import siebench.importance.Importance;
import siebench.train.EpochStats;
import siebench.train.TrainResult;
import tech.tablesaw.api.Table;

/**
 * The diagnostic plots of a single run, as the {@link Summaries} show them and usable on their own ({@code
 * display(DiagnosticCharts.histogram(imp, 40))}): the histogram of an importance estimate's scores and the
 * learning curve (training loss and validation log loss per epoch) of a training run. The plots comparing
 * estimators are {@link BenchmarkCharts}.
 */
public final class DiagnosticCharts {
  /** Default chart size in logical pixels. */
  public static final int WIDTH = 560;
  public static final int HEIGHT = 320;

  private DiagnosticCharts() {}

  /**
   * A histogram of importance scores: {@code bins} equal-width bins from {@link Importance#histogram(int)},
   * each bar at its bin centre.
   */
  public static CategoryChart histogram(Importance importance, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    Table h = importance.histogram(bins);
    double[] centre = new double[bins];
    double[] count = new double[bins];
    for (int b = 0; b < bins; b++) {
      centre[b] = (h.doubleColumn("from").getDouble(b) + h.doubleColumn("to").getDouble(b)) / 2;
      count[b] = h.intColumn("count").getInt(b);
    }
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title(importance.estimator() + " scores (" + Html.formatCount(importance.size()) + " rows)")
        .xAxisTitle("score").yAxisTitle("rows").build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setAvailableSpaceFill(0.96);
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setXAxisMaxLabelCount(12);
    chart.getStyler().setXAxisDecimalPattern(decimalPattern(centre));
    chart.getStyler().setChartTitleVisible(true);
    chart.addSeries("rows", centre, count);
    return chart;
  }

  /**
   * A tick-label pattern for values: plain with up to 3 decimals when they are of moderate size, else
   * scientific with 3 significant digits.
   */
  static String decimalPattern(double[] values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, Math.abs(v));
    }
    if (max == 0 || (max >= 1e-2 && max < 1e5)) {
      return max < 10 ? "0.###" : "0.#";
    }
    return "0.##E0";
  }

  /**
   * The learning curve of a training run: training loss and, when a validation set was used, validation log
   * loss per epoch; validation AUC on the same axes would mislead, so it is left to the history table.
   */
  public static XYChart learningCurve(TrainResult result) {
    return learningCurve(result.task().model().name(), result.history());
  }

  /** The learning curve of a history; epochs whose validation loss is NaN are left out of that series. */
  public static XYChart learningCurve(String title, List<EpochStats> history) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title + " learning curve")
        .xAxisTitle("epoch").yAxisTitle("log loss").build();
    chart.getStyler().setXAxisDecimalPattern("0");
    int n = history.size();
    double[] epoch = new double[n];
    double[] train = new double[n];
    int nv = 0;
    for (EpochStats e : history) {
      if (!Double.isNaN(e.validationLogLoss())) {
        nv++;
      }
    }
    double[] vEpoch = new double[nv];
    double[] valid = new double[nv];
    int j = 0;
    for (int i = 0; i < n; i++) {
      EpochStats e = history.get(i);
      epoch[i] = e.epoch();
      train[i] = e.trainLoss();
      if (!Double.isNaN(e.validationLogLoss())) {
        vEpoch[j] = e.epoch();
        valid[j++] = e.validationLogLoss();
      }
    }
    if (n > 0) {
      XYSeries s = chart.addSeries("train loss", epoch, train);
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    if (nv > 0) {
      XYSeries s = chart.addSeries("validation log loss", vEpoch, valid);
      s.setMarker(SeriesMarkers.DIAMOND);
    }
    return chart;
  }
}
