package siebench.importance.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reference: a simulated contextual bandit (3 user segments, 5 items, 2 positions, click probabilities known)
 * logged by a context-dependent policy; the uniform target policy's true value is the average click
 * probability over segments, items and positions. Over repeated logs IPS, DR and SNDR are unbiased (SNDR up to
 * O(1/n)), DR stays unbiased with a wrong constant model, and the cross-fitted model makes DR less variable
 * than IPS.
 */
class DoublyRobustSimulationTest {
  static final int ITEMS = 5;
  static final double[] BASE = {-2.5, -1.5, -1.0, -2.0, -0.5};

  /** Click probability of item {@code a} at position {@code k} (1 or 2) for segment {@code u}. */
  static double ctr(int u, int a, int k) {
    double z = BASE[a] + (a == 2 * u ? 1.0 : 0) - 0.5 * (k - 1);
    return 1 / (1 + Math.exp(-z));
  }

  /** Logging policy: segment u mostly shows item (4 - 2u) or its neighbour. */
  static double[] logging(int u) {
    double[] p = new double[ITEMS];
    double s = 0;
    for (int a = 0; a < ITEMS; a++) {
      p[a] = Math.exp(-1.2 * Math.abs(a - (4 - 2 * u)));
      s += p[a];
    }
    for (int a = 0; a < ITEMS; a++) {
      p[a] /= s;
    }
    return p;
  }

  static BanditLog simulate(int n, Random rnd) {
    int[] item = new int[n];
    int[] pos = new int[n];
    double[] click = new double[n];
    double[] prop = new double[n];
    int[][] feat = new int[n][1];
    double[][] aff = new double[n][ITEMS];
    for (int i = 0; i < n; i++) {
      int u = rnd.nextInt(3);
      int k = 1 + rnd.nextInt(2);
      double[] p = logging(u);
      double x = rnd.nextDouble();
      int a = 0;
      while (a < ITEMS - 1 && x >= p[a]) {
        x -= p[a];
        a++;
      }
      item[i] = a;
      pos[i] = k;
      prop[i] = p[a];
      click[i] = rnd.nextDouble() < ctr(u, a, k) ? 1 : 0;
      feat[i][0] = u;
      aff[i][2 * u] = 1;
    }
    BanditContext ctx = new BanditContext(List.of("user_feature_0"), feat, new int[] {3}, aff);
    return new BanditLog(Path.of("simulated"), item, pos, click, prop, ctx);
  }

  @Test
  void ipsDrSndrUnbiasedOnSimulatedBandit() {
    double truth = 0;
    for (int u = 0; u < 3; u++) {
      for (int a = 0; a < ITEMS; a++) {
        for (int k = 1; k <= 2; k++) {
          truth += ctr(u, a, k) / (3 * ITEMS * 2);
        }
      }
    }
    Random rnd = new Random(21);
    int reps = 150;
    int n = 2000;
    List<OffPolicyEstimator> est = List.of(new InverseProbabilityWeighting(), new DoublyRobust(),
        new SelfNormalizedDoublyRobust(), new DirectMethod());
    double[][] v = new double[est.size() + 1][reps];
    int drCovered = 0;
    RewardRegression model = RewardRegression.logistic().l2(1e-4).folds(3);
    for (int r = 0; r < reps; r++) {
      BanditLog log = simulate(n, rnd);
      BanditFeedback d = BanditFeedback.of(log, ActionDistribution.uniform(n, ITEMS));
      BanditFeedback fitted = d.withEstimatedRewards(model.seed(r).fitPredict(log, ITEMS));
      for (int e = 0; e < est.size(); e++) {
        v[e][r] = est.get(e).value(fitted);
      }
      double[][] wrong = new double[n][ITEMS];
      for (double[] row : wrong) {
        java.util.Arrays.fill(row, 0.3);
      }
      v[est.size()][r] = new DoublyRobust().value(d.withEstimatedRewards(EstimatedRewards.of(wrong)));
      if (r < 60) {
        drCovered += new DoublyRobust().estimate(fitted, 0.95, 200, r).contains(truth) ? 1 : 0;
      }
    }
    String[] names = {"ips", "dr", "sndr", "dm", "dr, constant q_hat = 0.3"};
    double[] sd = new double[names.length];
    for (int e = 0; e < names.length; e++) {
      double m = java.util.Arrays.stream(v[e]).average().orElseThrow();
      double ss = 0;
      for (double x : v[e]) {
        ss += (x - m) * (x - m);
      }
      sd[e] = Math.sqrt(ss / (reps - 1));
      System.out.printf("simulated bandit: truth %.5f, %s mean %.5f (sd %.5f)%n", truth, names[e], m, sd[e]);
      if (e != 3) { // DM is only as right as its model; the others must be unbiased
        assertEquals(truth, m, 3.5 * sd[e] / Math.sqrt(reps) + 1e-4, names[e]);
      }
    }
    assertTrue(sd[1] < sd[0], "DR with a fitted model varies less than IPS: " + sd[1] + " vs " + sd[0]);
    System.out.println("simulated bandit: DR bootstrap 95% interval covered the truth " + drCovered + " / 60");
    assertTrue(drCovered >= 51, "DR bootstrap coverage " + drCovered + " / 60");
  }

  /** Cross-fitting: a row's own reward never enters its prediction; without it (one fold) it does. */
  @Test
  void crossFittedPredictionsIgnoreTheRowsOwnReward() {
    BanditLog log = simulate(600, new Random(5));
    double[] flipped = log.click().clone();
    flipped[17] = 1 - flipped[17];
    BanditLog other = new BanditLog(log.file(), log.item(), log.position(), flipped, log.propensity(), log.context());
    RewardRegression crossFitted = RewardRegression.logistic().folds(4).seed(3);
    EstimatedRewards a = crossFitted.fitPredict(log, ITEMS);
    EstimatedRewards b = crossFitted.fitPredict(other, ITEMS);
    for (int k = 0; k < ITEMS; k++) {
      assertEquals(a.value(17, k), b.value(17, k), 1e-12);
    }
    RewardRegression inSample = crossFitted.folds(1);
    assertTrue(Math.abs(inSample.fitPredict(log, ITEMS).value(17, log.item()[17])
        - inSample.fitPredict(other, ITEMS).value(17, log.item()[17])) > 1e-6);
    for (int i = 0; i < log.size(); i++) {
      for (int k = 0; k < ITEMS; k++) {
        assertTrue(a.value(i, k) > 0 && a.value(i, k) < 1);
      }
    }
  }
}
