package siebench.importance.valuation;

import static siebench.core.Numerics.bce;
import static siebench.core.Numerics.dot;
import static siebench.core.Numerics.maxAbs;
import static siebench.core.Numerics.sigmoid;

import java.util.Arrays;
import siebench.features.EncodedData;
import siebench.model.linear.EncodedDesign;

/**
 * FROZEN COPY of the valuation logistic regression before issue 13 merged the solvers (commit 04203b2), kept
 * only as the "before" reference of the equivalence tests and the Data-OOB timing. The Newton-CG algorithm is
 * unchanged; issue 17 replaced only its copies of shared helpers (row logit, dot, sigmoid, BCE, the result
 * record) by the project's ones, which compute the same doubles. Original Javadoc:
 *
 * <p>
 * L2-regularized logistic regression on the sparse one-hot + dense design of {@link EncodedData}, fitted in
 * plain Java by a truncated Newton method (Newton-CG with backtracking line search, as in LIBLINEAR's trust
 * region Newton of Lin, Weng and Keerthi 2008, "Trust Region Newton Method for Large-Scale Logistic
 * Regression"). It is the small, fast, warm-startable model behind the data-valuation utilities (TMC-Shapley,
 * Data Banzhaf, Data-OOB, leave-one-out, confident learning, cross-validated residuals).
 *
 * <p>Design: one coefficient per row of the shared categorical embedding table (the one-hot encoding of every
 * categorical field, since {@code cat} already holds global indices), one per dense column, and a bias. The
 * objective minimized over the training rows {@code R} (repeats allowed, e.g. a bootstrap sample) is
 *
 * <pre>
 *   sum_{r in R} w_r * bce(theta . x_r, y_r) + (l2 / 2) * ||beta||^2 + (biasL2 / 2) * b^2
 * </pre>
 *
 * where {@code w_r} is the row's sample weight. The bias gets a tiny penalty (default 1e-4) so that the
 * optimum stays finite when all rows of a subset have one label. The objective is strictly convex, so the fit
 * from any warm start reaches the same optimum. Stops when the largest absolute gradient entry is below
 * {@code tolerance}.
 *
 * <p>Immutable; {@link #fit} is thread-safe.
 *
 * <p>The components are the old solver's settings (the old defaults were l2 = 1, biasL2 = 1e-4, tolerance 1e-6, 100 steps).
 */
record LegacyValuationLogistic(double l2, double biasL2, double tolerance, int maxIterations) {

  /** Number of coefficients for this data: bias + one per embedding row + one per dense column. */
  public static int parameterCount(EncodedData data) {
    return EncodedDesign.columns(data);
  }

