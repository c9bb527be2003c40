package siebench.importance.valuation;

import java.util.Arrays;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.train.CtrTask;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/**
 * A project CTR model (DJL) as a {@link ProbabilisticLearner}: every fit runs {@link TrainingLoop#train} with
 * the task's model, epochs, batch size, learning rate and seed on the selected rows (no early stopping, since
 * no validation rows are passed), then predicts and frees the model. Far slower than {@link LogisticLearner};
 * use it when the valuation must reflect the production architecture.
 */
public final class CtrTaskLearner implements ProbabilisticLearner {
  private final CtrTask task;
  private final FeatureEncoder encoder;

  /** {@code encoder} is the one that produced the designs passed to {@link #fitPredict}. */
  public CtrTaskLearner(CtrTask task, FeatureEncoder encoder) {
    this.task = task;
    this.encoder = encoder;
  }

  public CtrTask task() {
    return task;
  }

  @Override
  public String name() {
    return "ctr:" + task.model().name();
  }

  @Override
  public double[] fitPredict(EncodedData train, int[] rows, EncodedData predictOn) {
    if (rows.length == 0) {
      double[] p = new double[predictOn.rows()];
      Arrays.fill(p, 0.5);
      return p;
    }
    TrainingLoop.Run run = TrainingLoop.train(task, encoder, train.subset(rows), null, null);
    try (TrainedModel m = run.model()) {
      return m.predict(predictOn);
    }
  }
}
