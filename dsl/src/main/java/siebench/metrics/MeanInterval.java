package siebench.metrics;

import java.util.List;
import siebench.core.Interval;

/**
 * The mean of repeated measurements (one per seed) with its sample standard deviation and the half-width of the
 * 95% Student-t confidence interval, {@code t(0.975, n - 1) sd / sqrt(n)}; NaN values are skipped, and the
 * standard deviation and half-width are NaN for fewer than two values.
 *
 * @param mean the mean over the finite values (NaN when there are none)
 * @param sd the sample standard deviation
 * @param halfWidth the 95% t-interval half-width
 * @param n how many values were not NaN
 */
public record MeanInterval(double mean, double sd, double halfWidth, int n) {

  /** Of these values. */
  public static MeanInterval of(double... values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    double mean = n == 0 ? Double.NaN : sum / n;
    double ss = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        ss += (v - mean) * (v - mean);
      }
    }
    double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
    return new MeanInterval(mean, sd, n > 1 ? tQuantile975(n - 1) * sd / Math.sqrt(n) : Double.NaN, n);
  }

  /** Of these values. */
  public static MeanInterval of(List<Double> values) {
    return of(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The 97.5% quantile of Student's t with {@code df} degrees of freedom (table; 1.96 beyond 60). */
  public static double tQuantile975(int df) {
    double[] table = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086};
    return df <= table.length ? table[df - 1] : df <= 30 ? 2.042 : df <= 60 ? 2.000 : 1.96;
  }

  /**
   * As the project's one interval type: {@code [mean - halfWidth, mean + halfWidth]} at level 0.95 with standard
   * error {@code sd / sqrt(n)} (NaN ends for fewer than two values).
   */
  public Interval interval() {
    return new Interval(mean, mean - halfWidth, mean + halfWidth, 0.95, n > 0 ? sd / Math.sqrt(n) : Double.NaN);
  }

  /** {@code mean ± halfWidth} with {@code digits} decimals. */
  public String format(int digits) {
    String f = "%." + digits + "f";
    return String.format(f, mean) + (Double.isNaN(halfWidth) ? "" : String.format(" ± " + f, halfWidth));
  }
}