  /** Fits on all rows of {@code data}. */
  public LogisticRegression.Model fit(EncodedData data) {
    int[] rows = new int[data.rows()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    return fit(data, rows, null);
  }

  /**
   * Fits on {@code rows} of {@code data} (a row listed twice counts twice), starting from {@code warmStart}
   * (a coefficient vector of {@link #parameterCount} entries, or null for zeros; not modified).
   */
  public LogisticRegression.Model fit(EncodedData data, int[] rows, double[] warmStart) {
    int p = parameterCount(data);
    double[] theta = warmStart == null ? new double[p] : warmStart.clone();
    if (theta.length != p) {
      throw new IllegalArgumentException("warm start has " + theta.length + " coefficients, design has " + p);
    }
    int n = rows.length;
    double[] z = new double[n];
    double[] d = new double[n]; // w * p * (1 - p), the Hessian's diagonal weights
    double[] g = new double[p];
    double[] s = new double[p];
    double[] r = new double[p];
    double[] dir = new double[p];
    double[] hd = new double[p];
    double[] trial = new double[p];
    double[] zs = new double[n];
    long cgSteps = 0;
    double f = objective(data, rows, theta, z);
    int it = 0;
    double gNorm = 0;
    for (; it <= maxIterations; it++) {
      gradient(data, rows, theta, z, g, d);
      gNorm = maxAbs(g);
      if (gNorm < tolerance || it == maxIterations) {
        break;
      }
      // conjugate gradient on H s = -g
      Arrays.fill(s, 0);
      for (int j = 0; j < p; j++) {
        r[j] = -g[j];
        dir[j] = r[j];
      }
      double rr = dot(r, r);
      double cgTol = Math.min(0.1, Math.sqrt(Math.sqrt(rr))) * Math.sqrt(rr);
      int maxCg = Math.min(p, 250);
      for (int cg = 0; cg < maxCg && Math.sqrt(rr) > cgTol; cg++) {
        hessianTimes(data, rows, d, dir, hd, zs);
        double dHd = dot(dir, hd);
        if (!(dHd > 0)) {
          break;
        }
        double alpha = rr / dHd;
        for (int j = 0; j < p; j++) {
          s[j] += alpha * dir[j];
          r[j] -= alpha * hd[j];
        }
        double rrNew = dot(r, r);
        double beta = rrNew / rr;
        rr = rrNew;
        for (int j = 0; j < p; j++) {
          dir[j] = r[j] + beta * dir[j];
        }
        cgSteps++;
      }
      double slope = dot(g, s);
      if (!(slope < 0)) { // CG failed to give a descent direction: fall back to steepest descent
        for (int j = 0; j < p; j++) {
          s[j] = -g[j];
        }
        slope = -dot(g, g);
      }
      double step = 1;
      double fNew = Double.NaN;
      for (int ls = 0; ls < 60; ls++) {
        for (int j = 0; j < p; j++) {
          trial[j] = theta[j] + step * s[j];
        }
        fNew = objective(data, rows, trial, zs);
        if (fNew <= f + 1e-4 * step * slope) {
          break;
        }
        step *= 0.5;
      }
      if (!(fNew <= f)) {
        break; // no progress possible in floating point: at the optimum
      }
      System.arraycopy(trial, 0, theta, 0, p);
      System.arraycopy(zs, 0, z, 0, n);
      f = fNew;
    }
    return new LogisticRegression.Model(theta, it, cgSteps, gNorm);
  }

  /** The objective at {@code theta}; fills {@code z} with the rows' margins. */
  double objective(EncodedData data, int[] rows, double[] theta, double[] z) {
    float[] y = data.labels();
    float[] w = data.weights();
    double f = 0;
    for (int k = 0; k < rows.length; k++) {
      int row = rows[k];
      z[k] = EncodedDesign.logit(theta, data, row);
      f += w[row] * bce(z[k], y[row]);
    }
    double reg = 0;
    for (int j = 1; j < theta.length; j++) {
      reg += theta[j] * theta[j];
    }
    return f + 0.5 * l2 * reg + 0.5 * biasL2 * theta[0] * theta[0];
  }

  /** Public objective, for tests and diagnostics. */
  public double objective(EncodedData data, int[] rows, double[] theta) {
    return objective(data, rows, theta, new double[rows.length]);
  }

  /** The gradient of the objective at {@code theta} (given the margins {@code z}); fills Hessian weights. */
  private void gradient(EncodedData data, int[] rows, double[] theta, double[] z, double[] g, double[] d) {
    for (int j = 1; j < g.length; j++) {
      g[j] = l2 * theta[j];
    }
    g[0] = biasL2 * theta[0];
    float[] y = data.labels();
    float[] w = data.weights();
    int nf = data.layout().fields();
    int nd = data.layout().dense();
    int denseBase = g.length - nd;
    long[] cat = data.cat();
    float[] dense = data.dense();
    for (int k = 0; k < rows.length; k++) {
      int row = rows[k];
      double pr = sigmoid(z[k]);
      double e = w[row] * (pr - y[row]);
      d[k] = w[row] * pr * (1 - pr);
      g[0] += e;
      for (int f = 0; f < nf; f++) {
        g[1 + (int) cat[row * nf + f]] += e;
      }
      for (int c = 0; c < nd; c++) {
        g[denseBase + c] += e * dense[row * nd + c];
      }
    }
  }

  /** The public gradient at {@code theta}, for tests and diagnostics. */
  public double[] gradient(EncodedData data, int[] rows, double[] theta) {
    double[] z = new double[rows.length];
    objective(data, rows, theta, z);
    double[] g = new double[theta.length];
    gradient(data, rows, theta, z, g, new double[rows.length]);
    return g;
  }

  private void hessianTimes(EncodedData data, int[] rows, double[] d, double[] v, double[] out, double[] tmp) {
    for (int j = 1; j < out.length; j++) {
      out[j] = l2 * v[j];
    }
    out[0] = biasL2 * v[0];
    int nf = data.layout().fields();
    int nd = data.layout().dense();
    int denseBase = out.length - nd;
    long[] cat = data.cat();
    float[] dense = data.dense();
    for (int k = 0; k < rows.length; k++) {
      int row = rows[k];
      double xv = EncodedDesign.logit(v, data, row);
      double e = d[k] * xv;
      out[0] += e;
      for (int f = 0; f < nf; f++) {
        out[1 + (int) cat[row * nf + f]] += e;
      }
      for (int c = 0; c < nd; c++) {
        out[denseBase + c] += e * dense[row * nd + c];
      }
    }
  }
}
