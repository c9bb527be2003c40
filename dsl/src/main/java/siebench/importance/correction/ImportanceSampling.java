package siebench.importance.correction;

import java.util.Arrays;

/**
 * Importance-sampling arithmetic on weights {@code w_i = p(x_i) / q(x_i)} of draws {@code x_i ~ q} with values
 * {@code f_i = f(x_i)}: the ordinary (Horvitz-Thompson) and self-normalized estimators of {@code E_p[f]},
 * their variance estimates, Kish's effective sample size, and weight clipping.
 *
 * <p>References: Horvitz &amp; Thompson (1952), "A Generalization of Sampling Without Replacement from a
 * Finite Universe"; Kish (1965), "Survey Sampling" (effective sample size); Owen (2013), "Monte Carlo theory,
 * methods and examples", ch. 9 (self-normalized estimator and its delta-method variance); Ionides (2008),
 * "Truncated Importance Sampling" (clipping).
 *
 * <p>All methods reject NaN, infinite or negative weights with a message naming the first offending index.
 */
public final class ImportanceSampling {
  private ImportanceSampling() {}

  /** The ordinary estimator {@code (1/n) sum_i w_i f_i}. */
  public static double ordinaryMean(double[] f, double[] w) {
    check(f, w);
    double s = 0;
    for (int i = 0; i < f.length; i++) {
      s += w[i] * f[i];
    }
    return s / f.length;
  }

  /** The self-normalized estimator {@code sum_i w_i f_i / sum_i w_i}; biased but consistent, usually lower variance. */
  public static double selfNormalizedMean(double[] f, double[] w) {
    check(f, w);
    double s = 0;
    double sw = 0;
    for (int i = 0; i < f.length; i++) {
      s += w[i] * f[i];
      sw += w[i];
    }
    if (!(sw > 0)) {
      throw new IllegalArgumentException("all weights are zero; the self-normalized mean is undefined");
    }
    return s / sw;
  }

  /**
   * Estimated variance of {@link #ordinaryMean}: the sample variance of {@code w_i f_i} (divisor n - 1) over n.
   */
  public static double ordinaryVariance(double[] f, double[] w) {
    check(f, w);
    int n = f.length;
    if (n < 2) {
      return Double.NaN;
    }
    double m = ordinaryMean(f, w);
    double ss = 0;
    for (int i = 0; i < n; i++) {
      double d = w[i] * f[i] - m;
      ss += d * d;
    }
    return ss / (n - 1) / n;
  }

  /**
   * Delta-method variance of {@link #selfNormalizedMean}: {@code sum_i w_i^2 (f_i - mu)^2 / (sum_i w_i)^2}
   * (Owen 2013, eq. 9.9).
   */
  public static double selfNormalizedVariance(double[] f, double[] w) {
    double mu = selfNormalizedMean(f, w);
    double sw = 0;
    double s = 0;
    for (int i = 0; i < f.length; i++) {
      sw += w[i];
      double d = f[i] - mu;
      s += w[i] * w[i] * d * d;
    }
    return s / (sw * sw);
  }

  /** The ordinary estimate with a normal-approximation interval at {@code level}. */
  public static Estimate ordinary(double[] f, double[] w, double level) {
    return Estimate.normal("is", ordinaryMean(f, w), Math.sqrt(ordinaryVariance(f, w)), level, f.length);
  }

  /** The self-normalized estimate with a normal-approximation (delta-method) interval at {@code level}. */
  public static Estimate selfNormalized(double[] f, double[] w, double level) {
    return Estimate.normal("snis", selfNormalizedMean(f, w), Math.sqrt(selfNormalizedVariance(f, w)), level,
        f.length);
  }

  /** Kish's effective sample size {@code (sum w)^2 / sum w^2}: n for equal weights, 1 when one weight dominates. */
  public static double effectiveSampleSize(double[] w) {
    check(w, w);
    double s = 0;
    double s2 = 0;
    for (double v : w) {
      s += v;
      s2 += v * v;
    }
    return s2 == 0 ? 0 : s * s / s2;
  }

  /** Weights clipped from above at {@code max} (truncated importance sampling). */
  public static double[] clip(double[] w, double max) {
    if (!(max > 0)) {
      throw new IllegalArgumentException("clipping maximum must be > 0, got " + max);
    }
    check(w, w);
    double[] out = w.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.min(out[i], max);
    }
    return out;
  }

  /**
   * Weights clipped from above at their {@code q}-quantile (type-7 linear interpolation between order
   * statistics), e.g. {@code q = 0.99} caps the top 1%.
   */
  public static double[] clipQuantile(double[] w, double q) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("clipping quantile must be in (0, 1], got " + q);
    }
    check(w, w);
    return w.length == 0 ? w.clone() : clip(w, Math.max(quantile(w, q), Double.MIN_NORMAL));
  }

  /** The {@code q}-quantile of {@code x} with linear interpolation (R's type 7). */
  public static double quantile(double[] x, double q) {
    double[] s = x.clone();
    Arrays.sort(s);
    double h = (s.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(s.length - 1, lo + 1);
    return s[lo] + (h - lo) * (s[hi] - s[lo]);
  }

  /** Weights rescaled to mean 1 (so their sum is the number of rows). */
  public static double[] normalizeMean(double[] w) {
    check(w, w);
    double s = 0;
    for (double v : w) {
      s += v;
    }
    if (!(s > 0)) {
      throw new IllegalArgumentException("all weights are zero; cannot normalize");
    }
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = w[i] * w.length / s;
    }
    return out;
  }

  static void check(double[] f, double[] w) {
    if (f.length != w.length) {
      throw new IllegalArgumentException(f.length + " values but " + w.length + " weights");
    }
    if (w.length == 0) {
      throw new IllegalArgumentException("no weights given");
    }
    for (int i = 0; i < w.length; i++) {
      if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
        throw new IllegalArgumentException("weight " + i + " is " + w[i] + "; weights must be finite and >= 0");
      }
      if (!Double.isFinite(f[i])) {
        throw new IllegalArgumentException("value " + i + " is " + f[i] + "; values must be finite");
      }
    }
  }
}
