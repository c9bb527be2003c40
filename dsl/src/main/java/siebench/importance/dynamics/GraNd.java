package siebench.importance.dynamics;

import java.util.Map;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.importance.EstimationContext;
import siebench.train.TrainedModel;

/**
 * GraNd, the gradient-normed score of Paul, Ganguli and Dziugaite (2021), "Deep Learning on a Data Diet:
 * Finding Important Examples Early in Training" (NeurIPS): the expected L2 norm of a row's loss gradient,
 * {@code E ||grad_theta l(x, y; theta_t)||}, over early-training checkpoints {@code t} (by default after every
 * epoch of a short training) and several independently seeded runs.
 *
 * <p>By default the norm is exact and taken over <em>all</em> trainable parameters (embeddings, linear, MLP,
 * cross and output layers), computed for whole batches at once by {@link TrainedModel#gradientNorms}. With
 * {@link #lastLayerOnly()} it is the cheaper norm of the gradient with respect to a final linear layer over
 * the model's representation {@code h} (weight and bias), {@code |p - y| sqrt(|h|^2 + 1)}; this is exact for
 * the output layer of DeepFM and DCN-v2 and a proxy for LR and FM (whose representation is not the input of a
 * final layer).
 *
 * <p><b>Sign:</b> higher = harder / more important to learn (and where mislabeled rows concentrate); the
 * paper prunes the lowest-scored rows.
 */
public final class GraNd extends DynamicsEstimator<GraNd> {
  private final boolean lastLayer;

  GraNd(DynamicsSettings settings, boolean lastLayer) {
    super(settings);
    this.lastLayer = lastLayer;
  }

  /** GraNd with the default settings: exact full-parameter norms after every epoch of one run. */
  public static GraNd create() {
    return new GraNd(DynamicsSettings.defaults(), false);
  }

  /** Uses the last-layer gradient norm {@code |p - y| sqrt(|h|^2 + 1)} instead of the exact full norm. */
  public GraNd lastLayerOnly() {
    return new GraNd(settings(), true);
  }

  /** Uses the exact gradient norm over all parameters (the default). */
  public GraNd allParameters() {
    return new GraNd(settings(), false);
  }

  public boolean isLastLayerOnly() {
    return lastLayer;
  }

  @Override
  protected GraNd withSettings(DynamicsSettings s) {
    return new GraNd(s, lastLayer);
  }

  @Override
  public String name() {
    return "grand";
  }

  @Override
  protected Map<String, Object> ownParameters() {
    return Map.of("gradient", lastLayer ? "last-layer" : "all-parameters");
  }

  @Override
  protected Scorer scorer(Samples train, EstimationContext context) {
    return new MeanScorer(train.size()) {
      @Override
      double[] atCheckpoint(TrainedModel model, EncodedData data) {
        return lastLayer ? lastLayerNorms(model, data) : model.gradientNorms(data);
      }
    };
  }

  /** Per-row last-layer gradient norms {@code |p - y| sqrt(|h|^2 + 1)} of {@code model} on {@code data}. */
  public static double[] lastLayerNorms(TrainedModel model, EncodedData data) {
    double[] z = model.logits(data);
    float[][] h = model.representations(data);
    float[] y = data.labels();
    double[] out = new double[z.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = DynamicsMath.lastLayerGradientNorm(z[i], y[i], h[i]);
    }
    return out;
  }
}
