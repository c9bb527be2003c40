package siebench.train;

import ai.djl.ndarray.NDArray;

/**
 * Changes the per-row loss weights of a training batch while training runs, e.g. the truncated or reweighted
 * loss of adaptive denoising training (Wang et al. 2021). Called once per step inside the gradient recording
 * scope; the returned multipliers are treated as constants (detached) and multiply the rows' sample weights.
 */
public interface LossModifier {
  /**
   * Multipliers for the rows of a batch, shape [B].
   *
   * @param perRowLoss the rows' unweighted losses, shape [B] (detached)
   * @param labels the rows' labels, shape [B]
   * @param epoch the 1-based epoch
   * @param step the 0-based global optimizer step
   */
  NDArray multipliers(NDArray perRowLoss, NDArray labels, int epoch, long step);
}
