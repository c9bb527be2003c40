package siebench.importance.influence;

import siebench.core.Progress;

import static siebench.core.Numerics.dot;

/**
 * The conjugate gradient method (Hestenes and Stiefel 1952) for a symmetric positive definite system {@code A x
 * = b} given only products {@code A v}: what influence functions use for inverse-Hessian-vector products (Koh
 * and Liang 2017, Section 3). Stops when the residual {@code |b - A x|} falls below {@code tolerance * |b|} or
 * after {@code maxIterations}; the result says which happened. Checks cancellation every iteration.
 */
final class ConjugateGradient {
  private ConjugateGradient() {}

  /** A symmetric positive definite linear operator: writes {@code A v} into {@code out}. */
  @FunctionalInterface
  public interface Operator {
    void apply(double[] v, double[] out);
  }

  /**
   * The outcome of a solve.
   *
   * @param x the approximate solution
   * @param iterations the iterations made
   * @param relativeResidual {@code |b - A x| / |b|} at the end (0 when {@code b} is 0)
   * @param converged whether the tolerance was reached
   */
  public record Result(double[] x, int iterations, double relativeResidual, boolean converged) {}

  /**
   * Solves {@code A x = b} from {@code x = 0}. Reports progress to {@code progress} under {@code task}
   * (throttled to a few updates per second; null for none) and checks its cancellation every iteration.
   */
  public static Result solve(Operator a, double[] b, double tolerance, int maxIterations, Progress progress,
      String task) {
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("CG tolerance must be > 0, got " + tolerance);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("CG maxIterations must be >= 1, got " + maxIterations);
    }
    int n = b.length;
    double[] x = new double[n];
    double[] r = b.clone();
    double[] p = b.clone();
    double[] ap = new double[n];
    double bNorm = Math.sqrt(dot(b, b));
    if (bNorm == 0) {
      return new Result(x, 0, 0, true);
    }
    double rr = dot(r, r);
    long lastReport = System.nanoTime();
    int it = 0;
    while (it < maxIterations && Math.sqrt(rr) > tolerance * bNorm) {
      if (progress != null) {
        progress.checkCancelled();
      }
      a.apply(p, ap);
      double pap = dot(p, ap);
      if (!(pap > 0)) {
        throw new IllegalStateException("CG: operator is not positive definite (p'Ap = " + pap + " at iteration "
            + (it + 1) + "); increase the L2 regularization");
      }
      double alpha = rr / pap;
      for (int i = 0; i < n; i++) {
        x[i] += alpha * p[i];
        r[i] -= alpha * ap[i];
      }
      double rrNew = dot(r, r);
      double beta = rrNew / rr;
      for (int i = 0; i < n; i++) {
        p[i] = r[i] + beta * p[i];
      }
      rr = rrNew;
      it++;
      if (progress != null && task != null && (it == 1 || System.nanoTime() - lastReport > 250_000_000L)) {
        lastReport = System.nanoTime();
        progress.update(task, it, maxIterations, String.format("relative residual %.3e (tolerance %.1e)",
            Math.sqrt(rr) / bNorm, tolerance));
      }
    }
    double rel = Math.sqrt(rr) / bNorm;
    if (progress != null && task != null) {
      // converged early: the task is done, so the bar reaches its end
      progress.update(task, rel <= tolerance ? maxIterations : it, maxIterations, String.format(
          "%s after %d iterations, relative residual %.3e", rel <= tolerance ? "converged" : "NOT converged", it, rel));
    }
    return new Result(x, it, rel, rel <= tolerance);
  }
}
