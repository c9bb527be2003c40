package siebench.importance;

import java.util.Objects;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.train.CtrTask;

/**
 * What an {@link ImportanceEstimator} may use besides the training samples: an optional validation set, the
 * CTR task (model and optimizer settings) whose training the estimator observes, a seed, and a progress sink
 * that also carries cancellation. Immutable.
 */
public final class EstimationContext {
  private final Samples validation;
  private final CtrTask task;
  private final long seed;
  private final Progress progress;

  private EstimationContext(Samples validation, CtrTask task, long seed, Progress progress) {
    this.validation = validation;
    this.task = Objects.requireNonNull(task);
    this.seed = seed;
    this.progress = Objects.requireNonNull(progress);
  }

  /**
   * Seed 7, the default CTR task, no validation set, {@linkplain Progress#standard() standard} progress (stderr
   * outside notebooks).
   */
  public static EstimationContext defaults() {
    return new EstimationContext(null, CtrTask.ctr(), 7, Progress.standard());
  }

  public EstimationContext validation(Samples v) {
    return new EstimationContext(v, task, seed, progress);
  }

  public EstimationContext task(CtrTask t) {
    return new EstimationContext(validation, t, seed, progress);
  }

  public EstimationContext seed(long s) {
    return new EstimationContext(validation, task, s, progress);
  }

  public EstimationContext progress(Progress p) {
    return new EstimationContext(validation, task, seed, p);
  }

  /** The validation samples, or null. */
  public Samples validation() {
    return validation;
  }

  public boolean hasValidation() {
    return validation != null;
  }

  public CtrTask task() {
    return task;
  }

  public long seed() {
    return seed;
  }

  public Progress progress() {
    return progress;
  }
}
