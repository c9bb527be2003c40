package siebench.importance.correction;

import static siebench.core.Numerics.bce;
import static siebench.core.Numerics.sigmoid;

import java.util.Arrays;
import siebench.core.L2Logistic;
import siebench.core.Progress;
import siebench.features.EncodedData;
import siebench.model.linear.EncodedDesign;

/**
 * L2-regularized binary logistic regression on {@link EncodedData}: every categorical field contributes a one-hot
 * indicator of its embedding row, every dense feature its standardized value, plus an unpenalized intercept.
 * Targets may be soft (in [0, 1]) and rows weighted, so the same fitter serves domain classifiers (train vs
 * target) and the regression step of regression-EM.
 *
 * <p>Objective: {@code sum_i w_i bce(z_i, t_i) / sum_i w_i + (lambda / 2) ||beta||^2} with
 * {@code z_i = b + beta . x_i}, which is exactly the convention of the project's shared solver {@link
 * L2Logistic} (truncated Newton with preconditioned CG; Lin, Weng and Keerthi 2008) that fits it. Convex, so the
 * optimum is unique for {@code lambda > 0}. Deterministic. (Before issue 13 this class had its own L-BFGS; the
 * optimum is the same, {@code maxIterations} now counts Newton steps.)
 */
public final class LogisticRegression {
  private final double lambda;
  private final int maxIterations;
  private final double tolerance;

  private LogisticRegression(double lambda, int maxIterations, double tolerance) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("L2 strength must be finite and >= 0, got " + lambda);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("tolerance must be > 0, got " + tolerance);
    }
    this.lambda = lambda;
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
  }

  /** A fitter with L2 strength {@code lambda}, at most 300 iterations, gradient tolerance 1e-7. */
  public static LogisticRegression l2(double lambda) {
    return new LogisticRegression(lambda, 300, 1e-7);
  }

  public LogisticRegression maxIterations(int m) {
    return new LogisticRegression(lambda, m, tolerance);
  }

  /** Stops when the largest absolute gradient component falls below {@code t}. */
  public LogisticRegression tolerance(double t) {
    return new LogisticRegression(lambda, maxIterations, t);
  }

  public double lambda() {
    return lambda;
  }

  /**
   * Fits on {@code x} with per-row {@code targets} in [0, 1] and non-negative {@code weights} (null = all 1),
   * checking {@code progress} for cancellation every iteration.
   */
  public Fitted fit(EncodedData x, double[] targets, double[] weights, Progress progress) {
    return fit(x, targets, weights, progress, null);
  }

  /** As {@link #fit(EncodedData, double[], double[], Progress)}, warm-started from {@code start} (may be null). */
  public Fitted fit(EncodedData x, double[] targets, double[] weights, Progress progress, Fitted start) {
    int n = x.rows();
    if (targets.length != n) {
      throw new IllegalArgumentException(targets.length + " targets for " + n + " rows");
    }
    double[] w = weights == null ? filled(n, 1) : weights;
    if (w.length != n) {
      throw new IllegalArgumentException(w.length + " weights for " + n + " rows");
    }
    double wSum = 0;
    for (int i = 0; i < n; i++) {
      if (!(targets[i] >= 0 && targets[i] <= 1)) {
        throw new IllegalArgumentException("target of row " + i + " is " + targets[i] + "; expected a value in [0, 1]");
      }
      if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
        throw new IllegalArgumentException("weight of row " + i + " is " + w[i] + "; expected finite and >= 0");
      }
      wSum += w[i];
    }
    if (!(wSum > 0)) {
      throw new IllegalArgumentException("all row weights are zero");
    }
    L2Logistic.Problem problem = L2Logistic.Problem.of(EncodedDesign.of(x), targets).weights(w);
    double[] beta0 = null;
    if (start != null) {
      if (start.beta.length != EncodedDesign.columns(x)) {
        throw new IllegalArgumentException("warm start has " + start.beta.length + " parameters, need "
            + EncodedDesign.columns(x));
      }
      beta0 = start.beta;
    }
    L2Logistic.Fit fit = L2Logistic.lambda(lambda).tolerance(tolerance).maxIterations(maxIterations)
        .fit(problem, beta0, progress, null);
    return new Fitted(x.layout().totalVocab(), x.layout().fields(), x.layout().dense(), fit.theta(),
        fit.objective(), fit.iterations(), fit.gradientNorm());
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  /** A fitted model: intercept, coefficients, final objective value, iterations used. */
  public static final class Fitted {
    private final long vocab;
    private final int fields;
    private final int dense;
    private final double[] beta;
    private final double loss;
    private final int iterations;
    private final double gradientNorm;

    Fitted(long vocab, int fields, int dense, double[] beta, double loss, int iterations, double gradientNorm) {
      this.vocab = vocab;
      this.fields = fields;
      this.dense = dense;
      this.beta = beta;
      this.loss = loss;
      this.iterations = iterations;
      this.gradientNorm = gradientNorm;
    }

    public double intercept() {
      return beta[0];
    }

    /** Coefficients of the embedding rows (one-hot indicators), then of the dense features. */
    public double[] coefficients() {
      return Arrays.copyOfRange(beta, 1, beta.length);
    }

    /** The final regularized objective value. */
    public double loss() {
      return loss;
    }

    public int iterations() {
      return iterations;
    }

    /** The largest absolute gradient component at the solution (convergence check). */
    public double gradientNorm() {
      return gradientNorm;
    }

    /** Logits for rows encoded with the same layout. */
    public double[] logits(EncodedData data) {
      if (data.layout().totalVocab() != vocab || data.layout().fields() != fields || data.layout().dense() != dense) {
        throw new IllegalArgumentException("data layout " + data.layout() + " differs from the fitted one");
      }
      double[] z = new double[data.rows()];
      for (int i = 0; i < z.length; i++) {
        z[i] = EncodedDesign.logit(beta, data, i);
      }
      return z;
    }

    /** Probabilities for rows encoded with the same layout. */
    public double[] probabilities(EncodedData data) {
      double[] z = logits(data);
      for (int i = 0; i < z.length; i++) {
        z[i] = sigmoid(z[i]);
      }
      return z;
    }
  }
}
