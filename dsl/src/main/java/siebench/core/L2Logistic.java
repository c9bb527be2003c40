package siebench.core;

import static siebench.core.Numerics.dot;
import static siebench.core.Numerics.maxAbs;

import java.util.Arrays;

/**
 * The project's one L2-regularized logistic regression solver, shared by the data-valuation learners, the
 * bias-correction classifiers (domain classifiers, reward regression, regression-EM) and the influence-function
 * fits. One convention everywhere:
 *
 * <pre>
 *   F(theta) = (1 / W) sum_k w_k bce(z_k, t_k) + (lambda / 2) sum_{j != intercept} theta_j^2
 *              + (interceptLambda / 2) theta_intercept^2,        z_k = o_k + x_k . theta,
 * </pre>
 *
 * a weighted <em>mean</em> binary cross-entropy with soft targets {@code t_k} in [0, 1], row weights {@code w_k}
 * (a row listed {@code c} times in {@link Problem#rows()} counts with weight {@code c w_k}, as in a bootstrap
 * sample), optional fixed offsets {@code o_k}, and normalizer {@code W = sum_k w_k} unless the problem fixes it
 * ({@link Problem#normalizer(double)}). The intercept is unpenalized by default ({@code interceptLambda = 0}).
 * Callers whose own convention is a sum of losses with penalty {@code (l2 / 2) ||beta||^2} pass {@code lambda =
 * l2 / W}: the minimizer is the same.
 *
 * <p>Fitted by a truncated Newton method: each step solves {@code H s = -g} by conjugate gradients (Lin, Weng and
 * Keerthi 2008, "Trust Region Newton Method for Large-Scale Logistic Regression", JMLR 9) preconditioned with the
 * Hessian's diagonal (Hsia, Chiang and Lin 2018, "Preconditioned Conjugate Gradient Methods in Truncated Newton
 * Frameworks for Large-scale Linear Classification", ACML) plus, when the design groups its columns ({@link
 * LinearDesign#columnGroups()}: one-hot fields), an additive coarse-space correction {@code W (W' H W)^-1 W'}
 * (two-level additive Schwarz; Toselli and Widlund 2005, "Domain Decomposition Methods", ch. 2) that removes the
 * near-null directions "intercept up, every category of a field down" which make one-hot Hessians
 * ill-conditioned under a small L2 penalty, to relative
 * residual {@code min(0.1, sqrt(|g| / |g_0|))} (or a fixed {@link #cgTolerance(double)}), then a backtracking
 * Armijo line search; when the decrease of F is below its rounding error, the full Newton step is taken if it
 * lowers the gradient. Stops when the largest absolute gradient entry is at most {@link #tolerance(double)},
 * after {@link #maxIterations(int)} Newton steps, or when no step makes progress in floating point (the optimum
 * to machine precision). F is strictly convex for {@code lambda > 0} and {@code interceptLambda > 0} (with an
 * unpenalized intercept, as long as both targets occur), so every warm start reaches the same optimum; only the
 * number of steps differs.
 *
 * <p>Immutable; {@link #fit} is thread-safe.
 */
public final class L2Logistic {
  private final double lambda;
  private final double interceptLambda;
  private final double tolerance;
  private final int maxIterations;
  private final double cgTolerance;
  private final int cgMaxIterations;

  private L2Logistic(double lambda, double interceptLambda, double tolerance, int maxIterations,
      double cgTolerance, int cgMaxIterations) {
    if (!(lambda >= 0) || Double.isInfinite(lambda) || !(interceptLambda >= 0) || Double.isInfinite(interceptLambda)) {
      throw new IllegalArgumentException("L2 strengths must be finite and >= 0, got lambda " + lambda
          + ", interceptLambda " + interceptLambda);
    }
    if (!(tolerance > 0) || maxIterations < 1) {
      throw new IllegalArgumentException("need tolerance > 0 and maxIterations >= 1, got " + tolerance + ", "
          + maxIterations);
    }
    if (!(Double.isNaN(cgTolerance) || cgTolerance > 0 && cgTolerance < 1) || cgMaxIterations < 1) {
      throw new IllegalArgumentException("need a CG tolerance in (0, 1) (or NaN for the adaptive one) and"
          + " cgMaxIterations >= 1, got " + cgTolerance + ", " + cgMaxIterations);
    }
    this.lambda = lambda;
    this.interceptLambda = interceptLambda;
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
    this.cgTolerance = cgTolerance;
    this.cgMaxIterations = cgMaxIterations;
  }

