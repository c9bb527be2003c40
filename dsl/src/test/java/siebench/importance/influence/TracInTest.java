package siebench.importance.influence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.importance.catalog.Estimators;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.model.Models;
import siebench.model.ModelSpec;
import siebench.train.CtrTask;
import siebench.train.Losses;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/**
 * TracIn against brute force: every row's full gradient from its own one-sample backward pass (DJL
 * GradientCollector), dotted explicitly, summed over per-epoch checkpoints with the learning rate.
 */
class TracInTest {
  static final long SEED = 11;
  static final Samples TRAIN = InfluenceToy.samples(60, 5, 1, 0.1);
  static final Samples VALID = InfluenceToy.samples(20, 5, 2, 0);

  static CtrTask task(ModelSpec model) {
    return CtrTask.ctr().model(model).epochs(3).batchSize(16).learningRate(0.05).earlyStopping(0)
        .seed(SEED).progress(Progress.silent());
  }

  static EstimationContext context(ModelSpec model, boolean withValidation) {
    EstimationContext c = EstimationContext.defaults().task(task(model)).seed(SEED).progress(Progress.silent());
    return withValidation ? c.validation(VALID) : c;
  }

  /** Brute-force TracIn: per-checkpoint one-sample gradients restricted to {@code names} (null = all). */
  static double[] bruteForce(ModelSpec model, boolean withValidation, Set<String> names) {
    return bruteForce(task(model), TRAIN, VALID, withValidation, names);
  }

  /**
   * Brute-force TracIn of {@code task} trained on {@code train} (its 3 epochs are the checkpoints), against the
   * mean gradient of {@code valid} or, without validation, as self-influence.
   */
  static double[] bruteForce(CtrTask t, Samples train, Samples valid, boolean withValidation, Set<String> names) {
    FeatureEncoder enc = FeatureEncoder.fit(train);
    EncodedData tr = enc.encode(train);
    EncodedData va = enc.encode(valid);
    List<List<NDArray>> checkpoints = new ArrayList<>();
    NDManager keep = NDManager.newBaseManager();
    TrainingLoop.Run run = TrainingLoop.train(t, enc, tr, null, (epoch, m) -> {
      List<NDArray> snap = new ArrayList<>();
      for (Parameter p : m.parameters()) {
        NDArray c = p.getArray().duplicate();
        c.attach(keep);
        snap.add(c);
      }
      checkpoints.add(snap);
    });
    TrainedModel m = run.model();
    double[] scores = new double[tr.rows()];
    for (List<NDArray> snap : checkpoints) {
      for (int k = 0; k < snap.size(); k++) {
        snap.get(k).copyTo(m.parameters().get(k).getArray());
      }
      double[][] gTrain = gradients(m, tr, names);
      if (withValidation) {
        double[][] gVal = gradients(m, va, names);
        for (int i = 0; i < tr.rows(); i++) {
          double s = 0;
          for (double[] gv : gVal) {
            s += dot(gTrain[i], gv);
          }
          scores[i] += t.learningRate() * s / va.rows();
        }
      } else {
        for (int i = 0; i < tr.rows(); i++) {
          scores[i] += t.learningRate() * dot(gTrain[i], gTrain[i]);
        }
      }
    }
    m.close();
    keep.close();
    assertEquals(3, checkpoints.size());
    return scores;
  }

