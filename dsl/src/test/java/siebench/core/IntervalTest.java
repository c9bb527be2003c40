package siebench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Interval}: Wilson score intervals against published values and the inverted score test; normal intervals. */
class IntervalTest {

  /** Brown, Cai and DasGupta (2001) and Newcombe (1998, Stat. Med. 17, Table I): 1 of 10 -> [0.0179, 0.4042]. */
  @Test
  void matchesPublishedValues() {
    Interval w = Interval.wilson(1, 10);
    assertEquals(0.1, w.estimate(), 1e-12);
    assertEquals(0.0179, w.lower(), 5e-5);
    assertEquals(0.4042, w.upper(), 5e-5);
    // Newcombe (1998), Table I: 81/263 -> [0.2553, 0.3662]; 0/20 -> [0, 0.1611]
    Interval v = Interval.wilson(81, 263);
    assertEquals(0.2553, v.lower(), 5e-5);
    assertEquals(0.3662, v.upper(), 5e-5);
    Interval zero = Interval.wilson(0, 20);
    assertEquals(0, zero.lower(), 1e-12);
    assertEquals(0.1611, zero.upper(), 5e-5);
  }

  /** Independent reference: the ends are where the score statistic equals z (found by bisection). */
  @Test
  void endsInvertTheScoreTest() {
    long[][] cases = {{46, 10_000}, {3, 7}, {50, 100}, {99, 100}};
    for (long[] c : cases) {
      for (double level : new double[] {0.9, 0.95, 0.99}) {
        Interval w = Interval.wilson(c[0], c[1], level);
        double z = Numerics.normalQuantile(0.5 + level / 2);
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
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Interval.wilson(5, 3));
    assertTrue(e.getMessage().contains("0 <= successes <= trials"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Interval.wilson(1, 0));
    assertThrows(IllegalArgumentException.class, () -> Interval.wilson(1, 10, 1.0));
  }

  /** Normal intervals: estimate ± 1.959964 se at 95%, the difference of independent estimates, containment. */
  @Test
  void normalIntervalsAndTheirDifference() {
    Interval a = Interval.normal(10, 2, 0.95);
    assertEquals(10 - 1.959964 * 2, a.lower(), 1e-5);
    assertEquals(10 + 1.959964 * 2, a.upper(), 1e-5);
    assertEquals(2 * 1.959964 * 2, a.width(), 1e-5);
    assertEquals(1.644854, Numerics.normalQuantile(0.95), 1e-6);
    assertEquals(-2.575829, Numerics.normalQuantile(0.005), 1e-6);
    assertTrue(a.contains(10) && a.contains(a.lower()) && !a.contains(14));
    Interval b = Interval.normal(7, 1.5, 0.95);
    Interval d = a.minus(b);
    assertEquals(3, d.estimate(), 1e-12);
    assertEquals(2.5, d.standardError(), 1e-12); // sqrt(2^2 + 1.5^2)
    assertTrue(d.contains(0), "3 ± 1.96 * 2.5 contains 0: the two agree");
    assertTrue(a.overlaps(b) && b.overlaps(a));
    assertTrue(!Interval.of(0, 0, 1, 0.9).overlaps(Interval.of(2, 1.5, 3, 0.9)));
    assertThrows(IllegalArgumentException.class, () -> Interval.of(1, 0, 2, 0.95).minus(a));
    assertThrows(IllegalArgumentException.class, () -> Interval.normal(1, 1, 1.0));
  }
}
