package siebench.importance.valuation;

import static siebench.core.Numerics.bce;
import static siebench.core.Numerics.sigmoid;

import siebench.core.L2Logistic;
import siebench.features.EncodedData;
import siebench.model.linear.EncodedDesign;

/**
 * L2-regularized logistic regression on the sparse one-hot + dense design of {@link EncodedData}: the settings
 * and the sum-of-losses convention of the data-valuation learners, fitted by the project's shared solver {@link
 * L2Logistic} (truncated Newton with diagonally preconditioned CG, after Lin, Weng and Keerthi 2008, "Trust
 * Region Newton Method for Large-Scale Logistic Regression"). It is the small, fast, warm-startable model behind
 * the data-valuation utilities (TMC-Shapley, Beta Shapley, CS-Shapley, Data Banzhaf, Data-OOB, leave-one-out,
 * confident learning, cross-validated residuals).
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
 * optimum stays finite when all rows of a subset have one label. Dividing by the rows' total weight {@code W}
 * gives {@link L2Logistic}'s convention (mean loss, {@code lambda = l2 / W}, {@code interceptLambda = biasL2 / W},
 * same minimizer), which is how {@link #fit} calls it. The objective is strictly convex, so the fit from any warm
 * start reaches the same optimum. Stops when the largest absolute gradient entry of the objective above is below
 * {@code tolerance}, or when no step decreases it in floating point.
 *
 * <p>Immutable; {@link #fit} is thread-safe.
 */
