package siebench.importance.correction;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Adaptive importance sampling by population Monte Carlo (Cappé, Guillin, Marin &amp; Robert 2004, "Population
 * Monte Carlo", Journal of Computational and Graphical Statistics 13(4)) with a one-dimensional Gaussian proposal
 * adapted by moment matching. Every iteration draws {@code n} points {@code x_i ~ N(μ, σ²)}, weights them by
 * {@code w_i = p(x_i) / q(x_i)} ({@code p} the target density, possibly unnormalized), records the
 * self-normalized estimate of the target mean ({@link ImportanceSampling#selfNormalizedMean}) and the effective
 * sample size ({@link ImportanceSampling#effectiveSampleSize}), resamples {@code n} indices in proportion to the
 * weights (sampling importance resampling, Rubin 1988) and moves the proposal to the mean and standard deviation
 * of the resampled points; a resample that collapses (standard deviation at most {@code 1e-3}) keeps the previous
 * spread. One {@link Random} draws the points and is handed to the resampler, so a run is reproducible from its
 * seed. Immutable builder.
 *
 * <pre>{@code
 * PopulationMonteCarlo.of(x -> PopulationMonteCarlo.normalDensity(x, 3, 0.5)).start(0, 2).run().table()
 * }</pre>
 */
public final class PopulationMonteCarlo {
  /** Draws {@code m} indices in {@code [0, weights.length)} with probabilities {@code weights[i] / Σ weights}. */
  @FunctionalInterface
  public interface Resampler {
    int[] resample(double[] weights, int m, Random rng);
  }

  /** One iteration: the proposal it drew from, the self-normalized estimate and ESS / n of its weights. */
  public record Iteration(int iteration, double proposalMean, double proposalSd, double estimate, double essShare) {}

  /** The iterations of a run, in order. */
  public record Result(List<Iteration> iterations) {
    public Result {
      iterations = List.copyOf(iterations);
    }

    /** The last iteration's self-normalized estimate of the target mean. */
    public double estimate() {
      return iterations.get(iterations.size() - 1).estimate();
    }

    /** One row per iteration: proposal mean and sd, the SNIS estimate of the mean, ESS / draws. */
    public Table table() {
      return Table.create("population Monte Carlo",
          IntColumn.create("iteration", iterations.stream().mapToInt(Iteration::iteration).toArray()),
          DoubleColumn.create("proposal mean", iterations.stream().mapToDouble(Iteration::proposalMean)),
          DoubleColumn.create("proposal sd", iterations.stream().mapToDouble(Iteration::proposalSd)),
          DoubleColumn.create("SNIS estimate of the mean", iterations.stream().mapToDouble(Iteration::estimate)),
          DoubleColumn.create("ESS / draws", iterations.stream().mapToDouble(Iteration::essShare)));
    }
  }

  private final DoubleUnaryOperator target;
  private final double mean;
  private final double sd;
  private final int draws;
  private final int iterations;
  private final long seed;
  private final Resampler resampler;

  private PopulationMonteCarlo(DoubleUnaryOperator target, double mean, double sd, int draws, int iterations,
      long seed, Resampler resampler) {
    if (!Double.isFinite(mean) || !(sd > 0) || Double.isInfinite(sd)) {
      throw new IllegalArgumentException("the start proposal needs a finite mean and a finite sd > 0, got N(" + mean
          + ", " + sd + "²)");
    }
    if (draws < 2) {
      throw new IllegalArgumentException("need at least 2 draws per iteration, got " + draws);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("need at least one iteration, got " + iterations);
    }
    this.target = Objects.requireNonNull(target, "target");
    this.mean = mean;
    this.sd = sd;
    this.draws = draws;
    this.iterations = iterations;
    this.seed = seed;
    this.resampler = Objects.requireNonNull(resampler, "resampler");
  }

  /** PMC for the target density {@code p}: start N(0, 1), 5,000 draws, 4 iterations, seed 7, multinomial resampling. */
  public static PopulationMonteCarlo of(DoubleUnaryOperator p) {
    return new PopulationMonteCarlo(p, 0, 1, 5_000, 4, 7, multinomial());
  }

  /** The first proposal, {@code N(mean, sd²)}. */
  public PopulationMonteCarlo start(double mean, double sd) {
    return new PopulationMonteCarlo(target, mean, sd, draws, iterations, seed, resampler);
  }

  /** Points drawn per iteration. */
  public PopulationMonteCarlo draws(int n) {
    return new PopulationMonteCarlo(target, mean, sd, n, iterations, seed, resampler);
  }

  /** Number of iterations. */
  public PopulationMonteCarlo iterations(int t) {
    return new PopulationMonteCarlo(target, mean, sd, draws, t, seed, resampler);
  }

  /** Seed of the random numbers (draws and resampling). */
  public PopulationMonteCarlo seed(long s) {
    return new PopulationMonteCarlo(target, mean, sd, draws, iterations, s, resampler);
  }

  /** The resampling step (default {@link #multinomial()}). */
  public PopulationMonteCarlo resampler(Resampler r) {
    return new PopulationMonteCarlo(target, mean, sd, draws, iterations, seed, r);
  }

  /** Runs the iterations; see the class comment. */
  public Result run() {
    Random rng = new Random(seed);
    double mu = mean;
    double s = sd;
    List<Iteration> out = new ArrayList<>();
    for (int t = 1; t <= iterations; t++) {
      double[] x = new double[draws];
      double[] w = new double[draws];
      for (int i = 0; i < draws; i++) {
        x[i] = mu + s * rng.nextGaussian();
        w[i] = target.applyAsDouble(x[i]) / normalDensity(x[i], mu, s);
        if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
          throw new IllegalStateException("the weight p(x)/q(x) at x = " + x[i] + " is " + w[i]
              + "; the target density must be finite and >= 0");
        }
      }
      out.add(new Iteration(t, mu, s, ImportanceSampling.selfNormalizedMean(x, w),
          ImportanceSampling.effectiveSampleSize(w) / draws));
      int[] picked = resampler.resample(w, draws, rng);
      if (picked == null || picked.length != draws) {
        throw new IllegalStateException("the resampler returned " + (picked == null ? "null" : picked.length
            + " indices") + "; expected " + draws);
      }
      double m1 = 0;
      double m2 = 0;
      for (int i : picked) {
        if (i < 0 || i >= draws) {
          throw new IllegalStateException("the resampler returned index " + i + "; expected 0.." + (draws - 1));
        }
        m1 += x[i];
        m2 += x[i] * x[i];
      }
      m1 /= draws;
      double spread = Math.sqrt(Math.max(0, m2 / draws - m1 * m1));
      mu = m1;
      if (spread > 1e-3) {
        s = spread;
      }
    }
    return new Result(out);
  }

  /** The density of {@code N(mu, sd²)} at {@code x}. */
  public static double normalDensity(double x, double mu, double sd) {
    double z = (x - mu) / sd;
    return Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
  }

  /**
   * Multinomial resampling by inverse transform: {@code m} uniform draws on {@code [0, Σ w)}, each mapped by
   * binary search to the first index whose cumulative weight exceeds it.
   */
  public static Resampler multinomial() {
    return (weights, m, rng) -> {
      double[] cumulative = new double[weights.length];
      double total = 0;
      for (int i = 0; i < weights.length; i++) {
        if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
          throw new IllegalArgumentException("weight " + i + " is " + weights[i] + "; expected finite and >= 0");
        }
        total += weights[i];
        cumulative[i] = total;
      }
      if (!(total > 0)) {
        throw new IllegalArgumentException("all " + weights.length + " weights are 0: nothing to resample");
      }
      int[] out = new int[m];
      for (int k = 0; k < m; k++) {
        double u = rng.nextDouble() * total;
        int lo = 0;
        int hi = weights.length - 1;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (cumulative[mid] > u) {
            hi = mid;
          } else {
            lo = mid + 1;
          }
        }
        out[k] = lo;
      }
      return out;
    };
  }

  @Override
  public String toString() {
    return "PopulationMonteCarlo[start N(" + mean + ", " + sd + "²), " + draws + " draws x " + iterations
        + " iterations, seed " + seed + "]";
  }
}
