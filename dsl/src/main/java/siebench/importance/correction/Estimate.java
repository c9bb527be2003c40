package siebench.importance.correction;

/**
 * A point estimate with its standard error and a two-sided confidence interval, e.g. an off-policy value or
 * an importance-sampling mean.
 *
 * @param method how it was computed (e.g. {@code ips}, {@code snips}, {@code mean})
 * @param value the point estimate
 * @param standardError the estimated standard error of {@code value}
 * @param lower lower end of the confidence interval
 * @param upper upper end of the confidence interval
 * @param level the confidence level of the interval, e.g. 0.95
 * @param n the number of observations the estimate used
 */
public record Estimate(String method, double value, double standardError, double lower, double upper, double level,
    int n) {

  /** A normal-approximation interval {@code value +- z * standardError} at {@code level}. */
  public static Estimate normal(String method, double value, double standardError, double level, int n) {
    double z = normalQuantile(0.5 + level / 2);
    return new Estimate(method, value, standardError, value - z * standardError, value + z * standardError, level, n);
  }

  /** The same estimate under another method name. */
  public Estimate withMethod(String m) {
    return new Estimate(m, value, standardError, lower, upper, level, n);
  }

  /**
   * {@code this - other} for estimates from independent samples, with a normal interval at this estimate's
   * level and standard error {@code sqrt(se^2 + se_other^2)}; an interval containing 0 means the two agree at
   * that level (a two-sample z test).
   */
  public Estimate minus(Estimate other) {
    double se = Math.sqrt(standardError * standardError + other.standardError * other.standardError);
    return normal(method + " - " + other.method, value - other.value, se, level, Math.min(n, other.n));
  }

  /** True when {@code x} lies inside the interval (ends included). */
  public boolean contains(double x) {
    return x >= lower && x <= upper;
  }

  /** True when this interval and {@code other}'s intersect. */
  public boolean overlaps(Estimate other) {
    return lower <= other.upper && other.lower <= upper;
  }

  /**
   * The standard normal quantile function, by P. J. Acklam's rational approximation (relative error below
   * 1.2e-9 on (0, 1)).
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

  @Override
  public String toString() {
    return String.format("%s = %.6g (se %.3g, %.0f%% CI [%.6g, %.6g], n=%d)", method, value, standardError,
        level * 100, lower, upper, n);
  }
}
