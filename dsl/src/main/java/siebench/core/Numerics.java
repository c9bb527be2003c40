package siebench.core;

/**
 * The scalar numerics every layer shares, written once and numerically stable: the logistic function, its
 * logarithm and softplus, binary cross-entropy from a logit or from a probability, dot products, log-sum-exp
 * and softmax.
 *
 * <p>The stable forms are the standard ones (e.g. Blanchard, Higham and Higham, "Accurately computing the
 * log-sum-exp and softmax functions", IMA J. Numer. Anal. 41, 2021): every exponential is taken of a
 * non-positive argument, so nothing overflows; {@code sigmoid(±1000)} is exactly 1 or 0, the BCE of a logit is
 * finite for every finite logit, and {@code logSumExp} of values near {@code 1e308} is finite.
 */
public final class Numerics {
  private Numerics() {}

  /** The logistic function {@code 1 / (1 + e^-z)}, evaluated without overflow for any {@code z}. */
  public static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /** {@code log(sigmoid(z)) = -softplus(-z)}, accurate for large negative {@code z} (where it is about z). */
  public static double logSigmoid(double z) {
    return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
  }

  /** {@code softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^-|z|)}. */
  public static double softplus(double z) {
    return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  /**
   * Binary cross-entropy of logit {@code z} against label {@code y} (in [0, 1]): {@code softplus(z) - y z},
   * which equals {@code -[y log sigmoid(z) + (1 - y) log(1 - sigmoid(z))]} and is finite for every finite z.
   */
  public static double bce(double z, double y) {
    return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
  }

  /**
   * Binary cross-entropy of probability {@code p} against label {@code y} (in [0, 1]):
   * {@code -[y log p + (1 - y) log(1 - p)]} with {@code p} first clipped to {@code [eps, 1 - eps]}, so a
   * confident mistake costs {@code -log(eps)} instead of infinity. For a binary label only the term of that
   * label is evaluated.
   *
   * @throws IllegalArgumentException unless {@code 0 <= eps < 0.5}
   */
  public static double bceOfProbability(double p, double y, double eps) {
    if (!(eps >= 0 && eps < 0.5)) {
      throw new IllegalArgumentException("eps must be in [0, 0.5), got " + eps);
    }
    double q = Math.min(1 - eps, Math.max(eps, p));
    if (y == 1) {
      return -Math.log(q);
    }
    if (y == 0) {
      return -Math.log(1 - q);
    }
    return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
  }

  /**
   * The dot product {@code sum_i a[i] b[i]}, summed in index order.
   *
   * @throws IllegalArgumentException when the lengths differ
   */
  public static double dot(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("dot product of vectors of different lengths: " + a.length + " and "
          + b.length);
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * The dot product of {@code length} entries of two flat arrays starting at {@code aFrom} and {@code bFrom}
   * ({@code sum_j a[aFrom + j] b[bFrom + j]}), e.g. two rows of row-major matrices, summed in index order.
   */
  public static double dot(double[] a, int aFrom, double[] b, int bFrom, int length) {
    double s = 0;
    for (int j = 0; j < length; j++) {
      s += a[aFrom + j] * b[bFrom + j];
    }
    return s;
  }

  /**
   * {@code log(sum_i e^x[i])} computed as {@code m + log(sum_i e^(x[i] - m))} with {@code m = max x}, so it
   * neither overflows for large entries nor underflows to {@code log 0} for very negative ones. The empty sum
   * (and an array of only negative infinities) gives negative infinity; a positive infinity gives positive
   * infinity; a NaN gives NaN.
   */
  public static double logSumExp(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      if (Double.isNaN(v)) {
        return Double.NaN;
      }
      max = Math.max(max, v);
    }
    if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (double v : x) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum);
  }

  /**
   * The softmax {@code e^x[i] / sum_j e^x[j]}, each exponent shifted by {@code max x} so none overflows.
   *
   * @throws IllegalArgumentException for an empty array or one without a finite maximum
   */
  public static double[] softmax(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    if (x.length == 0 || Double.isInfinite(max) || Double.isNaN(max)) {
      throw new IllegalArgumentException("softmax needs a non-empty array with a finite maximum, got max " + max
          + " over " + x.length + " entries");
    }
    double z = 0;
    double[] p = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      p[i] = Math.exp(x[i] - max);
      z += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= z;
    }
    return p;
  }
}