  /**
   * L2 strength {@code lambda} on every coefficient but the intercept; gradient tolerance 1e-7, at most 100
   * Newton steps, adaptive CG tolerance, at most 250 CG steps per Newton step.
   */
  public static L2Logistic lambda(double lambda) {
    return new L2Logistic(lambda, 0, 1e-7, 100, Double.NaN, 250);
  }

  /** L2 strength on the intercept (default 0: unpenalized). */
  public L2Logistic interceptLambda(double v) {
    return new L2Logistic(lambda, v, tolerance, maxIterations, cgTolerance, cgMaxIterations);
  }

  /** Stops when the largest absolute entry of the gradient of F is at most {@code t}. */
  public L2Logistic tolerance(double t) {
    return new L2Logistic(lambda, interceptLambda, t, maxIterations, cgTolerance, cgMaxIterations);
  }

  public L2Logistic maxIterations(int m) {
    return new L2Logistic(lambda, interceptLambda, tolerance, m, cgTolerance, cgMaxIterations);
  }

  /** Fixed relative residual for the inner CG solves (default NaN: {@code min(0.1, sqrt(|g|_2 / |g_0|_2))}). */
  public L2Logistic cgTolerance(double t) {
    return new L2Logistic(lambda, interceptLambda, tolerance, maxIterations, t, cgMaxIterations);
  }

  public L2Logistic cgMaxIterations(int m) {
    return new L2Logistic(lambda, interceptLambda, tolerance, maxIterations, cgTolerance, m);
  }

  public double lambda() {
    return lambda;
  }

  public double interceptLambda() {
    return interceptLambda;
  }

  public double tolerance() {
    return tolerance;
  }

  public int maxIterations() {
    return maxIterations;
  }

  /**
   * The data of one fit: a design, one target in [0, 1] per design row, and optionally row weights (null = 1),
   * fixed offsets (null = 0), the rows to fit on (null = all; a row listed twice counts twice) and the
   * normalizer W (NaN = the total weight of the fitted rows).
   */
  public record Problem(LinearDesign design, double[] targets, double[] weights, double[] offsets, int[] rows,
      double normalizer) {
    public Problem {
      int n = design.rows();
      if (targets.length != n || weights != null && weights.length != n || offsets != null && offsets.length != n) {
        throw new IllegalArgumentException("design has " + n + " rows but " + targets.length + " targets"
            + (weights == null ? "" : ", " + weights.length + " weights")
            + (offsets == null ? "" : ", " + offsets.length + " offsets"));
      }
      if (!(Double.isNaN(normalizer) || normalizer > 0 && !Double.isInfinite(normalizer))) {
        throw new IllegalArgumentException("normalizer must be finite and > 0 (or NaN), got " + normalizer);
      }
    }

    /** All rows of {@code design}, unit weights, no offsets. */
    public static Problem of(LinearDesign design, double[] targets) {
      return new Problem(design, targets, null, null, null, Double.NaN);
    }

    public Problem weights(double[] w) {
      return new Problem(design, targets, w, offsets, rows, normalizer);
    }

    public Problem offsets(double[] o) {
      return new Problem(design, targets, weights, o, rows, normalizer);
    }

    public Problem rows(int[] r) {
      return new Problem(design, targets, weights, offsets, r, normalizer);
    }

    public Problem normalizer(double w) {
      return new Problem(design, targets, weights, offsets, rows, w);
    }
  }

  /**
   * A fitted optimum: the coefficients (in the design's column order), Newton steps and CG steps taken, the
   * final largest absolute gradient entry and the final objective F.
   */
  public record Fit(double[] theta, int iterations, long cgSteps, double gradientNorm, double objective) {}

  /** Fits from zeros. */
  public Fit fit(Problem problem) {
    return fit(problem, null, null, null);
  }

