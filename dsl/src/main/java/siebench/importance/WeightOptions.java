package siebench.importance;

/**
 * How {@link Importance#toWeights(WeightOptions)} turns scores into training weights: a softmax temperature
 * over standardized scores, and a clipping range for the mean-1 weights.
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

  public static WeightOptions defaults() {
    return new WeightOptions(1.0, 0.1, 10.0);
  }

  public WeightOptions temperature(double t) {
    return new WeightOptions(t, min, max);
  }

  public WeightOptions clip(double lo, double hi) {
    return new WeightOptions(temperature, lo, hi);
  }
}
