package siebench.importance.influence;

/**
 * The rows {@code x_i} of a design matrix for a logistic regression, stored in whatever form is compact
 * (one-hot categorical rows, dense representations); the last column is the intercept, which is not
 * regularized.
 */
interface Design {
  int rows();

  /** Number of columns, including the intercept. */
  int dim();

  /** {@code x_i . v}. */
  double dot(int i, double[] v);

  /** {@code out += a x_i}. */
  void addTo(int i, double a, double[] out);

  /** {@code |x_i|^2}. */
  double squaredNorm(int i);

  /** {@code x_i' M x_i} for a dense symmetric {@code dim x dim} matrix. */
  double quadratic(int i, double[][] m);

  /** {@code M += a x_i x_i'} (dense {@code dim x dim}). */
  void addOuter(int i, double a, double[][] m);
}