  /**
   * Fits {@code problem} from {@code start} (null = zeros; not modified), checking {@code progress} (may be
   * null) for cancellation every Newton step and reporting each step under {@code task} when it is not null.
   */
  public Fit fit(Problem problem, double[] start, Progress progress, String task) {
    Active a = Active.of(problem);
    int p = problem.design().dim();
    double[] theta = start == null ? new double[p] : start.clone();
    if (theta.length != p) {
      throw new IllegalArgumentException("warm start has " + theta.length + " coefficients, design has " + p);
    }
    LinearDesign x = problem.design();
    int icpt = x.intercept();
    int m = a.idx.length;
    double[] z = new double[m];
    double[] zTrial = new double[m];
    double[] d = new double[m];
    double[] g = new double[p];
    double[] diag = new double[p];
    double[] s = new double[p];
    double[] r = new double[p];
    double[] u = new double[p];
    double[] dir = new double[p];
    double[] hd = new double[p];
    double[] trial = new double[p];
    double f = objective(a, theta, z, icpt);
    long cgSteps = 0;
    int it = 0;
    double gNorm;
    double g0Norm2 = 1;
    int[] groups = x.columnGroups();
    int kg = groups == null ? 0 : x.groupCount();
    while (true) {
      if (progress != null) {
        progress.checkCancelled();
      }
      // gradient, Hessian weights and the Hessian's diagonal (the preconditioner)
      Arrays.fill(g, 0);
      Arrays.fill(diag, 0);
      for (int k = 0; k < m; k++) {
        int i = a.idx[k];
        double pr = Numerics.sigmoid(z[k]);
        double wk = a.w[k];
        x.addTo(i, wk * (pr - a.t[k]), g);
        d[k] = wk * pr * (1 - pr);
        x.addSquaresTo(i, d[k], diag);
      }
      for (int j = 0; j < p; j++) {
        double l = j == icpt ? interceptLambda : lambda;
        g[j] += l * theta[j];
        diag[j] += l;
      }
      double[][] coarse = coarse(x, a, d, icpt, groups, kg);
      gNorm = maxAbs(g);
      if (progress != null && task != null) {
        progress.update(task, it, maxIterations, String.format("objective %.8f  |gradient|max %.3e", f, gNorm));
      }
      if (gNorm <= tolerance || it == maxIterations) {
        if (progress != null && task != null && gNorm <= tolerance) {
          // converged early: the task is done, so the bar reaches its end
          progress.update(task, maxIterations, maxIterations, String.format("converged after %d Newton steps, "
              + "|gradient|max %.3e", it, gNorm));
        }
        break;
      }
      // preconditioned CG on H s = -g, H v = X' diag(d) X v + Lambda v
      Arrays.fill(s, 0);
      double rr = 0;
      double rz = 0;
      for (int j = 0; j < p; j++) {
        r[j] = -g[j];
      }
      precondition(r, diag, coarse, groups, kg, u);
      for (int j = 0; j < p; j++) {
        dir[j] = u[j];
        rr += r[j] * r[j];
        rz += r[j] * u[j];
      }
      double gNorm2 = Math.sqrt(rr);
      if (it == 0) {
        g0Norm2 = gNorm2;
      }
      double cgStop = (Double.isNaN(cgTolerance) ? Math.min(0.1, Math.sqrt(gNorm2 / g0Norm2)) : cgTolerance) * gNorm2;
      for (int cg = 0; cg < cgMaxIterations && Math.sqrt(rr) > cgStop; cg++) {
        Arrays.fill(hd, 0);
        for (int k = 0; k < m; k++) {
          if (d[k] != 0) {
            int i = a.idx[k];
            x.addTo(i, d[k] * x.dot(i, dir), hd);
          }
        }
        double dHd = 0;
        for (int j = 0; j < p; j++) {
          hd[j] += (j == icpt ? interceptLambda : lambda) * dir[j];
          dHd += dir[j] * hd[j];
        }
        if (!(dHd > 0)) {
          break;
        }
        double alpha = rz / dHd;
        rr = 0;
        double rzNew = 0;
        for (int j = 0; j < p; j++) {
          s[j] += alpha * dir[j];
          r[j] -= alpha * hd[j];
          rr += r[j] * r[j];
        }
        precondition(r, diag, coarse, groups, kg, u);
        for (int j = 0; j < p; j++) {
          rzNew += r[j] * u[j];
        }
        double beta = rzNew / rz;
        rz = rzNew;
        for (int j = 0; j < p; j++) {
          dir[j] = u[j] + beta * dir[j];
        }
        cgSteps++;
      }
      double slope = dot(g, s);
      if (!(slope < 0)) { // CG gave no descent direction: steepest descent
        for (int j = 0; j < p; j++) {
          s[j] = -g[j];
        }
        slope = -dot(g, g);
      }
      double step = 1;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int ls = 0; ls < 60; ls++) {
        for (int j = 0; j < p; j++) {
          trial[j] = theta[j] + step * s[j];
        }
        fNew = objective(a, trial, zTrial, icpt);
        if (fNew <= f + 1e-4 * step * slope && fNew < f) {
          accepted = true;
          break;
        }
        if (ls == 0 && Math.abs(fNew - f) <= 1e-12 * Math.max(1, Math.abs(f))) {
          // the decrease is below the objective's rounding error: accept the full Newton step when it
          // lowers the gradient instead (near the optimum Newton converges quadratically)
          accepted = maxAbs(gradient(a, trial, zTrial, icpt, x, p)) < gNorm;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        break; // no decrease in floating point: the optimum to machine precision
      }
      System.arraycopy(trial, 0, theta, 0, p);
      double[] tmp = z;
      z = zTrial;
      zTrial = tmp;
      f = fNew;
      it++;
    }
    return new Fit(theta, it, cgSteps, gNorm, f);
  }

