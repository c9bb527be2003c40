package siebench.importance.valuation;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.List;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.train.CtrTask;
import siebench.train.EpochListener;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/**
 * A project CTR model (DJL) as a {@link ProbabilisticLearner}: every fit runs {@link TrainingLoop#train} with
 * the task's model, epochs, batch size, learning rate and seed on the selected rows (no early stopping, since
 * no validation rows are passed), then predicts and frees the model. Far slower than {@link LogisticLearner};
 * use it when the valuation must reflect the production architecture.
 *
 * <p>{@link #warmStartedFrom} makes every fit start from a trained model's parameters instead of a fresh
 * initialization, and is meant with a truncated task (e.g. {@code task.epochs(1)}): the warm-started, truncated
 * retraining that makes semivalues with a deep model affordable, as in Ghorbani &amp; Zou's (2019, "Data Shapley:
 * Equitable Valuation of Data for Machine Learning", ICML) one-epoch approximation of the utility. Each fit then
 * measures what the subset adds to that starting point rather than what it would teach a fresh model, so the
 * values are relative to the starting model; train it on the same samples the estimator values (the encoder and
 * the parameter shapes are checked).
 */
public final class CtrTaskLearner implements ProbabilisticLearner {
  private final CtrTask task;
  private final FeatureEncoder encoder;
  private final float[][] start;
  private final long[][] startShapes;

  /** {@code encoder} is the one that produced the designs passed to {@link #fitPredict}. */
  public CtrTaskLearner(CtrTask task, FeatureEncoder encoder) {
    this(task, encoder, null, null);
  }

  private CtrTaskLearner(CtrTask task, FeatureEncoder encoder, float[][] start, long[][] startShapes) {
    this.task = task;
    this.encoder = encoder;
    this.start = start;
    this.startShapes = startShapes;
  }

  /**
   * A learner whose every fit starts from {@code model}'s current parameters (copied now; the model may be
   * closed afterwards), trained by {@code task} (its model spec must be the model's), with the model's encoder.
   */
  public static CtrTaskLearner warmStartedFrom(TrainedModel model, CtrTask task) {
    if (!model.spec().name().equals(task.model().name())) {
      throw new IllegalArgumentException("warm start from a " + model.spec().name() + " model, but the task trains "
          + task.model().name());
    }
    List<Parameter> params = model.parameters();
    float[][] values = new float[params.size()][];
    long[][] shapes = new long[params.size()][];
    for (int k = 0; k < values.length; k++) {
      NDArray a = params.get(k).getArray();
      values[k] = a.toFloatArray();
      shapes[k] = a.getShape().getShape();
    }
    return new CtrTaskLearner(task, model.encoder(), values, shapes);
  }

  public CtrTask task() {
    return task;
  }

  /** True when fits start from a trained model ({@link #warmStartedFrom}). */
  public boolean isWarmStarted() {
    return start != null;
  }

  @Override
  public String name() {
    return "ctr:" + task.model().name() + (start == null ? "" : "(warm start, " + task.epochs() + " epochs)");
  }

  @Override
  public double[] fitPredict(EncodedData train, int[] rows, EncodedData predictOn) {
    if (rows.length == 0) {
      double[] p = new double[predictOn.rows()];
      Arrays.fill(p, 0.5);
      return p;
    }
    if (start != null && !train.layout().equals(encoder.layout())) {
      throw new IllegalArgumentException("the warm-start model was trained with features " + encoder.layout()
          + ", but the rows to fit are encoded as " + train.layout() + "; train the starting model on the samples "
          + "being valued");
    }
    TrainingLoop.Run run = TrainingLoop.train(task, encoder, train.subset(rows), null, start == null ? null
        : new WarmStart());
    try (TrainedModel m = run.model()) {
      return m.predict(predictOn);
    }
  }

  /** Overwrites the freshly initialized parameters with the starting model's before the first step. */
  private final class WarmStart implements EpochListener {
    @Override
    public void beforeTraining(TrainedModel model) {
      List<Parameter> params = model.parameters();
      if (params.size() != start.length) {
        throw new IllegalStateException("the warm-start model has " + start.length + " parameters, the model being "
            + "fitted " + params.size());
      }
      for (int k = 0; k < start.length; k++) {
        NDArray a = params.get(k).getArray();
        if (!Arrays.equals(a.getShape().getShape(), startShapes[k])) {
          throw new IllegalStateException("warm-start parameter " + params.get(k).getName() + " has shape "
              + Arrays.toString(startShapes[k]) + ", the model being fitted " + a.getShape());
        }
        a.set(start[k]);
      }
    }

    @Override
    public void afterEpoch(int epoch, TrainedModel model) {}
  }
}
