package siebench.importance;

import java.util.Locale;
import siebench.data.Samples;

/**
 * How {@link Importance#toWeights(Reweighting)} turns scores into training weights: a scheme, its temperature,
 * and a clipping range; the weights always have mean 1, are read in the estimator's {@link Importance.Meaning
 * orientation} (suspicious rows get the smallest weights, valuable rows the largest) and scores that are weights
 * already ({@link Importance.Meaning#WEIGHT}, e.g. IPS) are only shifted and clipped.
 *
 * <p>Schemes:
 * <ul>
 *   <li>{@link Scheme#SOFT_CLEANING} (the default): a logistic step in the suspicion rank, {@code
 *       sigmoid((1 - share - q) / temperature)} with {@code q} the row's suspicion quantile (0 = least
 *       suspicious): the most suspicious {@code share} of rows fall towards {@code min}, the rest stay near
 *       equal. Rank-based, so it reads every estimator's scale the same way (loss is heavy-tailed,
 *       KNN-Shapley values are tiny). It is a smooth version of {@code clean(importance, share)} in the
 *       loss-reweighting tradition of Wang et al. (2021, "Denoising Implicit Feedback for Recommendation",
 *       R-CE), which down-weights high-loss interactions instead of dropping them.
 *   <li>{@link Scheme#SOFTMAX}: {@code exp(z / temperature)} with {@code z} the standardized value (minus the
 *       standardized suspicion), the importance-weighting form of Katharopoulos and Fleuret (2018, "Not All
 *       Samples Are Created Equal") with the orientation of data valuation: value up, suspicion down.
 * </ul>
 *
 * @param scheme how scores become raw weights
 * @param temperature softmax temperature (SOFTMAX, in standard deviations) or width of the logistic step in
 *     rank quantiles (SOFT_CLEANING); large means near-uniform weights
 * @param share SOFT_CLEANING: the share of rows, most suspicious first, that is down-weighted (in (0, 1));
 *     ignored by SOFTMAX
 * @param min smallest weight allowed (in [0, 1])
 * @param max largest weight allowed (>= 1, may be infinite)
 */
public record Reweighting(Scheme scheme, double temperature, double share, double min, double max) {
  /** How scores become raw weights before the mean-1 shift and clipping. */
  public enum Scheme {
    /** A logistic step down over the most suspicious {@code share} of rows by rank (the default). */
    SOFT_CLEANING,
    /** {@code exp(standardized value / temperature)}. */
    SOFTMAX;

    /** Parses {@code soft-cleaning} or {@code softmax}; fails naming both. */
    public static Scheme named(String name) {
      return switch (name.trim().toLowerCase(Locale.ROOT)) {
        case "soft-cleaning", "soft_cleaning" -> SOFT_CLEANING;
        case "softmax" -> SOFTMAX;
        default -> throw new IllegalArgumentException("unknown reweighting scheme '" + name
            + "'; expected soft-cleaning or softmax");
      };
    }
  }

  public Reweighting {
    java.util.Objects.requireNonNull(scheme, "scheme");
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature);
    }
    if (!(share > 0 && share < 1)) {
      throw new IllegalArgumentException("share must be in (0, 1), got " + share);
    }
    if (!(min >= 0 && min <= 1 && max >= 1)) {
      throw new IllegalArgumentException("need 0 <= min <= 1 <= max, got min=" + min + " max=" + max);
    }
  }

  /** Soft cleaning of the most suspicious 10% (step width 0.02 in rank quantiles), weights in [0, 10]. */
  public static Reweighting defaults() {
    return softCleaning(0.1);
  }

  /** Soft cleaning of the most suspicious {@code share} of rows (step width 0.02), weights in [0, 10]. */
  public static Reweighting softCleaning(double share) {
    return new Reweighting(Scheme.SOFT_CLEANING, 0.02, share, 0, 10);
  }

  /** Softmax of the standardized value at temperature 1, weights clipped to [0.1, 10]. */
  public static Reweighting softmax() {
    return new Reweighting(Scheme.SOFTMAX, 1, 0.1, 0.1, 10);
  }

  /** The same options with temperature {@code t} (> 0). */
  public Reweighting temperature(double t) {
    return new Reweighting(scheme, t, share, min, max);
  }

  /** The same options with share {@code s} (SOFT_CLEANING). */
  public Reweighting share(double s) {
    return new Reweighting(scheme, temperature, s, min, max);
  }

  /** The same options with weights clipped to {@code [lo, hi]}, where {@code 0 <= lo <= 1 <= hi}. */
  public Reweighting clip(double lo, double hi) {
    return new Reweighting(scheme, temperature, share, lo, hi);
  }

  /** {@code samples} with training weights from {@code importance} as these options say (mean 1). */
  public Samples reweight(Samples samples, Importance importance) {
    return samples.withWeights(importance.on(samples).toWeights(this).scores());
  }

  /** A short description for reports, e.g. {@code soft-cleaning(share=0.1, t=0.02, [0, 10])}. */
  public String describe() {
    String s = scheme == Scheme.SOFT_CLEANING ? "soft-cleaning(share=" + share + ", " : "softmax(";
    return s + "t=" + temperature + ", [" + min + ", " + max + "])";
  }
}
