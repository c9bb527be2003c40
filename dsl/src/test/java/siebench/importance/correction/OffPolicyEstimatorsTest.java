package siebench.importance.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** DM, IPS, SNIPS, DR, SNDR and Switch-DR against hand-computed values and their identities. */
class OffPolicyEstimatorsTest {
  // 4 rows, 2 actions
  static final double[] R = {1, 0, 1, 0};
  static final int[] A = {0, 1, 1, 0};
  static final double[] PSCORE = {0.5, 0.25, 0.5, 0.8};
  static final double[][] PI = {{0.5, 0.5}, {0.2, 0.8}, {1, 0}, {0.5, 0.5}};
  static final double[][] Q = {{0.6, 0.2}, {0.1, 0.3}, {0.4, 0.9}, {0.5, 0.5}};

  static BanditFeedback toy(double[][] q) {
    return BanditFeedback.of(R, A, PSCORE, ActionDistribution.of(PI)).withEstimatedRewards(EstimatedRewards.of(q));
  }

  @Test
  void closedFormsOnATinyLog() {
    BanditFeedback d = toy(Q);
    // w = pi_e(a_i) / pscore = 1, 3.2, 0, 0.625
    double[] w = {0.5 / 0.5, 0.8 / 0.25, 0.0 / 0.5, 0.5 / 0.8};
    // q_hat(x_i, pi_e) = 0.4, 0.26, 0.4, 0.5 ; q_hat(x_i, a_i) = 0.6, 0.3, 0.9, 0.5
    double dm = (0.5 * 0.6 + 0.5 * 0.2 + 0.2 * 0.1 + 0.8 * 0.3 + 1 * 0.4 + 0.5 * 0.5 + 0.5 * 0.5) / 4;
    double[] residual = {1 - 0.6, 0 - 0.3, 1 - 0.9, 0 - 0.5};
    double sw = w[0] + w[1] + w[2] + w[3];
    double wr = w[0] * residual[0] + w[1] * residual[1] + w[2] * residual[2] + w[3] * residual[3];
    assertEquals(0.39, dm, 1e-12);
    assertEquals(dm, new DirectMethod().value(d), 1e-12);
    assertEquals((w[0] * 1 + w[2] * 1) / 4, new InverseProbabilityWeighting().value(d), 1e-12);
    assertEquals((w[0] * 1 + w[2] * 1) / sw, new SelfNormalizedInverseProbabilityWeighting().value(d), 1e-12);
    assertEquals(dm + wr / 4, new DoublyRobust().value(d), 1e-12);
    assertEquals(0.171875, new DoublyRobust().value(d), 1e-12);
    assertEquals(dm + wr / sw, new SelfNormalizedDoublyRobust().value(d), 1e-12);
    // tau = 1 drops row 1 (w = 3.2) from the correction
    double switched = dm + (w[0] * residual[0] + w[2] * residual[2] + w[3] * residual[3]) / 4;
    assertEquals(switched, new SwitchDoublyRobust(1).value(d), 1e-12);
    assertEquals(0.411875, switched, 1e-12);
  }

  @Test
  void drIsIpsAndSndrIsSnipsWithoutAModel() {
    BanditFeedback zero = toy(new double[4][2]);
    assertEquals(new InverseProbabilityWeighting().value(zero), new DoublyRobust().value(zero), 1e-15);
    assertEquals(new SelfNormalizedInverseProbabilityWeighting().value(zero),
        new SelfNormalizedDoublyRobust().value(zero), 1e-15);
    assertEquals(0, new DirectMethod().value(zero), 0);
    // IPS here is also OffPolicy.ips with pi_e(a_i | x_i)
    double[] pi = {0.5, 0.8, 0, 0.5};
    assertEquals(OffPolicy.ips(R, pi, PSCORE, 0.95).value(), new InverseProbabilityWeighting().value(zero), 1e-15);
    assertEquals(OffPolicy.snips(R, pi, PSCORE, 0.95).value(),
        new SelfNormalizedInverseProbabilityWeighting().value(zero), 1e-15);
  }

  /**
   * SNDR's normalizer: with a constant model {@code q_hat = c}, {@code SNDR = c + sum w (r - c) / sum w = SNIPS}
   * for every c, while {@code DR = IPS + c (1 - mean w)}.
   */
  @Test
  void sndrNormalizerWithAConstantModel() {
    double meanW = (1 + 3.2 + 0 + 0.625) / 4;
    for (double c : new double[] {0, 0.3, 1, -2}) {
      BanditFeedback d = toy(new double[][] {{c, c}, {c, c}, {c, c}, {c, c}});
      double snips = new SelfNormalizedInverseProbabilityWeighting().value(d);
      double ips = new InverseProbabilityWeighting().value(d);
      assertEquals(snips, new SelfNormalizedDoublyRobust().value(d), 1e-12);
      assertEquals(ips + c * (1 - meanW), new DoublyRobust().value(d), 1e-12);
    }
  }

