package siebench.importance.correction;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import siebench.core.Interval;
import siebench.data.Samples;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Position-bias estimation from result randomization: in logs where the ranking was randomized (uniformly
 * shuffled top-k, or swap interventions that exchange the result at rank 1 with the one at rank k), relevance
 * is independent of position, so the click-through rate at position k divided by that at position 1
 * estimates {@code theta_k / theta_1}.
 *
 * <p>References: Wang, Bendersky, Metzler &amp; Najork (2016), "Learning to Rank with Selection Bias in
 * Personal Search", SIGIR (RandTop-k); Joachims, Swaminathan &amp; Schnabel (2017), "Unbiased
 * Learning-to-Rank with Biased Feedback", WSDM (swap interventions). For swap interventions pass only the
 * intervened rows (positions 1 and k of the swapped sessions).
 *
 * <p>Standard errors by the delta method on the log ratio:
 * {@code Var(log r_k) = (1 - c_k) / (n_k c_k) + (1 - c_1) / (n_1 c_1)}, {@code se(r_k) = r_k sqrt(Var)}.
 */
public final class ResultRandomization {
  private ResultRandomization() {}

  /**
   * Relative propensities {@code CTR_k / CTR_1} from randomized click logs (label = click, position role);
   * fails when position 1 has no clicks, or names the positions without rows.
   */
  public static Propensities estimate(Samples randomizedLogs) {
    long[][] counts = countsByPosition(randomizedLogs);
    long[] n = counts[0];
    long[] clicks = counts[1];
    int kMax = n.length;
    if (n.length == 0 || clicks[0] == 0) {
      throw new IllegalArgumentException("result randomization needs clicks at position 1; "
          + randomizedLogs.describe() + " has " + (n.length == 0 ? 0 : n[0]) + " rows and no clicks there");
    }
    double c1 = (double) clicks[0] / n[0];
    double[] v = new double[kMax];
    double[] se = new double[kMax];
    for (int k = 0; k < kMax; k++) {
      if (n[k] == 0) {
        v[k] = Double.NaN;
        se[k] = Double.NaN;
        continue;
      }
      double ck = (double) clicks[k] / n[k];
      if (clicks[k] == 0) {
        throw new IllegalArgumentException("result randomization: position " + (k + 1) + " has " + n[k]
            + " rows but no clicks in " + randomizedLogs.describe() + "; its propensity cannot be estimated");
      }
      v[k] = ck / c1;
      double var = (1 - ck) / (n[k] * ck) + (1 - c1) / (n[0] * c1);
      se[k] = k == 0 ? 0 : v[k] * Math.sqrt(var);
    }
    return Propensities.estimated(v, se, "relative result-randomization");
  }

  /** Impressions ({@code [0]}) and clicks ({@code [1]}) per position 1..max, from the position role and labels. */
  private static long[][] countsByPosition(Samples logs) {
    int[] pos = Propensities.positions(logs);
    float[] c = logs.labels();
    int kMax = 0;
    for (int p : pos) {
      kMax = Math.max(kMax, p);
    }
    long[][] counts = new long[2][kMax];
    for (int i = 0; i < pos.length; i++) {
      counts[0][pos[i] - 1]++;
      counts[1][pos[i] - 1] += c[i] > 0.5f ? 1 : 0;
    }
    return counts;
  }

  /**
   * The click-through rate at every position of click logs (label = click, position role) with its 95% Wilson
   * score interval ({@link Interval#wilson}): columns position, impressions, clicks, ctr, ctr_lo95, ctr_hi95, for
   * the positions that have rows. On randomized logs the rates are proportional to the examination probabilities
   * that {@link #estimate} divides out.
   */
  public static Table ctrByPosition(Samples logs) {
    long[][] counts = countsByPosition(logs);
    long[] n = counts[0];
    long[] clicks = counts[1];
    int kMax = n.length;
    IntColumn position = IntColumn.create("position");
    DoubleColumn impressions = DoubleColumn.create("impressions");
    DoubleColumn clicked = DoubleColumn.create("clicks");
    DoubleColumn ctr = DoubleColumn.create("ctr");
    DoubleColumn lo = DoubleColumn.create("ctr_lo95");
    DoubleColumn hi = DoubleColumn.create("ctr_hi95");
    for (int k = 0; k < kMax; k++) {
      if (n[k] == 0) {
        continue;
      }
      Interval w = Interval.wilson(clicks[k], n[k]);
      position.append(k + 1);
      impressions.append(n[k]);
      clicked.append(clicks[k]);
      ctr.append(w.estimate());
      lo.append(w.lower());
      hi.append(w.upper());
    }
    return Table.create("CTR by position, " + logs.describe(), position, impressions, clicked, ctr, lo, hi);
  }
  /**
   * The click-through rates of {@link #ctrByPosition} as a bar per position with whiskers of half the width of
   * the 95% Wilson interval (the interval itself is asymmetric: the table has its bounds).
   */
  public static CategoryChart ctrChart(Table ctrByPosition) {
    for (String c : new String[] {"position", "ctr", "ctr_lo95", "ctr_hi95"}) {
      if (!ctrByPosition.columnNames().contains(c)) {
        throw new IllegalArgumentException("expected the table of ctrByPosition (columns position, ctr, ctr_lo95,"
            + " ctr_hi95); it has no '" + c + "' column: " + ctrByPosition.columnNames());
      }
    }
    double[] x = ctrByPosition.numberColumn("position").asDoubleArray();
    double[] ctr = ctrByPosition.numberColumn("ctr").asDoubleArray();
    double[] lo = ctrByPosition.numberColumn("ctr_lo95").asDoubleArray();
    double[] hi = ctrByPosition.numberColumn("ctr_hi95").asDoubleArray();
    double[] half = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      half[k] = (hi[k] - lo[k]) / 2;
    }
    CategoryChart chart = new CategoryChartBuilder().width(520).height(300)
        .title("CTR by position, +/- half the 95% interval").xAxisTitle("position").yAxisTitle("CTR").build();
    chart.addSeries("CTR, whiskers: half the 95% Wilson width", x, ctr, half);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setYAxisDecimalPattern("0.000");
    return chart;
  }
}
