package siebench.importance.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static siebench.importance.catalog.Estimators.adaptiveDenoising;
import static siebench.importance.catalog.Estimators.aum;
import static siebench.importance.catalog.Estimators.dataMaps;
import static siebench.importance.catalog.Estimators.el2n;
import static siebench.importance.catalog.Estimators.forgetting;
import static siebench.importance.catalog.Estimators.gradientNorm;
import static siebench.importance.catalog.Estimators.loss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import siebench.train.CtrTask;
import siebench.train.LossModifier;
import siebench.train.TrainingLoop;
import tech.tablesaw.api.Table;

/**
 * Each estimator against an independent reference: the same trainings re-run directly with {@link
 * TrainingLoop}, observed through {@code TrainedModel.predict} / {@code logits} / {@code representations},
 * with the scores computed by hand in the test.
 */
class DynamicsEstimatorsTest {
  static final Samples S = Toys.interaction(600, 0.1, 4).samples();
  static final CtrTask TASK = CtrTask.ctr().model(Models.fm().embeddingDim(4)).epochs(3).batchSize(64)
      .learningRate(0.05);
  static final EstimationContext CTX = Toys.context(TASK, 21);

  /** One observation of the reference trainings. */
  record Obs(int run, int epoch, double[] p, double[] z, float[][] h, double[] grad) {}

  /** Re-runs the trainings of {@code settings} directly and records predictions at every checkpoint. */
  static List<Obs> reference(DynamicsSettings settings, LossModifier modifier, boolean gradients) {
    FeatureEncoder enc = FeatureEncoder.fit(S);
    EncodedData data = enc.encode(S);
    List<Obs> out = new ArrayList<>();
    for (int r = 0; r < settings.seeds(); r++) {
      final int run = r;
      CtrTask t = settings.taskFor(CTX, r, Progress.silent());
      if (modifier != null) {
        t = t.lossModifier(modifier);
      }
      TrainingLoop.train(t, enc, data, null, (epoch, model) -> {
        if (settings.isCheckpoint(epoch)) {
          out.add(new Obs(run, epoch, model.predict(data), model.logits(data), model.representations(data),
              gradients ? model.gradientNorms(data) : null));
        }
      }).model().close();
    }
    return out;
  }

  static float[] y() {
    return S.labels();
  }

  @Test
  void el2nIsTheMeanAbsoluteErrorOverCheckpointsAndSeeds() {
    El2n est = el2n().epochs(3).seeds(2);
    Importance imp = est.estimate(S, CTX);
    List<Obs> ref = reference(est.settings(), null, false);
    assertEquals(6, ref.size());
    float[] y = y();
    for (int i = 0; i < S.size(); i++) {
      double s = 0;
      for (Obs o : ref) {
        s += Math.abs(o.p()[i] - y[i]);
      }
      assertEquals(s / ref.size(), imp.scores()[i], 1e-6, "row " + i);
    }
    assertArrayEquals(S.rowIds(), imp.rowIds());
    Importance.Cost c = imp.cost();
    assertEquals(2, c.trainings());
    assertEquals(6L * S.size(), c.gradientEvaluations());
    assertTrue(c.wallMillis() > 0);
    assertEquals(2, imp.parameters().get("seeds"));
    assertEquals(3, imp.parameters().get("epochs"));
  }

  @Test
  void lossAtOneCheckpointIsTheCrossEntropyOfThePrediction() {
    TrainingLoss est = loss().epochs(3).atEpoch(2);
    Importance imp = est.estimate(S, CTX);
    List<Obs> ref = reference(est.settings(), null, false);
    assertEquals(1, ref.size());
    assertEquals(2, ref.get(0).epoch());
    float[] y = y();
    for (int i = 0; i < S.size(); i++) {
      double p = ref.get(0).p()[i];
      double expected = y[i] == 1 ? -Math.log(p) : -Math.log(1 - p);
      assertEquals(expected, imp.scores()[i], 1e-6 * Math.max(1, expected), "row " + i);
    }
  }

  @Test
  void aumIsMinusTheMeanSignedLogit() {
    AreaUnderMargin est = aum().epochs(3);
    Importance imp = est.estimate(S, CTX);
    List<Obs> ref = reference(est.settings(), null, false);
    float[] y = y();
    for (int i = 0; i < S.size(); i++) {
      double s = 0;
      for (Obs o : ref) {
        // margin = assigned-class logit minus other-class logit of the two-logit view (0, z)
        s += y[i] == 1 ? o.z()[i] - 0 : 0 - o.z()[i];
      }
      assertEquals(-s / ref.size(), imp.scores()[i], 1e-6, "row " + i);
    }
  }

