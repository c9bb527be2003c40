package siebench.importance.influence;

import ai.djl.nn.Block;
import siebench.core.Numerics;
import siebench.core.Progress;
import siebench.features.EncodedData;
import siebench.model.Architecture;
import siebench.model.CtrNetwork;
import siebench.model.LinearHead;
import siebench.model.NcfNetwork;
import siebench.model.SequenceNetwork;
import siebench.train.TrainedModel;

/**
 * Per-sample gradients of the logistic loss with respect to the last layer, in closed form: a parameter block
 * entering the logit as {@code theta . phi} has gradient {@code (sigmoid(z) - y) phi}. See {@link
 * GradientScope#LAST_LAYER} for {@code phi} per architecture. For GMF / NeuMF ({@link NcfNetwork}, He et al. 2017)
 * the last layer is the output layer {@code h} and bias over the network's representation ({@code p_u * q_i}, with
 * NeuMF's MLP tower output appended), so {@code phi = [representation, 1]}; likewise for every {@link LinearHead},
 * e.g. the two-tower model ({@link siebench.model.TwoTowerNetwork}: the user tower's output layer), and for DIN and
 * BST ({@link SequenceNetwork}, the output layer over the last MLP layer).
 */
final class LastLayerGradients {
  private LastLayerGradients() {}

  /** Whether the last layer is the output layer over the representation (else the first-order part). */
  static boolean overRepresentation(Block net) {
    if (net instanceof LinearHead || net instanceof SequenceNetwork) {
      return true;
    }
    Architecture a = ((CtrNetwork) net).architecture();
    return a == Architecture.DEEP_FM || a == Architecture.DCN_V2;
  }

  /** Dimension of the last-layer parameter vector. */
  static int dimension(Block net) {
    if (net instanceof LinearHead head) {
      return (int) head.representationSize() + 1;
    }
    if (net instanceof SequenceNetwork seq) {
      return (int) seq.representationSize() + 1;
    }
    CtrNetwork ctr = (CtrNetwork) net;
    if (overRepresentation(ctr)) {
      return (int) ctr.representationSize() + 1;
    }
    return (int) (ctr.layout().totalVocab() + ctr.layout().dense() + 1);
  }

  /** {@code sum_v g_v} over the rows of {@code data} (unweighted). */
  static double[] sum(TrainedModel model, EncodedData data, int batchSize, Progress progress) {
    Block net = Forward.block(model);
    double[] g = new double[dimension(net)];
    boolean rep = overRepresentation(net);
    OneHotDesign oneHot = rep ? null : new OneHotDesign(data);
    float[] y = data.labels();
    Forward.run(model, data, batchSize, rep, progress, (start, z, h, width) -> {
      for (int k = 0; k < z.length; k++) {
        int i = start + k;
        double r = Numerics.sigmoid(z[k]) - y[i];
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
    Block net = Forward.block(model);
    boolean rep = overRepresentation(net);
    OneHotDesign oneHot = rep ? null : new OneHotDesign(train);
    float[] y = train.labels();
    double[] out = new double[train.rows()];
    Forward.run(model, train, batchSize, rep, progress, (start, z, h, width) -> {
      for (int k = 0; k < z.length; k++) {
        int i = start + k;
        double r = Numerics.sigmoid(z[k]) - y[i];
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
