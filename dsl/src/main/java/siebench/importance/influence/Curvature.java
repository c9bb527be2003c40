package siebench.importance.influence;

import java.util.Arrays;
import siebench.core.Numerics;

/**
 * The Hessian of a regularized logistic problem at its optimum, the matrix every {@link InverseHvp} solver
 * inverts (Koh and Liang 2017, Section 2: {@code H = (1/W) sum_i w_i grad^2 l_i + lambda I}):
 *
 * <pre>
 *   H = sum_i c_i x_i x_i' + lambda I_reg,    c_i = w_i p_i (1 - p_i) / W,
 * </pre>
 *
 * with {@code x_i} the rows of a {@link Design} and {@code I_reg} the identity without the (unregularized)
 * intercept, the last coordinate. For a logistic model that is linear in its parameters (logistic regression,
 * the last layer of a frozen network, a network linearized at its trained weights) this is the exact Hessian and
 * also the Gauss-Newton matrix and the Fisher information of the model's predictive distribution.
 *
 * <p>Besides the exact product {@code H v} it offers the unbiased mini-batch estimate {@code (n/|B|) sum_{i in
 * B} c_i x_i x_i' v + lambda I_reg v} that stochastic solvers ({@link Lissa}) use, and the dense matrix for
 * small dimensions.
 */
public final class Curvature {
  final Design x;
  final double[] c;
  final double[] share;
  final double lambda;

  /**
   * {@code c} the per-row curvature weights, {@code share} each row's weight in the empirical distribution
   * ({@code w_i / W}; the Kronecker factor of {@link Ekfac} is {@code sum_i share_i x_i x_i'}).
   */
  Curvature(Design x, double[] c, double[] share, double lambda) {
    if (c.length != x.rows() || share.length != x.rows()) {
      throw new IllegalArgumentException("curvature has " + c.length + " weights and " + share.length
          + " shares for " + x.rows() + " rows");
    }
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("lambda must be > 0 (H must be positive definite), got " + lambda);
    }
    this.x = x;
    this.c = c;
    this.share = share;
    this.lambda = lambda;
  }

  /** The Hessian of {@code lr}'s objective at {@code theta}. */
  static Curvature of(RegularizedLogistic lr, double[] theta) {
    double[] c = new double[lr.x.rows()];
    double[] share = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      double p = Numerics.sigmoid(lr.logit(i, theta));
      share[i] = lr.w[i] / lr.totalWeight;
      c[i] = share[i] * p * (1 - p);
    }
    return new Curvature(lr.x, c, share, lr.lambda);
  }

  /** Number of parameters. */
  public int dim() {
    return x.dim();
  }

  /** Number of rows (terms of the sum). */
  public int rows() {
    return x.rows();
  }

  /** Index of the unregularized intercept (the last coordinate). */
  int intercept() {
    return x.dim() - 1;
  }

  /** {@code out = H v}. */
  void apply(double[] v, double[] out) {
    Arrays.fill(out, 0);
    for (int i = 0; i < c.length; i++) {
      if (c[i] != 0) {
        x.addTo(i, c[i] * x.dot(i, v), out);
      }
    }
    addRegularizer(v, out);
  }

  /** {@code out = H_B v}, the unbiased estimate of {@code H v} from the rows {@code batch} (with replacement). */
  void applyBatch(int[] batch, double[] v, double[] out) {
    Arrays.fill(out, 0);
    double scale = (double) c.length / batch.length;
    for (int i : batch) {
      if (c[i] != 0) {
        x.addTo(i, scale * c[i] * x.dot(i, v), out);
      }
    }
    addRegularizer(v, out);
  }

  private void addRegularizer(double[] v, double[] out) {
    int icpt = intercept();
    for (int j = 0; j < icpt; j++) {
      out[j] += lambda * v[j];
    }
  }

  /** {@code H} as a dense matrix. */
  double[][] dense() {
    int p = dim();
    double[][] h = new double[p][p];
    for (int i = 0; i < c.length; i++) {
      if (c[i] != 0) {
        x.addOuter(i, c[i], h);
      }
    }
    for (int j = 0; j < intercept(); j++) {
      h[j][j] += lambda;
    }
    return h;
  }
}
