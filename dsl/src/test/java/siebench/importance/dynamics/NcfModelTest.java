package siebench.importance.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.implicit.ImplicitSamples;
import siebench.data.implicit.Interactions;
import siebench.data.implicit.NegativeSampler;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.Importance;
import siebench.model.Models;
import siebench.model.ModelSpec;
import siebench.train.CtrTask;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/**
 * GMF and NeuMF (He et al. 2017) and the two-tower model (Yi et al. 2019) as models of the training loop: GMF's
 * logit equals {@code h . (p_u * q_i) + b} computed by hand from its parameters (the two-tower's is checked in
 * {@code TwoTowerNetworkTest}), and the batched per-sample gradient norms (GraNd) equal one-row backward passes,
 * so the per-sample estimators apply to them.
 */
class NcfModelTest {
  static Samples implicitToy() {
    java.util.Random rng = new java.util.Random(4);
    int n = 300;
    String[] u = new String[n];
    String[] i = new String[n];
    long[] t = new long[n];
    String[] b = new String[n];
    for (int r = 0; r < n; r++) {
      int user = rng.nextInt(30);
      u[r] = "u" + user;
      i[r] = "i" + ((user % 2) * 20 + rng.nextInt(20));
      b[r] = "pv";
    }
    Interactions log = Interactions.of("toy", u, i, t, b);
    return ImplicitSamples.defaults().negatives(NegativeSampler.uniform(), 1).seed(2).build(log);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gmf", "neumf", "two-tower"})
  void batchedGradientNormsEqualOneRowBackwardPasses(String name) {
    ModelSpec spec = Models.named(name).embeddingDim(4);
    Samples s = implicitToy();
    FeatureEncoder enc = FeatureEncoder.fit(s);
    EncodedData data = enc.encode(s);
    CtrTask task = CtrTask.ctr().model(spec).epochs(2).batchSize(64).learningRate(0.05).seed(11)
        .earlyStopping(0).progress(Progress.silent());
    try (TrainedModel model = TrainingLoop.train(task, enc, data, null, null).model()) {
      double[] batched = model.gradientNorms(data);
      for (int row : new int[] {0, 3, 77, 150, data.rows() - 1}) {
        double reference = GradientNormExactnessTest.oneRowNorm(model, data, row, 2, 0);
        assertTrue(reference > 0, "gradient of row " + row + " is zero");
        assertEquals(reference, batched[row], 1e-4 * reference, name + " row " + row);
      }
      if (name.equals("gmf")) {
        Map<String, float[]> p = new HashMap<>();
        for (Parameter prm : model.parameters()) {
          p.put(prm.getName(), prm.getArray().toFloatArray());
        }
        double[] logits = model.logits(data);
        int k = 4;
        for (int row : new int[] {1, 100, 200}) {
          long ur = data.cat()[row * 2];
          long ir = data.cat()[row * 2 + 1];
          double z = p.get("bias")[0];
          for (int d = 0; d < k; d++) {
            z += p.get("output_weight")[d] * p.get("embedding")[(int) ur * k + d] * p.get("embedding")[(int) ir * k + d];
          }
          assertEquals(z, logits[row], 1e-5, "GMF logit of row " + row);
        }
        float[][] rep = model.representations(data);
        assertEquals(k, rep[0].length, "GMF's representation is the product vector p_u * q_i");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gmf", "neumf", "two-tower"})
  void perSampleEstimatorsScoreNcfTrainingRows(String name) {
    Samples s = implicitToy();
    CtrTask task = CtrTask.ctr().model(Models.named(name).embeddingDim(4)).epochs(2).batchSize(64)
        .learningRate(0.01).seed(3).earlyStopping(0).progress(Progress.silent());
    siebench.importance.EstimationContext ctx = siebench.importance.EstimationContext.defaults().task(task)
        .progress(Progress.silent()).validation(s.rows(java.util.stream.IntStream.range(0, 100).toArray()));
    for (siebench.importance.ImportanceEstimator e : new siebench.importance.ImportanceEstimator[] {
        siebench.importance.catalog.Estimators.loss(), siebench.importance.catalog.Estimators.el2n(),
        siebench.importance.catalog.Estimators.gradientNorm(), siebench.importance.catalog.Estimators.aum(),
        siebench.importance.catalog.Estimators.forgetting(),
        siebench.importance.catalog.Estimators.knnShapley().onEmbeddings().maxValidation(100)}) {
      Importance imp = e.estimate(s, ctx);
      assertEquals(s.size(), imp.scores().length, e.name());
      assertTrue(java.util.Arrays.stream(imp.scores()).allMatch(Double::isFinite), e.name());
      assertTrue(java.util.Arrays.stream(imp.scores()).distinct().count() > 1, e.name() + " gives one value");
    }
  }
}
