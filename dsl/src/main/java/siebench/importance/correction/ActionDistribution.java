package siebench.importance.correction;

import java.util.Arrays;

/**
 * The evaluation (target) policy's action distribution {@code pi_e(a | x_i, k_i)} for every logged row
 * {@code i}, at that row's context {@code x_i} and position {@code k_i}: a {@code rows x actions} matrix whose
 * rows sum to 1. It is Open Bandit Pipeline's {@code action_dist[i, :, position[i]]} (Saito, Aihara, Matsutani
 * &amp; Narita 2021, "Open Bandit Dataset and Pipeline", NeurIPS Datasets and Benchmarks), where the action
 * is the item and each position has its own distribution over items; the uniform-random policy over 34 items
 * is {@code uniform(rows, 34)}.
 */
public final class ActionDistribution {
  private static final double TOLERANCE = 1e-6;
  private final double[][] p;

  private ActionDistribution(double[][] p) {
    this.p = p;
  }

  /** The uniform policy: {@code 1 / actions} for every action in every row. */
  public static ActionDistribution uniform(int rows, int actions) {
    if (rows < 1 || actions < 1) {
      throw new IllegalArgumentException("need rows >= 1 and actions >= 1, got " + rows + " and " + actions);
    }
    double[][] p = new double[rows][actions];
    for (double[] r : p) {
      Arrays.fill(r, 1.0 / actions);
    }
    return new ActionDistribution(p);
  }

  /**
   * The distribution given as {@code probabilities[row][action]} (copied); fails naming the first row that is
   * not a probability distribution.
   */
  public static ActionDistribution of(double[][] probabilities) {
    double[][] p = Matrices.copy(probabilities, "action distribution");
    for (int i = 0; i < p.length; i++) {
      double s = 0;
      for (int a = 0; a < p[i].length; a++) {
        if (!(p[i][a] >= 0 && p[i][a] <= 1)) {
          throw new IllegalArgumentException("action distribution, row " + i + ", action " + a + ": " + p[i][a]
              + " is not a probability");
        }
        s += p[i][a];
      }
      if (Math.abs(s - 1) > TOLERANCE) {
        throw new IllegalArgumentException("action distribution, row " + i + ": probabilities sum to " + s
            + ", not 1");
      }
    }
    return new ActionDistribution(p);
  }

  public int rows() {
    return p.length;
  }

  public int actions() {
    return p[0].length;
  }

  /** {@code pi_e(action | x_row, k_row)}. */
  public double probability(int row, int action) {
    return p[row][action];
  }
}
