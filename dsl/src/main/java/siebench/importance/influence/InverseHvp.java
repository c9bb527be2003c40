package siebench.importance.influence;

import java.util.Map;
import siebench.core.Progress;

/**
 * A way of computing inverse-Hessian-vector products {@code H^{-1} v}, the core of influence functions (Koh and
 * Liang 2017, Section 3), for the {@link Curvature} of a regularized logistic problem. Chosen with {@link
 * InfluenceFunctions#solver(InverseHvp)}, e.g. {@code InfluenceFunctions.defaults().solver(InverseHvp.lissa())}.
 *
 * <ul>
 *   <li>{@link #cholesky()}: exact, from the dense Hessian (small dimensions);
 *   <li>{@link #conjugateGradient(double, int)}: exact to a residual tolerance, from Hessian-vector products;
 *   <li>{@link #lissa()}: the stochastic LiSSA recursion of Agarwal, Bullins and Hazan 2017, as used by Koh and
 *       Liang 2017;
 *   <li>{@link #arnoldi(int, int)}: the top-k eigenspace from the Arnoldi iteration, after Schioppa et al. 2022;
 *   <li>{@link #ekfac()}: the eigenvalue-corrected Kronecker-factored approximation (George et al. 2018, as used
 *       by Grosse et al. 2023) of a dense output layer.
 * </ul>
 *
 * <p>A solver is an immutable configuration; {@link #prepare} does the per-Hessian work once (a factorization,
 * an eigenbasis) and returns an {@link Inverse} that is then applied to any number of vectors.
 */
public interface InverseHvp {
  /** A short name ({@code "cholesky"}, {@code "cg"}, {@code "lissa"}, ...). */
  String name();

  /** The configuration, for the result's parameters. */
  Map<String, Object> parameters();

  /** Does the work that does not depend on the right-hand side and returns the (approximate) inverse. */
  Inverse prepare(Curvature h, Progress progress);

  /** An (approximate) {@code H^{-1}} ready to apply. */
  interface Inverse {
    /** {@code H^{-1} b} (approximately, for the approximate solvers). */
    double[] solve(double[] b);

    /** What the solves did (iterations, residuals, ranks), accumulated over all calls so far. */
    Map<String, Object> diagnostics();
  }

  /** The exact inverse by Cholesky factorization of the dense Hessian; refuses dimensions above 5,000. */
  static InverseHvp cholesky() {
    return new CholeskySolver();
  }

  /** Conjugate gradient to relative residual {@code tolerance} or {@code maxIterations} per solve. */
  static InverseHvp conjugateGradient(double tolerance, int maxIterations) {
    return new CgSolver(tolerance, maxIterations);
  }

  /** LiSSA with its defaults ({@link Lissa#defaults()}); configure with the returned object's setters. */
  static Lissa lissa() {
    return Lissa.defaults();
  }

  /** Arnoldi with the top {@code k} eigenpairs from {@code iterations} Arnoldi steps ({@link Arnoldi}). */
  static Arnoldi arnoldi(int k, int iterations) {
    return Arnoldi.defaults().rank(k).iterations(iterations);
  }

  /** EK-FAC of the dense logistic layer ({@link Ekfac}). */
  static Ekfac ekfac() {
    return new Ekfac();
  }
}
