package siebench.importance.dynamics;

import java.util.Map;
import siebench.core.Numerics;
import siebench.data.Samples;
import siebench.importance.EstimationContext;

/**
 * The per-sample training loss (unweighted binary cross-entropy), at one checkpoint ({@code
 * .checkpoints(k)}) or averaged over all epochs and seeded runs (the default). Large loss is the classic
 * signal of hard or mislabeled examples (e.g. the small-loss trick of Han et al. 2018, "Co-teaching", and
 * Arazo et al. 2019, "Unsupervised Label Noise Modeling and Loss Correction"); averaging over epochs gives
 * the loss-trajectory statistic used by Jiang et al. 2020, "Characterizing Structural Regularities of Labeled
 * Data in Overparameterized Models".
 *
 * <p><b>Sign:</b> higher = harder / more likely mislabeled.
 */
public final class TrainingLoss extends DynamicsEstimator<TrainingLoss> {
  TrainingLoss(DynamicsSettings settings) {
    super(settings);
  }

  /** The loss averaged over every epoch of one run of the context task. */
  public static TrainingLoss defaults() {
    return new TrainingLoss(DynamicsSettings.defaults());
  }

  /** The loss at one checkpoint only: after epoch {@code epoch}. */
  public TrainingLoss atEpoch(int epoch) {
    return checkpoints(epoch);
  }

  @Override
  protected TrainingLoss withSettings(DynamicsSettings s) {
    return new TrainingLoss(s);
  }

  @Override
  public String name() {
    return "loss";
  }

  @Override
  protected Map<String, Object> ownParameters() {
    return Map.of();
  }

  @Override
  protected Scorer scorer(Samples train, EstimationContext context) {
    return MeanScorer.ofLogits(train.size(), Numerics::bce);
  }
}
