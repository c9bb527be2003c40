package siebench.importance.influence;

import java.util.LinkedHashMap;
import java.util.Map;
import siebench.core.Numerics;
import siebench.core.Progress;

/**
 * EK-FAC, the eigenvalue-corrected Kronecker-factored approximate curvature of George, Laurent, Bouthillier,
 * Ballas and Vincent 2018 ("Fast Approximate Natural Gradient Descent in a Kronecker-factored Eigenbasis",
 * NeurIPS 2018), the inverse-Hessian approximation Grosse et al. 2023 ("Studying Large Language Model
 * Generalization with Influence Functions") use for influence functions, for ONE dense layer with a single output
 * unit: the logistic layers this package fits (a logistic regression over one-hot features, the output layer of a
 * frozen network over its representation). It does not cover a whole network (embeddings, hidden layers); use
 * another {@link InverseHvp} there.
 *
 * <p>The layer's logit is {@code z = theta . a} with input {@code a} (the design row, the intercept as a
 * constant 1), so a per-sample gradient is {@code g = dz a} and the Gauss-Newton/Fisher curvature is {@code
 * E[dz^2 a a']}, with {@code E[dz^2] = p (1 - p)} under the model's predictive distribution (computed in closed
 * form, no sampled labels). K-FAC factorizes it as {@code S (x) A} with the input factor {@code A = E[a a']}
 * (weights {@code w_i / W}) and the output factor {@code S = E[p (1 - p)]}, a scalar for one output. EK-FAC keeps
 * K-FAC's eigenbasis {@code Q} (of {@code A}) and replaces the eigenvalues by the second moments of the
 * per-sample gradients in that basis, {@code Lambda_k = E[p (1 - p) (Q' a)_k^2]}, the Frobenius-optimal diagonal
 * in that basis. The solver inverts
 *
 * <pre>
 *   H_ekfac = Q diag(Lambda) Q' + lambda I_reg
 * </pre>
 *
 * exactly: {@code Q diag(Lambda + lambda) Q'} has a diagonal inverse in the eigenbasis and the unregularized
 * intercept is a rank-one (Sherman-Morrison) correction. It equals the true {@code H} when {@code Q' H Q} is
 * diagonal, e.g. when every row has the same curvature {@code p_i (1 - p_i)}.
 *
 * <p>Cost: one pass to form {@code A} (p x p), a symmetric eigen-decomposition ({@link SymmetricEigen}, O(p^3)),
 * one pass for the corrected eigenvalues; then O(p^2) per solve. Refuses dimensions above 2,000.
 */
public final class Ekfac implements InverseHvp {
  static final int MAX_DIMENSION = 2000;

  Ekfac() {}

  @Override
  public String name() {
    return "ekfac";
  }

  @Override
  public Map<String, Object> parameters() {
    return new LinkedHashMap<>();
  }

  /** The eigenbasis (columns of {@code q}), the corrected eigenvalues and the K-FAC output factor. */
  record Factors(double[][] q, double[] corrected, double[] kfacEigenvalues, double outputFactor) {}

  static Factors factors(Curvature h, Progress progress) {
    int p = h.dim();
    if (p > MAX_DIMENSION) {
      throw new IllegalArgumentException("EK-FAC here eigen-decomposes the " + p + " x " + p + " input factor of "
          + "one dense layer; at most " + MAX_DIMENSION + " inputs are allowed: use conjugate gradient, LiSSA, "
          + "Arnoldi or a projection");
    }
    double[][] a = new double[p][p];
    double s = 0;
    for (int i = 0; i < h.rows(); i++) {
      if (h.share[i] != 0) {
        h.x.addOuter(i, h.share[i], a);
      }
      s += h.c[i];
    }
    if (progress != null) {
      progress.checkCancelled();
    }
    SymmetricEigen e = SymmetricEigen.of(a);
    double[] corrected = new double[p];
    double[] row = new double[p];
    double[] proj = new double[p];
    for (int i = 0; i < h.rows(); i++) {
      if (h.c[i] == 0) {
        continue;
      }
      java.util.Arrays.fill(row, 0);
      h.x.addTo(i, 1, row);
      java.util.Arrays.fill(proj, 0);
      for (int r = 0; r < p; r++) {
        double v = row[r];
        if (v != 0) {
          double[] qr = e.vectors[r];
          for (int k = 0; k < p; k++) {
            proj[k] += v * qr[k];
          }
        }
      }
      for (int k = 0; k < p; k++) {
        corrected[k] += h.c[i] * proj[k] * proj[k];
      }
    }
    double[] kfac = new double[p];
    for (int k = 0; k < p; k++) {
      kfac[k] = s * e.values[k];
    }
    return new Factors(e.vectors, corrected, kfac, s);
  }

  @Override
  public Inverse prepare(Curvature h, Progress progress) {
    Factors f = factors(h, progress);
    int p = h.dim();
    double lambda = h.lambda;
    double[] inv = new double[p];
    for (int k = 0; k < p; k++) {
      inv[k] = 1 / (f.corrected()[k] + lambda);
    }
    double[] e = new double[p];
    e[h.intercept()] = 1;
    double[] u = applyM(f.q(), inv, e); // M^{-1} e
    double denominator = 1 - lambda * u[h.intercept()];
    if (!(denominator > 1e-12)) {
      throw new IllegalStateException("EK-FAC: the approximate Hessian is singular in the intercept direction "
          + "(1 - lambda e'M^-1 e = " + denominator + "); no row has curvature");
    }
    return new Inverse() {
      @Override
      public double[] solve(double[] b) {
        double[] x = applyM(f.q(), inv, b);
        double c = lambda * Numerics.dot(u, b) / denominator;
        for (int k = 0; k < p; k++) {
          x[k] += c * u[k];
        }
        return x;
      }

      @Override
      public Map<String, Object> diagnostics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inverse", "EK-FAC (one dense layer)");
        m.put("ekfac.outputFactor", f.outputFactor());
        return m;
      }
    };
  }

  /** {@code Q diag(d) Q' b}. */
  static double[] applyM(double[][] q, double[] d, double[] b) {
    int p = b.length;
    double[] y = new double[p];
    for (int r = 0; r < p; r++) {
      double v = b[r];
      if (v != 0) {
        double[] qr = q[r];
        for (int k = 0; k < p; k++) {
          y[k] += v * qr[k];
        }
      }
    }
    for (int k = 0; k < p; k++) {
      y[k] *= d[k];
    }
    double[] x = new double[p];
    for (int r = 0; r < p; r++) {
      x[r] = Numerics.dot(q[r], y);
    }
    return x;
  }
}
