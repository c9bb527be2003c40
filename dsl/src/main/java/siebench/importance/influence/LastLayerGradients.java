package siebench.importance.influence;

import siebench.features.EncodedData;
import siebench.model.Architecture;
import siebench.model.CtrNetwork;
import siebench.train.Progress;
import siebench.train.TrainedModel;

/**
 * Per-sample gradients of the logistic loss with respect to the last layer, in closed form: a parameter block
 * entering the logit as {@code theta . phi} has gradient {@code (sigmoid(z) - y) phi}. See {@link
 * GradientScope#LAST_LAYER} for {@code phi} per architecture.
 */
final class LastLayerGradients {
  private LastLayerGradients() {}

  /** Whether the last layer is the output layer over the representation (else the first-order part). */
  static boolean overRepresentation(CtrNetwork net) {
    return net.architecture() == Architecture.DEEP_FM || net.architecture() == Architecture.DCN_V2;
  }

  /** Dimension of the last-layer parameter vector. */
  static int dimension(CtrNetwork net) {
    if (overRepresentation(net)) {
      return (int) net.representationSize() + 1;
    }
    return (int) (net.layout().totalVocab() + net.layout().dense() + 1);
  }

  /** {@code sum_v g_v} over the rows of {@code data} (unweighted). */
  static double[] sum(TrainedModel model, EncodedData data, int batchSize, Progress progress) {
    CtrNetwork net = Forward.network(model);
    double[] g = new double[dimension(net)];
    boolean rep = overRepresentation(net);
    OneHotDesign oneHot = rep ? null : new OneHotDesign(data);
    float[] y = data.labels();
    Forward.run(model, data, batchSize, rep, progress, (start, z, h, width) -> {
      for (int k = 0; k < z.length; k++) {
        int i = start + k;
        double r = RegularizedLogistic.sigmoid(z[k]) - y[i];
        if (rep) {
          for (int j = 0; j < width; j++) {
            g[j] += r * h[k * width + j];
          }
          g[width] += r;
        } else {
          oneHot.addTo(i, r, g);
        }
      }
    });
    return g;
  }

  /**
   * For each row of {@code train}: {@code g_i . reference} when {@code reference} is given, else {@code
   * |g_i|^2} (self-influence).
   */
  static double[] dotsOrNorms(TrainedModel model, EncodedData train, double[] reference, int batchSize,
      Progress progress) {
    CtrNetwork net = Forward.network(model);
    boolean rep = overRepresentation(net);
    OneHotDesign oneHot = rep ? null : new OneHotDesign(train);
    float[] y = train.labels();
    double[] out = new double[train.rows()];
    Forward.run(model, train, batchSize, rep, progress, (start, z, h, width) -> {
      for (int k = 0; k < z.length; k++) {
        int i = start + k;
        double r = RegularizedLogistic.sigmoid(z[k]) - y[i];
        if (rep) {
          double s = 0;
          if (reference != null) {
            for (int j = 0; j < width; j++) {
              s += h[k * width + j] * reference[j];
            }
            s += reference[width];
            out[i] = r * s;
          } else {
            for (int j = 0; j < width; j++) {
              double v = h[k * width + j];
              s += v * v;
            }
            out[i] = r * r * (s + 1);
          }
        } else {
          out[i] = reference != null ? r * oneHot.dot(i, reference) : r * r * oneHot.squaredNorm(i);
        }
      }
    });
    return out;
  }
}
