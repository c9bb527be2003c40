package siebench.core;

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

  /**
   * Optional column groups for {@link L2Logistic}'s coarse-space preconditioner: the group (0..{@link
   * #groupCount()}-1) of every column, or -1 for none; null (the default) when the design has none. One-hot
   * designs group each field's indicator columns, whose sum equals the intercept column: the near-null
   * directions of the Hessian that diagonal preconditioning cannot fix.
   */
  default int[] columnGroups() {
    return null;
  }

  /** Number of column groups (0 without {@link #columnGroups()}). */
  default int groupCount() {
    return 0;
  }

  /** {@code out[g] = sum of x_ij over the columns j of group g}, for every group (only with column groups). */
  default void groupSums(int i, double[] out) {
    throw new UnsupportedOperationException("this design has no column groups");
  }
}
