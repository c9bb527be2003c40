package siebench.importance.correction;

/**
 * A reward model's predictions {@code q_hat(x_i, a, k_i)} of the expected reward of every action {@code a} in
 * every logged row {@code i}, at that row's context and position: a {@code rows x actions} matrix. The direct
 * method and the doubly robust estimators (Dudík, Langford &amp; Li 2011, "Doubly Robust Policy Evaluation and
 * Learning", ICML) read it; it is Open Bandit Pipeline's {@code estimated_rewards_by_reg_model[i, :,
 * position[i]]}. {@link RewardRegression} fits one with cross-fitting; {@link #of} takes any other model's
 * values.
 */
public final class EstimatedRewards {
  private final double[][] q;

  private EstimatedRewards(double[][] q) {
    this.q = q;
  }

  /** Predictions given as {@code values[row][action]} (copied); fails naming the first non-finite value. */
  public static EstimatedRewards of(double[][] values) {
    double[][] q = Matrices.copy(values, "estimated rewards");
    for (int i = 0; i < q.length; i++) {
      for (int a = 0; a < q[i].length; a++) {
        if (!Double.isFinite(q[i][a])) {
          throw new IllegalArgumentException("estimated rewards, row " + i + ", action " + a + ": " + q[i][a]
              + " is not finite");
        }
      }
    }
    return new EstimatedRewards(q);
  }

  public int rows() {
    return q.length;
  }

  public int actions() {
    return q[0].length;
  }

  /** {@code q_hat(x_row, action, k_row)}. */
  public double value(int row, int action) {
    return q[row][action];
  }
}
