package siebench.data.synthetic;

import java.util.Arrays;

/**
 * The examination model of the position-based click model: the probability that a user looks at the result
 * shown at a display position, independent of what is shown there. A click happens with probability
 * {@code examination(position) * relevance(user, item, query)}.
 *
 * <p>This is the click model under which inverse-propensity-scored learning to rank is unbiased (T. Joachims,
 * A. Swaminathan, T. Schnabel, 2017, "Unbiased Learning-to-Rank with Biased Feedback", WSDM; X. Wang, N.
 * Golbandi, M. Bendersky, D. Metzler, M. Najork, 2018, "Position Bias Estimation for Unbiased Learning to Rank
 * in Personal Search", WSDM). The default curve is their power law {@code (1 / position)^eta}.
 */
public final class PositionBias {
  private final double[] curve;
  private final String description;

  private PositionBias(double[] curve, String description) {
    this.curve = curve;
    this.description = description;
  }

  /**
   * The power law {@code (1 / position)^eta} over positions 1..{@code positions}; {@code eta = 0} means no
   * position bias, larger values a steeper decay (Joachims et al. 2017 use eta in [0, 2]).
   */
  public static PositionBias powerLaw(double eta, int positions) {
    if (!(eta >= 0) || Double.isInfinite(eta)) {
      throw new IllegalArgumentException("position-bias exponent eta must be finite and >= 0, got " + eta);
    }
    checkPositions(positions);
    double[] c = new double[positions];
    for (int p = 1; p <= positions; p++) {
      c[p - 1] = Math.pow(1.0 / p, eta);
    }
    return new PositionBias(c, "powerLaw(eta=" + eta + ")");
  }

  /**
   * An explicit examination curve: {@code curve[0]} is the propensity of position 1. Values must lie in (0, 1].
   */
  public static PositionBias of(double... curve) {
    checkPositions(curve.length);
    for (int i = 0; i < curve.length; i++) {
      if (!(curve[i] > 0 && curve[i] <= 1)) {
        throw new IllegalArgumentException("examination propensity of position " + (i + 1) + " is " + curve[i]
            + "; propensities must lie in (0, 1]");
      }
    }
    return new PositionBias(curve.clone(), "curve" + Arrays.toString(curve));
  }

  /**
   * A curve known only up to a factor (e.g. the click-through rates by position of randomized logs, or
   * {@code Propensities} relative to position 1, which may exceed 1 elsewhere), scaled so that the most examined
   * position has propensity 1. Values must be finite and positive.
   */
  public static PositionBias relative(double... values) {
    checkPositions(values.length);
    double max = 0;
    for (int i = 0; i < values.length; i++) {
      if (!(values[i] > 0) || Double.isInfinite(values[i])) {
        throw new IllegalArgumentException("relative examination of position " + (i + 1) + " is " + values[i]
            + "; expected finite and > 0");
      }
      max = Math.max(max, values[i]);
    }
    double[] c = new double[values.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = values[i] / max;
    }
    return new PositionBias(c, "relative" + Arrays.toString(values));
  }

  private static void checkPositions(int positions) {
    if (positions < 1) {
      throw new IllegalArgumentException("need at least one display position, got " + positions);
    }
  }

  /** Number of display positions covered. */
  public int positions() {
    return curve.length;
  }

  /** The examination probability of a 1-based display position. */
  public double propensity(int position) {
    if (position < 1 || position > curve.length) {
      throw new IllegalArgumentException("position " + position + " outside 1.." + curve.length);
    }
    return curve[position - 1];
  }

  /** The whole curve; element 0 is position 1. A copy. */
  public double[] curve() {
    return curve.clone();
  }

  /** The mean propensity over all positions: the largest click rate any relevance can reach. */
  public double mean() {
    double s = 0;
    for (double c : curve) {
      s += c;
    }
    return s / curve.length;
  }

  @Override
  public String toString() {
    return description;
  }
}
