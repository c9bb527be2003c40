package siebench.importance.influence;

import siebench.core.LinearDesign;

/**
 * The rows {@code x_i} of a design matrix for a logistic regression, stored in whatever form is compact
 * (one-hot categorical rows, dense representations); the last column is the intercept, which is not
 * regularized. The shared solver's {@link LinearDesign} plus the dense operations influence functions need.
 */
interface Design extends LinearDesign {
  /** The last column. */
  @Override
  default int intercept() {
    return dim() - 1;
  }

  /** {@code |x_i|^2}. */
  double squaredNorm(int i);

  /** {@code x_i' M x_i} for a dense symmetric {@code dim x dim} matrix. */
  double quadratic(int i, double[][] m);

  /** {@code M += a x_i x_i'} (dense {@code dim x dim}). */
  void addOuter(int i, double a, double[][] m);
}
