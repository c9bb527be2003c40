package siebench.mnar;

import siebench.data.RatingData;
import siebench.data.Samples;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Naive-Bayes propensities of Schnabel, Swaminathan, Singh, Chandak &amp; Joachims 2016 ("Recommendations as
 * Treatments: Debiasing Learning and Evaluation", ICML, Sec. 5): the observation probability depends on the
 * rating only, and by Bayes' rule
 *
 * <pre>{@code P(O = 1 | r) = P(r | O = 1) P(O = 1) / P(r)}</pre>
 *
 * with {@code P(r | O = 1)} the share of rating {@code r} among the observed training ratings, {@code P(O = 1)}
 * the share of observed cells, {@code |O| / (users * items)}, and {@code P(r)} the share of {@code r} in a small
 * sample of missing-at-random ratings. Both rating distributions are smoothed with {@code smoothing}
 * pseudo-counts per rating level (Laplace; 0 = the plain maximum-likelihood shares, which fail when a rating
 * seen in training is absent from the MAR sample). Results above 1 are capped at 1. Immutable.
 */
public final class NaiveBayesPropensities implements PropensityEstimator {
  private final double smoothing;

  private NaiveBayesPropensities(double smoothing) {
    if (!(smoothing >= 0) || Double.isInfinite(smoothing)) {
      throw new IllegalArgumentException("smoothing must be finite and >= 0, got " + smoothing);
    }
    this.smoothing = smoothing;
  }

  /** Add-one smoothing. */
  static NaiveBayesPropensities defaults() {
    return new NaiveBayesPropensities(1);
  }

  /** The same estimator with {@code pseudoCounts} added to every rating level's count (0 = none). */
  public NaiveBayesPropensities smoothing(double pseudoCounts) {
    return new NaiveBayesPropensities(pseudoCounts);
  }

  @Override
  public String name() {
    return "naive-bayes";
  }

  /** {@code P(O = 1 | r)} for the ratings r = 1..5 (index r - 1). */
  public double[] byRating(RatingData data, Samples marSample) {
    if (marSample == null || marSample.size() == 0) {
      throw new IllegalArgumentException("naive-Bayes propensities need a non-empty sample of missing-at-random"
          + " ratings for P(r)");
    }
    double[] observed = distribution(RatingData.ratings(data.train()), "the training ratings");
    double[] mar = distribution(RatingData.ratings(marSample), "the MAR sample");
    double pObserved = data.train().size() / (double) data.cells();
    double[] p = new double[5];
    for (int r = 0; r < 5; r++) {
      p[r] = mar[r] == 0 ? Double.NaN : Math.min(1, observed[r] * pObserved / mar[r]);
    }
    return p;
  }

  /**
   * {@link #byRating} as a table, one row per rating 1..5, next to the mean known propensity of the observed
   * ratings of that level ({@link RatingData#meanByRating}) when the training rows carry known propensities
   * (synthetic data): the true propensities also vary within a level (e.g. with item popularity), so the two
   * agree only in their mean.
   */
  public Table byRatingTable(RatingData data, Samples marSample) {
    Table t = Table.create("P(O = 1 | rating): naive Bayes from " + marSample.size() + " MAR ratings"
            + (RatingData.hasPropensities(data.train()) ? " vs the mean true propensity of the observed ratings" : ""),
        IntColumn.create("rating", 1, 2, 3, 4, 5), DoubleColumn.create("naive Bayes", byRating(data, marSample)));
    if (RatingData.hasPropensities(data.train())) {
      t.addColumns(DoubleColumn.create("true (mean over observed)",
          RatingData.meanByRating(data.train(), RatingData.propensities(data.train()))));
    }
    return t;
  }

  @Override
  public double[] estimate(RatingData data, Samples marSample) {
    double[] byRating = byRating(data, marSample);
    double[] r = RatingData.ratings(data.train());
    double[] p = new double[r.length];
    for (int i = 0; i < r.length; i++) {
      p[i] = byRating[(int) r[i] - 1];
      if (!(p[i] > 0)) {
        throw new IllegalStateException("no rating " + (int) r[i] + " in the MAR sample of " + marSample.size()
            + " ratings, so P(r) is 0 and the naive-Bayes propensity undefined; use smoothing(1) or a larger sample");
      }
    }
    return p;
  }

  private double[] distribution(double[] ratings, String what) {
    double[] c = new double[5];
    for (double v : ratings) {
      if (v < 1 || v > 5 || v != Math.rint(v)) {
        throw new IllegalArgumentException(what + " hold the rating " + v + "; expected integers 1..5");
      }
      c[(int) v - 1]++;
    }
    double total = ratings.length + 5 * smoothing;
    for (int r = 0; r < 5; r++) {
      c[r] = (c[r] + smoothing) / total;
    }
    return c;
  }

  @Override
  public String toString() {
    return name() + "(smoothing " + smoothing + ")";
  }
}
