package siebench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import siebench.ToyData;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.model.CtrNetwork;
import siebench.model.Models;

/**
 * Sample weights: weight 0 on a subset is exactly removing it (same loss, same gradients, same trained
 * parameters with full-batch training), and a weight of 2 is the same as duplicating the row.
 */
class SampleWeightTest {
  private static final Samples DATA = ToyData.interaction(600, 3);

  /** Loss and flattened gradients of all parameters at the seeded initialization. */
  private static float[][] lossAndGradients(EncodedData d) {
    Engine.getInstance().setRandomSeed(11);
    try (NDManager m = NDManager.newBaseManager()) {
      CtrNetwork net = Models.deepFm().embeddingDim(4).hidden(8).build(d.layout());
      net.initialize(m);
      NDArray cat = m.create(d.cat(), new Shape(d.rows(), d.layout().fields()));
      NDArray dense = m.create(d.dense(), new Shape(d.rows(), d.layout().dense()));
      NDArray y = m.create(d.labels());
      NDArray w = m.create(d.weights());
      float loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray z = net.forward(new ai.djl.training.ParameterStore(m, false), new NDList(cat, dense), true)
            .get(0);
        NDArray l = Losses.weightedBce(z, y, w);
        gc.backward(l);
        loss = l.getFloat();
      }
      List<Float> g = new ArrayList<>();
      for (var p : net.getParameters()) {
        Parameter prm = p.getValue();
        for (float v : prm.getArray().getGradient().toFloatArray()) {
          g.add(v);
        }
      }
      float[] grads = new float[g.size()];
      for (int i = 0; i < grads.length; i++) {
        grads[i] = g.get(i);
      }
      return new float[][] {{loss}, grads};
    }
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    Arrays.setAll(r, i -> from + i);
    return r;
  }

  @Test
  void zeroWeightEqualsRemovalForLossAndGradients() {
    FeatureEncoder enc = FeatureEncoder.fit(DATA);
    EncodedData all = enc.encode(DATA);
    float[] w = new float[all.rows()];
    Arrays.fill(w, 1f);
    for (int i = 0; i < 200; i++) {
      w[i] = 0f;
    }
    float[][] weighted = lossAndGradients(all.withWeights(w));
    float[][] removed = lossAndGradients(all.subset(range(200, all.rows())));
    float[][] unweighted = lossAndGradients(all);
    assertEquals(removed[0][0], weighted[0][0], 1e-6);
    assertArrayEquals(removed[1], weighted[1], 1e-6f);
    assertNotEquals(unweighted[0][0], weighted[0][0], "the weights must change the loss");
  }

  @Test
  void weightTwoEqualsDuplicatingTheRow() {
    FeatureEncoder enc = FeatureEncoder.fit(DATA);
    EncodedData all = enc.encode(DATA);
    float[] w = new float[all.rows()];
    Arrays.fill(w, 1f);
    int[] withCopies = new int[all.rows() + 50];
    for (int i = 0; i < all.rows(); i++) {
      withCopies[i] = i;
    }
    for (int i = 0; i < 50; i++) {
      w[i] = 2f;
      withCopies[all.rows() + i] = i;
    }
    float[][] weighted = lossAndGradients(all.withWeights(w));
    float[][] duplicated = lossAndGradients(all.subset(withCopies));
    assertEquals(duplicated[0][0], weighted[0][0], 1e-6);
    assertArrayEquals(duplicated[1], weighted[1], 1e-6f);
  }

  @Test
  void fullBatchTrainingWithZeroWeightsEqualsTrainingWithoutTheRows() {
    double[] w = new double[DATA.size()];
    Arrays.fill(w, 1);
    for (int i = 0; i < DATA.size(); i += 3) {
      w[i] = 0;
    }
    Samples weighted = DATA.withWeights(w);
    int[] keep = java.util.stream.IntStream.range(0, DATA.size()).filter(i -> i % 3 != 0).toArray();
    Samples removed = DATA.rows(keep);
    FeatureEncoder enc = FeatureEncoder.fit(DATA);
    CtrTask task = CtrTask.ctr().model(Models.fm().embeddingDim(4)).epochs(4).batchSize(100_000)
        .learningRate(0.05).earlyStopping(0).progress(Progress.silent());
    TrainingLoop.Run a = TrainingLoop.train(task, enc, enc.encode(weighted), null, null);
    TrainingLoop.Run b = TrainingLoop.train(task, enc, enc.encode(removed), null, null);
    double[] pa = a.model().predict(enc.encode(DATA));
    double[] pb = b.model().predict(enc.encode(DATA));
    assertArrayEquals(pb, pa, 1e-5);
    assertEquals(b.history().get(3).trainLoss(), a.history().get(3).trainLoss(), 1e-5);
    a.model().close();
    b.model().close();
  }
}
