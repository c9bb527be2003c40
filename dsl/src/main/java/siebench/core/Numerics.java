package siebench.core;

/**
 * The scalar numerics every layer shares, written once and numerically stable: the logistic function, its
 * logarithm and softplus, binary cross-entropy from a logit or from a probability, dot products, log-sum-exp,
 * softmax and the standard normal quantile.
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

  /** The largest absolute entry {@code max_i |x[i]|} (the infinity norm; 0 for an empty array). */
  public static double maxAbs(double[] x) {
    double m = 0;
    for (double v : x) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
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

  /**
   * The standard normal quantile function {@code Phi^-1(p)}, by P. J. Acklam's rational approximation (relative
   * error below 1.2e-9 on (0, 1)).
   *
   * @throws IllegalArgumentException unless {@code 0 < p < 1}
   */
  public static double normalQuantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("probability must be in (0, 1), got " + p);
    }
    double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
        -3.066479806614716e+01, 2.506628277459239e+00};
    double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
        -1.328068155288572e+01};
    double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
        4.374664141464968e+00, 2.938163982698783e+00};
    double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    double pl = 0.02425;
    double x;
    if (p < pl) {
      double q = Math.sqrt(-2 * Math.log(p));
      x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - pl) {
      double q = p - 0.5;
      double r = q * q;
      x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
          / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
      double q = Math.sqrt(-2 * Math.log(1 - p));
      x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    return x;
  }
}
