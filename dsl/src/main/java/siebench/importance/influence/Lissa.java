package siebench.importance.influence;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import siebench.core.Numerics;
import siebench.core.Progress;

/**
 * LiSSA, the stochastic inverse-Hessian-vector product of Agarwal, Bullins and Hazan 2017 ("Second-Order
 * Stochastic Optimization for Machine Learning in Linear Time", JMLR), as used for influence functions by Koh and
 * Liang 2017 (Section 3). From {@code h_0 = v} it runs, over mini-batch Hessians {@code H_j} (rows drawn
 * uniformly with replacement, seeded),
 *
 * <pre>
 *   h_j = v + (1 - damping) h_{j-1} - H_j h_{j-1} / scale ,   j = 1 .. depth,
 * </pre>
 *
 * whose fixed point is {@code h = scale (H + scale * damping I)^{-1} v}; the estimate is {@code h_depth / scale},
 * averaged over {@code repeats} independent runs. The recursion is a truncated Neumann series, so it converges
 * when {@code scale} exceeds the largest eigenvalue of every {@code H_j} and {@code depth} is large compared with
 * {@code scale / (lambda_min + scale * damping)}. Its error has a bias (truncation, damping) and a variance (the
 * mini-batches) that {@code repeats} and {@code batchSize} reduce.
 *
 * <p>Defaults: depth 5,000, 1 repeat, mini-batches of 256 rows, damping 0 (the {@link Curvature} already
 * contains the L2 term {@code lambda I}), and an automatic scale: twice the largest eigenvalue of the full
 * {@code H}, estimated by 50 power iterations. A run whose iterate grows beyond {@code 1e8 |v| depth} is stopped
 * with an error asking for a larger scale. Diagnostics include the final relative residual {@code |H x - v| /
 * |v|}, computed with exact Hessian-vector products.
 *
 * <p>Immutable; deterministic for a given seed.
 */
public final class Lissa implements InverseHvp {
  private final int depth;
  private final int repeats;
  private final double scale;
  private final double damping;
  private final int batchSize;
  private final long seed;

