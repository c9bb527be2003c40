package siebench.importance.correction;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import siebench.core.Interval;

/**
 * Off-policy evaluation from logged bandit feedback: the expected reward of a target policy {@code pi}
 * estimated from rows logged by another policy {@code pi_0}, each row with its reward {@code r_i}, the
 * target's probability {@code pi(a_i | x_i)} and the logged propensity {@code pi_0(a_i | x_i)}.
 *
 * <ul>
 *   <li>IPS: {@code V = (1/n) sum_i w_i r_i}, {@code w_i = pi / pi_0} (Horvitz &amp; Thompson 1952; Precup,
 *       Sutton &amp; Singh 2000, "Eligibility Traces for Off-Policy Policy Evaluation"); unbiased when
 *       {@code pi_0 > 0} wherever {@code pi > 0}. Standard error: sample standard deviation of {@code w r}
 *       over {@code sqrt(n)}.
 *   <li>SNIPS: {@code V = sum_i w_i r_i / sum_i w_i} (Swaminathan &amp; Joachims 2015, "The Self-Normalized
 *       Estimator for Counterfactual Learning", NeurIPS); delta-method standard error
 *       {@code sqrt(sum_i w_i^2 (r_i - V)^2) / sum_i w_i}.
 * </ul>
 * Intervals are normal approximations ({@link #ips}, {@link #snips}) or percentile bootstrap ({@link
 * #bootstrap}); the same bootstrap serves the model-based estimators ({@link OffPolicyEstimator}: DM, DR,
 * SNDR, Switch-DR). Also used in the Open Bandit benchmark: Saito, Aihara, Matsutani &amp; Narita (2021), "Open
 * Bandit Dataset and Pipeline: Towards Realistic and Reproducible Off-Policy Evaluation", NeurIPS Datasets
 * and Benchmarks.
 */
public final class OffPolicy {
  private OffPolicy() {}

  /** The estimators {@link #bootstrap} can resample. */
  public enum Method {
    IPS, SNIPS
  }

  /** The on-policy value: the mean reward with a normal-approximation interval (Wald). */
  public static Estimate onPolicy(double[] rewards, double level) {
    double[] ones = new double[rewards.length];
    Arrays.fill(ones, 1);
    check(rewards, ones, ones);
    Estimate e = ips(rewards, ones, ones, level);
    return new Estimate("on-policy", e.interval(), rewards.length);
  }

  /** The IPS estimate with a normal-approximation interval at {@code level}. */
  public static Estimate ips(double[] rewards, double[] targetProbability, double[] loggingPropensity, double level) {
    double[] w = weights(rewards, targetProbability, loggingPropensity);
    return ImportanceSampling.ordinary(rewards, w, level).withMethod("ips");
  }

  /** The self-normalized IPS estimate with a delta-method normal interval at {@code level}. */
  public static Estimate snips(double[] rewards, double[] targetProbability, double[] loggingPropensity, double level) {
    double[] w = weights(rewards, targetProbability, loggingPropensity);
    return ImportanceSampling.selfNormalized(rewards, w, level).withMethod("snips");
  }

  /**
   * The estimate by {@code method} with a percentile-bootstrap interval from {@code replicates} seeded
   * resamples of the rows (Efron &amp; Tibshirani 1993, "An Introduction to the Bootstrap"); the standard
   * error is the replicates' standard deviation.
   */
  public static Estimate bootstrap(Method method, double[] rewards, double[] targetProbability,
      double[] loggingPropensity, double level, int replicates, long seed) {
    double[] w = weights(rewards, targetProbability, loggingPropensity);
    double[] rb = new double[rewards.length];
    double[] wb = new double[rewards.length];
    return bootstrap(method.name().toLowerCase() + "-bootstrap", rewards.length, rows -> {
      for (int i = 0; i < rows.length; i++) {
        rb[i] = rewards[rows[i]];
        wb[i] = w[rows[i]];
      }
      return method == Method.SNIPS && sum(wb) == 0 ? Double.NaN : value(method, rb, wb);
    }, level, replicates, seed);
  }

  /**
   * The nonparametric percentile bootstrap of any estimator of {@code n} rows (Efron &amp; Tibshirani 1993, "An
   * Introduction to the Bootstrap"): {@code statistic} maps a list of row indices (with repetitions) to the
   * estimate on those rows; the point estimate is its value on all rows, each of {@code replicates} seeded
   * resamples draws {@code n} rows with replacement, a replicate where the statistic is undefined (NaN) counts
   * as the point estimate, the interval is the replicates' {@code (1 +- level) / 2} quantiles and the standard
   * error their standard deviation.
   */
  public static Estimate bootstrap(String method, int n, ToDoubleFunction<int[]> statistic, double level,
      int replicates, long seed) {
    if (replicates < 20) {
      throw new IllegalArgumentException("need at least 20 bootstrap replicates, got " + replicates);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
    }
    if (n < 1) {
      throw new IllegalArgumentException("no logged rows");
    }
    double point = statistic.applyAsDouble(allRows(n));
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] reps = new double[replicates];
    int[] rows = new int[n];
    for (int b = 0; b < replicates; b++) {
      for (int i = 0; i < n; i++) {
        rows[i] = rnd.nextInt(n);
      }
      double v = statistic.applyAsDouble(rows);
      reps[b] = Double.isNaN(v) ? point : v;
    }
    double mean = Arrays.stream(reps).average().orElse(point);
    double ss = 0;
    for (double v : reps) {
      ss += (v - mean) * (v - mean);
    }
    double alpha = (1 - level) / 2;
    Interval ci = new Interval(point, ImportanceSampling.quantile(reps, alpha),
        ImportanceSampling.quantile(reps, 1 - alpha), level, Math.sqrt(ss / (replicates - 1)));
    return new Estimate(method, ci, n);
  }

  /** The indices 0 .. n - 1. */
  static int[] allRows(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  static double sum(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s;
  }

  private static double value(Method m, double[] r, double[] w) {
    return m == Method.IPS ? ImportanceSampling.ordinaryMean(r, w) : ImportanceSampling.selfNormalizedMean(r, w);
  }

  /** The importance weights {@code pi(a|x) / pi_0(a|x)}; fails naming the first invalid row. */
  public static double[] weights(double[] rewards, double[] targetProbability, double[] loggingPropensity) {
    check(rewards, targetProbability, loggingPropensity);
    double[] w = new double[rewards.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = targetProbability[i] / loggingPropensity[i];
    }
    return w;
  }

  private static void check(double[] r, double[] pi, double[] pi0) {
    if (r.length != pi.length || r.length != pi0.length) {
      throw new IllegalArgumentException("lengths differ: " + r.length + " rewards, " + pi.length
          + " target probabilities, " + pi0.length + " logging propensities");
    }
    if (r.length == 0) {
      throw new IllegalArgumentException("no logged rows");
    }
    for (int i = 0; i < r.length; i++) {
      if (!Double.isFinite(r[i])) {
        throw new IllegalArgumentException("reward of row " + i + " is " + r[i]);
      }
      if (!(pi[i] >= 0 && pi[i] <= 1)) {
        throw new IllegalArgumentException("target probability of row " + i + " is " + pi[i] + "; expected [0, 1]");
      }
      if (!(pi0[i] > 0 && pi0[i] <= 1)) {
        throw new IllegalArgumentException("logging propensity of row " + i + " is " + pi0[i]
            + "; expected (0, 1] (IPS needs the logging policy's support)");
      }
    }
  }
}
