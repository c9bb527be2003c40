package siebench.importance.influence;

import static siebench.core.Numerics.bce;
import static siebench.core.Numerics.sigmoid;

import siebench.core.L2Logistic;
import siebench.core.Progress;

/**
 * An L2-regularized logistic regression with fixed per-row offsets, in closed form on double arrays: the
 * model {@code z_i = o_i + x_i . theta} and the objective
 *
 * <pre>
 *   R(theta) = (1/W) sum_i w_i bce(z_i, y_i) + (lambda/2) |theta_without_intercept|^2,   W = sum_i w_i,
 * </pre>
 *
 * with gradient {@code (1/W) sum_i w_i (p_i - y_i) x_i + lambda theta} and Hessian {@code (1/W) sum_i w_i p_i (1
 * - p_i) x_i x_i' + lambda I} (the intercept unregularized). Removing row {@code j} means setting {@code w_j = 0}
 * while keeping the normalizer {@code W} (equivalently: the sum-of-losses objective with penalty {@code lambda
 * W / 2}, the regularizer is not rescaled when a row leaves), which is the convention under which the
 * leave-one-out change is exactly an upweighting by {@code -w_j / W} (Koh and Liang 2017, Section 2).
 *
 * <p>Fitted to the optimum by the project's shared solver {@link L2Logistic} (Newton with preconditioned CG inner
 * solves and a backtracking line search; same convention, {@code W} fixed): influence functions assume the
 * first-order condition holds.
 */
final class RegularizedLogistic {
  final Design x;
  final double[] offset;
  final double[] y;
  final double[] w;
  final double totalWeight;
  final double lambda;

  RegularizedLogistic(Design x, double[] offset, float[] labels, float[] weights, double lambda) {
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("L2 regularization must be > 0 (the Hessian must be invertible), got "
          + lambda);
    }
    int n = x.rows();
    if (labels.length != n || weights.length != n || (offset != null && offset.length != n)) {
      throw new IllegalArgumentException("design has " + n + " rows but labels/weights/offsets differ in length");
    }
    this.x = x;
    this.offset = offset == null ? new double[n] : offset;
    this.y = new double[n];
    this.w = new double[n];
    double s = 0;
    for (int i = 0; i < n; i++) {
      y[i] = labels[i];
      w[i] = weights[i];
      s += w[i];
    }
    if (!(s > 0)) {
      throw new IllegalArgumentException("the training rows' weights sum to " + s + "; nothing to fit");
    }
    this.totalWeight = s;
    this.lambda = lambda;
  }

  int dim() {
    return x.dim();
  }

  int intercept() {
    return x.dim() - 1;
  }

  double logit(int i, double[] theta) {
    return offset[i] + x.dot(i, theta);
  }

  double[] probabilities(double[] theta) {
    double[] p = new double[x.rows()];
    for (int i = 0; i < p.length; i++) {
      p[i] = sigmoid(logit(i, theta));
    }
    return p;
  }

  double objective(double[] theta) {
    double s = 0;
    for (int i = 0; i < x.rows(); i++) {
      if (w[i] != 0) {
        s += w[i] * bce(logit(i, theta), y[i]);
      }
    }
    return s / totalWeight + 0.5 * lambda * regNorm(theta);
  }

  private double regNorm(double[] theta) {
    double s = 0;
    for (int j = 0; j < intercept(); j++) {
      s += theta[j] * theta[j];
    }
    return s;
  }

  double[] gradient(double[] theta) {
    double[] g = new double[dim()];
    for (int i = 0; i < x.rows(); i++) {
      if (w[i] != 0) {
        x.addTo(i, w[i] * (sigmoid(logit(i, theta)) - y[i]) / totalWeight, g);
      }
    }
    for (int j = 0; j < intercept(); j++) {
      g[j] += lambda * theta[j];
    }
    return g;
  }

  /** A fitted optimum. */
  record Fit(double[] theta, int newtonIterations, double gradientNorm, int cgIterations) {}

  /**
   * Newton-CG from {@code start} until the gradient's max-norm is below {@code tolerance} (or {@code
   * maxIterations} Newton steps). Each step solves {@code H d = -g} by CG to relative residual {@code cgTolerance}.
   */
  Fit fit(double[] start, double tolerance, int maxIterations, double cgTolerance, int cgMaxIterations,
      Progress progress, String task) {
    // the shared solver, with W fixed to this problem's total weight (see the class comment)
    L2Logistic.Fit f = L2Logistic.lambda(lambda).tolerance(tolerance).maxIterations(maxIterations)
        .cgTolerance(cgTolerance).cgMaxIterations(cgMaxIterations)
        .fit(L2Logistic.Problem.of(x, y).weights(w).offsets(offset).normalizer(totalWeight), start, progress, task);
    return new Fit(f.theta(), f.iterations(), f.gradientNorm(), (int) f.cgSteps());
  }
}