  private Lissa(int depth, int repeats, double scale, double damping, int batchSize, long seed) {
    if (depth < 1 || repeats < 1 || batchSize < 1) {
      throw new IllegalArgumentException("LiSSA depth, repeats and batchSize must be >= 1, got " + depth + ", "
          + repeats + ", " + batchSize);
    }
    if (!(scale >= 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("LiSSA scale must be > 0 (or 0 for automatic), got " + scale);
    }
    if (!(damping >= 0 && damping < 1)) {
      throw new IllegalArgumentException("LiSSA damping must be in [0, 1), got " + damping);
    }
    this.depth = depth;
    this.repeats = repeats;
    this.scale = scale;
    this.damping = damping;
    this.batchSize = batchSize;
    this.seed = seed;
  }

  /** Depth 5,000, 1 repeat, batches of 256, damping 0, automatic scale, seed 0. */
  public static Lissa defaults() {
    return new Lissa(5000, 1, 0, 0, 256, 0);
  }

  /** Recursion steps per run. */
  public Lissa depth(int d) {
    return new Lissa(d, repeats, scale, damping, batchSize, seed);
  }

  /** Independent runs averaged. */
  public Lissa repeats(int r) {
    return new Lissa(depth, r, scale, damping, batchSize, seed);
  }

  /** The scale (must exceed the mini-batch Hessians' largest eigenvalue); 0 = automatic. */
  public Lissa scale(double s) {
    return new Lissa(depth, repeats, s, damping, batchSize, seed);
  }

  /** Damping: the recursion inverts {@code H + scale * damping I}. */
  public Lissa damping(double d) {
    return new Lissa(depth, repeats, scale, d, batchSize, seed);
  }

  /** Rows per mini-batch Hessian; at least the number of rows means exact products (no sampling). */
  public Lissa batchSize(int b) {
    return new Lissa(depth, repeats, scale, damping, b, seed);
  }

  /** Seed of the mini-batch sampling. */
  public Lissa seed(long s) {
    return new Lissa(depth, repeats, scale, damping, batchSize, s);
  }

  @Override
  public String name() {
    return "lissa";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lissa.depth", depth);
    m.put("lissa.repeats", repeats);
    m.put("lissa.scale", scale == 0 ? "auto" : scale);
    m.put("lissa.damping", damping);
    m.put("lissa.batchSize", batchSize);
    m.put("lissa.seed", seed);
    return m;
  }

  /** The largest eigenvalue of {@code h} by power iteration from a seeded random vector. */
  static double largestEigenvalue(Curvature h, int iterations, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[h.dim()];
    for (int j = 0; j < v.length; j++) {
      v[j] = r.nextDouble() - 0.5;
    }
    double[] hv = new double[v.length];
    double lambda = 0;
    for (int it = 0; it < iterations; it++) {
      double norm = Math.sqrt(Numerics.dot(v, v));
      for (int j = 0; j < v.length; j++) {
        v[j] /= norm;
      }
      h.apply(v, hv);
      lambda = Numerics.dot(v, hv);
      double[] t = v;
      v = hv;
      hv = t;
    }
    return lambda;
  }

  @Override
  public Inverse prepare(Curvature h, Progress progress) {
    double s = scale > 0 ? scale : 2 * largestEigenvalue(h, 50, seed);
    int n = h.rows();
    boolean exact = batchSize >= n;
    return new Inverse() {
      int solves;
      double worst;

      @Override
      public double[] solve(double[] v) {
        int p = v.length;
        double vNorm = Math.sqrt(Numerics.dot(v, v));
        double[] estimate = new double[p];
        double[] hh = new double[p];
        double[] prod = new double[p];
        int[] batch = new int[Math.min(batchSize, n)];
        long last = System.nanoTime();
        for (int rep = 0; rep < repeats; rep++) {
          SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 31L * solves + rep);
          System.arraycopy(v, 0, hh, 0, p);
          for (int j = 0; j < depth; j++) {
            if (progress != null && (j & 63) == 0) {
              progress.checkCancelled();
            }
            if (exact) {
              h.apply(hh, prod);
            } else {
              for (int b = 0; b < batch.length; b++) {
                batch[b] = rnd.nextInt(n);
              }
              h.applyBatch(batch, hh, prod);
            }
            double norm = 0;
            for (int k = 0; k < p; k++) {
              hh[k] = v[k] + (1 - damping) * hh[k] - prod[k] / s;
              norm += hh[k] * hh[k];
            }
            if (!(Math.sqrt(norm) <= 1e8 * (vNorm + 1e-300) * depth)) {
              throw new IllegalStateException("LiSSA diverged at step " + (j + 1) + " (|h| = " + Math.sqrt(norm)
                  + "): the scale " + s + " is below the largest eigenvalue of a mini-batch Hessian; set a larger "
                  + "scale or batch size");
            }
            if (progress != null && solves == 0 && System.nanoTime() - last > 500_000_000L) {
              last = System.nanoTime();
              progress.update("influence: LiSSA", (long) rep * depth + j + 1, (long) repeats * depth, "scale " + s);
            }
          }
          for (int k = 0; k < p; k++) {
            estimate[k] += hh[k] / s / repeats;
          }
        }
        h.apply(estimate, prod);
        double res = 0;
        for (int k = 0; k < p; k++) {
          res += (prod[k] - v[k]) * (prod[k] - v[k]);
        }
        worst = Math.max(worst, vNorm == 0 ? 0 : Math.sqrt(res) / vNorm);
        solves++;
        return estimate;
      }

      @Override
      public Map<String, Object> diagnostics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inverse", "LiSSA");
        m.put("lissa.scaleUsed", s);
        m.put("lissa.relativeResidual", worst);
        return m;
      }
    };
  }
}
