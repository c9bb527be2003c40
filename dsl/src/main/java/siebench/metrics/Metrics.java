package siebench.metrics;

import siebench.core.Numerics;

/**
 * Ranking and calibration metrics for binary CTR prediction. All methods take labels in {0, 1} and scores or
 * probabilities in the same row order; lengths must match, labels must be exactly 0 or 1 and scores must not
 * be NaN (each violation is an {@link IllegalArgumentException} naming the index).
 *
 * <p>Per-group metrics take the group of every row as {@code String[]} or {@code long[]} keys (user ids for
 * GAUC, query or session ids for NDCG@k); see {@link Gauc}, {@link RankingMetrics} and {@link Calibration}
 * for the options behind these shortcuts.
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

  /**
   * AUC where each row counts with a weight (null = all 1): the weighted Mann-Whitney statistic
   * {@code sum_{i pos, j neg} w_i w_j [s_i > s_j] + 0.5 [s_i = s_j]} divided by {@code W_pos * W_neg}. NaN
   * when either class has zero total weight.
   */
  public static double weightedAuc(float[] labels, double[] scores, double[] weights) {
    Checks.labels(labels);
    Checks.scores("scores", scores, labels.length);
    Checks.weights(weights, labels.length);
    return aucOf(labels, scores, weights, Sorting.ascending(scores));
  }

  /** Weighted AUC of the rows {@code sorted}, which must be ordered by ascending score. Inputs are checked. */
  static double aucOf(float[] labels, double[] scores, double[] weights, int[] sorted) {
    double pos = 0;
    double neg = 0;
    double area = 0;
    int n = sorted.length;
    int i = 0;
    while (i < n) {
      int j = i;
      double tiePos = 0;
      double tieNeg = 0;
      double s = scores[sorted[i]];
      while (j < n && scores[sorted[j]] == s) {
        int r = sorted[j];
        double w = weights == null ? 1 : weights[r];
        if (labels[r] == 1f) {
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
    return logLoss(labels, probabilities, null);
  }

  /**
   * Weighted mean binary cross-entropy {@code -sum w_i [y_i log p_i + (1 - y_i) log(1 - p_i)] / sum w_i},
   * probabilities clipped to [1e-7, 1 - 1e-7]; weights null = all 1. NaN for empty input or zero total weight.
   */
  public static double logLoss(float[] labels, double[] probabilities, double[] weights) {
    Checks.labels(labels);
    Checks.probabilities(probabilities, labels.length);
    Checks.weights(weights, labels.length);
    double s = 0;
    double total = 0;
    for (int i = 0; i < labels.length; i++) {
      double w = weights == null ? 1 : weights[i];
      s += w * Numerics.bceOfProbability(probabilities[i], labels[i], 1e-7);
      total += w;
    }
    return total == 0 ? Double.NaN : s / total;
  }

  /** GAUC: per-user AUC averaged with impression weights, users with one class skipped ({@link Gauc}). */
  public static double gauc(float[] labels, double[] scores, String[] users) {
    return Gauc.compute(labels, scores, Groups.of(users), Gauc.Weighting.IMPRESSIONS).value();
  }

  /** GAUC with numeric user ids. */
  public static double gauc(float[] labels, double[] scores, long[] users) {
    return Gauc.compute(labels, scores, Groups.of(users), Gauc.Weighting.IMPRESSIONS).value();
  }

  /** Mean NDCG@k over groups with binary relevance; groups without a click are skipped ({@link RankingMetrics}). */
  public static double ndcg(float[] labels, double[] scores, String[] groups, int k) {
    return RankingMetrics.ndcg(RankingMetrics.relevance(labels), scores, Groups.of(groups), k,
        RankingMetrics.EmptyGroups.SKIP).value();
  }

  /** Mean NDCG@k over groups with numeric keys and binary relevance. */
  public static double ndcg(float[] labels, double[] scores, long[] groups, int k) {
    return RankingMetrics.ndcg(RankingMetrics.relevance(labels), scores, Groups.of(groups), k,
        RankingMetrics.EmptyGroups.SKIP).value();
  }

  /** Mean Recall@k over groups (relevant rows in the top k / relevant rows); groups without a positive skipped. */
  public static double recall(float[] labels, double[] scores, String[] groups, int k) {
    return RankingMetrics.recall(labels, scores, Groups.of(groups), k, RankingMetrics.EmptyGroups.SKIP).value();
  }

  /** Mean HitRate@k over groups (1 when a relevant row is in the top k); groups without a positive skipped. */
  public static double hitRate(float[] labels, double[] scores, String[] groups, int k) {
    return RankingMetrics.hitRate(labels, scores, Groups.of(groups), k, RankingMetrics.EmptyGroups.SKIP).value();
  }

  /** Expected calibration error over {@code bins} equal-count bins ({@link Calibration}). */
  public static double ece(float[] labels, double[] probabilities, int bins) {
    return Calibration.of(labels, probabilities, bins).ece();
  }
}
