package siebench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsTest {
  static float[] randomLabels(Random r, int n, double p) {
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < p ? 1 : 0;
    }
    return y;
  }

  /** Scores with many ties: a few distinct levels. */
  static double[] tiedScores(Random r, int n, int levels) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = r.nextInt(levels) / (double) levels;
    }
    return s;
  }

  @Test
  void aucHandComputedWithTie() {
    float[] y = {1, 0, 1, 0};
    double[] s = {0.8, 0.4, 0.4, 0.1};
    // pairs (pos, neg): (.8,.4)=1 (.8,.1)=1 (.4,.4)=.5 (.4,.1)=1 -> 3.5 / 4
    assertEquals(0.875, Metrics.auc(y, s), 1e-15);
    // weights 2,1,1,3: 2*1*1 + 2*3*1 + 1*1*.5 + 1*3*1 = 11.5 over (2+1)*(1+3) = 12
    assertEquals(11.5 / 12, Metrics.weightedAuc(y, s, new double[] {2, 1, 1, 3}), 1e-15);
  }

  @Test
  void aucMatchesPairEnumerationOnRandomTiedInputs() {
    for (int seed = 0; seed < 300; seed++) {
      Random r = new Random(seed);
      int n = 1 + r.nextInt(40);
      float[] y = randomLabels(r, n, 0.1 + 0.8 * r.nextDouble());
      double[] s = tiedScores(r, n, 1 + r.nextInt(6));
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = r.nextInt(4) == 0 ? 0 : r.nextDouble() * 3;
      }
      double expected = BruteForce.auc(y, s, null, BruteForce.all(n));
      double expectedW = BruteForce.auc(y, s, w, BruteForce.all(n));
      assertEquals(expected, Metrics.auc(y, s), 1e-12, "seed " + seed);
      assertEquals(expectedW, Metrics.weightedAuc(y, s, w), 1e-12, "seed " + seed);
    }
  }

  @Test
  void aucPublishedProperties() {
    Random r = new Random(5);
    float[] y = randomLabels(r, 500, 0.3);
    double[] s = tiedScores(r, 500, 20);
    double[] neg = new double[s.length];
    double[] mono = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      neg[i] = -s[i];
      mono[i] = Math.exp(3 * s[i]) - 7;
    }
    double a = Metrics.auc(y, s);
    assertEquals(1 - a, Metrics.auc(y, neg), 1e-12, "reversing the order gives 1 - AUC (ties count half)");
    assertEquals(a, Metrics.auc(y, mono), 1e-15, "invariant under monotone transforms");
    double[] perfect = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      perfect[i] = y[i] + 0.01 * (i % 3);
    }
    assertEquals(1.0, Metrics.auc(y, perfect), 0);
    assertEquals(0.5, Metrics.auc(y, new double[y.length]), 0, "constant scores");
    assertTrue(Double.isNaN(Metrics.auc(new float[] {1, 1}, new double[] {0.2, 0.3})));
  }

  @Test
  void badInputIsRejectedWithTheIndex() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.auc(new float[] {1, 0, 0}, new double[] {0.2, Double.NaN, 0.1}));
    assertTrue(e.getMessage().contains("index 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Metrics.auc(new float[] {1, 0.5f}, new double[] {1, 2}));
    assertTrue(e.getMessage().contains("index 1") && e.getMessage().contains("0 or 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Metrics.auc(new float[] {1, 0}, new double[] {1}));
    assertTrue(e.getMessage().contains("1 entries") && e.getMessage().contains("2 labels"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.weightedAuc(new float[] {1, 0}, new double[] {1, 2}, new double[] {1, -1}));
    assertTrue(e.getMessage().contains("index 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.logLoss(new float[] {1, 0}, new double[] {0.5, 1.5}));
    assertTrue(e.getMessage().contains("index 1"), e.getMessage());
  }

  @Test
  void logLossHandComputedAndWeighted() {
    float[] y = {1, 0, 1};
    double[] p = {0.8, 0.4, 0.5};
    double expected = -(Math.log(0.8) + Math.log(0.6) + Math.log(0.5)) / 3;
    assertEquals(expected, Metrics.logLoss(y, p), 1e-15);
    double weighted = -(2 * Math.log(0.8) + 0 * Math.log(0.6) + 1 * Math.log(0.5)) / 3;
    assertEquals(weighted, Metrics.logLoss(y, p, new double[] {2, 0, 1}), 1e-15);
    // clipping keeps p = 0 and 1 finite
    assertEquals((-Math.log(1e-7) - Math.log(1 - 1e-7)) / 2, Metrics.logLoss(new float[] {1, 1}, new double[] {0, 1}), 1e-12);
  }

  @Test
  void aucOnAMillionRows() {
    Random r = new Random(1);
    int n = 1_000_000;
    float[] y = randomLabels(r, n, 0.05);
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = y[i] + r.nextGaussian() * 2;
    }
    double a = Metrics.auc(y, s);
    // signal 1 / noise sd 2: AUC = Phi(1 / (2 sqrt 2)) = Phi(0.35355) = 0.63816
    assertEquals(0.63816, a, 0.005);
  }
}
