package siebench.train;

/**
 * Observes training after every optimizer step, with the minibatch that step trained on: the rows' positions
 * in the training data and the logits the step's own forward pass gave them (the model's outputs at the rows'
 * presentation, before the update). This is what per-presentation statistics need, e.g. forgetting events
 * counted per minibatch as in Toneva, Sordoni, Combes, Trischler, Bengio and Gordon (2019), "An Empirical
 * Study of Example Forgetting during Deep Neural Network Learning" (ICLR).
 *
 * <p>Optional and off the fast path: {@link TrainingLoop} reads the batch's logits back to the host (one
 * device synchronization per step) only when a step listener is given.
 */
@FunctionalInterface
public interface StepListener {
  /**
   * Called after step {@code step} (1-based, counted over the whole run) of epoch {@code epoch} (1-based).
   *
   * @param rows the 0-based positions, in the training data, of the batch's rows, in batch order
   * @param logits the logits of those rows from the step's forward pass (training mode, before the update)
   * @param model the model after the update
   */
  void afterStep(int epoch, long step, int[] rows, float[] logits, TrainedModel model);
}
