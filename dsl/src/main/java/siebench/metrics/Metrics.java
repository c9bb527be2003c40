package siebench.metrics;

/**
 * Ranking and calibration metrics for binary CTR prediction. All methods take labels in {0, 1} and scores or
 * probabilities in the same row order.
 */
public final class Metrics {
  private Metrics() {}

  /**
   * Area under the ROC curve, with tied scores counted as half (the Mann-Whitney U statistic divided by
   * {@code n_pos * n_neg}). NaN when only one class is present.
   */
  public static double auc(float[] labels, double[] scores) {
    return weightedAuc(labels, scores, null);
  }

  /** AUC where each row counts with a weight (null = all 1): weighted Mann-Whitney with ties as half. */
  public static double weightedAuc(float[] labels, double[] scores, double[] weights) {
    int n = labels.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double pos = 0;
    double neg = 0;
    double area = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      double tiePos = 0;
      double tieNeg = 0;
      while (j < n && scores[order[j]] == scores[order[i]]) {
        double w = weights == null ? 1 : weights[order[j]];
        if (labels[order[j]] > 0.5f) {
          tiePos += w;
        } else {
          tieNeg += w;
        }
        j++;
      }
      area += tiePos * (neg + 0.5 * tieNeg);
      pos += tiePos;
      neg += tieNeg;
      i = j;
    }
    return pos == 0 || neg == 0 ? Double.NaN : area / (pos * neg);
  }

  /** Mean binary cross-entropy of probabilities, clipped to [1e-7, 1 - 1e-7]. */
  public static double logLoss(float[] labels, double[] probabilities) {
    double s = 0;
    for (int i = 0; i < labels.length; i++) {
      double p = Math.min(1 - 1e-7, Math.max(1e-7, probabilities[i]));
      s -= labels[i] > 0.5f ? Math.log(p) : Math.log(1 - p);
    }
    return s / labels.length;
  }
}
