package siebench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.model.Models;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The unbiased objectives against closed forms. A population at one position: relevance {@code gamma}, examination
 * {@code theta}; clicks occur with probability {@code theta gamma}. Its expected loss is computed exactly, as a
 * two-row sample with the click and the non-click weighted by their probabilities, through {@link Objective#loss}
 * itself (in float32, so minimisers are compared to 1e-3); the minimising probability is then found by
 * golden-section search over the logit.
 */
class UnbiasedObjectiveTest {
  static final double GAMMA = 0.9;
  static final double[] THETAS = {1.0, 0.5, 0.2, 0.1};

  /** The expected loss at logit z of a population at propensity theta, with per-row weights as given. */
  static double expectedLoss(NDManager m, Objective o, double theta, double clickWeight, double z) {
    double pc = theta * GAMMA;
    float[] targets = o.needsPropensities() ? new float[] {(float) (1 / Math.max(theta, o.clip())), 0f}
        : new float[] {1f, 0f};
    NDArray zz = m.create(new float[] {(float) z, (float) z});
    NDArray y = m.create(targets);
    NDArray w = m.create(new float[] {(float) (pc * clickWeight), (float) (1 - pc)});
    double sumW = pc * clickWeight + 1 - pc;
    // Objective.loss is a weighted mean; scale back to the expected (unnormalised) loss per impression
    return o.loss(zz, y, w, null, Double.NaN).getFloat() * sumW;
  }

  static double argminProbability(NDManager m, Objective o, double theta, double clickWeight) {
    double lo = -10;
    double hi = 10;
    double g = (Math.sqrt(5) - 1) / 2;
    for (int i = 0; i < 80; i++) {
      double a = hi - g * (hi - lo);
      double b = lo + g * (hi - lo);
      if (expectedLoss(m, o, theta, clickWeight, a) < expectedLoss(m, o, theta, clickWeight, b)) {
        hi = b;
      } else {
        lo = a;
      }
    }
    return 1 / (1 + Math.exp(-(lo + hi) / 2));
  }

  @Test
  void unbiasedPointwiseLossIsMinimisedByTheRelevanceAtEveryPosition() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (double theta : THETAS) {
        double ips = argminProbability(m, Objective.ips().clip(0.01), theta, 1);
        assertEquals(GAMMA, ips, 1e-3, "IPS minimiser at theta " + theta);
        double nonNeg = argminProbability(m, Objective.ips().clip(0.01).nonNegative(), theta, 1);
        assertEquals(GAMMA, nonNeg, 1e-3, "non-negative IPS minimiser at theta " + theta);
        double squared = argminProbability(m, Objective.ips().clip(0.01).squared(), theta, 1);
        assertEquals(GAMMA, squared, 1e-3, "squared-loss IPS minimiser at theta " + theta);
        // the old weighting: cross-entropy against the clicks, clicks weighted 1/theta, non-clicks 1
        double old = argminProbability(m, Objective.bce(), theta, 1 / theta);
        double closedForm = GAMMA / (GAMMA + 1 - theta * GAMMA);
        assertEquals(closedForm, old, 1e-3, "old weighting's minimiser at theta " + theta);
        if (theta < 1) {
          assertTrue(Math.abs(old - GAMMA) > 0.05, "the old weighting is biased at theta " + theta + ": " + old);
        }
        // and plain cross-entropy learns the click rate theta * gamma
        assertEquals(theta * GAMMA, argminProbability(m, Objective.bce(), theta, 1), 1e-3);
      }
    }
  }

  @Test
  void clippingBiasesOnlyBelowTheClip() {
    try (NDManager m = NDManager.newBaseManager()) {
      // with theta = 0.1 clipped at 0.2, E[c / 0.2] = 0.1 * 0.9 / 0.2 = 0.45
      assertEquals(0.45, argminProbability(m, Objective.ips().clip(0.2), 0.1, 1), 1e-3);
      assertEquals(GAMMA, argminProbability(m, Objective.ips().clip(0.2), 0.5, 1), 1e-3);
    }
  }

  @Test
  void nonNegativeVariantPushesANegativeNegativeTermBackUp() {
    try (NDManager m = NDManager.newBaseManager()) {
      // one click at theta 0.25 (target 4): the negative term (1 - 4) * softplus(z) is negative
      NDArray z = m.create(new float[] {0.3f});
      NDArray y = m.create(new float[] {4f});
      NDArray w = m.create(new float[] {1f});
      double ips = Objective.ips().loss(z, y, w, null, 0).getFloat();
      double nn = Objective.ips().nonNegative().loss(z, y, w, null, 0).getFloat();
      double lPos = Math.log1p(Math.exp(-0.3));
      double lNeg = Math.log1p(Math.exp(0.3));
      assertEquals(4 * lPos - 3 * lNeg, ips, 1e-5);
      assertEquals(3 * lNeg, nn, 1e-5); // minus the negative term, so the step raises it
      // with the negative term non-negative, the variant is the ips loss
      NDArray y2 = m.create(new float[] {4f, 0f, 0f, 0f, 0f});
      NDArray z2 = m.create(new float[] {0.3f, 0.1f, -0.2f, 0.4f, 0f});
      NDArray w2 = m.create(new float[] {1f, 1f, 1f, 1f, 1f});
      assertEquals(Objective.ips().loss(z2, y2, w2, null, 0).getFloat(),
          Objective.ips().nonNegative().loss(z2, y2, w2, null, 0).getFloat(), 1e-6);
    }
  }

  @Test
  void snipsNormalisesTheWeightedTermByTheBatchSumOfClickWeights() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] z = {0.2f, -1f, 0.5f, -0.3f};
      float[] y = {2f, 0f, 5f, 0f};
      float[] w = {1f, 1f, 1f, 2f};
      double rho = 0.3;
      double num = 0;
      double den = 0;
      double neg = 0;
      for (int i = 0; i < z.length; i++) {
        double lp = Math.log1p(Math.exp(-z[i]));
        double ln = Math.log1p(Math.exp(z[i]));
        num += w[i] * y[i] * (lp - ln);
        den += w[i] * y[i];
        neg += w[i] * ln;
      }
      double expected = rho * num / den + neg / 5;
      double got = Objective.snips().loss(m.create(z), m.create(y), m.create(w), null, rho).getFloat();
      assertEquals(expected, got, 1e-5);
    }
  }

  @Test
  void pairwiseLossComparesClickedResultsWithTheOthersOfTheirQuery() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] z = {1f, 0f, -1f, 2f, 0.5f};
      float[] y = {2f, 0f, 0f, 0f, 1f}; // row 0 clicked (theta 0.5), row 4 clicked (theta 1)
      int[] g = {0, 0, 0, 1, 1};
      double num = 0;
      double den = 0;
      for (int i = 0; i < z.length; i++) {
        for (int j = 0; j < z.length; j++) {
          if (i != j && g[i] == g[j] && y[i] > 0) {
            num += y[i] * Math.log1p(Math.exp(-(z[i] - z[j])));
            den += y[i];
          }
        }
      }
      double got = Objective.pairwiseIps().loss(m.create(z), m.create(y), m.create(new float[] {1, 1, 1, 1, 1}),
          m.create(g), 0).getFloat();
      assertEquals(num / den, got, 1e-5);
    }
  }

  @Test
  void squaredLocalLossIsTheSquaredErrorAgainstTheSoftTargetAndBoundedBelow() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] z = {2f, -0.5f, 0.7f};
      float[] y = {5f, 0f, 1.25f};
      float[] w = {1f, 2f, 1f};
      double expected = 0;
      for (int i = 0; i < z.length; i++) {
        double p = 1 / (1 + Math.exp(-z[i]));
        expected += w[i] * (y[i] * (1 - p) * (1 - p) + (1 - y[i]) * p * p);
      }
      Objective o = Objective.ips().squared();
      assertEquals(expected / 4, o.loss(m.create(z), m.create(y), m.create(w), null, 0).getFloat(), 1e-5);
      // a click at theta 0.2 (target 5): the log loss falls without bound as p -> 1, the squared loss stops at
      // (1 - 5) = -4 (its value at p = 1: 5 * 0 + (1 - 5) * 1)
      NDArray one = m.create(new float[] {1f});
      NDArray target = m.create(new float[] {5f});
      double logAt20 = Objective.ips().loss(m.create(new float[] {20f}), target, one, null, 0).getFloat();
      assertTrue(logAt20 < -70, "log-loss ips at logit 20: " + logAt20);
      for (float logit : new float[] {5f, 20f, 80f}) {
        double sq = o.loss(m.create(new float[] {logit}), target, one, null, 0).getFloat();
        assertTrue(sq >= -4 - 1e-6, "squared ips at logit " + logit + ": " + sq);
      }
    }
  }

  @Test
  void listwiseLossIsThePropensityWeightedSoftmaxCrossEntropyOfEachQuery() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] z = {1f, 0f, -1f, 2f, 0.5f, 30f};
      float[] y = {2f, 0f, 0f, 0f, 1f, 0f}; // row 0 clicked (theta 0.5), row 4 clicked (theta 1)
      float[] w = {1f, 1f, 1f, 1f, 3f, 1f};
      int[] g = {0, 0, 0, 1, 1, 2};
      double num = 0;
      double den = 0;
      for (int i = 0; i < z.length; i++) {
        double norm = 0;
        for (int j = 0; j < z.length; j++) {
          norm += g[j] == g[i] ? Math.exp(z[j]) : 0;
        }
        num += w[i] * y[i] * -(z[i] - Math.log(norm));
        den += w[i] * y[i];
      }
      double got = Objective.listwiseIps().loss(m.create(z), m.create(y), m.create(w), m.create(g), 0).getFloat();
      assertEquals(num / den, got, 1e-5);
      // minimised over one query's logits, the softmax puts mass gamma_i / sum(gamma) on every result
      // (expected loss with E[c/theta] = gamma, any theta): checked by the gradient vanishing there
      double[] gamma = {0.6, 0.3, 0.1};
      float[] zStar = new float[3];
      for (int i = 0; i < 3; i++) {
        zStar[i] = (float) Math.log(gamma[i]);
      }
      NDArray zs = m.create(zStar);
      zs.setRequiresGradient(true);
      try (ai.djl.training.GradientCollector c = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
        NDArray l = Objective.listwiseIps().loss(zs, m.create(new float[] {0.6f, 0.3f, 0.1f}),
            m.create(new float[] {1f, 1f, 1f}), m.create(new int[] {0, 0, 0}), 0);
        c.backward(l);
      }
      for (float d : zs.getGradient().toFloatArray()) {
        assertEquals(0, d, 1e-6);
      }
    }
  }

  /**
   * End to end: one item seen at every position of a 4-slot list, relevance 0.6; an LR on the item alone trained
   * with the ips objective predicts the relevance, plain cross-entropy the mean click rate.
   */
  @Test
  void trainingWithTheIpsObjectiveRecoversTheRelevance() {
    double[] theta = {1.0, 0.5, 0.33, 0.25};
    int n = 40_000;
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
    IntColumn pos = IntColumn.create("position");
    StringColumn item = StringColumn.create("item");
    IntColumn click = IntColumn.create("click");
    DoubleColumn prop = DoubleColumn.create("examination");
    double[] gamma = {0.6, 0.2};
    for (int i = 0; i < n; i++) {
      int k = i % 4;
      int it = (i / 4) % 2;
      pos.append(k + 1);
      item.append("i" + it);
      prop.append(theta[k]);
      click.append(rnd.nextDouble() < theta[k] * gamma[it] ? 1 : 0);
    }
    Samples s = Samples.from(Table.create("pbm", pos, item, click, prop)).label("click").categorical("item")
        .position("position").propensity("examination");
    CtrTask task = CtrTask.ctr().model(Models.logisticRegression()).epochs(30).batchSize(2048).learningRate(0.05)
        .testFraction(0).earlyStopping(0).validationFraction(0).progress(Progress.silent()).seed(5);
    Samples probe = s.rows(new int[] {0, 4}); // item i0, item i1
    try (TrainedModel ips = s.train(task.objective(Objective.ips())).model();
        TrainedModel naive = s.train(task).model()) {
      double[] pi = ips.predict(probe);
      double[] pn = naive.predict(probe);
      double meanTheta = (1.0 + 0.5 + 0.33 + 0.25) / 4;
      assertEquals(0.6, pi[0], 0.03, "ips, relevant item");
      assertEquals(0.2, pi[1], 0.03, "ips, less relevant item");
      assertEquals(0.6 * meanTheta, pn[0], 0.03, "naive learns the click rate");
    }
  }

  @Test
  void propensityObjectivesFailClearlyWithoutPropensities() {
    Samples s = Samples.from(Table.create("t", IntColumn.create("click", new int[] {0, 1}),
        StringColumn.create("item", new String[] {"a", "b"}))).label("click").categorical("item");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Objective.ips().targets(s));
    assertTrue(e.getMessage().contains("propensity"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> Objective.pairwiseIps().groups(s));
    assertThrows(IllegalStateException.class, () -> Objective.bce().clip(0.1));
    assertThrows(IllegalStateException.class, () -> Objective.snips().nonNegative());
    assertThrows(IllegalArgumentException.class, () -> Objective.named("ipw"));
    Samples bad = s.withColumns(DoubleColumn.create("p", new double[] {0.5, 0})).propensity("p");
    e = assertThrows(IllegalStateException.class, () -> Objective.ips().targets(bad));
    assertTrue(e.getMessage().contains("row_id"), e.getMessage());
  }
}