  @Test
  void aumThresholdSamplesMatchADirectReimplementation() {
    AreaUnderMargin est = aum().epochs(2).thresholdSamples(0.1).thresholdPercentile(90);
    AumResult res = est.fit(S, CTX);
    int n = S.size();
    int m = 60;
    int[] perm = Samples.permutation(n, DynamicsSettings.seedOf(CTX.seed(), 1_000));
    FeatureEncoder enc = FeatureEncoder.fit(S);
    EncodedData data = enc.encode(S);
    float[] y = y();
    double[] sum = new double[n];
    int[] cnt = new int[n];
    List<Double> toClick = new ArrayList<>();
    List<Double> toNon = new ArrayList<>();
    for (int pass = 0; pass < 2; pass++) {
      float[] yf = y.clone();
      java.util.Set<Integer> flipped = new java.util.HashSet<>();
      for (int j = pass * m; j < (pass + 1) * m; j++) {
        flipped.add(perm[j]);
        yf[perm[j]] = 1 - yf[perm[j]];
      }
      EncodedData relabeled = new EncodedData(data.layout(), n, data.cat(), data.dense(), yf, data.weights(),
          data.rowIds());
      double[] area = new double[n];
      TrainingLoop.train(est.settings().taskFor(CTX, 0, Progress.silent()), enc, relabeled, null, (e, model) -> {
        double[] z = model.logits(relabeled);
        for (int i = 0; i < n; i++) {
          area[i] += (yf[i] == 1 ? z[i] : -z[i]) / 2;
        }
      }).model().close();
      for (int i = 0; i < n; i++) {
        if (flipped.contains(i)) {
          (yf[i] == 1 ? toClick : toNon).add(area[i]);
        } else {
          sum[i] += area[i];
          cnt[i]++;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      assertEquals(sum[i] / cnt[i], res.aum()[i], 1e-5, "row " + i);
    }
    assertEquals(handPercentile(toClick, 90), res.clickThreshold(), 1e-5);
    assertEquals(handPercentile(toNon, 90), res.nonClickThreshold(), 1e-5);
    boolean[] flagged = res.flagged();
    for (int i = 0; i < n; i++) {
      double t = y[i] == 1 ? res.clickThreshold() : res.nonClickThreshold();
      assertEquals(res.aum()[i] <= t, flagged[i]);
    }
    assertEquals(4, res.cost().trainings() * 2, "two threshold runs");
    assertEquals(n, res.table().rowCount());
    assertEquals(-res.aum()[3], res.importance().scores()[3], 0);
  }

  @Test
  void aumWithHalfTheRowsAsThresholdSamplesWorksForAnOddRowCount() {
    Samples odd = S.rows(java.util.stream.IntStream.range(0, 301).toArray());
    AumResult res = aum().epochs(1).thresholdSamples(0.5).fit(odd, CTX);
    // 150 rows flipped in each run (301 / 2), so the last row kept its label in both runs
    assertEquals(301, res.aum().length);
    for (double a : res.aum()) {
      assertTrue(Double.isFinite(a));
    }
  }

  static double handPercentile(List<Double> values, double q) {
    List<Double> s = new ArrayList<>(values);
    s.sort(null);
    double pos = q / 100 * (s.size() - 1);
    int lo = (int) pos;
    return lo + 1 < s.size() ? s.get(lo) + (pos - lo) * (s.get(lo + 1) - s.get(lo)) : s.get(lo);
  }

  @Test
  void forgettingCountsMatchTheRecordedPredictionSequences() {
    ForgettingEvents est = forgetting().epochs(3).seeds(2).threshold(0.35);
    Importance imp = est.estimate(S, CTX);
    List<Obs> ref = reference(est.settings(), null, false);
    float[] y = y();
    for (int i = 0; i < S.size(); i++) {
      double total = 0;
      for (int r = 0; r < 2; r++) {
        int forgets = 0;
        boolean learned = false;
        boolean prev = false;
        int t = 0;
        for (Obs o : ref) {
          if (o.run() != r) {
            continue;
          }
          boolean ok = (o.p()[i] >= 0.35) == (y[i] == 1);
          if (t > 0 && prev && !ok) {
            forgets++;
          }
          learned |= ok;
          prev = ok;
          t++;
        }
        total += learned ? forgets : t;
      }
      assertEquals(total / 2, imp.scores()[i], 1e-12, "row " + i);
    }
  }

  @Test
  void baseRateThresholdUsesTheClickRate() {
    double rate = 0;
    for (float v : y()) {
      rate += v;
    }
    rate /= S.size();
    assertEquals(rate, forgetting().baseRateThreshold().thresholdFor(S), 1e-12);
    assertEquals("base-rate", forgetting().baseRateThreshold().parameters().get("threshold"));
  }

  @Test
  void dataMapStatisticsAreTheMeanAndStdOfTheTrueClassProbability() {
    DataMaps est = dataMaps().epochs(3).seeds(2);
    DataMap map = est.fit(S, CTX);
    List<Obs> ref = reference(est.settings(), null, false);
    float[] y = y();
    for (int i = 0; i < S.size(); i++) {
      double[] q = new double[ref.size()];
      int correct = 0;
      for (int t = 0; t < q.length; t++) {
        double p = ref.get(t).p()[i];
        q[t] = y[i] == 1 ? p : 1 - p;
        correct += (p >= 0.5) == (y[i] == 1) ? 1 : 0;
      }
      double mean = Arrays.stream(q).average().orElseThrow();
      double var = Arrays.stream(q).map(v -> (v - mean) * (v - mean)).sum() / q.length;
      assertEquals(mean, map.confidence()[i], 1e-6);
      assertEquals(Math.sqrt(var), map.variability()[i], 1e-6);
      assertEquals(correct / (double) q.length, map.correctness()[i], 1e-12);
    }
    Table t = map.table();
    assertEquals(S.size(), t.rowCount());
    assertEquals(List.of("row_id", "label", "confidence", "variability", "correctness", "region"),
        t.columnNames());
    org.knowm.xchart.XYChart chart = map.chart();
    assertFalse(chart.getSeriesMap().isEmpty());
    int points = 0;
    for (org.knowm.xchart.XYSeries series : chart.getSeriesMap().values()) {
      points += series.getXData().length;
      assertTrue(series.getName().startsWith("correctness "), series.getName());
    }
    assertEquals(S.size(), points, "every row is drawn once");
    assertEquals(S.size(), Arrays.stream(map.regions()).filter(r -> List.of("easy-to-learn", "hard-to-learn",
        "ambiguous", "middle").contains(r)).count());
    Importance imp = map.importance();
    assertEquals(1 - map.confidence()[5], imp.scores()[5], 1e-12);
    assertEquals(2, imp.cost().trainings());
  }

  @Test
  void lastLayerGradNormIsTheClosedFormOnTheRepresentation() {
    GraNd est = gradientNorm().epochs(2).lastLayerOnly();
    Importance imp = est.estimate(S, CTX.task(TASK.model(Models.deepFm().embeddingDim(4).hidden(8, 4))));
    DynamicsSettings settings = est.settings();
    FeatureEncoder enc = FeatureEncoder.fit(S);
    EncodedData data = enc.encode(S);
    List<Obs> ref = new ArrayList<>();
    TrainingLoop.train(settings.taskFor(CTX.task(TASK.model(Models.deepFm().embeddingDim(4).hidden(8, 4))), 0,
        Progress.silent()), enc, data, null, (e, m) -> ref.add(new Obs(0, e, m.predict(data), null,
            m.representations(data), null))).model().close();
    float[] y = y();
    for (int i = 0; i < S.size(); i++) {
      double s = 0;
      for (Obs o : ref) {
        double h2 = 1;
        for (float v : o.h()[i]) {
          h2 += v * v;
        }
        s += Math.abs(o.p()[i] - y[i]) * Math.sqrt(h2);
      }
      assertEquals(s / ref.size(), imp.scores()[i], 1e-5 * Math.max(1, s), "row " + i);
    }
  }

  @Test
  void exactGradNormAveragesTheBatchedNormsAndIsDeterministic() {
    GraNd est = gradientNorm().epochs(2).seeds(2);
    Importance a = est.estimate(S, CTX);
    Importance b = est.estimate(S, CTX);
    assertArrayEquals(a.scores(), b.scores(), 0, "same seed, same scores");
    Importance c = est.estimate(S, CTX.seed(22));
    assertFalse(Arrays.equals(a.scores(), c.scores()), "another seed, other scores");
    List<Obs> ref = reference(est.settings(), null, true);
    for (int i = 0; i < S.size(); i++) {
      double s = 0;
      for (Obs o : ref) {
        s += o.grad()[i];
      }
      assertEquals(s / ref.size(), a.scores()[i], 1e-6 * Math.max(1, s));
    }
    assertEquals("all-parameters", a.parameters().get("gradient"));
  }

  @Test
  void sameSeedSameScoresForEveryEstimator() {
    for (DynamicsEstimator<?> est : List.<DynamicsEstimator<?>>of(el2n().epochs(1), loss().epochs(1),
        forgetting().epochs(2), aum().epochs(1), dataMaps().epochs(1), adaptiveDenoising().epochs(1))) {
      assertArrayEquals(est.estimate(S, CTX).scores(), est.estimate(S, CTX).scores(), 0, est.name());
    }
  }

  @Test
  void truncatedDenoisingWeightsMatchSortingByHand() {
    AdaptiveDenoising est = adaptiveDenoising().truncated(0.3, 2).epochs(3);
    Importance imp = est.estimate(S, CTX);
    DenoisingLoss modifier = est.lossModifierFor(S, CTX);
    assertEquals(Estimators.truncatedLoss(0.3, 2L * ((S.size() + 63) / 64)).toString(), modifier.toString());
    int spe = (S.size() + 63) / 64;
    assertEquals(2L * spe, modifier.rampSteps());
    List<Obs> ref = reference(est.settings(), modifier, false);
    float[] y = y();
    double[] sum = new double[S.size()];
    for (Obs o : ref) {
      double rate = Math.min(0.3, 0.3 * o.epoch() / 2.0);
      List<Integer> pos = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if (y[i] == 1) {
          pos.add(i);
        }
      }
      double[] loss = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        loss[i] = -Math.log(y[i] == 1 ? o.p()[i] : 1 - o.p()[i]);
      }
      pos.sort((a, b) -> Double.compare(loss[b], loss[a]));
      int k = (int) Math.floor(rate * pos.size());
      double[] w = new double[y.length];
      Arrays.fill(w, 1);
      for (int j = 0; j < k; j++) {
        w[pos.get(j)] = 0;
      }
      for (int i = 0; i < w.length; i++) {
        sum[i] += w[i];
      }
    }
    double[] got = imp.scores();
    int mismatches = 0;
    for (int i = 0; i < sum.length; i++) {
      if (Math.abs(sum[i] / ref.size() - got[i]) > 1e-9) {
        mismatches++;
      }
    }
    // a tie in float losses at the cut could flip one row; nothing more
    assertTrue(mismatches <= 1, mismatches + " rows differ from the hand-sorted weights");
    assertTrue(Arrays.stream(got).anyMatch(v -> v < 1), "some positives were dropped");
    // plain training differs from T-CE training: the modifier is really used
    assertNotEquals(0, Arrays.compare(reference(est.settings(), null, false).get(2).p(), ref.get(2).p()));
  }

