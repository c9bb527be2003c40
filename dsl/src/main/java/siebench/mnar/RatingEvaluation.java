package siebench.mnar;

import siebench.data.RatingData;
import siebench.data.Samples;
import siebench.metrics.Groups;
import siebench.metrics.Metrics;
import siebench.metrics.RankingMetrics;

/**
 * Rating-prediction quality on a missing-at-random test set, as reported in the MNAR literature (Schnabel et al.
 * 2016, "Recommendations as Treatments", ICML; Wang, Zhang, Sun &amp; Qi 2019, "Doubly Robust Joint Learning for
 * Recommendation on Data Missing Not at Random", ICML): MSE and MAE of the predicted ratings, the AUC of the
 * predictions for the positive ratings ({@code rating >= }{@value RatingData#POSITIVE_RATING}, {@link
 * Metrics#auc}), and the mean per-user NDCG@k of the predicted order with binary relevance {@code rating >= 4}
 * ({@link RankingMetrics#ndcg}, users without a positive rating skipped).
 *
 * @param mse mean squared error
 * @param mae mean absolute error
 * @param auc AUC of {@code rating >= 4}
 * @param ndcg mean NDCG@k over users
 * @param k the cut-off of NDCG
 */
public record RatingEvaluation(double mse, double mae, double auc, double ndcg, int k) {
  /** Metric names in the order of {@link #values()}. */
  public static final String[] NAMES = {"MSE", "MAE", "AUC", "NDCG@k"};

  /** Evaluates predicted ratings of {@code test}'s rows. */
  public static RatingEvaluation of(Samples test, double[] predictions, int k) {
    return of(RatingData.ratings(test), predictions, RatingData.users(test), k);
  }

  /** Evaluates {@code predictions} of {@code ratings}; {@code users} group the rows for NDCG. */
  public static RatingEvaluation of(double[] ratings, double[] predictions, int[] users, int k) {
    int n = ratings.length;
    if (predictions.length != n || users.length != n) {
      throw new IllegalArgumentException("ratings, predictions and users must have the same length");
    }
    if (n == 0) {
      throw new IllegalArgumentException("no test rating");
    }
    double se = 0;
    double ae = 0;
    float[] positive = new float[n];
    long[] groups = new long[n];
    for (int i = 0; i < n; i++) {
      double d = predictions[i] - ratings[i];
      se += d * d;
      ae += Math.abs(d);
      positive[i] = ratings[i] >= RatingData.POSITIVE_RATING ? 1f : 0f;
      groups[i] = users[i];
    }
    double auc = Metrics.auc(positive, predictions);
    double ndcg = RankingMetrics.ndcg(RankingMetrics.relevance(positive), predictions, Groups.of(groups), k,
        RankingMetrics.EmptyGroups.SKIP).value();
    return new RatingEvaluation(se / n, ae / n, auc, ndcg, k);
  }

  /** MSE, MAE, AUC, NDCG@k. */
  public double[] values() {
    return new double[] {mse, mae, auc, ndcg};
  }

  @Override
  public String toString() {
    return String.format("MSE %.4f  MAE %.4f  AUC %.4f  NDCG@%d %.4f", mse, mae, auc, k, ndcg);
  }
}
