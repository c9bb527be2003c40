package siebench.metrics;

/**
 * The Wilson score interval for a binomial proportion (Wilson, 1927, "Probable Inference, the Law of Succession,
 * and Statistical Inference", JASA 22): the set of proportions {@code p} that the score test does not reject,
 * {@code |phat - p| <= z sqrt(p (1 - p) / n)}, i.e.
 * {@code (phat + z^2/2n -+ z sqrt(phat (1 - phat) / n + z^2 / 4n^2)) / (1 + z^2 / n)}. Unlike the Wald interval it
 * stays inside [0, 1] and keeps its coverage for few successes, e.g. a click-through rate from a few dozen clicks
 * (Brown, Cai and DasGupta, 2001, "Interval Estimation for a Binomial Proportion", Statistical Science 16).
 *
 * @param estimate the observed proportion {@code successes / trials}
 * @param lower the lower end
 * @param upper the upper end
 * @param level the confidence level, e.g. 0.95
 * @param successes the number of successes
 * @param trials the number of trials
 */
public record WilsonInterval(double estimate, double lower, double upper, double level, long successes, long trials) {

  /** The 95% interval of {@code successes} in {@code trials}. */
  public static WilsonInterval of(long successes, long trials) {
    return of(successes, trials, 0.95);
  }

  /**
   * The interval at {@code level} of {@code successes} in {@code trials}; fails unless
   * {@code 0 <= successes <= trials}, {@code trials >= 1} and {@code 0 < level < 1}.
   */
  public static WilsonInterval of(long successes, long trials, double level) {
    if (trials < 1 || successes < 0 || successes > trials) {
      throw new IllegalArgumentException("Wilson interval: expected 0 <= successes <= trials and trials >= 1, got "
          + successes + " successes in " + trials + " trials");
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("Wilson interval: expected a confidence level in (0, 1), got " + level);
    }
    double z = siebench.importance.correction.Estimate.normalQuantile(0.5 + level / 2);
    double n = trials;
    double p = successes / n;
    double d = 1 + z * z / n;
    double centre = (p + z * z / (2 * n)) / d;
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d;
    return new WilsonInterval(p, Math.max(0, centre - half), Math.min(1, centre + half), level, successes, trials);
  }

  @Override
  public String toString() {
    return String.format("%.4f [%.4f, %.4f] (%d/%d, %.0f%% Wilson)", estimate, lower, upper, successes, trials,
        100 * level);
  }
}
