package siebench.importance.dynamics;

import java.util.Map;
import siebench.data.Samples;
import siebench.importance.EstimationContext;

/**
 * EL2N, the error L2-norm score of Paul, Ganguli and Dziugaite (2021), "Deep Learning on a Data Diet: Finding
 * Important Examples Early in Training" (NeurIPS): {@code E ||p(x; theta_t) - y||_2} over early-training
 * checkpoints (by default after every epoch) and seeded runs. For a binary click model with one output this
 * is {@code |p - y|}.
 *
 * <p><b>Sign:</b> higher = harder / more important (and more likely mislabeled).
 */
public final class El2n extends DynamicsEstimator<El2n> {
  El2n(DynamicsSettings settings) {
    super(settings);
  }

  /** EL2N with the default settings (every epoch of one run of the context task). */
  public static El2n create() {
    return new El2n(DynamicsSettings.defaults());
  }

  @Override
  protected El2n withSettings(DynamicsSettings s) {
    return new El2n(s);
  }

  @Override
  public String name() {
    return "el2n";
  }

  @Override
  protected Map<String, Object> ownParameters() {
    return Map.of();
  }

  @Override
  protected Scorer scorer(Samples train, EstimationContext context) {
    return MeanScorer.ofLogits(train.size(), DynamicsMath::el2n);
  }
}
