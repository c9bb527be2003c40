package siebench.importance.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static siebench.importance.catalog.Estimators.el2n;
import static siebench.importance.catalog.Estimators.forgetting;
import static siebench.importance.catalog.Estimators.gradientNorm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.importance.catalog.Estimators;
import siebench.importance.Importance;
import siebench.train.CtrTask;
import siebench.train.EpochListener;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/**
 * Issue 13 part 3: GraNd / EL2N at initialization and early checkpoints over seeds (Paul, Ganguli and
 * Dziugaite 2021, "Deep Learning on a Data Diet"), and forgetting events per minibatch presentation (Toneva et
 * al. 2019). Every reference re-runs the trainings directly with {@link TrainingLoop} and recomputes the scores
 * by hand, as in {@link DynamicsEstimatorsTest}.
 */
class DataDietAndStepForgettingTest {
  static final Samples S = DynamicsEstimatorsTest.S;
  /** The shared toy context of {@link DynamicsEstimatorsTest} (FM, 3 epochs, batch 64). */
  static final EstimationContext CTX = DynamicsEstimatorsTest.CTX;

  /**
   * Re-runs the trainings of {@code settings} with {@code TrainingLoop.train} and records {@code score(model)}
   * at every checkpoint, checkpoint 0 through the loop's {@link EpochListener#beforeTraining} hook. Each run
   * trains at least one epoch, so the at-initialization scores come from the training loop itself, not from
   * {@link TrainingLoop#initialModel}.
   */
  static List<double[]> reference(DynamicsSettings settings, java.util.function.BiFunction<TrainedModel,
      EncodedData, double[]> score) {
    FeatureEncoder enc = FeatureEncoder.fit(S);
    EncodedData data = enc.encode(S);
    List<double[]> out = new ArrayList<>();
    for (int r = 0; r < settings.seeds(); r++) {
      CtrTask t = settings.taskFor(CTX, r, Progress.silent());
      if (settings.initializationOnly()) {
        t = t.epochs(1);
      }
      TrainingLoop.train(t, enc, data, null, new EpochListener() {
        @Override
        public void beforeTraining(TrainedModel model) {
          if (settings.isCheckpoint(0)) {
            out.add(score.apply(model, data));
          }
        }

        @Override
        public void afterEpoch(int epoch, TrainedModel model) {
          if (settings.isCheckpoint(epoch)) {
            out.add(score.apply(model, data));
          }
        }
      }).model().close();
    }
    return out;
  }

  static double[] mean(List<double[]> xs) {
    double[] m = new double[xs.get(0).length];
    for (double[] x : xs) {
      for (int i = 0; i < m.length; i++) {
        m[i] += x[i] / xs.size();
      }
    }
    return m;
  }

