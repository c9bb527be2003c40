package siebench.model.linear;

/**
 * The rows {@code x_i} of the design matrix of a linear model, stored in whatever form is compact (one-hot
 * categorical rows, dense representations), as {@link L2Logistic} needs them: one column is the intercept
 * ({@link #intercept()}), which the regularizer may treat apart.
 */
public interface LinearDesign {
  int rows();

  /** Number of columns, including the intercept. */
  int dim();

  /** The intercept column (whose entry is 1 in every row). */
  int intercept();

  /** {@code x_i . v}. */
  double dot(int i, double[] v);

  /** {@code out += a x_i}. */
  void addTo(int i, double a, double[] out);

  /** {@code out += a (x_i * x_i)} elementwise: the row's contribution to a diagonal of {@code X' D X}. */
  void addSquaresTo(int i, double a, double[] out);
}
