package siebench.importance.dynamics;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import siebench.data.Samples;
import siebench.importance.Importance;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A data map (Swayamdipta et al. 2020, "Dataset Cartography"): per training row, the <em>confidence</em>
 * (mean probability of the true label over the observed epochs and runs), the <em>variability</em> (its
 * standard deviation) and the <em>correctness</em> (fraction of observations classified correctly). Immutable.
 */
public final class DataMap {
  /** Points drawn by {@link #chart()} at most (a seeded random subset beyond that). */
  public static final int MAX_CHART_POINTS = 20_000;

  private final long[] rowIds;
  private final float[] labels;
  private final double[] confidence;
  private final double[] variability;
  private final double[] correctness;
  private final Map<String, Object> parameters;
  private final Importance.Cost cost;

  DataMap(long[] rowIds, float[] labels, double[] confidence, double[] variability, double[] correctness,
      Map<String, Object> parameters, Importance.Cost cost) {
    this.rowIds = rowIds.clone();
    this.labels = labels.clone();
    this.confidence = confidence.clone();
    this.variability = variability.clone();
    this.correctness = correctness.clone();
    this.parameters = Map.copyOf(parameters);
    this.cost = cost;
  }

  public int size() {
    return rowIds.length;
  }

  public long[] rowIds() {
    return rowIds.clone();
  }

  /** Mean probability of the true label, per row. */
  public double[] confidence() {
    return confidence.clone();
  }

  /** Standard deviation (population form, as in the paper) of the true-label probability, per row. */
  public double[] variability() {
    return variability.clone();
  }

  /** Fraction of observations in which the row was classified correctly. */
  public double[] correctness() {
    return correctness.clone();
  }

  public Importance.Cost cost() {
    return cost;
  }

  /**
   * The region of the map each row falls in, following the paper's reading of the map: {@code
   * easy-to-learn} (confidence and variability both in the upper / lower third: confident, stable), {@code
   * hard-to-learn} (low confidence, low variability), {@code ambiguous} (high variability), else {@code
   * middle}. Thresholds are the terciles of this map's confidence and variability.
   */
  public String[] regions() {
    double[] ct = terciles(confidence);
    double[] vt = terciles(variability);
    String[] out = new String[size()];
    for (int i = 0; i < out.length; i++) {
      if (variability[i] >= vt[1]) {
        out[i] = "ambiguous";
      } else if (confidence[i] >= ct[1] && variability[i] <= vt[0]) {
        out[i] = "easy-to-learn";
      } else if (confidence[i] <= ct[0] && variability[i] <= vt[0]) {
        out[i] = "hard-to-learn";
      } else {
        out[i] = "middle";
      }
    }
    return out;
  }

  private static double[] terciles(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return new double[] {s[(int) ((s.length - 1) / 3.0)], s[(int) (2 * (s.length - 1) / 3.0)]};
  }

  /** The map as a table: row_id, label, confidence, variability, correctness, region. */
  public Table table() {
    DoubleColumn y = DoubleColumn.create("label", size());
    for (int i = 0; i < size(); i++) {
      y.set(i, labels[i]);
    }
    return Table.create("data map", LongColumn.create(Samples.ROW_ID, rowIds), y,
        DoubleColumn.create("confidence", confidence), DoubleColumn.create("variability", variability),
        DoubleColumn.create("correctness", correctness), StringColumn.create("region", regions()));
  }

  /** The importance {@code 1 - confidence}: higher = harder to learn / more likely mislabeled. */
  public Importance importance() {
    double[] s = new double[size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = 1 - confidence[i];
    }
    return new Importance("datamaps", parameters, rowIds, s, cost, Importance.Meaning.HARDNESS);
  }

  /** Another per-row statistic as an importance: variability (higher = more ambiguous). */
  public Importance variabilityImportance() {
    return new Importance("datamaps-variability", parameters, rowIds, variability, cost, Importance.Meaning.HARDNESS);
  }

  /**
   * The map as an XChart scatter plot: variability on x, confidence on y, one series per correctness bin
   * ({@code [0, 0.2)}, ..., {@code [0.8, 1.0]}), at most {@link #MAX_CHART_POINTS} points (seeded subset).
   */
  public XYChart chart() {
    XYChart chart = new XYChartBuilder().width(720).height(540).title("Data map (" + size() + " rows)")
        .xAxisTitle("variability").yAxisTitle("confidence").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(4);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    int[] rows = chartRows();
    int bins = 5;
    Color[] colors = {new Color(0x2c7bb6), new Color(0x74add1), new Color(0xfdae61), new Color(0xf46d43),
        new Color(0xd73027)};
    for (int b = 0; b < bins; b++) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i : rows) {
        int bin = Math.min(bins - 1, (int) Math.floor(correctness[i] * bins));
        if (bin == b) {
          xs.add(variability[i]);
          ys.add(confidence[i]);
        }
      }
      if (!xs.isEmpty()) {
        String name = String.format("correctness %.1f-%.1f", b / (double) bins, (b + 1) / (double) bins);
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(colors[bins - 1 - b]);
      }
    }
    return chart;
  }

  private int[] chartRows() {
    int n = size();
    if (n <= MAX_CHART_POINTS) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] perm = Samples.permutation(n, 17);
    int[] out = new int[MAX_CHART_POINTS];
    System.arraycopy(perm, 0, out, 0, out.length);
    return out;
  }

  @Override
  public String toString() {
    double c = 0;
    double v = 0;
    for (int i = 0; i < size(); i++) {
      c += confidence[i];
      v += variability[i];
    }
    return String.format("DataMap[%d rows, mean confidence %.4f, mean variability %.4f]", size(),
        c / Math.max(1, size()), v / Math.max(1, size()));
  }
}