  /**
   * The coarse-space matrix {@code C = W' H W} of the column groups ({@code W} has one indicator column per group),
   * Cholesky-factored (lower triangle), or null without groups or when it is not numerically positive definite.
   */
  private double[][] coarse(LinearDesign x, Active a, double[] d, int icpt, int[] groups, int kg) {
    if (kg == 0) {
      return null;
    }
    double[][] c = new double[kg][kg];
    double[] gs = new double[kg];
    for (int k = 0; k < a.idx.length; k++) {
      if (d[k] == 0) {
        continue;
      }
      x.groupSums(a.idx[k], gs);
      for (int i = 0; i < kg; i++) {
        double di = d[k] * gs[i];
        if (di != 0) {
          for (int j = 0; j <= i; j++) {
            c[i][j] += di * gs[j];
          }
        }
      }
    }
    for (int j = 0; j < groups.length; j++) {
      if (groups[j] >= 0) {
        c[groups[j]][groups[j]] += j == icpt ? interceptLambda : lambda;
      }
    }
    for (int i = 0; i < kg; i++) { // Cholesky, lower triangle in place
      for (int j = 0; j <= i; j++) {
        double v = c[i][j];
        for (int k = 0; k < j; k++) {
          v -= c[i][k] * c[j][k];
        }
        if (i == j) {
          if (!(v > 1e-14 * Math.max(1, Math.abs(c[i][i])))) {
            return null;
          }
          c[i][i] = Math.sqrt(v);
        } else {
          c[i][j] = v / c[j][j];
        }
      }
    }
    return c;
  }

  /**
   * {@code u = M^-1 r} for the two-level additive preconditioner {@code M^-1 = diag(H)^-1 + W (W' H W)^-1 W'}
   * (Jacobi plus a coarse-space correction over the column groups; without groups, Jacobi only).
   */
  private static void precondition(double[] r, double[] diag, double[][] coarse, int[] groups, int kg,
      double[] u) {
    for (int j = 0; j < r.length; j++) {
      u[j] = diag[j] > 0 ? r[j] / diag[j] : r[j];
    }
    if (coarse == null) {
      return;
    }
    double[] y = new double[kg];
    for (int j = 0; j < r.length; j++) {
      if (groups[j] >= 0) {
        y[groups[j]] += r[j];
      }
    }
    for (int i = 0; i < kg; i++) { // forward then back substitution with the Cholesky factor
      double v = y[i];
      for (int k = 0; k < i; k++) {
        v -= coarse[i][k] * y[k];
      }
      y[i] = v / coarse[i][i];
    }
    for (int i = kg - 1; i >= 0; i--) {
      double v = y[i];
      for (int k = i + 1; k < kg; k++) {
        v -= coarse[k][i] * y[k];
      }
      y[i] = v / coarse[i][i];
    }
    for (int j = 0; j < r.length; j++) {
      if (groups[j] >= 0) {
        u[j] += y[groups[j]];
      }
    }
  }