  /** Each row's gradient, concatenated over the named parameters, from a one-sample backward pass. */
  static double[][] gradients(TrainedModel model, EncodedData data, Set<String> names) {
    int f = data.layout().fields();
    int d = data.layout().dense();
    double[][] out = new double[data.rows()][];
    try (NDManager mgr = NDManager.newBaseManager()) {
      ParameterStore store = new ParameterStore(mgr, false);
      for (int i = 0; i < data.rows(); i++) {
        try (NDManager sm = mgr.newSubManager()) {
          List<float[]> before = grads(model, names);
          NDArray cat = sm.create(Arrays.copyOfRange(data.cat(), i * f, (i + 1) * f), new Shape(1, f));
          NDArray dense = sm.create(Arrays.copyOfRange(data.dense(), i * d, (i + 1) * d), new Shape(1, d));
          NDList in = new NDList(cat, dense);
          int l = data.layout().historyLength();
          if (l > 0) { // the behaviour history of the sequence models
            in.add(sm.create(Arrays.copyOfRange(data.history(), i * l, (i + 1) * l), new Shape(1, l)));
          }
          NDArray y = sm.create(new float[] {data.labels()[i]});
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray z = model.block().forward(store, in, true).get(0);
            gc.backward(Losses.bce(z, y).sum());
          }
          List<float[]> after = grads(model, names);
          List<Double> g = new ArrayList<>();
          for (int k = 0; k < after.size(); k++) {
            for (int j = 0; j < after.get(k).length; j++) {
              g.add((double) after.get(k)[j] - (before.get(k) == null ? 0 : before.get(k)[j]));
            }
          }
          out[i] = g.stream().mapToDouble(Double::doubleValue).toArray();
        }
      }
    }
    return out;
  }

  private static List<float[]> grads(TrainedModel model, Set<String> names) {
    List<float[]> list = new ArrayList<>();
    for (Parameter p : model.parameters()) {
      if (names != null && !names.contains(p.getName())) {
        continue;
      }
      float[] v;
      try (NDArray g = p.getArray().getGradient()) {
        v = g.toFloatArray();
      } catch (RuntimeException e) {
        v = null;
      }
      list.add(v);
    }
    return list;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static void assertClose(double[] expected, double[] actual, double rel, String what) {
    double scale = Arrays.stream(expected).map(Math::abs).max().orElse(0);
    assertTrue(scale > 0, what + ": brute force is identically zero");
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
    }
    System.out.printf("%s: max |diff| / max |score| = %.2e (scale %.3e)%n", what, worst / scale, scale);
    assertTrue(worst <= rel * scale, what + ": max deviation " + worst + " vs scale " + scale);
  }

  static double[] estimate(TracIn est, ModelSpec model, boolean withValidation) {
    Importance imp = est.estimate(TRAIN, context(model, withValidation));
    assertEquals(TRAIN.size(), imp.size());
    return imp.alignTo(TRAIN);
  }

  @Test
  void allParametersMatchesBruteForceOnDeepFm() {
    ModelSpec m = Models.deepFm().embeddingDim(4).hidden(8, 4);
    assertClose(bruteForce(m, true, null), estimate(Estimators.tracIn().allParameters(), m, true), 1e-4,
        "deepfm all-parameters");
  }

  @Test
  void allParametersMatchesBruteForceOnDcnV2AndFm() {
    ModelSpec dcn = Models.dcnV2().embeddingDim(3).hidden(6).crossLayers(2);
    assertClose(bruteForce(dcn, true, null), estimate(Estimators.tracIn().allParameters(), dcn, true),
        1e-4, "dcnv2 all-parameters");
    ModelSpec fm = Models.fm().embeddingDim(3);
    assertClose(bruteForce(fm, true, null), estimate(Estimators.tracIn().allParameters(), fm, true),
        1e-4, "fm all-parameters");
  }

  @Test
  void lastLayerMatchesBruteForceRestrictedToOutputLayer() {
    ModelSpec m = Models.deepFm().embeddingDim(4).hidden(8, 4);
    assertClose(bruteForce(m, true, Set.of("output_weight", "bias")),
        estimate(Estimators.tracIn(), m, true), 1e-4, "deepfm last-layer");
    ModelSpec lr = Models.logisticRegression();
    double[] all = bruteForce(lr, true, null);
    assertClose(all, estimate(Estimators.tracIn(), lr, true), 1e-4, "lr last-layer (= all)");
    assertClose(all, estimate(Estimators.tracIn().allParameters(), lr, true), 1e-4, "lr all-parameters");
  }

  @Test
  void selfInfluenceMatchesBruteForce() {
    ModelSpec m = Models.deepFm().embeddingDim(4).hidden(8, 4);
    assertClose(bruteForce(m, false, null), estimate(Estimators.tracIn().allParameters(), m, false),
        1e-4, "deepfm self-influence all-parameters");
    assertClose(bruteForce(m, false, Set.of("output_weight", "bias")),
        estimate(Estimators.tracIn(), m, false), 1e-4, "deepfm self-influence last-layer");
  }

  @Test
  void sumIsMeanTimesValidationSizeAndDeterministic() {
    ModelSpec lr = Models.logisticRegression();
    double[] mean = estimate(Estimators.tracIn(), lr, true);
    double[] again = estimate(Estimators.tracIn(), lr, true);
    assertArrayEquals(mean, again, 0.0);
    double[] sum = estimate(Estimators.tracIn().sumOverValidation(), lr, true);
    for (int i = 0; i < mean.length; i++) {
      assertEquals(mean[i] * VALID.size(), sum[i], 1e-9 * Math.max(1, Math.abs(sum[i])));
    }
  }

  @Test
  void reportsCostAndCancels() {
    ModelSpec lr = Models.logisticRegression();
    Importance imp = Estimators.tracIn().estimate(TRAIN, context(lr, true));
    assertEquals(1, imp.cost().trainings());
    assertEquals(3L * (TRAIN.size() + VALID.size()), imp.cost().gradientEvaluations());
    assertEquals("validation", imp.parameters().get("target"));
    Progress cancelled = Progress.silent();
    cancelled.cancel();
    assertThrows(CancellationException.class, () -> Estimators.tracIn()
        .estimate(TRAIN, context(lr, true).progress(cancelled)));
    assertThrows(IllegalArgumentException.class, () -> Estimators.tracIn().checkpointEvery(0));
  }
}
