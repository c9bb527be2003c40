package siebench.metrics;

import java.util.Arrays;
import java.util.Random;
import siebench.core.Interval;
import siebench.core.Progress;

/**
 * Seeded bootstrap confidence intervals for any metric (Efron and Tibshirani 1993, "An Introduction to the
 * Bootstrap", Chapman and Hall): the metric is recomputed on {@code resamples} samples drawn with replacement
 * and the interval is the percentile interval of those values (quantiles with linear interpolation).
 *
 * <p>Rows can be resampled independently ({@link #rows}) or, for per-user or per-query metrics and for
 * correlated impressions, whole groups at once ({@link #groups}, the cluster bootstrap): a group drawn twice
 * appears twice, and {@link Resample#groups()} gives each drawn copy its own id so that per-group averages
 * count it twice.
 *
 * <pre>{@code
 * Bootstrap.Result ci = Bootstrap.auc(labels, scores, 1000, 0.95, 7);
 * Bootstrap.Result g = Bootstrap.groups(Groups.of(users), 1000, 0.95, 7,
 *     r -> Metrics.gauc(r.take(labels), r.take(scores), r.groups()));
 * }</pre>
 */
public final class Bootstrap {
  private Bootstrap() {}

  /**
   * One bootstrap sample: the original row positions drawn (with repetition), and for each drawn row the id
   * of the drawn group copy (for a row bootstrap, every row is its own copy).
   */
  public record Resample(int[] rows, long[] groups) {
    /** The values of {@code a} at the drawn rows. */
    public double[] take(double[] a) {
      double[] out = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        out[i] = a[rows[i]];
      }
      return out;
    }

