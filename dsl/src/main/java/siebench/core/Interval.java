package siebench.core;

/**
 * The project's one confidence-interval type: a point estimate, the two ends of a two-sided interval around it,
 * the confidence level it was built for and, when known, the estimate's standard error. Off-policy estimates
 * ({@code importance.correction.Estimate}), bootstrap intervals ({@code metrics.Bootstrap}) and binomial
 * proportions ({@link #wilson}) all carry one; the t-interval over seeds ({@code metrics.MeanInterval}) converts to
 * one.
 *
 * <p>Construction: {@link #normal} (Wald, {@code estimate ± z se}), {@link #wilson} (Wilson 1927, "Probable
 * Inference, the Law of Succession, and Statistical Inference", JASA 22: the score interval for a proportion,
 * which stays inside [0, 1] and keeps its coverage for few successes; Brown, Cai and DasGupta 2001, Statistical
 * Science 16), or the canonical constructor for intervals computed elsewhere (bootstrap percentiles).
 *
 * @param estimate the point estimate
 * @param lower lower end of the interval
 * @param upper upper end of the interval
 * @param level the confidence level, e.g. 0.95 (NaN when not a confidence interval)
 * @param standardError the estimated standard error of {@code estimate}, NaN when not known
 */
public record Interval(double estimate, double lower, double upper, double level, double standardError) {

  /** An interval without a known standard error. */
  public static Interval of(double estimate, double lower, double upper, double level) {
    return new Interval(estimate, lower, upper, level, Double.NaN);
  }

  /**
   * The normal-approximation interval {@code estimate ± z se} at {@code level}, {@code z} the standard normal
   * {@code (1 + level) / 2} quantile ({@link Numerics#normalQuantile}).
   *
   * @throws IllegalArgumentException unless {@code 0 < level < 1}
   */
  public static Interval normal(double estimate, double standardError, double level) {
    double z = z(level);
    return new Interval(estimate, estimate - z * standardError, estimate + z * standardError, level, standardError);
  }

  /**
   * The Wilson score interval at {@code level} of {@code successes} in {@code trials}: the proportions {@code p}
   * the score test does not reject, {@code |phat - p| <= z sqrt(p (1 - p) / n)}, i.e.
   * {@code (phat + z^2/2n -+ z sqrt(phat (1 - phat) / n + z^2 / 4n^2)) / (1 + z^2 / n)}, with estimate
   * {@code phat = successes / trials} and standard error {@code sqrt(phat (1 - phat) / n)}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= successes <= trials}, {@code trials >= 1} and
   *     {@code 0 < level < 1}
   */
  public static Interval wilson(long successes, long trials, double level) {
    if (trials < 1 || successes < 0 || successes > trials) {
      throw new IllegalArgumentException("Wilson interval: expected 0 <= successes <= trials and trials >= 1, got "
          + successes + " successes in " + trials + " trials");
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("Wilson interval: expected a confidence level in (0, 1), got " + level);
    }
    double z = Numerics.normalQuantile(0.5 + level / 2);
    double n = trials;
    double p = successes / n;
    double d = 1 + z * z / n;
    double centre = (p + z * z / (2 * n)) / d;
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d;
    return new Interval(p, Math.max(0, centre - half), Math.min(1, centre + half), level, Math.sqrt(p * (1 - p) / n));
  }

  /** The 95% Wilson score interval of {@code successes} in {@code trials}. */
  public static Interval wilson(long successes, long trials) {
    return wilson(successes, trials, 0.95);
  }

  private static double z(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
    }
    return Numerics.normalQuantile(0.5 + level / 2);
  }

  /**
   * {@code this - other} for estimates from independent samples: a normal interval at this interval's level with
   * standard error {@code sqrt(se^2 + se_other^2)}; an interval containing 0 means the two agree at that level
   * (a two-sample z test). Needs both standard errors.
   */
  public Interval minus(Interval other) {
    if (Double.isNaN(standardError) || Double.isNaN(other.standardError)) {
      throw new IllegalArgumentException("the difference of two intervals needs both standard errors, got "
          + standardError + " and " + other.standardError);
    }
    double se = Math.sqrt(standardError * standardError + other.standardError * other.standardError);
    return normal(estimate - other.estimate, se, level);
  }

  /** {@code upper - lower}. */
  public double width() {
    return upper - lower;
  }

  /** True when {@code x} lies inside the interval (ends included). */
  public boolean contains(double x) {
    return x >= lower && x <= upper;
  }

  /** True when this interval and {@code other} intersect. */
  public boolean overlaps(Interval other) {
    return lower <= other.upper && other.lower <= upper;
  }

  @Override
  public String toString() {
    return String.format("%.6g [%.6g, %.6g] (%.0f%%%s)", estimate, lower, upper, 100 * level,
        Double.isNaN(standardError) ? "" : String.format(", se %.3g", standardError));
  }
}
