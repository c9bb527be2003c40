package siebench.mnar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The estimators of the full-information mean loss against the truth on a toy with known propensities: over
 * many simulated observation draws IPS averages to the full-information value, naive does not; DR is exact for a
 * perfect imputation and unbiased for perfect propensities with a wrong imputation.
 */
class PerformanceEstimatorsTest {
  private static final int CELLS = 40;
  private static final int DRAWS = 40_000;

  /** Losses that grow with the observation propensity, as when users rate what they like. */
  private static double[] loss() {
    return loss(CELLS);
  }

  private static double[] loss(int cells) {
    double[] d = new double[cells];
    for (int c = 0; c < cells; c++) {
      d[c] = 0.2 + (c % 8) * 0.5;
    }
    return d;
  }

  private static double[] propensity() {
    return propensity(CELLS);
  }

  private static double[] propensity(int cells) {
    double[] p = new double[cells];
    for (int c = 0; c < cells; c++) {
      p[c] = 0.05 + 0.1 * (c % 8);
    }
    return p;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private interface Estimate {
    double of(double[] loss, double[] p, double[] imputed, boolean[] observed);
  }

  /** Mean and standard error of an estimator over {@link #DRAWS} observation draws. */
  private static double[] simulate(Estimate e, double[] imputed) {
    return simulate(e, imputed, CELLS, DRAWS);
  }

  private static double[] simulate(Estimate e, double[] imputed, int cells, int draws) {
    double[] loss = loss(cells);
    double[] p = propensity(cells);
    SplittableRandom rnd = new SplittableRandom(42);
    double sum = 0;
    double sq = 0;
    int n = 0;
    for (int t = 0; t < draws; t++) {
      boolean[] o = new boolean[cells];
      boolean any = false;
      for (int c = 0; c < cells; c++) {
        o[c] = rnd.nextDouble() < p[c];
        any |= o[c];
      }
      if (!any) {
        continue;
      }
      double v = e.of(loss, p, imputed, o);
      sum += v;
      sq += v * v;
      n++;
    }
    double m = sum / n;
    return new double[] {m, Math.sqrt((sq / n - m * m) / n)};
  }

  private static double[][] observedOnly(double[] loss, double[] p, double[] imputed, boolean[] o) {
    int k = 0;
    for (boolean b : o) {
      k += b ? 1 : 0;
    }
    double[][] out = new double[3][k];
    int j = 0;
    for (int c = 0; c < o.length; c++) {
      if (o[c]) {
        out[0][j] = loss[c];
        out[1][j] = p[c];
        out[2][j] = imputed == null ? 0 : imputed[c];
        j++;
      }
    }
    return out;
  }

  @Test
  void ipsIsUnbiasedAndNaiveIsNot() {
    double truth = mean(loss());
    double[] ips = simulate((l, p, im, o) -> {
      double[][] x = observedOnly(l, p, im, o);
      return PerformanceEstimators.ips(x[0], x[1], CELLS);
    }, null);
    assertEquals(truth, ips[0], 4 * ips[1], "IPS mean over draws vs full-information mean " + truth);
    double[] naive = simulate((l, p, im, o) -> PerformanceEstimators.naive(observedOnly(l, p, im, o)[0]), null);
    assertTrue(naive[0] - truth > 20 * naive[1], "naive is biased upward here: " + naive[0] + " vs " + truth);
  }

  @Test
  void snipsIsConsistent() {
    double truth = mean(loss());
    double[] snips = simulate((l, p, im, o) -> {
      double[][] x = observedOnly(l, p, im, o);
      return PerformanceEstimators.snips(x[0], x[1]);
    }, null);
    // a ratio estimator: biased on small matrices, consistent as they grow (bias O(1 / cells))
    double small = Math.abs(snips[0] - truth);
    double[] large = simulate((l, p, im, o) -> {
      double[][] x = observedOnly(l, p, im, o);
      return PerformanceEstimators.snips(x[0], x[1]);
    }, null, 100 * CELLS, 400);
    assertTrue(Math.abs(large[0] - truth) < small / 10 + 4 * large[1], "bias " + Math.abs(large[0] - truth)
        + " on 100x the cells vs " + small);
    assertEquals(truth, large[0], 0.01 * truth);
  }

  @Test
  void snipsIsExactForAConstantLossWhereIpsIsNot() {
    double[] p = propensity();
    double[] loss = new double[CELLS];
    java.util.Arrays.fill(loss, 2.5);
    SplittableRandom rnd = new SplittableRandom(3);
    boolean ipsOff = false;
    for (int t = 0; t < 50; t++) {
      boolean[] o = new boolean[CELLS];
      for (int c = 0; c < CELLS; c++) {
        o[c] = rnd.nextDouble() < p[c];
      }
      double[][] x = observedOnly(loss, p, null, o);
      if (x[0].length == 0) {
        continue;
      }
      assertEquals(2.5, PerformanceEstimators.snips(x[0], x[1]), 1e-12);
      ipsOff |= Math.abs(PerformanceEstimators.ips(x[0], x[1], CELLS) - 2.5) > 0.1;
    }
    assertTrue(ipsOff, "IPS varies with the draw");
  }

  @Test
  void drIsExactWithAPerfectImputation() {
    double truth = mean(loss());
    double[] imputed = loss();
    SplittableRandom rnd = new SplittableRandom(1);
    double[] p = propensity();
    for (int t = 0; t < 100; t++) {
      boolean[] o = new boolean[CELLS];
      for (int c = 0; c < CELLS; c++) {
        o[c] = rnd.nextDouble() < p[c];
      }
      double[][] x = observedOnly(loss(), p, imputed, o);
      if (x[0].length == 0) {
        continue;
      }
      // propensities deliberately wrong: the correction term vanishes anyway
      double[] wrong = new double[x[1].length];
      java.util.Arrays.fill(wrong, 0.5);
      assertEquals(truth, PerformanceEstimators.doublyRobust(mean(imputed) * CELLS, x[0], x[2], wrong, CELLS), 1e-12);
    }
  }

  @Test
  void drIsUnbiasedWithPerfectPropensitiesAndAWrongImputation() {
    double truth = mean(loss());
    double[] imputed = new double[CELLS];
    java.util.Arrays.fill(imputed, 1.0); // a constant guess, wrong almost everywhere
    double[] dr = simulate((l, p, im, o) -> {
      double[][] x = observedOnly(l, p, im, o);
      return PerformanceEstimators.doublyRobust(CELLS * 1.0, x[0], x[2], x[1], CELLS);
    }, imputed);
    assertEquals(truth, dr[0], 4 * dr[1], "DR mean over draws vs " + truth);
  }

  @Test
  void ipsAndSnipsOnAHandExample() {
    double[] loss = {1, 4};
    double[] p = {0.5, 0.25};
    assertEquals((1 / 0.5 + 4 / 0.25) / 10, PerformanceEstimators.ips(loss, p, 10), 1e-12);
    assertEquals((1 / 0.5 + 4 / 0.25) / (2 + 4), PerformanceEstimators.snips(loss, p), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> PerformanceEstimators.ips(loss, new double[] {0, 1}, 10));
    assertThrows(IllegalArgumentException.class, () -> PerformanceEstimators.ips(loss, p, 1));
  }
}
