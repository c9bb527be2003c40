package siebench.importance.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.model.Models;
import siebench.model.NetworkSpec;
import siebench.train.CtrTask;
import siebench.train.Losses;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/**
 * The proof behind GraNd: the batched per-sample gradient norms of {@link TrainedModel#gradientNorms} equal
 * the norms of gradients from one-sample-at-a-time backward passes over all parameters.
 */
class GradientNormExactnessTest {
  @ParameterizedTest
  @ValueSource(strings = {"lr", "fm", "deepfm", "dcnv2"})
  void batchedNormsEqualOneRowBackwardPasses(String arch) {
    NetworkSpec spec = (NetworkSpec) Models.named(arch);
    if (!arch.equals("lr")) {
      spec = spec.embeddingDim(4);
    }
    if (arch.equals("deepfm") || arch.equals("dcnv2")) {
      spec = spec.hidden(8, 4);
    }
    Samples s = Toys.random(300, 3);
    FeatureEncoder enc = FeatureEncoder.fit(s);
    EncodedData data = enc.encode(s);
    CtrTask task = CtrTask.ctr().model(spec).epochs(2).batchSize(64).learningRate(0.05).seed(11)
        .earlyStopping(0).progress(Progress.silent());
    try (TrainedModel model = TrainingLoop.train(task, enc, data, null, null).model()) {
      double[] batched = model.gradientNorms(data);
      int f = data.layout().fields();
      int d = data.layout().dense();
      for (int row : new int[] {0, 1, 7, 42, 123, 299}) {
        double reference = oneRowNorm(model, data, row, f, d);
        assertTrue(reference > 0, "gradient of row " + row + " is zero");
        assertEquals(reference, batched[row], 1e-4 * reference,
            arch + " row " + row + ": batched " + batched[row] + " vs one-row " + reference);
      }
      if (arch.equals("deepfm") || arch.equals("dcnv2")) {
        // the last-layer closed form equals the gradient over the output layer (weight and global bias)
        double[] lastLayer = GraNd.lastLayerNorms(model, data);
        for (int row : new int[] {2, 50, 250}) {
          double reference = oneRowNorm(model, data, row, f, d, java.util.Set.of("output_weight", "bias"));
          assertEquals(reference, lastLayer[row], 1e-4 * reference, arch + " last layer, row " + row);
        }
      }
    }
  }

  /** The gradient norm of one row's loss over all parameters, from its own forward and backward pass. */
  static double oneRowNorm(TrainedModel model, EncodedData data, int row, int f, int d) {
    return oneRowNorm(model, data, row, f, d, null);
  }

  /** The same over the parameters named in {@code only} (null: all). */
  static double oneRowNorm(TrainedModel model, EncodedData data, int row, int f, int d,
      java.util.Set<String> only) {
    for (Parameter p : model.parameters()) {
      NDArray a = p.getArray();
      if (a.hasGradient()) {
        NDArray g = a.getGradient();
        g.subi(g);
      }
    }
    try (NDManager m = NDManager.newBaseManager(model.device())) {
      long[] cat = new long[f];
      System.arraycopy(data.cat(), row * f, cat, 0, f);
      float[] dense = new float[d];
      System.arraycopy(data.dense(), row * d, dense, 0, d);
      NDList in = new NDList(m.create(cat, new Shape(1, f)), m.create(dense, new Shape(1, d)));
      double sq = 0;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray z = model.block().forward(new ParameterStore(m, false), in, true).get(0);
        NDArray loss = Losses.bce(z, m.create(new float[] {data.labels()[row]})).sum();
        gc.backward(loss);
        for (Parameter p : model.parameters()) {
          if (only != null && !only.contains(p.getName())) {
            continue;
          }
          NDArray g = p.getArray().getGradient();
          sq += g.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).square().sum().getDouble();
        }
      }
      return Math.sqrt(sq);
    }
  }
}
