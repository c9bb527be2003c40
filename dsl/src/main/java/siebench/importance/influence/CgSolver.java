package siebench.importance.influence;

import java.util.LinkedHashMap;
import java.util.Map;
import siebench.core.Progress;

/**
 * {@code H^{-1} v} by the {@link ConjugateGradient} method from exact Hessian-vector products, one CG run per
 * right-hand side (Koh and Liang 2017, Section 3). Diagnostics: the largest iteration count, the worst final
 * relative residual and whether every solve converged.
 */
final class CgSolver implements InverseHvp {
  private final double tolerance;
  private final int maxIterations;

  CgSolver(double tolerance, int maxIterations) {
    if (!(tolerance > 0 && tolerance < 1)) {
      throw new IllegalArgumentException("CG tolerance must be in (0, 1), got " + tolerance);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("CG maxIterations must be >= 1, got " + maxIterations);
    }
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
  }

  @Override
  public String name() {
    return "cg";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cg.tolerance", tolerance);
    m.put("cg.maxIterations", maxIterations);
    return m;
  }

  @Override
  public Inverse prepare(Curvature h, Progress progress) {
    return new Inverse() {
      int solves;
      int maxIt;
      double worst;
      boolean all = true;

      @Override
      public double[] solve(double[] b) {
        ConjugateGradient.Result r = ConjugateGradient.solve(h::apply, b, tolerance, maxIterations, progress,
            solves == 0 ? "influence: CG for H^-1 v" : null);
        solves++;
        maxIt = Math.max(maxIt, r.iterations());
        worst = Math.max(worst, r.relativeResidual());
        all &= r.converged();
        return r.x();
      }

      @Override
      public Map<String, Object> diagnostics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inverse", solves > 1 ? "CG per row" : "CG");
        m.put("cg.iterations", maxIt);
        m.put("cg.relativeResidual", worst);
        m.put("cg.converged", all);
        return m;
      }
    };
  }
}
