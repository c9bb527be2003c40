package siebench.importance.correction;

import static siebench.core.Numerics.maxAbs;
import static siebench.core.Numerics.sigmoid;

import java.util.Arrays;
import siebench.core.Progress;
import siebench.features.EncodedData;
import siebench.model.linear.EncodedDesign;

/**
 * FROZEN COPY of the correction logistic regression (L-BFGS) before issue 13 merged the solvers (commit
 * 04203b2), kept only as the "before" reference of the equivalence tests. The L-BFGS algorithm is unchanged;
 * issue 17 replaced only its copies of shared helpers (row logit, sigmoid, the result class) by the project's
 * ones, which compute the same doubles. Original Javadoc:
 *
 * <p>
 * L2-regularized binary logistic regression on {@link EncodedData}, fitted in plain Java (no native engine)
 * with full-batch L-BFGS: every categorical field contributes a one-hot indicator of its embedding row, every
 * dense feature its standardized value, plus an unpenalized intercept. Targets may be soft (in [0, 1]) and
 * rows weighted, so the same fitter serves domain classifiers (train vs target) and the regression step of
 * regression-EM.
 *
 * <p>Objective: {@code sum_i w_i bce(z_i, t_i) / sum_i w_i + (lambda / 2) ||beta||^2} with
 * {@code z_i = b + beta . x_i}. Convex, so the optimum is unique for {@code lambda > 0}.
 *
 * <p>Optimizer: Liu &amp; Nocedal (1989), "On the limited memory BFGS method for large scale optimization",
 * Mathematical Programming 45, with memory 10 and a backtracking Armijo line search. Deterministic.
 *
 * <p>The components are the old solver's settings (the old defaults were 300 iterations and tolerance 1e-7).
 */
record LegacyCorrectionLogistic(double lambda, int maxIterations, double tolerance) {

  /**
   * Fits on {@code x} with per-row {@code targets} in [0, 1] and non-negative {@code weights} (the equivalence
   * tests pass valid input; the validation lives in {@link LogisticRegression}), from zero.
   */
  public LogisticRegression.Fitted fit(EncodedData x, double[] targets, double[] w, Progress progress) {
    double wSum = 0;
    for (double v : w) {
      wSum += v;
    }
    Objective obj = new Objective(x, targets, w, wSum, lambda);
    int dim = obj.dim;
    double[] beta = new double[dim];
    double[] g = new double[dim];
    double f = obj.value(beta, g);
    int m = 10;
    double[][] s = new double[m][];
    double[][] y = new double[m][];
    double[] rho = new double[m];
    int stored = 0;
    int next = 0;
    int it = 0;
    double[] gNew = new double[dim];
    double[] trial = new double[dim];
    for (; it < maxIterations; it++) {
      progress.checkCancelled();
      if (maxAbs(g) < tolerance) {
        break;
      }
      // two-loop recursion: d = -H g
      double[] d = g.clone();
      double[] alpha = new double[m];
      for (int k = 0; k < stored; k++) {
        int j = Math.floorMod(next - 1 - k, m);
        alpha[j] = rho[j] * dot(s[j], d);
        axpy(-alpha[j], y[j], d);
      }
      double gamma = 1;
      if (stored > 0) {
        int j = Math.floorMod(next - 1, m);
        gamma = dot(s[j], y[j]) / dot(y[j], y[j]);
      } else {
        gamma = 1 / Math.max(1, Math.sqrt(dot(g, g)));
      }
      for (int i = 0; i < dim; i++) {
        d[i] *= gamma;
      }
      for (int k = stored - 1; k >= 0; k--) {
        int j = Math.floorMod(next - 1 - k, m);
        double b = rho[j] * dot(y[j], d);
        axpy(alpha[j] - b, s[j], d);
      }
      for (int i = 0; i < dim; i++) {
        d[i] = -d[i];
      }
      double slope = dot(g, d);
      if (!(slope < 0)) { // not a descent direction: restart from steepest descent
        stored = 0;
        for (int i = 0; i < dim; i++) {
          d[i] = -g[i] * gamma;
        }
        slope = dot(g, d);
      }
      double step = 1;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int ls = 0; ls < 40; ls++) {
        for (int i = 0; i < dim; i++) {
          trial[i] = beta[i] + step * d[i];
        }
        fNew = obj.value(trial, gNew);
        if (fNew <= f + 1e-4 * step * slope) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        break; // no decrease possible at machine precision
      }
      double[] sk = new double[dim];
      double[] yk = new double[dim];
      for (int i = 0; i < dim; i++) {
        sk[i] = trial[i] - beta[i];
        yk[i] = gNew[i] - g[i];
      }
      double sy = dot(sk, yk);
      if (sy > 1e-12) {
        s[next] = sk;
        y[next] = yk;
        rho[next] = 1 / sy;
        next = (next + 1) % m;
        stored = Math.min(m, stored + 1);
      }
      System.arraycopy(trial, 0, beta, 0, dim);
      System.arraycopy(gNew, 0, g, 0, dim);
      boolean flat = Math.abs(f - fNew) <= 1e-14 * Math.max(1, Math.abs(f));
      f = fNew;
      if (flat) {
        it++;
        break;
      }
    }
    return new LogisticRegression.Fitted(x.layout().totalVocab(), x.layout().fields(), x.layout().dense(), beta, f,
        it, maxAbs(g));
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  /** Parameter layout: [intercept, one weight per embedding row, one per dense feature]. */
  private static final class Objective {
    final EncodedData x;
    final double[] t;
    final double[] w;
    final double wSum;
    final double lambda;
    final int vocab;
    final int fields;
    final int dense;
    final int dim;

    Objective(EncodedData x, double[] t, double[] w, double wSum, double lambda) {
      this.x = x;
      this.t = t;
      this.w = w;
      this.wSum = wSum;
      this.lambda = lambda;
      long v = x.layout().totalVocab();
      if (v + x.layout().dense() + 1 > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("too many features for the Java logistic regression: " + v);
      }
      this.vocab = (int) v;
      this.fields = x.layout().fields();
      this.dense = x.layout().dense();
      this.dim = 1 + vocab + dense;
    }

    double value(double[] beta, double[] grad) {
      Arrays.fill(grad, 0);
      long[] cat = x.cat();
      float[] den = x.dense();
      double loss = 0;
      for (int i = 0; i < x.rows(); i++) {
        if (w[i] == 0) {
          continue;
        }
        double z = EncodedDesign.logit(beta, x, i);
        loss += w[i] * (Math.max(z, 0) - z * t[i] + Math.log1p(Math.exp(-Math.abs(z))));
        double r = w[i] * (sigmoid(z) - t[i]) / wSum;
        grad[0] += r;
        for (int f = 0; f < fields; f++) {
          grad[1 + (int) cat[i * fields + f]] += r;
        }
        for (int j = 0; j < dense; j++) {
          grad[1 + vocab + j] += r * den[i * dense + j];
        }
      }
      loss /= wSum;
      double pen = 0;
      for (int k = 1; k < dim; k++) {
        pen += beta[k] * beta[k];
        grad[k] += lambda * beta[k];
      }
      return loss + 0.5 * lambda * pen;
    }
  }
}