  /** The gradient of F at {@code theta} given the margins {@code z} of the active rows. */
  private double[] gradient(Active a, double[] theta, double[] z, int icpt, LinearDesign x, int p) {
    double[] g = new double[p];
    for (int k = 0; k < z.length; k++) {
      x.addTo(a.idx[k], a.w[k] * (Numerics.sigmoid(z[k]) - a.t[k]), g);
    }
    for (int j = 0; j < p; j++) {
      g[j] += (j == icpt ? interceptLambda : lambda) * theta[j];
    }
    return g;
  }

  /** F at {@code theta}. */
  public double objective(Problem problem, double[] theta) {
    Active a = Active.of(problem);
    return objective(a, theta, new double[a.idx.length], problem.design().intercept());
  }

  /** The gradient of F at {@code theta}. */
  public double[] gradient(Problem problem, double[] theta) {
    Active a = Active.of(problem);
    LinearDesign x = problem.design();
    double[] g = new double[x.dim()];
    for (int k = 0; k < a.idx.length; k++) {
      int i = a.idx[k];
      x.addTo(i, a.w[k] * (Numerics.sigmoid(a.o(i) + x.dot(i, theta)) - a.t[k]), g);
    }
    for (int j = 0; j < g.length; j++) {
      g[j] += (j == x.intercept() ? interceptLambda : lambda) * theta[j];
    }
    return g;
  }

  private double objective(Active a, double[] theta, double[] z, int icpt) {
    LinearDesign x = a.x;
    double loss = 0;
    for (int k = 0; k < z.length; k++) {
      int i = a.idx[k];
      z[k] = a.o(i) + x.dot(i, theta);
      loss += a.w[k] * Numerics.bce(z[k], a.t[k]);
    }
    double reg = 0;
    for (int j = 0; j < theta.length; j++) {
      if (j != icpt) {
        reg += theta[j] * theta[j];
      }
    }
    return loss + 0.5 * lambda * reg + 0.5 * interceptLambda * theta[icpt] * theta[icpt];
  }

  /**
   * The distinct rows of a problem with positive weight, ascending, each with its weight times multiplicity
   * divided by W and its target.
   */
  private static final class Active {
    final LinearDesign x;
    final int[] idx;
    final double[] w;
    final double[] t;
    final double[] offsets;

    private Active(LinearDesign x, int[] idx, double[] w, double[] t, double[] offsets) {
      this.x = x;
      this.idx = idx;
      this.w = w;
      this.t = t;
      this.offsets = offsets;
    }

    double o(int i) {
      return offsets == null ? 0 : offsets[i];
    }

    static Active of(Problem pr) {
      int n = pr.design().rows();
      double[] weights = pr.weights();
      double[] count = new double[n];
      if (pr.rows() == null) {
        Arrays.fill(count, 1);
      } else {
        for (int i : pr.rows()) {
          if (i < 0 || i >= n) {
            throw new IllegalArgumentException("row " + i + " outside the design's 0.." + (n - 1));
          }
          count[i]++;
        }
      }
      int m = 0;
      double total = 0;
      for (int i = 0; i < n; i++) {
        double wi = weights == null ? 1 : weights[i];
        if (!(wi >= 0) || Double.isInfinite(wi)) {
          throw new IllegalArgumentException("weight of row " + i + " is " + wi + "; expected finite and >= 0");
        }
        double ti = pr.targets()[i];
        if (count[i] > 0 && !(ti >= 0 && ti <= 1)) {
          throw new IllegalArgumentException("target of row " + i + " is " + ti + "; expected a value in [0, 1]");
        }
        count[i] *= wi;
        if (count[i] > 0) {
          m++;
          total += count[i];
        }
      }
      double norm = Double.isNaN(pr.normalizer()) ? total : pr.normalizer();
      if (!(norm > 0)) {
        throw new IllegalArgumentException("the fitted rows' weights sum to " + total + "; nothing to fit");
      }
      int[] idx = new int[m];
      double[] w = new double[m];
      double[] t = new double[m];
      m = 0;
      for (int i = 0; i < n; i++) {
        if (count[i] > 0) {
          idx[m] = i;
          w[m] = count[i] / norm;
          t[m] = pr.targets()[i];
          m++;
        }
      }
      return new Active(pr.design(), idx, w, t, pr.offsets());
    }
  }

  @Override
  public String toString() {
    return "L2Logistic{lambda=" + lambda + ", interceptLambda=" + interceptLambda + ", tolerance=" + tolerance + "}";
  }
}
