package siebench.importance.valuation;

import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.ImportanceEstimator;
import siebench.model.ModelSpec;
import siebench.train.CtrTask;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/**
 * The estimation context's CTR model as the learner of a valuation estimator, chosen before the context is known
 * (e.g. on the command line, {@code siebench bench --learner ctr-warm}) and bound to it when the estimator runs
 * ({@link #bind}): the estimator passes its task (model, batch size, learning rate, seeded with the context's
 * seed), its encoder and the encoded rows it values.
 *
 * <ul>
 *   <li>{@link #cold()}: every fit trains the task's model from a fresh initialization for the task's epochs
 *       ({@link CtrTaskLearner}).
 *   <li>{@link #warmStarted(int)}: the task's model is trained once on all the rows being valued; every fit then
 *       starts from it and trains {@code epochs} more epochs on its subset ({@link CtrTaskLearner#warmStartedFrom},
 *       the truncated, warm-started retraining of Ghorbani and Zou 2019, "Data Shapley: Equitable Valuation of
 *       Data for Machine Learning", ICML, Section 4). Values are then relative to that starting model, which has
 *       seen every row being valued: with a validation set (the benchmark gives one) the utility is measured on
 *       unseen rows; without one (two-fold cross-valuation) the starting model has also seen the other fold.
 *       Out-of-sample estimators (Data-OOB, confident learning) refuse it, since their held-out rows would be
 *       in-sample for the starting model.
 * </ul>
 *
 * <p>Accepted by {@link TmcShapley#learner} (and Beta Shapley), {@link ClasswiseShapley#learner}, {@link
 * DataBanzhaf#learner} and {@link LeaveOneOut#learner}; {@link #cold()} also by {@link DataOob#learner}.
 * Immutable.
 */
public final class TaskLearner implements ProbabilisticLearner {
  private final int warmEpochs; // 0 = cold

  private TaskLearner(int warmEpochs) {
    this.warmEpochs = warmEpochs;
  }

  /** Fresh training of the context task's model for every fit. */
  public static TaskLearner cold() {
    return new TaskLearner(0);
  }

  /** Fits that continue the context task's model, trained once on all rows, for {@code epochs} epochs each. */
  public static TaskLearner warmStarted(int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("a warm-started fit trains at least 1 epoch, got " + epochs);
    }
    return new TaskLearner(epochs);
  }

  /** True for {@link #warmStarted(int)}. */
  public boolean isWarmStarted() {
    return warmEpochs > 0;
  }

  @Override
  public String name() {
    return warmEpochs == 0 ? "ctr:task-model" : "ctr:task-model(warm start, " + warmEpochs + " epochs per fit)";
  }

  /**
   * The learner for one estimate: {@code task} is the context's task (seeded), {@code encoder} the estimator's,
   * {@code rows} the encoded rows being valued (the starting model's training rows when warm-started).
   */
  public CtrTaskLearner bind(CtrTask task, FeatureEncoder encoder, EncodedData rows) {
    if (warmEpochs == 0) {
      return new CtrTaskLearner(task, encoder);
    }
    TrainingLoop.Run run = TrainingLoop.train(task, encoder, rows, null, null);
    try (TrainedModel start = run.model()) {
      return CtrTaskLearner.warmStartedFrom(start, task.epochs(warmEpochs));
    }
  }

  /**
   * {@code estimator} with the context task's CTR model as its learner, when it retrains a learner: TMC-Shapley
   * and Beta Shapley, CS-Shapley, Data Banzhaf and leave-one-out take this learner; Data-OOB and confident
   * learning take the cold CTR model ({@code model(modelSpec)}) and refuse the warm-started one (see the class
   * comment). Other estimators are returned unchanged.
   */
  public ImportanceEstimator useIn(ImportanceEstimator estimator, ModelSpec modelSpec) {
    if (estimator instanceof TmcShapley t) {
      return t.learner(this);
    }
    if (estimator instanceof ClasswiseShapley c) {
      return c.learner(this);
    }
    if (estimator instanceof DataBanzhaf b) {
      return b.learner(this);
    }
    if (estimator instanceof LeaveOneOut l) {
      return isWarmStarted() ? l.learner(this) : l.model(modelSpec);
    }
    if (estimator instanceof DataOob || estimator instanceof ConfidentLearning) {
      if (isWarmStarted()) {
        throw new IllegalArgumentException(estimator.name() + " predicts rows out of sample; a learner warm-started "
            + "from a model trained on all rows has seen them: use the cold CTR model (ctr) or the Java logistic "
            + "regression (java-lr) for it");
      }
      return estimator instanceof DataOob o ? o.model(modelSpec) : ((ConfidentLearning) estimator).model(modelSpec);
    }
    return estimator;
  }

  /** Refuses: a task learner is bound to an estimation context by the estimator that uses it. */
  @Override
  public double[] fitPredict(EncodedData train, int[] rows, EncodedData predictOn) {
    throw new IllegalStateException(name() + " is bound to the estimation context by the estimator that uses it "
        + "(tmc-shapley, beta-shapley, cs-shapley, banzhaf, loo, data-oob); to fit directly, use bind(task, encoder,"
        + " rows) or a CtrTaskLearner");
  }
}
