package siebench.importance.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import siebench.importance.Estimators;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.train.Progress;

class PositionBiasTest {
  static final double ETA = 1.0;
  static final int SHOWN = 10;

  static EstimationContext quiet() {
    return EstimationContext.defaults().progress(Progress.silent());
  }

  static void report(String what, Propensities est) {
    Propensities truth = Propensities.powerLaw(ETA, SHOWN);
    double[] err = est.relativeErrors(truth);
    StringBuilder sb = new StringBuilder(what + " relative error per position:");
    for (int k = 0; k < err.length; k++) {
      sb.append(String.format(" %d:%.3f(%.3f vs %.3f)", k + 1, err[k], est.at(k + 1), truth.at(k + 1)));
    }
    System.out.println(sb);
  }

  @Test
  void ndcgHelperMatchesHandComputation() {
    // ranking by score: docs 0 (gain 1), 2 (gain 3), 1 (gain 2): DCG = 1 + 3/log2(3) + 2/2
    double dcg = 1 + 3 / (Math.log(3) / Math.log(2)) + 1;
    double idcg = 3 + 2 / (Math.log(3) / Math.log(2)) + 0.5;
    assertEquals(dcg / idcg, ClickLogSimulator.ndcg(new double[] {0.9, 0.1, 0.5}, new double[] {1, 2, 3}, 10), 1e-12);
    assertEquals(1, ClickLogSimulator.ndcg(new double[] {3, 2, 1}, new double[] {3, 2, 1}, 2), 1e-12);
  }

  @Test
  void resultRandomizationRecoversPropensities() {
    ClickLogSimulator sim = new ClickLogSimulator(300, 20, 1);
    Samples random = sim.logs(60, SHOWN, ETA, 0, true, 2);
    Propensities p = ResultRandomization.estimate(random);
    report("result randomization", p);
    double[] err = p.relativeErrors(Propensities.powerLaw(ETA, SHOWN));
    for (int k = 0; k < SHOWN; k++) {
      assertTrue(err[k] < 0.15, "position " + (k + 1) + " error " + err[k]);
      // within 3.5 standard errors of the truth
      assertEquals(Propensities.powerLaw(ETA, SHOWN).at(k + 1), p.at(k + 1), 3.5 * p.standardError(k + 1) + 1e-12);
    }
    assertEquals(1, p.at(1), 1e-12);
  }

  @Test
  void perPairEmRecoversPropensities() {
    ClickLogSimulator sim = new ClickLogSimulator(300, 20, 3);
    Samples logs = sim.logs(40, SHOWN, ETA, 1.5, false, 4);
    RegressionEm.Result r = Estimators.regressionEm().fit(logs, Progress.silent());
    Propensities rel = r.relative();
    report("per-pair EM (" + r.iterations() + " iterations, " + logs.size() + " rows)", rel);
    double[] err = rel.relativeErrors(Propensities.powerLaw(ETA, SHOWN));
    for (int k = 0; k < SHOWN; k++) {
      assertTrue(err[k] < 0.15, "position " + (k + 1) + " error " + err[k]);
    }
    // the log-likelihood never decreases (EM property)
    double[] ll = r.trace().doubleColumn("log_likelihood").asDoubleArray();
    for (int i = 1; i < ll.length; i++) {
      assertTrue(ll[i] >= ll[i - 1] - 1e-6 * Math.abs(ll[i - 1]), "EM log-likelihood decreased at " + i);
    }
  }

  @Test
  void featureBasedRegressionEmRecoversPropensities() {
    ClickLogSimulator sim = new ClickLogSimulator(300, 20, 5);
    long t0 = System.nanoTime();
    Samples logs = sim.logs(20, SHOWN, ETA, 1.5, false, 6).features("x1", "x2");
    long t1 = System.nanoTime();
    RegressionEm.Result r = RegressionEm.featureBased().fit(logs, Progress.silent());
    System.out.printf("simulate %d ms, EM %d ms%n", (t1 - t0) / 1000000, (System.nanoTime() - t1) / 1000000);
    Propensities rel = r.relative();
    report("feature-based regression-EM (" + r.iterations() + " iterations, " + r.fits() + " fits)", rel);
    double[] err = rel.relativeErrors(Propensities.powerLaw(ETA, SHOWN));
    for (int k = 0; k < SHOWN; k++) {
      assertTrue(err[k] < 0.15, "position " + (k + 1) + " error " + err[k]);
    }
  }

  @Test
  void weightsFollowTheDefinition() {
    ClickLogSimulator sim = new ClickLogSimulator(20, 20, 7);
    Samples logs = sim.logs(5, SHOWN, ETA, 1.5, false, 8);
    Propensities truth = Propensities.powerLaw(ETA, SHOWN);
    Importance imp = Estimators.ips().propensities(truth).clip(5).estimate(logs, quiet());
    double[] w = imp.alignTo(logs);
    float[] y = logs.labels();
    double[] pos = logs.doubles("position");
    double clickSum = 0;
    int clicks = 0;
    for (int i = 0; i < w.length; i++) {
      double expected = y[i] > 0.5f ? Math.min(5, pos[i]) : 1; // 1 / (1/k) = k, clipped at 5
      assertEquals(expected, w[i], 1e-12);
      if (y[i] > 0.5f) {
        clickSum += w[i];
        clicks++;
      }
    }
    double[] sn = Estimators.ips().propensities(truth).clip(5).selfNormalized(true).estimate(logs, quiet())
        .alignTo(logs);
    for (int i = 0; i < w.length; i++) {
      assertEquals(y[i] > 0.5f ? w[i] / (clickSum / clicks) : 1, sn[i], 1e-12);
    }
    // the per-row column gives the same weights as the equivalent per-position map
    double[] viaColumn = Estimators.ips().propensityColumn("examination").clip(5).estimate(logs, quiet())
        .alignTo(logs);
    assertEquals(java.util.Arrays.toString(w), java.util.Arrays.toString(viaColumn));
    Map<Integer, Double> map = new java.util.HashMap<>();
    for (int k = 1; k <= SHOWN; k++) {
      map.put(k, 1.0 / k);
    }
    double[] viaMap = Estimators.ips().propensities(map).clip(5).estimate(logs, quiet()).alignTo(logs);
    assertEquals(java.util.Arrays.toString(w), java.util.Arrays.toString(viaMap));
    // errors name the problem
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Estimators.ips().propensities(Propensities.of(1, 0.5)).estimate(logs, quiet()));
    assertTrue(e.getMessage().contains("no propensity for position 3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Propensities.of(1, 1.5));
    assertThrows(IllegalStateException.class, () -> Estimators.ips().estimate(logs.position(null), quiet()));
  }
}