public final class LogisticRegression implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final double l2;
  private final double biasL2;
  private final double tolerance;
  private final int maxIterations;

  private LogisticRegression(double l2, double biasL2, double tolerance, int maxIterations) {
    if (!(l2 > 0) || !(biasL2 > 0)) {
      throw new IllegalArgumentException("l2 and biasL2 must be > 0, got " + l2 + ", " + biasL2);
    }
    if (!(tolerance > 0) || maxIterations < 1) {
      throw new IllegalArgumentException("tolerance must be > 0 and maxIterations >= 1");
    }
    this.l2 = l2;
    this.biasL2 = biasL2;
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
  }

  /** l2 = 1, biasL2 = 1e-4, gradient tolerance 1e-6, at most 100 Newton steps. */
  public static LogisticRegression defaults() {
    return new LogisticRegression(1.0, 1e-4, 1e-6, 100);
  }

  public LogisticRegression l2(double v) {
    return new LogisticRegression(v, biasL2, tolerance, maxIterations);
  }

  public LogisticRegression biasL2(double v) {
    return new LogisticRegression(l2, v, tolerance, maxIterations);
  }

  public LogisticRegression tolerance(double v) {
    return new LogisticRegression(l2, biasL2, v, maxIterations);
  }

  public LogisticRegression maxIterations(int v) {
    return new LogisticRegression(l2, biasL2, tolerance, v);
  }

  public double l2() {
    return l2;
  }

  public double biasL2() {
    return biasL2;
  }

  /** Number of coefficients for this data: bias + one per embedding row + one per dense column. */
  public static int parameterCount(EncodedData data) {
    return EncodedDesign.columns(data);
  }

  /**
   * A fitted model: the coefficient vector {@code [bias, categorical..., dense...]}, the Newton iterations and
   * conjugate-gradient steps it took, and the final largest absolute gradient entry.
   */
  public record Model(double[] theta, int iterations, long cgSteps, double gradientNorm) {
    /** Logit of row {@code r} of {@code data}. */
    public double logit(EncodedData data, int r) {
      return EncodedDesign.logit(theta, data, r);
    }

    /** P(y = 1) for every row of {@code data}. */
    public double[] predict(EncodedData data) {
      double[] p = new double[data.rows()];
      for (int r = 0; r < p.length; r++) {
        p[r] = sigmoid(EncodedDesign.logit(theta, data, r));
      }
      return p;
    }

    /** P(y = 1) for the given rows of {@code data}. */
    public double[] predict(EncodedData data, int[] rows) {
      double[] p = new double[rows.length];
      for (int k = 0; k < p.length; k++) {
        p[k] = sigmoid(EncodedDesign.logit(theta, data, rows[k]));
      }
      return p;
    }
  }

  /** Fits on all rows of {@code data}. */
  public Model fit(EncodedData data) {
    return fit(data, CrossValuation.identity(data.rows()), null);
  }

  /**
   * Fits on {@code rows} of {@code data} (a row listed twice counts twice), starting from {@code warmStart}
   * (a coefficient vector of {@link #parameterCount} entries, or null for zeros; not modified). Delegates to
   * the shared {@link L2Logistic} with the constants converted to its mean-loss convention.
   */
  public Model fit(EncodedData data, int[] rows, double[] warmStart) {
    L2Logistic.Problem pr = problem(data, rows);
    L2Logistic.Fit fit = solver(pr).fit(pr, warmStart, null, null);
    return new Model(fit.theta(), fit.iterations(), fit.cgSteps(), fit.gradientNorm() * normalizer(pr));
  }

  /** The objective above (a sum over {@code rows}) at {@code theta}, for tests and diagnostics. */
  public double objective(EncodedData data, int[] rows, double[] theta) {
    L2Logistic.Problem pr = problem(data, rows);
    return solver(pr).objective(pr, theta) * normalizer(pr);
  }

  /** The gradient of the objective above at {@code theta}, for tests and diagnostics. */
  public double[] gradient(EncodedData data, int[] rows, double[] theta) {
    L2Logistic.Problem pr = problem(data, rows);
    double[] g = solver(pr).gradient(pr, theta);
    double w = normalizer(pr);
    for (int j = 0; j < g.length; j++) {
      g[j] *= w;
    }
    return g;
  }

  /**
   * The shared solver for a problem: the sum-of-losses objective above is {@code W} times the solver's mean-loss
   * objective with {@code lambda = l2 / W} and {@code interceptLambda = biasL2 / W} (same minimizer), and its
   * gradient tolerance is {@code tolerance / W}; {@code W} is the fitted rows' total weight.
   */
  private L2Logistic solver(L2Logistic.Problem pr) {
    double w = normalizer(pr);
    return L2Logistic.lambda(l2 / w).interceptLambda(biasL2 / w).tolerance(tolerance / w)
        .maxIterations(maxIterations);
  }

  private static double normalizer(L2Logistic.Problem pr) {
    return pr.normalizer();
  }

  /** The problem of {@code rows} of {@code data}, with W fixed to the rows' total weight. */
  private static L2Logistic.Problem problem(EncodedData data, int[] rows) {
    Encoded e = Encoded.of(data);
    float[] w = data.weights();
    double total = 0;
    for (int r : rows) {
      if (r < 0 || r >= w.length) {
        throw new IllegalArgumentException("row " + r + " outside the data's 0.." + (w.length - 1));
      }
      total += w[r];
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("the " + rows.length + " rows to fit have total weight " + total
          + "; expected > 0");
    }
    return L2Logistic.Problem.of(e.design, e.labels).weights(e.weights).rows(rows).normalizer(total);
  }

  /**
   * The design, labels and weights of the last data each thread fitted on (TMC refits the same data often); keyed
   * by identity, so it assumes, as the rest of the project does, that an {@code EncodedData}'s arrays are not
   * modified after encoding.
   */
  private record Encoded(EncodedData data, EncodedDesign design, double[] labels, double[] weights) {
    private static final ThreadLocal<Encoded> LAST = new ThreadLocal<>();

    static Encoded of(EncodedData data) {
      Encoded e = LAST.get();
      if (e == null || e.data != data) {
        float[] y = data.labels();
        float[] w = data.weights();
        double[] yd = new double[y.length];
        double[] wd = new double[w.length];
        for (int i = 0; i < y.length; i++) {
          yd[i] = y[i];
          wd[i] = w[i];
        }
        e = new Encoded(data, EncodedDesign.of(data), yd, wd);
        LAST.set(e);
      }
      return e;
    }
  }

  @Override
  public String toString() {
    return "LogisticRegression{l2=" + l2 + ", biasL2=" + biasL2 + ", tolerance=" + tolerance + "}";
  }
}
