package siebench.importance.dynamics;

import java.util.function.DoubleBinaryOperator;
import siebench.features.EncodedData;
import siebench.train.TrainedModel;

/**
 * Averages a per-row checkpoint score over all checkpoints of all training runs (the expectation over
 * checkpoints and seeds of GraNd, EL2N and loss).
 */
abstract class MeanScorer implements DynamicsEstimator.Scorer {
  private final double[] sum;
  private int count;

  MeanScorer(int n) {
    sum = new double[n];
  }

  /** The rows' scores at one checkpoint. */
  abstract double[] atCheckpoint(TrainedModel model, EncodedData data);

  /**
   * Averages {@code rowScore.applyAsDouble(logit, label)} per row (EL2N, loss, the AUM margin are such
   * functions of the logit and the label).
   */
  static MeanScorer ofLogits(int n, DoubleBinaryOperator rowScore) {
    return new MeanScorer(n) {
      @Override
      double[] atCheckpoint(TrainedModel model, EncodedData data) {
        double[] z = model.logits(data);
        float[] y = data.labels();
        for (int i = 0; i < z.length; i++) {
          z[i] = rowScore.applyAsDouble(z[i], y[i]);
        }
        return z;
      }
    };
  }

  @Override
  public TrainingDynamics.Observer observer() {
    return (run, epoch, model, data) -> {
      double[] s = atCheckpoint(model, data);
      for (int i = 0; i < sum.length; i++) {
        sum[i] += s[i];
      }
      count++;
      return sum.length;
    };
  }

  @Override
  public double[] scores() {
    if (count == 0) {
      throw new IllegalStateException("no checkpoint was observed");
    }
    double[] out = new double[sum.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = sum[i] / count;
    }
    return out;
  }
}
