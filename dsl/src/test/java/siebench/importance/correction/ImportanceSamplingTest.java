package siebench.importance.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ImportanceSamplingTest {
  @Test
  void closedFormsOnTinyInputs() {
    double[] f = {1, 2, 3, 4};
    double[] w = {0.5, 1, 1.5, 1};
    // hand-computed: sum w f = 0.5 + 2 + 4.5 + 4 = 11, sum w = 4
    assertEquals(11.0 / 4, ImportanceSampling.ordinaryMean(f, w), 1e-12);
    assertEquals(11.0 / 4, ImportanceSampling.selfNormalizedMean(f, w), 1e-12);
    double[] w2 = {1, 1, 1, 5};
    assertEquals((1 + 2 + 3 + 20) / 8.0, ImportanceSampling.selfNormalizedMean(f, w2), 1e-12);
    assertEquals((1 + 2 + 3 + 20) / 4.0, ImportanceSampling.ordinaryMean(f, w2), 1e-12);
    assertEquals(4, ImportanceSampling.effectiveSampleSize(new double[] {2, 2, 2, 2}), 1e-12);
    assertEquals(1, ImportanceSampling.effectiveSampleSize(new double[] {0, 3, 0}), 1e-12);
    assertEquals(64.0 / 28, ImportanceSampling.effectiveSampleSize(w2), 1e-12);
    // ordinary variance: sample variance of w f = {1,2,3,20} over n
    double m = 26 / 4.0;
    double ss = 0;
    for (double v : new double[] {1, 2, 3, 20}) {
      ss += (v - m) * (v - m);
    }
    assertEquals(ss / 3 / 4, ImportanceSampling.ordinaryVariance(f, w2), 1e-12);
    // delta-method SN variance by the formula written out
    double mu = 26 / 8.0;
    double sv = (Math.pow(1 - mu, 2) + Math.pow(2 - mu, 2) + Math.pow(3 - mu, 2) + 25 * Math.pow(4 - mu, 2)) / 64;
    assertEquals(sv, ImportanceSampling.selfNormalizedVariance(f, w2), 1e-12);
  }

  @Test
  void clippingAndQuantiles() {
    double[] w = {1, 2, 3, 4, 100};
    double[] c = ImportanceSampling.clip(w, 3.5);
    assertEquals(3.5, c[4]);
    assertEquals(3.0, c[2]);
    // type-7 quantile of {1,2,3,4,100} at 0.75: h = 3 -> 4; at 0.9: h = 3.6 -> 4 + 0.6 * 96
    assertEquals(4, ImportanceSampling.quantile(w, 0.75), 1e-12);
    double[] q = ImportanceSampling.clipQuantile(w, 0.9);
    assertEquals(4 + 0.6 * 96, q[4], 1e-9);
    assertEquals(1, q[0]);
    double[] nm = ImportanceSampling.normalizeMean(new double[] {1, 3});
    assertEquals(0.5, nm[0], 1e-12);
    assertEquals(1.5, nm[1], 1e-12);
  }

  @Test
  void rejectsBadWeights() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImportanceSampling.selfNormalizedMean(new double[] {1, 2}, new double[] {1, -1}));
    assertTrue(e.getMessage().contains("weight 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ImportanceSampling.ordinaryMean(new double[] {1}, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class,
        () -> ImportanceSampling.effectiveSampleSize(new double[] {Double.NaN}));
  }

  /**
   * Independent reference: Monte Carlo. q = N(0,1), p = N(0.5,1), f(x) = x, exact weights exp(0.5 x - 0.125).
   * Over many replicates, both estimators are (nearly) unbiased for E_p[x] = 0.5 and the mean of the variance
   * estimates matches the empirical variance of the estimates.
   */
  @Test
  void varianceEstimatesMatchMonteCarlo() {
    Random r = new Random(11);
    int reps = 400;
    int n = 400;
    double[] sn = new double[reps];
    double[] ord = new double[reps];
    double snVar = 0;
    double ordVar = 0;
    for (int k = 0; k < reps; k++) {
      double[] f = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        f[i] = r.nextGaussian();
        w[i] = Math.exp(0.5 * f[i] - 0.125);
      }
      sn[k] = ImportanceSampling.selfNormalizedMean(f, w);
      ord[k] = ImportanceSampling.ordinaryMean(f, w);
      snVar += ImportanceSampling.selfNormalizedVariance(f, w) / reps;
      ordVar += ImportanceSampling.ordinaryVariance(f, w) / reps;
    }
    double snMean = mean(sn);
    double ordMean = mean(ord);
    assertEquals(0.5, snMean, 0.01);
    assertEquals(0.5, ordMean, 0.01);
    double snEmp = variance(sn);
    double ordEmp = variance(ord);
    System.out.printf("SN var: delta %.3e empirical %.3e; ordinary var: formula %.3e empirical %.3e%n", snVar, snEmp,
        ordVar, ordEmp);
    assertEquals(1, snVar / snEmp, 0.2);
    assertEquals(1, ordVar / ordEmp, 0.2);
    Estimate e = ImportanceSampling.selfNormalized(new double[] {1, 2, 3}, new double[] {1, 1, 1}, 0.95);
    assertEquals(2, e.value(), 1e-12);
    assertEquals(1.959964, (e.upper() - e.value()) / e.standardError(), 1e-5);
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  static double variance(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return s / (x.length - 1);
  }
}
