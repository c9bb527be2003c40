package siebench.importance.correction;

import siebench.core.Interval;

/**
 * An off-policy or importance-sampling estimate: the {@link Interval} (point estimate, standard error and
 * two-sided confidence interval), the method that computed it and the number of observations it used. The
 * interval arithmetic (normal intervals, differences, containment) is {@link Interval}'s; this record names the
 * result, and its accessors read the interval so that tables can print {@code value}, {@code lower} and
 * {@code upper} directly.
 *
 * @param method how it was computed (e.g. {@code ips}, {@code snips}, {@code mean})
 * @param interval the point estimate with its standard error and confidence interval
 * @param n the number of observations the estimate used
 */
public record Estimate(String method, Interval interval, int n) {

  /** A normal-approximation interval {@code value ± z * standardError} at {@code level} ({@link Interval#normal}). */
  public static Estimate normal(String method, double value, double standardError, double level, int n) {
    return new Estimate(method, Interval.normal(value, standardError, level), n);
  }

  /** The point estimate. */
  public double value() {
    return interval.estimate();
  }

  /** The estimated standard error of {@link #value()}. */
  public double standardError() {
    return interval.standardError();
  }

  /** Lower end of the confidence interval. */
  public double lower() {
    return interval.lower();
  }

  /** Upper end of the confidence interval. */
  public double upper() {
    return interval.upper();
  }

  /** The confidence level of the interval, e.g. 0.95. */
  public double level() {
    return interval.level();
  }

  /** The same estimate under another method name. */
  public Estimate withMethod(String m) {
    return new Estimate(m, interval, n);
  }

  /**
   * {@code this - other} for estimates from independent samples ({@link Interval#minus}); an interval containing
   * 0 means the two agree at this estimate's level (a two-sample z test).
   */
  public Estimate minus(Estimate other) {
    return new Estimate(method + " - " + other.method, interval.minus(other.interval), Math.min(n, other.n));
  }

  /** True when {@code x} lies inside the interval (ends included). */
  public boolean contains(double x) {
    return interval.contains(x);
  }

  /** True when this interval and {@code other}'s intersect. */
  public boolean overlaps(Estimate other) {
    return interval.overlaps(other.interval);
  }

  @Override
  public String toString() {
    return String.format("%s = %.6g (se %.3g, %.0f%% CI [%.6g, %.6g], n=%d)", method, value(), standardError(),
        level() * 100, lower(), upper(), n);
  }
}