  @Test
  void reweightedDenoisingWeightsArePToTheBeta() {
    AdaptiveDenoising est = adaptiveDenoising().reweighted(0.5).epochs(2).finalEpochOnly();
    Importance imp = est.estimate(S, CTX);
    List<Obs> ref = reference(est.settings(), DenoisingLoss.reweighted(0.5), false);
    Obs last = ref.get(ref.size() - 1);
    float[] y = y();
    for (int i = 0; i < y.length; i++) {
      double expected = y[i] == 1 ? Math.pow(last.p()[i], 0.5) : 1;
      assertEquals(expected, imp.scores()[i], 1e-6, "row " + i);
    }
  }

  @Test
  void reportsProgressPerEpochAndSeedAndStopsWhenCancelled() {
    List<String> seen = new ArrayList<>();
    Progress recording = new Progress() {
      @Override
      public void update(String task, long done, long total, String message) {
        if (task.equals("el2n")) {
          seen.add(done + "/" + total + " " + message);
        }
      }
    };
    el2n().epochs(2).seeds(2).estimate(S, CTX.progress(recording));
    assertEquals(List.of("1/4 seed 1/2, epoch 1/2", "2/4 seed 1/2, epoch 2/2", "3/4 seed 2/2, epoch 1/2",
        "4/4 seed 2/2, epoch 2/2"), seen);
    Progress cancelling = new Progress() {
      @Override
      public void update(String task, long done, long total, String message) {
        cancel();
      }
    };
    assertThrows(CancellationException.class, () -> el2n().epochs(3).estimate(S, CTX.progress(cancelling)));
  }

  @Test
  void rejectsInvalidSettings() {
    assertThrows(IllegalArgumentException.class, () -> el2n().seeds(0));
    assertThrows(IllegalArgumentException.class, () -> el2n().epochs(2).checkpoints(3));
    assertThrows(IllegalArgumentException.class, () -> el2n().checkpoints(-1)); // 0 = at initialization is valid
    assertThrows(IllegalArgumentException.class, () -> el2n().checkpoints(5).estimate(S, CTX));
    assertThrows(IllegalArgumentException.class, () -> forgetting().threshold(1.0));
    assertThrows(IllegalArgumentException.class, () -> adaptiveDenoising().truncated(0.2, -1));
  }
}
