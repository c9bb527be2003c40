package siebench.importance.dynamics;

import java.util.Map;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.importance.EstimationContext;
import siebench.train.TrainedModel;

/**
 * Area Under the Margin of Pleiss, Zhang, Elenberg and Weinberger (2020), "Identifying Mislabeled Data using
 * the Area Under the Margin Ranking" (NeurIPS), adapted to a one-logit binary click model: the margin of a row
 * at epoch t is the logit of its assigned class minus the logit of the other class, which for the two-logit
 * view {@code (0, z)} is {@code (2y - 1) z_t}; AUM is the margin averaged over the checkpoint epochs (by
 * default every epoch), then over seeded runs. A low (negative) AUM means the model keeps pushing the row
 * towards the other class: a likely mislabeled row.
 *
 * <p><b>Sign:</b> the importance score is {@code -AUM}, so that, like the other hardness scores, higher =
 * more likely mislabeled; {@link siebench.importance.Importance#negate()} gives AUM itself.
 */
public final class AreaUnderMargin extends DynamicsEstimator<AreaUnderMargin> {
  AreaUnderMargin(DynamicsSettings settings) {
    super(settings);
  }

  /** AUM over every epoch of one run of the context task. */
  public static AreaUnderMargin create() {
    return new AreaUnderMargin(DynamicsSettings.defaults());
  }

  @Override
  protected AreaUnderMargin withSettings(DynamicsSettings s) {
    return new AreaUnderMargin(s);
  }

  @Override
  public String name() {
    return "aum";
  }

  @Override
  protected Map<String, Object> ownParameters() {
    return Map.of("score", "-AUM");
  }

  /** AUM of each row from its logit series {@code z[t]} and label: the mean of {@code (2y - 1) z[t]}. */
  public static double area(double[] logits, double y) {
    double s = 0;
    for (double z : logits) {
      s += DynamicsMath.margin(z, y);
    }
    return s / logits.length;
  }

  @Override
  protected Scorer scorer(Samples train, EstimationContext context) {
    // every run has the same number of checkpoints, so the mean over all (run, checkpoint) pairs is the mean
    // over runs of the per-run AUM
    MeanScorer margins = new MeanScorer(train.size()) {
      @Override
      double[] atCheckpoint(TrainedModel model, EncodedData data) {
        double[] z = model.logits(data);
        float[] y = data.labels();
        for (int i = 0; i < z.length; i++) {
          z[i] = DynamicsMath.margin(z[i], y[i]);
        }
        return z;
      }
    };
    return new Scorer() {
      @Override
      public TrainingDynamics.Observer observer() {
        return margins.observer();
      }

      @Override
      public double[] scores() {
        double[] aum = margins.scores();
        for (int i = 0; i < aum.length; i++) {
          aum[i] = -aum[i];
        }
        return aum;
      }
    };
  }
}
