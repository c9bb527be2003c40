package siebench.importance.influence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import siebench.core.Numerics;
import siebench.core.Progress;

/**
 * Inverse-Hessian-vector products on the top eigenspace of {@code H}, after Schioppa, Zablotskaia, Vilar and
 * Sokolov 2022, "Scaling Up Influence Functions" (AAAI 2022): the Arnoldi iteration (with full
 * re-orthogonalization) builds an orthonormal Krylov basis {@code Q} and the projected matrix {@code Q' H Q}
 * from {@code iterations} Hessian-vector products started at a seeded random vector; the {@code k} largest
 * eigenpairs {@code (lambda_j, u_j)} of that matrix (Ritz pairs) give
 *
 * <pre>
 *   H^{-1} v ~= sum_{j <= k} (u_j . v / lambda_j) u_j ,
 * </pre>
 *
 * i.e. the exact inverse restricted to the span of the top-k eigenvectors, with the component of {@code v}
 * outside it dropped (as in the paper, which projects gradients onto that span). When the Krylov space becomes
 * invariant before {@code iterations} steps the iteration restarts from a new random vector orthogonal to the
 * basis, so {@code iterations >= k = dim} gives all eigenpairs and the exact inverse.
 *
 * <p>Cost: {@code iterations} Hessian-vector products, {@code iterations} stored vectors of the dimension, an
 * eigen-decomposition of an {@code iterations x iterations} matrix; then O(k p) per solve. Defaults: k = 20 from
 * 60 iterations, seed 0. Immutable; deterministic for a given seed.
 */
public final class Arnoldi implements InverseHvp {
  private final int rank;
  private final int iterations;
  private final long seed;

  private Arnoldi(int rank, int iterations, long seed) {
    if (rank < 1 || iterations < rank) {
      throw new IllegalArgumentException("Arnoldi needs rank k >= 1 and iterations >= k, got k = " + rank
          + ", iterations = " + iterations);
    }
    this.rank = rank;
    this.iterations = iterations;
    this.seed = seed;
  }

  /** k = 20 eigenpairs from 60 iterations, seed 0. */
  public static Arnoldi defaults() {
    return new Arnoldi(20, 60, 0);
  }

  /** The number k of top eigenpairs kept (iterations are raised to k if fewer). */
  public Arnoldi rank(int k) {
    return new Arnoldi(k, Math.max(k, iterations), seed);
  }

  /** The number of Arnoldi steps (Hessian-vector products). */
  public Arnoldi iterations(int it) {
    return new Arnoldi(rank, it, seed);
  }

  /** Seed of the start vectors. */
  public Arnoldi seed(long s) {
    return new Arnoldi(rank, iterations, s);
  }

  @Override
  public String name() {
    return "arnoldi";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("arnoldi.k", rank);
    m.put("arnoldi.iterations", iterations);
    m.put("arnoldi.seed", seed);
    return m;
  }

  /** The top eigenpairs: values (decreasing) and unit vectors {@code vectors[j]}. */
  record Eigenpairs(double[] values, double[][] vectors, int steps) {}

  Eigenpairs eigenpairs(Curvature h, Progress progress) {
    int p = h.dim();
    int steps = Math.min(iterations, p);
    SplittableRandom rnd = new SplittableRandom(seed);
    List<double[]> q = new ArrayList<>();
    double[][] t = new double[steps][steps];
    double[] w = new double[p];
    double[] current = randomUnit(p, rnd, q);
    long last = System.nanoTime();
    for (int it = 0; it < steps; it++) {
      if (progress != null) {
        progress.checkCancelled();
        if (System.nanoTime() - last > 500_000_000L) {
          last = System.nanoTime();
          progress.update("influence: Arnoldi", it, steps, "Hessian-vector products");
        }
      }
      q.add(current);
      h.apply(current, w);
      double wNorm0 = Math.sqrt(Numerics.dot(w, w));
      for (int pass = 0; pass < 2; pass++) { // classical Gram-Schmidt, twice
        for (int j = 0; j <= it; j++) {
          double[] qj = q.get(j);
          double c = Numerics.dot(qj, w);
          t[j][it] += c;
          for (int k = 0; k < p; k++) {
            w[k] -= c * qj[k];
          }
        }
      }
      if (it + 1 == steps) {
        break;
      }
      double norm = Math.sqrt(Numerics.dot(w, w));
      if (norm > 1e-10 * Math.max(wNorm0, 1e-300)) {
        t[it + 1][it] = norm;
        current = new double[p];
        for (int k = 0; k < p; k++) {
          current[k] = w[k] / norm;
        }
      } else { // invariant subspace: restart orthogonally (t[it+1][it] stays 0)
        current = randomUnit(p, rnd, q);
      }
    }
    double[][] sym = new double[steps][steps];
    for (int a = 0; a < steps; a++) {
      for (int b = 0; b < steps; b++) {
        sym[a][b] = 0.5 * (t[a][b] + t[b][a]);
      }
    }
    SymmetricEigen e = SymmetricEigen.of(sym);
    int k = Math.min(rank, steps);
    double[] values = new double[k];
    double[][] vectors = new double[k][p];
    for (int j = 0; j < k; j++) {
      values[j] = e.values[j];
      for (int a = 0; a < steps; a++) {
        double y = e.vectors[a][j];
        double[] qa = q.get(a);
        for (int c = 0; c < p; c++) {
          vectors[j][c] += y * qa[c];
        }
      }
      if (!(values[j] > 0)) {
        throw new IllegalStateException("Arnoldi: Ritz value " + values[j] + " <= 0 at rank " + (j + 1)
            + "; the Hessian must be positive definite (increase the L2 regularization)");
      }
    }
    return new Eigenpairs(values, vectors, steps);
  }

  private static double[] randomUnit(int p, SplittableRandom rnd, List<double[]> orthogonalTo) {
    for (int attempt = 0; attempt < 10; attempt++) {
      double[] v = new double[p];
      for (int k = 0; k < p; k++) {
        v[k] = rnd.nextDouble() - 0.5;
      }
      for (int pass = 0; pass < 2; pass++) {
        for (double[] qj : orthogonalTo) {
          double c = Numerics.dot(qj, v);
          for (int k = 0; k < p; k++) {
            v[k] -= c * qj[k];
          }
        }
      }
      double norm = Math.sqrt(Numerics.dot(v, v));
      if (norm > 1e-6) {
        for (int k = 0; k < p; k++) {
          v[k] /= norm;
        }
        return v;
      }
    }
    throw new IllegalStateException("Arnoldi: could not extend an orthonormal basis of " + orthogonalTo.size()
        + " vectors in dimension " + p);
  }

  @Override
  public Inverse prepare(Curvature h, Progress progress) {
    Eigenpairs e = eigenpairs(h, progress);
    return new Inverse() {
      @Override
      public double[] solve(double[] b) {
        double[] out = new double[b.length];
        for (int j = 0; j < e.values().length; j++) {
          double[] u = e.vectors()[j];
          double c = Numerics.dot(u, b) / e.values()[j];
          for (int k = 0; k < out.length; k++) {
            out[k] += c * u[k];
          }
        }
        return out;
      }

      @Override
      public Map<String, Object> diagnostics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inverse", "Arnoldi top-" + e.values().length);
        m.put("arnoldi.steps", e.steps());
        m.put("arnoldi.largestEigenvalue", e.values()[0]);
        m.put("arnoldi.smallestKeptEigenvalue", e.values()[e.values().length - 1]);
        return m;
      }
    };
  }
}