    /** The values of {@code a} at the drawn rows. */
    public float[] take(float[] a) {
      float[] out = new float[rows.length];
      for (int i = 0; i < rows.length; i++) {
        out[i] = a[rows[i]];
      }
      return out;
    }
  }

  /** A metric computed on one resample; NaN marks a resample where it is undefined (e.g. one class). */
  @FunctionalInterface
  public interface Statistic {
    double compute(Resample resample);
  }

  /**
   * A bootstrap interval ({@link Interval}: the metric on the original data, the percentile bounds, the level
   * asked for and the standard deviation of the resampled values as its standard error) with the number of
   * resamples it rests on.
   *
   * @param interval the estimate and its percentile interval
   * @param resamples resamples whose value was defined
   * @param undefined resamples whose value was NaN and left out
   */
  public record Result(Interval interval, int resamples, int undefined) {
    @Override
    public String toString() {
      return String.format("%.5f [%.5f, %.5f] (%.0f%% bootstrap, %d resamples)", interval.estimate(),
          interval.lower(), interval.upper(), 100 * interval.level(), resamples);
    }
  }

  /** Row bootstrap of {@code statistic} over {@code n} rows. */
  public static Result rows(int n, int resamples, double level, long seed, Statistic statistic) {
    return rows(n, resamples, level, seed, statistic, Progress.silent());
  }

  /** Row bootstrap reporting to {@code progress} and checking for cancellation between resamples. */
  public static Result rows(int n, int resamples, double level, long seed, Statistic statistic,
      Progress progress) {
    check(resamples, level);
    if (n < 1) {
      throw new IllegalArgumentException("bootstrap needs at least one row");
    }
    int[] all = new int[n];
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
      ids[i] = i;
    }
    double estimate = statistic.compute(new Resample(all, ids));
    Random random = new Random(seed);
    double[] values = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      progress.checkCancelled();
      int[] rows = new int[n];
      for (int i = 0; i < n; i++) {
        rows[i] = random.nextInt(n);
      }
      values[b] = statistic.compute(new Resample(rows, ids));
      report(progress, b, resamples);
    }
    return interval(estimate, values, level);
  }

  /** Cluster bootstrap: draws whole groups with replacement. */
  public static Result groups(Groups groups, int resamples, double level, long seed, Statistic statistic) {
    return groups(groups, resamples, level, seed, statistic, Progress.silent());
  }

  /** Cluster bootstrap reporting to {@code progress} and checking for cancellation between resamples. */
  public static Result groups(Groups groups, int resamples, double level, long seed, Statistic statistic,
      Progress progress) {
    check(resamples, level);
    int g = groups.count();
    if (g < 1) {
      throw new IllegalArgumentException("bootstrap needs at least one group");
    }
    int n = groups.rows();
    long[] original = new long[n];
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
      original[i] = groups.groupOf(i);
    }
    double estimate = statistic.compute(new Resample(all, original));
    Random random = new Random(seed);
    double[] values = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      progress.checkCancelled();
      int[] drawn = new int[g];
      int size = 0;
      for (int i = 0; i < g; i++) {
        drawn[i] = random.nextInt(g);
        size += groups.membersView(drawn[i]).length;
      }
      int[] rows = new int[size];
      long[] copy = new long[size];
      int at = 0;
      for (int i = 0; i < g; i++) {
        for (int r : groups.membersView(drawn[i])) {
          rows[at] = r;
          copy[at++] = i;
        }
      }
      values[b] = statistic.compute(new Resample(rows, copy));
      report(progress, b, resamples);
    }
    return interval(estimate, values, level);
  }

  /** Row-bootstrap interval of the AUC. */
  public static Result auc(float[] labels, double[] scores, int resamples, double level, long seed) {
    Checks.labels(labels);
    Checks.scores("scores", scores, labels.length);
    return rows(labels.length, resamples, level, seed, r -> Metrics.auc(r.take(labels), r.take(scores)));
  }

  /**
   * Paired row-bootstrap interval of {@code AUC(scoresA) - AUC(scoresB)} on the same labels: both models are
   * scored on the same resamples, so the interval reflects the difference, not two independent spreads. An
   * interval excluding 0 says model A ranks better (or worse) at that level.
   */
  public static Result aucDifference(float[] labels, double[] scoresA, double[] scoresB, int resamples,
      double level, long seed) {
    Checks.labels(labels);
    Checks.scores("scoresA", scoresA, labels.length);
    Checks.scores("scoresB", scoresB, labels.length);
    return rows(labels.length, resamples, level, seed, r -> {
      float[] y = r.take(labels);
      return Metrics.auc(y, r.take(scoresA)) - Metrics.auc(y, r.take(scoresB));
    });
  }

  /** User-bootstrap interval of the GAUC (impression-weighted). */
  public static Result gauc(float[] labels, double[] scores, String[] users, int resamples, double level,
      long seed) {
    Checks.labels(labels);
    Checks.scores("scores", scores, labels.length);
    return groups(Groups.of(users), resamples, level, seed,
        r -> Metrics.gauc(r.take(labels), r.take(scores), r.groups()));
  }

  private static void report(Progress progress, int b, int resamples) {
    if ((b + 1) % 50 == 0 || b + 1 == resamples) {
      progress.update("bootstrap", b + 1, resamples, "");
    }
  }

  private static void check(int resamples, double level) {
    if (resamples < 2) {
      throw new IllegalArgumentException("resamples must be >= 2, got " + resamples);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), got " + level);
    }
  }

  private static Result interval(double estimate, double[] values, double level) {
    double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    int undefined = values.length - v.length;
    if (v.length == 0) {
      return new Result(new Interval(estimate, Double.NaN, Double.NaN, level, Double.NaN), 0, undefined);
    }
    double mean = Arrays.stream(v).average().orElseThrow();
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    double se = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
    double alpha = 1 - level;
    return new Result(new Interval(estimate, quantile(v, alpha / 2), quantile(v, 1 - alpha / 2), level, se),
        v.length, undefined);
  }

  /** Quantile of sorted values with linear interpolation between order statistics (Hyndman-Fan type 7). */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
