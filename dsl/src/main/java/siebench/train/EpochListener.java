package siebench.train;

/**
 * Observes training after every epoch (and once at initialization, {@link #beforeTraining}), e.g. to record
 * per-sample training dynamics for GraNd / EL2N (Paul, Ganguli and Dziugaite 2021, "Deep Learning on a Data
 * Diet"), AUM, data maps or TracIn checkpoints. Per-step observation is a separate {@link StepListener}.
 */
public interface EpochListener {
  /** Called after epoch {@code epoch} (1-based) with the model in its current state. */
  void afterEpoch(int epoch, TrainedModel model);

  /**
   * Called once with the model at initialization (after parameter initialization and the bias set to the base
   * rate, before the first step): "epoch 0", e.g. for GraNd at initialization (Paul, Ganguli and Dziugaite
   * 2021). Does nothing by default.
   */
  default void beforeTraining(TrainedModel model) {}
}
