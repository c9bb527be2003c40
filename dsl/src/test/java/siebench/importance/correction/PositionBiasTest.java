package siebench.importance.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.importance.catalog.Estimators;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.train.Objective;

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
    PositionBiasEm.Result r = Estimators.perPairEm().fit(logs, Progress.silent());
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
  void regressionEmRecoversPropensities() {
    ClickLogSimulator sim = new ClickLogSimulator(300, 20, 5);
    Samples logs = sim.logs(20, SHOWN, ETA, 1.5, false, 6).features("x1", "x2");
    PositionBiasEm.Result r = Estimators.regressionEm().fit(logs, Progress.silent());
    Propensities rel = r.relative();
    report("regression-EM (" + r.iterations() + " iterations, " + r.fits() + " fits)", rel);
    // absolute propensities under the assumption that position 1 is always examined
    assertEquals(1, r.absolute(1).at(1), 1e-12);
    assertEquals(0.5 * rel.at(4), r.absolute(0.5).at(4), 1e-12);
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
    Importance imp = Estimators.ips().propensities(truth).objective(Objective.ips().clip(0.2)).estimate(logs, quiet());
    double[] w = imp.alignTo(logs);
    float[] y = logs.labels();
    double[] pos = logs.doubles("position");
    for (int i = 0; i < w.length; i++) {
      double expected = y[i] > 0.5f ? Math.min(5, pos[i]) : 1; // 1 / (1/k) = k, propensity clipped at 0.2
      assertEquals(expected, w[i], 1e-12);
    }
    // the propensities added for training are the truth per position, unclipped (the objective clips)
    double[] theta = Estimators.ips().propensities(truth).withPropensities(logs, Progress.silent()).propensities();
    for (int i = 0; i < w.length; i++) {
      assertEquals(1 / pos[i], theta[i], 1e-12);
    }
    // the per-row column gives the same weights as the equivalent per-position map
    double[] viaColumn = Estimators.ips().propensityColumn("examination").objective(Objective.ips().clip(0.2))
        .estimate(logs, quiet()).alignTo(logs);
    assertEquals(java.util.Arrays.toString(w), java.util.Arrays.toString(viaColumn));
    Map<Integer, Double> map = new java.util.HashMap<>();
    for (int k = 1; k <= SHOWN; k++) {
      map.put(k, 1.0 / k);
    }
    double[] viaMap = Estimators.ips().propensities(map).objective(Objective.ips().clip(0.2)).estimate(logs, quiet())
        .alignTo(logs);
    assertEquals(java.util.Arrays.toString(w), java.util.Arrays.toString(viaMap));
    // errors name the problem
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Estimators.ips().propensities(Propensities.of(1, 0.5)).estimate(logs, quiet()));
    assertTrue(e.getMessage().contains("no propensity for position 3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Propensities.of(1, 1.5));
    assertThrows(IllegalStateException.class, () -> Estimators.ips().estimate(logs.position(null), quiet()));
  }
}
