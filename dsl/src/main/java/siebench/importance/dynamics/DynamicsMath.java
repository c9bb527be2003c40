package siebench.importance.dynamics;

import static siebench.core.Numerics.sigmoid;

/**
 * The per-sample formulas of the training-dynamics estimators, on plain arrays so they can be checked against
 * hand computations. All take logits {@code z} and binary labels {@code y}.
 */
final class DynamicsMath {
  private DynamicsMath() {}

  /** EL2N of one binary row: the L2 norm of the error vector (p - y) of the one-output model, |p - y|. */
  public static double el2n(double z, double y) {
    return Math.abs(sigmoid(z) - y);
  }

  /**
   * The binary margin of Pleiss et al. (2020): the logit of the assigned class minus the largest other logit.
   * A one-logit binary model is the two-logit model with logits {@code (0, z)}, so the margin is
   * {@code (2y - 1) z}.
   */
  public static double margin(double z, double y) {
    return (2 * y - 1) * z;
  }

  /** The probability the model gives to the row's label: {@code p} for a click, {@code 1 - p} otherwise. */
  public static double trueClassProbability(double z, double y) {
    return y > 0.5 ? sigmoid(z) : sigmoid(-z);
  }

  /** Whether the row is classified correctly at {@code threshold}: predicted positive iff {@code p >= threshold}. */
  public static boolean correct(double z, double y, double threshold) {
    return (sigmoid(z) >= threshold) == (y > 0.5);
  }

  /**
   * The norm of the gradient of the row's loss with respect to a final linear layer {@code z = w . h + b}
   * (weight and bias): {@code |dL/dz| sqrt(|h|^2 + 1) = |p - y| sqrt(|h|^2 + 1)}.
   */
  public static double lastLayerGradientNorm(double z, double y, float[] h) {
    double s = 1;
    for (float v : h) {
      s += (double) v * v;
    }
    return Math.abs(sigmoid(z) - y) * Math.sqrt(s);
  }
}
