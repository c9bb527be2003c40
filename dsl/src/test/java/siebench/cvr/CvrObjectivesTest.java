package siebench.cvr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The objectives' losses against closed forms computed by hand in plain Java: on a toy where every impression
 * has a known click probability p and a known conversion probability q, the expectation of each loss over the
 * click draw {@code o ~ Bernoulli(p)} and the conversion draw {@code r ~ Bernoulli(q)} (observed only when
 * {@code o = 1}, else recorded as 0) is enumerated exactly over the four outcomes.
 */
class CvrObjectivesTest {
  /** True click probabilities, conversion probabilities and the model's CVR logits of the toy impressions. */
  private static final double[] P = {0.02, 0.1, 0.3, 0.5, 0.8, 0.95};
  private static final double[] Q = {0.9, 0.2, 0.6, 0.05, 0.4, 0.7};
  private static final double[] Z_CVR = {-1.3, 0.4, 2.0, -0.2, 0.9, -2.5};

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  /** Cross-entropy of a probability {@code p} against a (soft) label {@code y}, by hand. */
  private static double ce(double y, double p) {
    return -y * Math.log(p) - (1 - y) * Math.log(1 - p);
  }

  /** The loss of a one-impression batch. */
  private double loss(CvrObjective o, double zCtr, double zCvr, Double zImp, double click, double purchase) {
    NDArray zc = manager.create(new float[] {(float) zCtr});
    NDArray zv = manager.create(new float[] {(float) zCvr});
    NDArray zi = zImp == null ? null : manager.create(new float[] {(float) (double) zImp});
    return o.loss(new Heads(zc, zv, zi), manager.create(new float[] {(float) click}),
        manager.create(new float[] {(float) purchase})).getFloat();
  }

  /**
   * The expectation of a one-impression loss over the click and conversion draws, averaged over the toy's
   * impressions, with the CTR tower at logit {@code zCtr[i]} and the imputation tower at {@code zImp[i]}.
   */
  private double expectedLoss(CvrObjective o, double[] zCtr, double[] zImp) {
    double sum = 0;
    for (int i = 0; i < P.length; i++) {
      Double imp = zImp == null ? null : zImp[i];
      sum += (1 - P[i]) * loss(o, zCtr[i], Z_CVR[i], imp, 0, 0)
          + P[i] * (1 - Q[i]) * loss(o, zCtr[i], Z_CVR[i], imp, 1, 0)
          + P[i] * Q[i] * loss(o, zCtr[i], Z_CVR[i], imp, 1, 1);
    }
    return sum / P.length;
  }

  /** The entire-space losses {@code mean_i [CE(p_i, pCTR_i) + CE(q_i, pCVR_i)]}: what debiasing should estimate. */
  private static double entireSpaceLoss(double[] zCtr) {
    double sum = 0;
    for (int i = 0; i < P.length; i++) {
      sum += ce(P[i], sigmoid(zCtr[i])) + ce(Q[i], sigmoid(Z_CVR[i]));
    }
    return sum / P.length;
  }

