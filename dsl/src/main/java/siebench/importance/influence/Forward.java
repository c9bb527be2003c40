package siebench.importance.influence;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import siebench.core.Progress;
import siebench.features.EncodedData;
import siebench.model.CtrNetwork;
import siebench.model.LinearHead;
import siebench.model.SequenceNetwork;
import siebench.train.TrainedModel;

/** Batched inference passes over encoded rows for the gradient computations of this package. */
final class Forward {
  private Forward() {}

  /** Receives one batch: rows {@code start .. start + logits.length - 1}. */
  interface Body {
    void accept(int start, float[] logits, float[] representation, int width);
  }

  /** The model's block as a {@link CtrNetwork}, or a clear error (the all-parameter estimators need one). */
  static CtrNetwork network(TrainedModel model) {
    if (model.block() instanceof CtrNetwork net) {
      return net;
    }
    throw new UnsupportedOperationException("this influence estimator needs a CtrNetwork model, got "
        + model.block().getClass().getSimpleName() + (model.block() instanceof LinearHead
            ? "; for GMF / NeuMF / two-tower use the last-layer gradients (the default scope)" : ""));
  }

  /**
   * The model's block when its per-sample Jacobians over all parameters can be read with a {@link
   * siebench.model.Probe} ({@link Jacobians}): a {@link CtrNetwork} or a {@link SequenceNetwork} (DIN, BST); else
   * a clear error.
   */
  static Block allParameters(TrainedModel model) {
    if (model.block() instanceof CtrNetwork || model.block() instanceof SequenceNetwork) {
      return model.block();
    }
    throw new UnsupportedOperationException("all-parameter gradients need a CtrNetwork (LR, FM, DeepFM, DCN-v2, MLP)"
        + " or a sequence model (DIN, BST), got " + model.block().getClass().getSimpleName()
        + (model.block() instanceof LinearHead ? "; for GMF / NeuMF / two-tower use the last-layer gradients (the "
            + "default scope)" : ""));
  }

  /** A short name of the model's architecture for reports ({@code deepfm}, {@code din}, ...). */
  static String architecture(TrainedModel model) {
    return model.block() instanceof CtrNetwork c ? c.architecture().shortName() : model.spec().name();
  }

  /**
   * The model's block when it has this package's contract (a {@link CtrNetwork}, a {@link LinearHead}: GMF / NeuMF,
   * two-tower, or a {@link SequenceNetwork}: input {@code (int64 [B, F], float [B, D])}, plus {@code int64 [B, L]}
   * histories for the sequence models, output {@code (logits [B], representation [B, H])}), or a clear error.
   */
  static Block block(TrainedModel model) {
    if (model.block() instanceof CtrNetwork || model.block() instanceof LinearHead
        || model.block() instanceof SequenceNetwork) {
      return model.block();
    }
    throw new UnsupportedOperationException("influence estimators need a CtrNetwork, NcfNetwork (GMF / NeuMF), "
        + "TwoTowerNetwork or SequenceNetwork (DIN / BST) model, got " + model.block().getClass().getSimpleName());
  }

  /** Inputs of rows {@code [start, end)}: int64 [B,F], float [B,D], labels [B]. */
  static NDList inputs(NDManager m, EncodedData data, int start, int end) {
    int b = end - start;
    int f = data.layout().fields();
    int d = data.layout().dense();
    long[] cat = new long[b * f];
    System.arraycopy(data.cat(), start * f, cat, 0, b * f);
    float[] dense = new float[b * d];
    System.arraycopy(data.dense(), start * d, dense, 0, b * d);
    float[] y = new float[b];
    System.arraycopy(data.labels(), start, y, 0, b);
    return new NDList(m.create(cat, new Shape(b, f)), m.create(dense, new Shape(b, d)), m.create(y));
  }

  /** One forward pass per batch; the representation is read only when {@code withRepresentation}. */
  static void run(TrainedModel model, EncodedData data, int batchSize, boolean withRepresentation,
      Progress progress, Body body) {
    Block net = block(model);
    try (NDManager root = NDManager.newBaseManager(model.device())) {
      ParameterStore store = new ParameterStore(root, false);
      for (int start = 0; start < data.rows(); start += batchSize) {
        progress.checkCancelled();
        int end = Math.min(data.rows(), start + batchSize);
        try (NDManager m = root.newSubManager()) {
          NDList out = net.forward(store, TrainedModel.inputs(m, data, start, end), false);
          float[] z = out.get(0).toFloatArray();
          float[] h = null;
          int width = 0;
          if (withRepresentation) {
            NDArray r = out.get(1);
            width = (int) r.getShape().get(1);
            h = r.toFloatArray();
          }
          out.close();
          body.accept(start, z, h, width);
        }
      }
    }
  }
}
