package siebench.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static siebench.data.synthetic.SyntheticTestSupport.ints;
import static siebench.data.synthetic.SyntheticTestSupport.mean;

import org.junit.jupiter.api.Test;
import siebench.data.Samples;

/**
 * Class imbalance against the requested positive rate, and covariate shift against two-sample statistics and
 * the importance-sampling identity {@code E_train[w f] = E_test[f]} for the recorded density ratio w.
 */
class ImbalanceAndShiftTest {
  @Test
  void positiveRateKnobHitsItsTarget() {
    for (double target : new double[] {0.02, 0.1, 0.2}) {
      SyntheticData d = Synthetic.ecommerce().rows(100_000).testRows(0).seed(13).positiveRate(target).generate();
      double[] p = d.samples().doubles("truth_click_prob");
      double var = 0;
      for (double v : p) {
        var += v * (1 - v);
      }
      assertEquals(target, mean(p), 1e-8, "expected click rate after calibration");
      assertEquals(target, d.positiveRate(), 4.5 * Math.sqrt(var) / p.length, "observed rate for target " + target);
    }
    SyntheticData d = Synthetic.ecommerce().rows(100_000).testRows(0).seed(13).imbalance(19).generate();
    assertEquals(0.05, mean(d.samples().doubles("truth_click_prob")), 1e-8);
    assertEquals(0.05, d.positiveRate(), 0.004);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Synthetic.ecommerce().rows(1_000).positiveRate(0.5).generate());
    assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
  }

  @Test
  void withoutShiftTestMatchesTrainDistribution() {
    SyntheticData d = Synthetic.ecommerce().rows(100_000).testRows(100_000).seed(17).generate();
    assertEquals(0, zLogPrice(d), 4.5);
    assertEquals(0, zMorning(d), 4.5);
    assertEquals(1.0, mean(d.samples().doubles("truth_density_ratio")), 0.0);
    assertEquals(1.0, mean(d.test().doubles("truth_density_ratio")), 0.0);
  }

  @Test
  void shiftedTestDiffersAndTheDensityRatioReweightsTrainToTest() {
    SyntheticData d = Synthetic.ecommerce().rows(200_000).testRows(100_000).seed(17).covariateShift(0.7).generate();
    double zPrice = zLogPrice(d);
    double zHour = zMorning(d);
    assertTrue(zPrice > 10, "test prices should be higher, z = " + zPrice);
    assertTrue(zHour > 10, "test traffic should be more in the morning, z = " + zHour);
    Samples train = d.samples();
    Samples test = d.test();
    double[] w = train.doubles("truth_density_ratio");
    // E_P[w] = 1 (sessions are the sampling unit; rows of a session share w)
    assertEquals(1.0, mean(w), 0.05);
    // E_P[w f] = E_Q[f] for f = log price, morning indicator, user affluence (1 - price sensitivity)
    double[] trainLogPrice = log(train.doubles("price"));
    double[] testLogPrice = log(test.doubles("price"));
    assertEquals(mean(testLogPrice), weightedMean(trainLogPrice, w), 0.05);
    assertEquals(mean(morning(test)), weightedMean(morning(train), w), 0.02);
    double[] sTrain = sensitivity(d, train);
    double[] sTest = sensitivity(d, test);
    assertTrue(mean(sTest) < mean(sTrain) - 0.05, "test users should be less price sensitive");
    assertEquals(mean(sTest), weightedMean(sTrain, w), 0.04);
  }

  private static double[] sensitivity(SyntheticData d, Samples s) {
    int[] u = ints(s, "user_id");
    double[] out = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      out[i] = d.world().userPriceSensitivity(u[i]);
    }
    return out;
  }

  private static double weightedMean(double[] x, double[] w) {
    double s = 0;
    double sw = 0;
    for (int i = 0; i < x.length; i++) {
      s += w[i] * x[i];
      sw += w[i];
    }
    return s / sw;
  }

  private static double[] log(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.log(x[i]);
    }
    return y;
  }

  private static double[] morning(Samples s) {
    int[] h = ints(s, "hour");
    double[] y = new double[h.length];
    for (int i = 0; i < h.length; i++) {
      y[i] = h[i] >= 6 && h[i] < 12 ? 1 : 0;
    }
    return y;
  }

  /** Welch z statistic of test minus train mean log price, counting sessions (10 rows) as the unit. */
  private static double zLogPrice(SyntheticData d) {
    return welch(log(d.samples().doubles("price")), log(d.test().doubles("price")));
  }

  private static double zMorning(SyntheticData d) {
    return welch(morning(d.samples()), morning(d.test()));
  }

  private static double welch(double[] a, double[] b) {
    double ma = mean(a);
    double mb = mean(b);
    double va = 0;
    double vb = 0;
    for (double x : a) {
      va += (x - ma) * (x - ma);
    }
    for (double x : b) {
      vb += (x - mb) * (x - mb);
    }
    // rows within a session are correlated: use the number of sessions (rows / 10) as the effective size
    double na = a.length / 10.0;
    double nb = b.length / 10.0;
    return (mb - ma) / Math.sqrt(va / a.length / na + vb / b.length / nb);
  }
}