  /** A reward model equal to deterministic rewards makes every residual 0: DR = SNDR = DM = the true value. */
  @Test
  void perfectModelOnDeterministicRewardsHasNoError() {
    int n = 50;
    int actions = 3;
    double[][] reward = new double[n][actions];
    double[][] pi = new double[n][];
    int[] a = new int[n];
    double[] pscore = new double[n];
    double[] r = new double[n];
    double truth = 0;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < actions; k++) {
        reward[i][k] = ((i * 7 + k * 3) % 5) / 4.0;
      }
      pi[i] = new double[] {0.2, 0.3, 0.5};
      a[i] = i % actions;
      pscore[i] = new double[] {0.6, 0.3, 0.1}[a[i]];
      r[i] = reward[i][a[i]];
      truth += (0.2 * reward[i][0] + 0.3 * reward[i][1] + 0.5 * reward[i][2]) / n;
    }
    BanditFeedback d = BanditFeedback.of(r, a, pscore, ActionDistribution.of(pi))
        .withEstimatedRewards(EstimatedRewards.of(reward));
    for (OffPolicyEstimator e : List.of(new DirectMethod(), new DoublyRobust(), new SelfNormalizedDoublyRobust(),
        new SwitchDoublyRobust(2))) {
      assertEquals(truth, e.value(d), 1e-12, e.name());
      Estimate ci = e.estimate(d, 0.95, 200, 3);
      assertEquals(truth, ci.value(), 1e-12);
    }
    assertNotEquals(truth, new InverseProbabilityWeighting().value(d), 1e-3); // IPS has no model to lean on
  }

  @Test
  void switchDrSpansDmToDr() {
    BanditFeedback d = toy(Q);
    assertEquals(new DoublyRobust().value(d), new SwitchDoublyRobust(Double.POSITIVE_INFINITY).value(d), 1e-15);
    assertEquals(new DoublyRobust().value(d), new SwitchDoublyRobust(3.2).value(d), 1e-15); // w <= tau kept
    assertEquals(new DirectMethod().value(d), new SwitchDoublyRobust(0).value(d), 1e-15);
    assertEquals("switch-dr(tau=10)", new SwitchDoublyRobust(10).name());
    assertEquals("switch-dr(tau=inf)", new SwitchDoublyRobust(1).tau(Double.POSITIVE_INFINITY).name());
    assertThrows(IllegalArgumentException.class, () -> new SwitchDoublyRobust(-1));
  }

  @Test
  void bootstrapIsSeededAndBracketsThePointEstimate() {
    BanditFeedback d = toy(Q);
    for (String name : List.of("dm", "ips", "snips", "dr", "sndr", "switch-dr")) {
      OffPolicyEstimator e = OffPolicyEstimator.named(name, 1);
      Estimate a = e.estimate(d, 0.9, 100, 11);
      Estimate b = e.estimate(d, 0.9, 100, 11);
      assertEquals(a, b, name);
      assertEquals(e.value(d), a.value(), 0, name);
      assertTrue(a.lower() <= a.upper() && a.standardError() >= 0, name);
      assertEquals(e.name(), a.method());
    }
  }

  @Test
  void badInputsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ActionDistribution.of(new double[][] {{0.5, 0.5}, {0.5, 0.4}}));
    assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("sum to 0.9"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> EstimatedRewards.of(new double[][] {{0.5, 0.5}, {Double.NaN, 0.4}}));
    assertTrue(e.getMessage().contains("row 1, action 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BanditFeedback.of(R, new int[] {0, 1, 2, 0}, PSCORE,
        ActionDistribution.of(PI)));
    assertTrue(e.getMessage().contains("action of row 2 is 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BanditFeedback.of(R, A, new double[] {0.5, 0, 0.5, 0.8},
        ActionDistribution.of(PI)));
    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    BanditFeedback noModel = BanditFeedback.of(R, A, PSCORE, ActionDistribution.of(PI));
    IllegalStateException s = assertThrows(IllegalStateException.class, () -> new DoublyRobust().value(noModel));
    assertTrue(s.getMessage().contains("withEstimatedRewards"), s.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> noModel.withEstimatedRewards(EstimatedRewards.of(
        new double[][] {{0, 0, 0}})));
    assertTrue(e.getMessage().contains("expected 4 rows x 2 actions"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> OffPolicyEstimator.named("mrdr", 1));
    assertTrue(e.getMessage().contains("unknown off-policy estimator 'mrdr'"), e.getMessage());
    // all-zero weights: the self-normalized estimators are undefined
    BanditFeedback zeroW = BanditFeedback.of(new double[] {1}, new int[] {1}, new double[] {0.5},
        ActionDistribution.of(new double[][] {{1, 0}}));
    e = assertThrows(IllegalArgumentException.class,
        () -> new SelfNormalizedInverseProbabilityWeighting().value(zeroW));
    assertTrue(e.getMessage().contains("undefined"), e.getMessage());
  }
}
