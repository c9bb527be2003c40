package siebench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WilsonIntervalTest {

  /** Brown, Cai and DasGupta (2001) and Newcombe (1998, Stat. Med. 17, Table I): 1 of 10 -> [0.0179, 0.4042]. */
  @Test
  void matchesPublishedValues() {
    WilsonInterval w = WilsonInterval.of(1, 10);
    assertEquals(0.1, w.estimate(), 1e-12);
    assertEquals(0.0179, w.lower(), 5e-5);
    assertEquals(0.4042, w.upper(), 5e-5);
    // Newcombe (1998), Table I: 81/263 -> [0.2553, 0.3662]; 0/20 -> [0, 0.1611]
    WilsonInterval v = WilsonInterval.of(81, 263);
    assertEquals(0.2553, v.lower(), 5e-5);
    assertEquals(0.3662, v.upper(), 5e-5);
    WilsonInterval zero = WilsonInterval.of(0, 20);
    assertEquals(0, zero.lower(), 1e-12);
    assertEquals(0.1611, zero.upper(), 5e-5);
  }

  /** Independent reference: the ends are where the score statistic equals z (found by bisection). */
  @Test
  void endsInvertTheScoreTest() {
    long[][] cases = {{46, 10_000}, {3, 7}, {50, 100}, {99, 100}};
    for (long[] c : cases) {
      for (double level : new double[] {0.9, 0.95, 0.99}) {
        WilsonInterval w = WilsonInterval.of(c[0], c[1], level);
        double z = siebench.importance.correction.Estimate.normalQuantile(0.5 + level / 2);
        double p = (double) c[0] / c[1];
        assertEquals(root(p, c[1], z, 1e-12, p), w.lower(), 1e-9);
        assertEquals(root(p, c[1], z, p, 1 - 1e-12), w.upper(), 1e-9);
        assertTrue(w.lower() <= p && p <= w.upper());
      }
    }
  }

  private static double root(double phat, double n, double z, double lo, double hi) {
    // score(p) = |phat - p| - z sqrt(p(1-p)/n): positive outside the interval, negative inside
    java.util.function.DoubleUnaryOperator score = p -> Math.abs(phat - p) - z * Math.sqrt(p * (1 - p) / n);
    boolean loOutside = score.applyAsDouble(lo) > 0;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if ((score.applyAsDouble(mid) > 0) == loOutside) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  @Test
  void rejectsImpossibleCounts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(5, 3));
    assertTrue(e.getMessage().contains("0 <= successes <= trials"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(1, 0));
    assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(1, 10, 1.0));
  }
}
