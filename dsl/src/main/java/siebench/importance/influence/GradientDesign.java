package siebench.importance.influence;

import siebench.core.Numerics;
import siebench.core.Progress;
import siebench.features.EncodedData;
import siebench.train.TrainedModel;

/**
 * The per-sample gradient structure of a frozen network as a logistic {@link Design}: row {@code x_i} and logit
 * {@code z_i} such that the loss gradient of row {@code i} with respect to the chosen parameters is {@code
 * (sigmoid(z_i) - y_i) x_i}. Last layer: {@code x_i = [h_i, 1]} or {@code [onehot, dense, 1]} (see {@link
 * GradientScope#LAST_LAYER}); all parameters: {@code x_i = [J_i, 1]} with {@code J_i} the logit's gradient
 * ({@link Jacobians}), i.e. the design of the network linearized at its weights. Either can be randomly projected
 * ({@link Projection#project}) for TRAK-style estimates.
 */
final class GradientDesign {
  private GradientDesign() {}

  /** A design with the logits of its rows. */
  record Side(Design design, double[] logits) {}

  static Side lastLayer(TrainedModel model, EncodedData data, int batchSize, Progress progress) {
    boolean rep = LastLayerGradients.overRepresentation(Forward.block(model));
    double[] offset = new double[data.rows()];
    float[][] h = rep ? new float[data.rows()][] : null;
    Forward.run(model, data, batchSize, rep, progress, (start, z, flat, width) -> {
      for (int k = 0; k < z.length; k++) {
        offset[start + k] = z[k];
        if (rep) {
          float[] row = new float[width];
          System.arraycopy(flat, k * width, row, 0, width);
          h[start + k] = row;
        }
      }
    });
    return new Side(rep ? new DenseDesign(h) : new OneHotDesign(data), offset);
  }

  /** All parameters (the output bias as the intercept), projected by {@code projection} when not null. */
  static Side allParameters(TrainedModel model, EncodedData data, Projection projection, int batchSize,
      Progress progress) {
    Jacobians.Rows r = Jacobians.compute(model, data, projection, batchSize, progress);
    return new Side(new DenseDesign(r.rows()), r.logits());
  }

  /** Number of columns besides the intercept of the chosen scope's design. */
  static int dimension(TrainedModel model, GradientScope scope) {
    if (scope == GradientScope.ALL_PARAMETERS) {
      return Jacobians.layout(model).get("");
    }
    return LastLayerGradients.dimension(Forward.block(model)) - 1;
  }

  /**
   * Per training row: {@code g_i . sum_v g_v} over the validation rows, or {@code |g_i|^2} when {@code
   * validation} is null, with {@code g = (sigmoid(z) - y) x}.
   */
  static double[] dotsOrNorms(Side train, float[] trainLabels, Side validation, float[] validationLabels) {
    Design x = train.design();
    double[] out = new double[x.rows()];
    double[] ref = null;
    if (validation != null) {
      ref = new double[validation.design().dim()];
      for (int v = 0; v < validation.design().rows(); v++) {
        validation.design().addTo(v, Numerics.sigmoid(validation.logits()[v]) - validationLabels[v], ref);
      }
    }
    for (int i = 0; i < out.length; i++) {
      double r = Numerics.sigmoid(train.logits()[i]) - trainLabels[i];
      out[i] = ref == null ? r * r * x.squaredNorm(i) : r * x.dot(i, ref);
    }
    return out;
  }
}