  static double[] el2nOf(TrainedModel model, EncodedData data) {
    double[] p = model.predict(data);
    float[] y = data.labels();
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = Math.abs(p[i] - y[i]);
    }
    return out;
  }

  @Test
  void grandAtInitializationIsTheMeanNormOfTheUntrainedModelsOverSeeds() {
    GraNd preset = gradientNorm().dataDiet();
    assertEquals(10, preset.settings().seeds());
    assertArrayEquals(new int[] {0}, preset.settings().checkpoints());
    assertTrue(preset.settings().initializationOnly());
    assertEquals(preset.settings(), ((GraNd) Estimators.named("grand-datadiet")).settings());
    assertEquals(preset.settings(), ((GraNd) Estimators.named("grand-init")).settings());

    GraNd est = preset.seeds(3);
    Importance imp = est.estimate(S, CTX);
    List<double[]> ref = reference(est.settings(), TrainedModel::gradientNorms);
    assertEquals(3, ref.size());
    double[] expected = mean(ref);
    for (int i = 0; i < S.size(); i++) {
      assertEquals(expected[i], imp.scores()[i], 1e-5 * Math.max(1, expected[i]), "row " + i);
    }
    assertEquals(0, imp.cost().trainings(), "at initialization nothing is trained");
    assertEquals(3L * S.size(), imp.cost().gradientEvaluations());
    assertEquals("[0]", imp.parameters().get("checkpoints"));
    // the seeds matter: one initialization alone gives other scores than the mean of three
    assertNotEquals(ref.get(0)[0], expected[0], 1e-9);
  }

  @Test
  void initialModelIsTheStateBeforeTheFirstStepAndTheFirstStepChangesIt() {
    CtrTask t = DynamicsSettings.defaults().taskFor(CTX, 0, Progress.silent()).epochs(1);
    FeatureEncoder enc = FeatureEncoder.fit(S);
    EncodedData data = enc.encode(S);
    double[][] seen = new double[2][];
    TrainingLoop.train(t, enc, data, null, new EpochListener() {
      @Override
      public void beforeTraining(TrainedModel model) {
        seen[0] = model.logits(data);
      }

      @Override
      public void afterEpoch(int epoch, TrainedModel model) {
        seen[1] = model.logits(data);
      }
    }).model().close();
    try (TrainedModel init = TrainingLoop.initialModel(t, enc, data)) {
      assertArrayEquals(seen[0], init.logits(data), 1e-6);
    }
    assertFalse(Arrays.equals(seen[0], seen[1]));
  }

  @Test
  void checkpointZeroMixesWithTrainedCheckpoints() {
    El2n est = el2n().epochs(2).checkpoints(0, 2).seeds(2);
    Importance imp = est.estimate(S, CTX);
    List<double[]> ref = reference(est.settings(), DataDietAndStepForgettingTest::el2nOf);
    assertEquals(4, ref.size());
    assertArrayEquals(mean(ref), imp.scores(), 1e-6);
    assertEquals(2, imp.cost().trainings());
    assertEquals(4L * S.size(), imp.cost().gradientEvaluations());
    assertThrows(IllegalArgumentException.class, () -> el2n().checkpoints(-1));
    assertFalse(DynamicsSettings.defaults().isCheckpoint(0), "the default (every epoch) does not include 0");
  }

  @Test
  void el2nDataDietIsTheFirstEpochOfTenSeededRuns() {
    El2n est = el2n().dataDiet();
    assertEquals(est.settings(), ((El2n) Estimators.named("el2n-datadiet")).settings());
    Importance imp = est.estimate(S, CTX);
    List<double[]> ref = reference(est.settings(), DataDietAndStepForgettingTest::el2nOf);
    assertEquals(10, ref.size());
    assertArrayEquals(mean(ref), imp.scores(), 1e-6);
    assertEquals(10, imp.cost().trainings());
    assertEquals(10L * S.size(), imp.cost().gradientEvaluations());
    assertEquals(1, imp.parameters().get("epochs"));
  }

  @Test
  void firstEpochFractionsScoreAfterTheirStepsAndMixWithEpochCheckpoints() {
    El2n est = el2n().epochs(1).checkpoints(0, 1).firstEpochCheckpoints(0.5, 0.25).seeds(2);
    Importance imp = est.estimate(S, CTX);
    FeatureEncoder enc = FeatureEncoder.fit(S);
    EncodedData data = enc.encode(S);
    // 600 rows in batches of 64: 10 steps per epoch; 0.25 -> after step 3 (ceil 2.5), 0.5 -> after step 5
    assertEquals(10, TrainingDynamics.stepsPerEpoch(est.settings().taskFor(CTX, 0, Progress.silent()), data));
    List<double[]> ref = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      TrainingLoop.train(est.settings().taskFor(CTX, r, Progress.silent()), enc, data, null, new EpochListener() {
        @Override
        public void beforeTraining(TrainedModel model) {
          ref.add(el2nOf(model, data));
        }

        @Override
        public void afterEpoch(int epoch, TrainedModel model) {
          ref.add(el2nOf(model, data));
        }
      }, (epoch, step, rows, logits, model) -> {
        if (step == 3 || step == 5) {
          ref.add(el2nOf(model, data));
        }
      }).model().close();
    }
    assertEquals(8, ref.size());
    assertArrayEquals(mean(ref), imp.scores(), 1e-6);
    assertEquals(8L * S.size(), imp.cost().gradientEvaluations());
    assertEquals("[0.25, 0.5]", imp.parameters().get("firstEpochFractions"));
    // fractions alone: only they are checkpoints, not every epoch
    DynamicsSettings only = el2n().firstEpochCheckpoints(0.5).settings();
    assertFalse(only.isCheckpoint(1));
    assertArrayEquals(new long[] {5}, only.fractionSteps(10));
    assertThrows(IllegalArgumentException.class, () -> el2n().firstEpochCheckpoints(1.0));
  }

  @Test
  void stepListenerSeesEveryPresentationWithItsPreUpdateLogits() {
    CtrTask t = DynamicsSettings.defaults().taskFor(CTX, 0, Progress.silent()).epochs(2);
    FeatureEncoder enc = FeatureEncoder.fit(S);
    EncodedData data = enc.encode(S);
    int n = S.size();
    double[][] before = new double[1][];
    List<int[]> rowsSeen = new ArrayList<>();
    long[] lastStep = {0};
    double[] worst = {0};
    TrainingLoop.train(t, enc, data, null, new EpochListener() {
      @Override
      public void beforeTraining(TrainedModel model) {
        before[0] = model.logits(data);
      }

      @Override
      public void afterEpoch(int epoch, TrainedModel model) {}
    }, (epoch, step, rows, logits, model) -> {
      assertEquals(lastStep[0] + 1, step);
      lastStep[0] = step;
      assertEquals(rows.length, logits.length);
      for (int k = 0; k < rows.length; k++) {
        worst[0] = Math.max(worst[0], Math.abs(logits[k] - before[0][rows[k]]));
      }
      rowsSeen.add(rows);
      before[0] = model.logits(data); // the state the next step starts from
    }).model().close();
    assertTrue(worst[0] < 1e-4, "batch logits = the full model's logits before the step, worst " + worst[0]);
    int perEpoch = (n + t.batchSize() - 1) / t.batchSize();
    assertEquals(2L * perEpoch, lastStep[0]);
    for (int e = 1; e <= 2; e++) {
      int[] order = rowsSeen.subList((e - 1) * perEpoch, e * perEpoch).stream().flatMapToInt(Arrays::stream)
          .toArray();
      assertArrayEquals(Samples.permutation(n, t.seed() * 1_000_003L + e), order, "epoch " + e);
    }
  }

  @Test
  void perStepForgettingMatchesAHandCountOverPresentations() {
    double thr = 0.35;
    ForgettingEvents est = forgetting().epochs(4).seeds(2).threshold(thr).perStep();
    assertTrue(((ForgettingEvents) Estimators.named("forgetting-per-step")).isPerStep());
    Importance imp = est.estimate(S, CTX);
    FeatureEncoder enc = FeatureEncoder.fit(S);
    EncodedData data = enc.encode(S);
    int n = S.size();
    float[] y = S.labels();
    double[] expected = new double[n];
    for (int r = 0; r < 2; r++) {
      int[] events = new int[n];
      int[] seen = new int[n];
      boolean[] prev = new boolean[n];
      boolean[] learned = new boolean[n];
      double[][] before = new double[1][];
      TrainingLoop.train(est.settings().taskFor(CTX, r, Progress.silent()), enc, data, null, new EpochListener() {
        @Override
        public void beforeTraining(TrainedModel model) {
          before[0] = model.predict(data);
        }

        @Override
        public void afterEpoch(int epoch, TrainedModel model) {}
      }, (epoch, step, rows, logits, model) -> {
        for (int i : rows) { // classified by the model as it was when the batch was presented
          boolean ok = (before[0][i] >= thr) == (y[i] == 1);
          if (seen[i] > 0 && prev[i] && !ok) {
            events[i]++;
          }
          learned[i] |= ok;
          prev[i] = ok;
          seen[i]++;
        }
        before[0] = model.predict(data);
      }).model().close();
      for (int i = 0; i < n; i++) {
        assertEquals(4, seen[i], "each row is presented once per epoch");
        expected[i] += (learned[i] ? events[i] : 4) / 2.0;
      }
    }
    assertArrayEquals(expected, imp.scores(), 1e-12);
    assertEquals(2, imp.cost().trainings());
    assertEquals(0, imp.cost().gradientEvaluations(), "per step needs no extra evaluation");
    assertEquals("per-step", imp.parameters().get("sampling"));
    assertTrue(Arrays.stream(expected).anyMatch(v -> v >= 1 && v < 4), "some rows forgotten at least once");
  }

  @Test
  void counterFedOneRowAtATimeKeepsEachRowsOwnSequence() {
    ForgettingCounter c = new ForgettingCounter(3);
    boolean[][] seq = {{true, false, true, false, false}, {false, false, false, false, false}, {true, false}};
    for (int t = 0; t < 5; t++) {
      for (int i = 0; i < 3; i++) {
        if (t < seq[i].length) {
          c.observe(i, seq[i][t]);
        }
      }
    }
    assertArrayEquals(new int[] {2, 0, 1}, c.forgettingEvents());
    assertArrayEquals(new int[] {5, 5, 2}, c.presentations());
    assertArrayEquals(new double[] {2, 5, 1}, c.scores(), 0, "never learned = the most presentations");
  }
}
