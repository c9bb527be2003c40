package siebench.importance.influence;

import java.util.LinkedHashMap;
import java.util.Map;
import siebench.core.Numerics;
import siebench.core.Progress;

/**
 * The exact {@code H^{-1}} from the dense Hessian by {@link Cholesky} (Golub and Van Loan, section 4.2): the
 * reference every approximate {@link InverseHvp} is tested against. O(p^2) memory and O(p^3) time, so it refuses
 * dimensions above {@link #MAX_DIMENSION}.
 */
final class CholeskySolver implements InverseHvp {
  static final int MAX_DIMENSION = 5000;

  @Override
  public String name() {
    return "cholesky";
  }

  @Override
  public Map<String, Object> parameters() {
    return new LinkedHashMap<>();
  }

  @Override
  public Inverse prepare(Curvature h, Progress progress) {
    if (h.dim() > MAX_DIMENSION) {
      throw new IllegalArgumentException("the Cholesky solver needs the dense " + h.dim() + " x " + h.dim()
          + " Hessian; at most " + MAX_DIMENSION + " parameters are allowed: use conjugate gradient, LiSSA, "
          + "Arnoldi or a projection");
    }
    double[][] inv = Cholesky.inverse(h.dense());
    return new Inverse() {
      @Override
      public double[] solve(double[] b) {
        double[] out = new double[b.length];
        for (int i = 0; i < b.length; i++) {
          out[i] = Numerics.dot(inv[i], b);
        }
        return out;
      }

      @Override
      public Map<String, Object> diagnostics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inverse", "dense Cholesky");
        return m;
      }
    };
  }
}