  private static double[] logits(double[] p) {
    double[] z = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      z[i] = logit(p[i]);
    }
    return z;
  }

  private static double[] constant(double p) {
    double[] z = new double[P.length];
    java.util.Arrays.fill(z, logit(p));
    return z;
  }

  @Test
  void ipsWithTruePropensitiesIsUnbiasedForTheEntireSpaceLoss() {
    double[] trueCtr = logits(P);
    // floor below every propensity, so no weight is clipped
    assertEquals(entireSpaceLoss(trueCtr), expectedLoss(CvrObjectives.ips(0.01), trueCtr, null), 1e-5);
  }

  @Test
  void ipsWithWrongPropensitiesAndTheNaiveLossAreBiased() {
    double[] wrong = constant(0.5);
    double bias = expectedLoss(CvrObjectives.ips(0.01), wrong, null) - entireSpaceLoss(wrong);
    // closed form of the bias: mean_i (p_i / 0.5 - 1) CE(q_i, pCVR_i)
    double expected = 0;
    for (int i = 0; i < P.length; i++) {
      expected += (P[i] / 0.5 - 1) * ce(Q[i], sigmoid(Z_CVR[i]));
    }
    assertEquals(expected / P.length, bias, 1e-5);
    assertTrue(Math.abs(bias) > 0.02, "the toy must discriminate: bias " + bias);
    // naive, one impression per batch: p_i CE(q_i, pCVR_i), the clicked share of the entire-space loss
    double[] trueCtr = logits(P);
    double naive = expectedLoss(CvrObjectives.naive(), trueCtr, null);
    double byHand = 0;
    for (int i = 0; i < P.length; i++) {
      byHand += ce(P[i], P[i]) + P[i] * ce(Q[i], sigmoid(Z_CVR[i]));
    }
    assertEquals(byHand / P.length, naive, 1e-5);
  }

  @Test
  void clippingCapsTheInverseWeight() {
    // p = 0.02 floored at 0.1: weight 10 instead of 50
    double zc = logit(0.02);
    double ctr = ce(1, 0.02);
    double e = ce(1, sigmoid(Z_CVR[0]));
    assertEquals(ctr + e / 0.1, loss(CvrObjectives.ips(0.1), zc, Z_CVR[0], null, 1, 1), 1e-4);
    assertEquals(ctr + e / 0.02, loss(CvrObjectives.ips(0.01), zc, Z_CVR[0], null, 1, 1), 1e-3);
    assertThrows(IllegalArgumentException.class, () -> CvrObjectives.ips(0));
    assertThrows(IllegalArgumentException.class, () -> CvrObjectives.dr(1.5));
  }

  @Test
  void doublyRobustWithPerfectImputationIsUnbiasedEvenWithWrongPropensities() {
    double[] wrong = constant(0.5);
    double[] perfect = logits(Q);
    double expected = expectedLoss(CvrObjectives.dr(0.01), wrong, perfect);
    // the DR term's expectation is CE(q, pCVR) whatever the propensity; the imputation loss's expectation is
    // (p / o_hat) E_r[(e - e_hat)^2] = (p / o_hat) q (1 - q) z_cvr^2 (e - e_hat = (q - r) z_cvr)
    double imputation = 0;
    for (int i = 0; i < P.length; i++) {
      imputation += P[i] / 0.5 * Q[i] * (1 - Q[i]) * Z_CVR[i] * Z_CVR[i];
    }
    assertEquals(entireSpaceLoss(wrong) + imputation / P.length, expected, 1e-4);
  }

  @Test
  void doublyRobustWithTruePropensitiesIsUnbiasedWhateverTheImputation() {
    double[] trueCtr = logits(P);
    double[] poor = constant(0.3);
    double expected = expectedLoss(CvrObjectives.dr(0.01), trueCtr, poor);
    // DR term: CE(q, pCVR) exactly; imputation loss: E_r[(e - e_hat)^2] with e_hat = CE(0.3, pCVR)
    double imputation = 0;
    for (int i = 0; i < P.length; i++) {
      double p = sigmoid(Z_CVR[i]);
      double eHat = ce(0.3, p);
      imputation += Q[i] * Math.pow(ce(1, p) - eHat, 2) + (1 - Q[i]) * Math.pow(ce(0, p) - eHat, 2);
    }
    assertEquals(entireSpaceLoss(trueCtr) + imputation / P.length, expected, 1e-4);
    assertThrows(IllegalArgumentException.class,
        () -> loss(CvrObjectives.dr(), 0, 0, null, 1, 1), "DR without the imputation tower");
  }

  @Test
  void esmmIsTheCrossEntropyOfTheProductOfTheTowers() {
    double[] zc = {-3.0, -1.0, 0.5, 2.0};
    double[] zv = {1.0, -0.5, -2.0, 0.3};
    float[] o = {1, 1, 0, 1};
    float[] r = {1, 0, 0, 1};
    double byHand = 0;
    for (int i = 0; i < zc.length; i++) {
      double pCtr = sigmoid(zc[i]);
      double pCtcvr = pCtr * sigmoid(zv[i]);
      byHand += ce(o[i], pCtr) + ce(o[i] * r[i], pCtcvr);
    }
    NDArray loss = CvrObjectives.esmm().loss(new Heads(manager.create(toFloat(zc)), manager.create(toFloat(zv)),
        null), manager.create(o), manager.create(r));
    assertEquals(byHand / zc.length, loss.getFloat(), 1e-5);
  }

  @Test
  void esmmExpectationIsTheEntireSpaceCtrAndCtcvrLoss() {
    double[] zCtr = logits(new double[] {0.05, 0.2, 0.4, 0.6, 0.7, 0.9});
    double byHand = 0;
    for (int i = 0; i < P.length; i++) {
      double pCtr = sigmoid(zCtr[i]);
      byHand += ce(P[i], pCtr) + ce(P[i] * Q[i], pCtr * sigmoid(Z_CVR[i]));
    }
    assertEquals(byHand / P.length, expectedLoss(CvrObjectives.esmm(), zCtr, null), 1e-5);
  }

  @Test
  void objectivesByName() {
    assertEquals(java.util.List.of("naive", "esmm", "ips", "dr"),
        CvrObjectives.parse("naive, esmm,ips ,dr", 0.1).stream().map(CvrObjective::name).toList());
    assertEquals(0.1, ((MultiIps) CvrObjectives.named("multi-ips", 0.1)).clip());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CvrObjectives.parse("naive,esmn", 0.1));
    assertTrue(e.getMessage().contains("esmn"), e.getMessage());
  }

  @Test
  void knownPropensitiesReplaceTheCtrTowersEstimate() {
    CvrObjective ips = CvrObjectives.ips(0.01).knownPropensities();
    assertEquals("ips-true", ips.name());
    assertTrue(ips.needsKnownPropensities() && !CvrObjectives.ips().needsKnownPropensities());
    double zc = logit(0.5); // a wrong CTR tower: its pCTR is not used as the propensity
    double expected = 0;
    for (int i = 0; i < P.length; i++) {
      double sum = 0;
      for (int o = 0; o <= 1; o++) {
        for (int r = 0; r <= o; r++) {
          double prob = o == 0 ? 1 - P[i] : P[i] * (r == 1 ? Q[i] : 1 - Q[i]);
          NDArray loss = ips.loss(new Heads(manager.create(new float[] {(float) zc}),
              manager.create(new float[] {(float) Z_CVR[i]}), null), new Outcomes(manager.create(new float[] {o}),
              manager.create(new float[] {r}), manager.create(new float[] {(float) P[i]})));
          sum += prob * loss.getFloat();
        }
      }
      expected += sum - ce(P[i], 0.5); // minus the CTR term's expectation: what is left is the CVR term's
    }
    double entire = 0;
    for (int i = 0; i < P.length; i++) {
      entire += ce(Q[i], sigmoid(Z_CVR[i]));
    }
    assertEquals(entire / P.length, expected / P.length, 1e-5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> loss(CvrObjectives.named("dr-true", 0.05), 0, 0, 0.0, 1, 1));
    assertTrue(e.getMessage().contains("simulated"), e.getMessage());
  }

  /** The gradient of an objective's loss with respect to the CVR logits of a batch. */
  private float[] cvrGradient(CvrObjective o, float[] click, float[] purchase) {
    int n = click.length;
    float[] zc = new float[n];
    float[] zv = new float[n];
    float[] zi = new float[n];
    for (int i = 0; i < n; i++) {
      zc[i] = -1f + 0.3f * i;
      zv[i] = 0.5f - 0.2f * i;
      zi[i] = 1.0f;
    }
    NDArray cvr = manager.create(zv);
    cvr.setRequiresGradient(true);
    try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
      NDArray loss = o.loss(new Heads(manager.create(zc), cvr, manager.create(zi)), manager.create(click),
          manager.create(purchase));
      gc.backward(loss);
    }
    return cvr.getGradient().toFloatArray();
  }

  @Test
  void onlyEntireSpaceObjectivesLearnTheCvrFromUnclickedImpressions() {
    float[] click = {1, 0, 0, 1, 0};
    float[] purchase = {1, 0, 0, 0, 0};
    for (CvrObjective o : CvrObjectives.parse("naive,ips,esmm,dr", 0.05)) {
      float[] g = cvrGradient(o, click, purchase);
      boolean entireSpace = o.name().equals("esmm") || o.name().equals("dr");
      for (int i = 0; i < click.length; i++) {
        if (click[i] == 1f) {
          assertTrue(g[i] != 0f, o.name() + ": clicked impression " + i + " has a gradient");
        } else {
          assertEquals(entireSpace, g[i] != 0f, o.name() + ": unclicked impression " + i + " gradient " + g[i]);
        }
      }
    }
  }

  private static float[] toFloat(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }
}
