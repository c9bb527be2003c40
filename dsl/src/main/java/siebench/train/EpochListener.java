package siebench.train;

/**
 * Observes training after every epoch (and optionally every step), e.g. to record per-sample training
 * dynamics for forgetting events, AUM, data maps or TracIn checkpoints.
 */
public interface EpochListener {
  /** Called after epoch {@code epoch} (1-based) with the model in its current state. */
  void afterEpoch(int epoch, TrainedModel model);
}
