package siebench.importance;

/**
 * How {@link Importance#toWeights(WeightOptions)} turns scores into training weights: a softmax temperature
 * over standardized scores, and a clipping range for the mean-1 weights.
 *
 * @param temperature softmax temperature over standardized scores; large means near-uniform weights
 * @param min smallest weight allowed (in [0, 1])
 * @param max largest weight allowed (>= 1, may be infinite)
 */
public record WeightOptions(double temperature, double min, double max) {
  public WeightOptions {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
    }
    if (!(min >= 0 && min <= 1 && max >= 1)) {
      throw new IllegalArgumentException("need 0 <= min <= 1 <= max, got min=" + min + " max=" + max);
    }
  }

  /** Temperature 1, weights clipped to [0.1, 10]. */
  public static WeightOptions defaults() {
    return new WeightOptions(1.0, 0.1, 10.0);
  }

  /** The same options with softmax temperature {@code t} (> 0). */
  public WeightOptions temperature(double t) {
    return new WeightOptions(t, min, max);
  }

  /** The same options with weights clipped to {@code [lo, hi]}, where {@code 0 <= lo <= 1 <= hi}. */
  public WeightOptions clip(double lo, double hi) {
    return new WeightOptions(temperature, lo, hi);
  }
}
