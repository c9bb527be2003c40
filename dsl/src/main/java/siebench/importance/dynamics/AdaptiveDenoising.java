package siebench.importance.dynamics;

import siebench.importance.Importance;

import java.util.LinkedHashMap;
import java.util.Map;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.importance.EstimationContext;
import siebench.train.LossModifier;
import siebench.train.TrainedModel;

/**
 * Adaptive denoising training (ADT) of Wang, Feng, He, Nie and Chua (2021), "Denoising Implicit Feedback for
 * Recommendation" (WSDM), as an estimator: trains with the {@link DenoisingLoss truncated (T-CE, default) or
 * reweighted (R-CE) loss} and scores every row by the weight ADT gives it, computed over all training rows
 * after each checkpoint epoch (T-CE: 0 for the positives whose loss is among the largest {@code eps(T)} of all
 * positives at that epoch's drop rate, else 1; R-CE: {@code p^beta} for positives, 1 for negatives), averaged
 * over checkpoints and seeded runs ({@link #finalEpochOnly()}: the last checkpoint's weights, averaged over
 * runs).
 *
 * <p><b>Sign:</b> unlike the hardness estimators, the score is a <em>weight</em>: higher = more trusted;
 * likely-noisy clicks score low ({@link Importance.Meaning#WEIGHT}). {@code samples.reweight(importance)} trains
 * on them as given (rescaled to mean 1 and clipped), and {@code samples.clean(importance, f)} drops the rows with
 * the lowest weights. {@link #lossModifier} gives the modifier itself for {@code ctr().lossModifier(...)}.
 */
public final class AdaptiveDenoising extends DynamicsEstimator<AdaptiveDenoising> {
  /** The scores are the training weights the denoising loss gives each row (higher = more trusted). */
  @Override
  protected Importance.Meaning meaning() {
    return Importance.Meaning.WEIGHT;
  }

  private final DenoisingLoss.Mode mode;
  private final double maxDropRate;
  private final double rampEpochs;
  private final double beta;
  private final boolean finalOnly;

  AdaptiveDenoising(DynamicsSettings settings, DenoisingLoss.Mode mode, double maxDropRate, double rampEpochs,
      double beta, boolean finalOnly) {
    super(settings);
    this.mode = mode;
    this.maxDropRate = maxDropRate;
    this.rampEpochs = rampEpochs;
    this.beta = beta;
    this.finalOnly = finalOnly;
  }

  /** T-CE with maximal drop rate 0.2 reached after 1 epoch, weights averaged over every epoch of one run. */
  public static AdaptiveDenoising defaults() {
    return new AdaptiveDenoising(DynamicsSettings.defaults(), DenoisingLoss.Mode.TRUNCATED, 0.2, 1, 0.25, false);
  }

  /** The truncated loss with this maximal drop rate (of the positives), reached after {@code rampEpochs}. */
  public AdaptiveDenoising truncated(double maxDropRate, double rampEpochs) {
    DenoisingLoss.truncated(maxDropRate, 0);
    if (!(rampEpochs >= 0)) {
      throw new IllegalArgumentException("rampEpochs must be >= 0, got " + rampEpochs);
    }
    return new AdaptiveDenoising(settings(), DenoisingLoss.Mode.TRUNCATED, maxDropRate, rampEpochs, beta,
        finalOnly);
  }

  /** The truncated loss with this maximal drop rate (default 0.2). */
  public AdaptiveDenoising maxDropRate(double r) {
    return truncated(r, rampEpochs);
  }

  /** The reweighted loss with exponent {@code beta} (e.g. 0.25). */
  public AdaptiveDenoising reweighted(double beta) {
    DenoisingLoss.reweighted(beta);
    return new AdaptiveDenoising(settings(), DenoisingLoss.Mode.REWEIGHTED, maxDropRate, rampEpochs, beta,
        finalOnly);
  }

  /** Scores by the last checkpoint's weights instead of the average over checkpoints. */
  public AdaptiveDenoising finalEpochOnly() {
    return new AdaptiveDenoising(settings(), mode, maxDropRate, rampEpochs, beta, true);
  }

  @Override
  protected AdaptiveDenoising withSettings(DynamicsSettings s) {
    return new AdaptiveDenoising(s, mode, maxDropRate, rampEpochs, beta, finalOnly);
  }

  @Override
  public String name() {
    return "adt";
  }

  @Override
  protected Map<String, Object> ownParameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (mode == DenoisingLoss.Mode.TRUNCATED) {
      m.put("loss", "T-CE");
      m.put("maxDropRate", maxDropRate);
      m.put("rampEpochs", rampEpochs);
    } else {
      m.put("loss", "R-CE");
      m.put("beta", beta);
    }
    m.put("weights", finalOnly ? "final" : "mean");
    m.put("score", "weight (higher = trusted)");
    return m;
  }

  /** Optimizer steps per epoch when training {@code train} under {@code context}. */
  int stepsPerEpoch(Samples train, EstimationContext context) {
    int n = train.size();
    int batch = settings().batchSize() != null ? settings().batchSize() : context.task().batchSize();
    batch = Math.min(batch, Math.max(1, n));
    return (n + batch - 1) / batch;
  }

  /** The loss modifier this estimator trains with on {@code train} (ramp converted from epochs to steps). */
  public DenoisingLoss lossModifierFor(Samples train, EstimationContext context) {
    if (mode == DenoisingLoss.Mode.REWEIGHTED) {
      return DenoisingLoss.reweighted(beta);
    }
    return DenoisingLoss.truncated(maxDropRate, Math.round(rampEpochs * stepsPerEpoch(train, context)));
  }

  @Override
  protected LossModifier lossModifier(Samples train, EstimationContext context) {
    return lossModifierFor(train, context);
  }

  @Override
  protected Scorer scorer(Samples train, EstimationContext context) {
    DenoisingLoss loss = lossModifierFor(train, context);
    int spe = stepsPerEpoch(train, context);
    int n = train.size();
    int[] cps = settings().checkpoints();
    int lastEpoch = cps != null ? cps[cps.length - 1] : settings().epochsIn(context);
    return new Scorer() {
      final double[] sum = new double[n];
      int count;

      @Override
      public TrainingDynamics.Observer observer() {
        return (run, epoch, model, data) -> {
          if (finalOnly && epoch != lastEpoch) {
            return 0;
          }
          double[] l = model.losses(data);
          double[] w = loss.weights(l, data.labels(), loss.dropRate((long) epoch * spe));
          for (int i = 0; i < n; i++) {
            sum[i] += w[i];
          }
          count++;
          return n;
        };
      }

      @Override
      public double[] scores() {
        if (count == 0) {
          throw new IllegalStateException("no checkpoint was observed");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
          out[i] = sum[i] / count;
        }
        return out;
      }
    };
  }
}
