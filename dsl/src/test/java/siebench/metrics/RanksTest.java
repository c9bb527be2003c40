package siebench.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RanksTest {
  @Test
  void averageRanksByCounting() {
    assertArrayEquals(new double[] {2.5, 1, 2.5, 4}, Ranks.ranks(new double[] {5, 1, 5, 9}), 0);
    for (int seed = 0; seed < 100; seed++) {
      Random r = new Random(seed);
      double[] x = new double[1 + r.nextInt(40)];
      for (int i = 0; i < x.length; i++) {
        x[i] = r.nextInt(6);
      }
      double[] got = Ranks.ranks(x);
      for (int i = 0; i < x.length; i++) {
        int less = 0;
        int equal = 0;
        for (double v : x) {
          less += v < x[i] ? 1 : 0;
          equal += v == x[i] ? 1 : 0;
        }
        assertEquals(less + (equal + 1) / 2.0, got[i], 0, "seed " + seed);
      }
    }
  }

  @Test
  void spearmanClosedFormWithoutTiesAndPearsonProperties() {
    for (int seed = 0; seed < 100; seed++) {
      Random r = new Random(seed);
      int n = 2 + r.nextInt(30);
      double[] a = new double[n];
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = r.nextGaussian();
        b[i] = a[i] * r.nextDouble() + r.nextGaussian();
      }
      double[] ra = Ranks.ranks(a);
      double[] rb = Ranks.ranks(b);
      double d2 = 0;
      for (int i = 0; i < n; i++) {
        d2 += (ra[i] - rb[i]) * (ra[i] - rb[i]);
      }
      assertEquals(1 - 6 * d2 / (n * ((double) n * n - 1)), Ranks.spearman(a, b), 1e-12, "seed " + seed);
      double[] lin = new double[n];
      for (int i = 0; i < n; i++) {
        lin[i] = -3 * a[i] + 2;
      }
      assertEquals(-1, Ranks.pearson(a, lin), 1e-12);
    }
    assertTrue(Double.isNaN(Ranks.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})), "constant side");
    assertThrows(IllegalArgumentException.class, () -> Ranks.pearson(new double[2], new double[3]));
  }
}
