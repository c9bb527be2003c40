package siebench.mnar;

import java.util.Locale;
import siebench.data.RatingData;
import siebench.data.Samples;

/**
 * Static factories for the {@link PropensityEstimator}s, meant for static import: {@link #truth()} (the known
 * propensities of the data, e.g. the generator's ground truth), {@link #naiveBayes()} and {@link #logistic()}.
 */
public final class PropensityEstimators {
  private PropensityEstimators() {}

  /** The propensities recorded in the data's {@value RatingData#PROPENSITY} column (ground truth). */
  public static PropensityEstimator truth() {
    return new PropensityEstimator() {
      @Override
      public String name() {
        return "true";
      }

      @Override
      public double[] estimate(RatingData data, Samples marSample) {
        return RatingData.propensities(data.train());
      }

      @Override
      public String toString() {
        return name();
      }
    };
  }

  /** Naive Bayes from a small MAR sample with add-one smoothing; see {@link NaiveBayesPropensities}. */
  public static NaiveBayesPropensities naiveBayes() {
    return NaiveBayesPropensities.defaults();
  }

  /** L2 logistic regression on user and item ids and features; see {@link LogisticPropensities}. */
  public static LogisticPropensities logistic() {
    return LogisticPropensities.defaults();
  }

  /** By name: true, naive-bayes (nb), logistic (lr). */
  public static PropensityEstimator named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "true", "truth" -> truth();
      case "naive-bayes", "naivebayes", "nb" -> naiveBayes();
      case "logistic", "logistic-regression", "lr" -> logistic();
      default -> throw new IllegalArgumentException("unknown propensity estimator '" + name
          + "'; expected true, naive-bayes or logistic");
    };
  }
}
