package siebench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** Loss functions on logits, written with fused native ops. */
public final class Losses {
  private Losses() {}

  /** Per-sample binary cross-entropy of logits {@code z} against labels {@code y}: softplus(z) - y z. */
  public static NDArray bce(NDArray z, NDArray y) {
    return Activation.softPlus(z).sub(z.mul(y));
  }

  /**
   * Weighted mean binary cross-entropy {@code sum_i w_i bce_i / sum_i w_i}: a row with weight 0 contributes
   * exactly nothing, as if removed.
   */
  public static NDArray weightedBce(NDArray z, NDArray y, NDArray w) {
    return bce(z, y).mul(w).sum().div(w.sum().add(1e-12f));
  }
}
