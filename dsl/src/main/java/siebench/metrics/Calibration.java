package siebench.metrics;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * How well predicted click probabilities match observed click rates.
 *
 * <p>Overall: the mean predicted CTR, the observed CTR and their ratio (predicted / observed; 1 is perfect,
 * the "calibration" of He et al. 2014, "Practical Lessons from Predicting Clicks on Ads at Facebook",
 * ADKDD). Locally: a reliability table over {@code bins} <b>equal-count</b> bins of the rows sorted by
 * predicted probability (bin {@code b} of {@code B} holds the rows of 0-based rank {@code r} with {@code
 * floor(r * B / n) = b}, so sizes differ by at most one; rows with equal probabilities keep their input order
 * and may straddle a boundary), and the expected calibration error {@code ECE = sum_b (n_b / n) |observed_b -
 * predicted_b|} and maximum calibration error {@code MCE = max_b |observed_b - predicted_b|} (Naeini, Cooper,
 * Hauskrecht 2015, "Obtaining Well Calibrated Probabilities Using Bayesian Binning", AAAI; Guo, Pleiss, Sun,
 * Weinberger 2017, "On Calibration of Modern Neural Networks", ICML). When there are fewer rows than bins,
 * each row is its own bin.
 */
public final class Calibration {
  private final double predicted;
  private final double observed;
  private final double ece;
  private final double mce;
  private final Table table;

  private Calibration(double predicted, double observed, double ece, double mce, Table table) {
    this.predicted = predicted;
    this.observed = observed;
    this.ece = ece;
    this.mce = mce;
    this.table = table;
  }

  /** Calibration of {@code probabilities} (each in [0, 1]) against 0/1 labels over {@code bins} equal-count bins. */
  public static Calibration of(float[] labels, double[] probabilities, int bins) {
    Checks.labels(labels);
    Checks.probabilities(probabilities, labels.length);
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    int n = labels.length;
    if (n == 0) {
      throw new IllegalArgumentException("calibration needs at least one row");
    }
    int nb = Math.min(bins, n);
    int[] order = Sorting.ascending(probabilities);
    IntColumn bin = IntColumn.create("bin", nb);
    DoubleColumn from = DoubleColumn.create("from", nb);
    DoubleColumn to = DoubleColumn.create("to", nb);
    IntColumn count = IntColumn.create("count", nb);
    DoubleColumn meanP = DoubleColumn.create("mean_predicted", nb);
    DoubleColumn rate = DoubleColumn.create("observed_rate", nb);
    DoubleColumn gap = DoubleColumn.create("gap", nb);
    double sumP = 0;
    double sumY = 0;
    double ece = 0;
    double mce = 0;
    for (int b = 0; b < nb; b++) {
      int start = (int) (((long) b * n + nb - 1) / nb); // ceil(b * n / nb)
      int end = (int) (((long) (b + 1) * n + nb - 1) / nb);
      double p = 0;
      double y = 0;
      for (int i = start; i < end; i++) {
        p += probabilities[order[i]];
        y += labels[order[i]];
      }
      sumP += p;
      sumY += y;
      int c = end - start;
      double diff = y / c - p / c;
      ece += (double) c / n * Math.abs(diff);
      mce = Math.max(mce, Math.abs(diff));
      bin.set(b, b);
      from.set(b, probabilities[order[start]]);
      to.set(b, probabilities[order[end - 1]]);
      count.set(b, c);
      meanP.set(b, p / c);
      rate.set(b, y / c);
      gap.set(b, diff);
    }
    Table t = Table.create("reliability (" + nb + " equal-count bins)", bin, from, to, count, meanP, rate, gap);
    return new Calibration(sumP / n, sumY / n, ece, mce, t);
  }

  /** Mean predicted probability (predicted CTR). */
  public double predictedRate() {
    return predicted;
  }

  /** Fraction of positive labels (observed CTR). */
  public double observedRate() {
    return observed;
  }

  /** Predicted over observed CTR: above 1 over-predicts, below 1 under-predicts; NaN when no positives. */
  public double ratio() {
    return observed == 0 ? Double.NaN : predicted / observed;
  }

  /** Expected calibration error over the equal-count bins. */
  public double ece() {
    return ece;
  }

  /** Maximum calibration error: the largest absolute gap of a bin. */
  public double mce() {
    return mce;
  }

  /**
   * The reliability table, one row per bin: bin, from and to (smallest and largest probability in the bin),
   * count, mean_predicted, observed_rate and gap (observed minus predicted).
   */
  public Table table() {
    return table;
  }

  @Override
  public String toString() {
    return "Calibration[predicted=" + predicted + ", observed=" + observed + ", ratio=" + ratio() + ", ece=" + ece
        + ", mce=" + mce + ", bins=" + table.rowCount() + "]";
  }
}
