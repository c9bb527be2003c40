package siebench.importance.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.importance.catalog.Estimators;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.metrics.Ranks;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class DensityRatioEstimatorTest {
  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** x ~ N(mean, 1), click ~ Bernoulli(sigmoid(x - 1)), plus an irrelevant categorical column. */
  static Samples gaussian(int n, double mean, long seed, String name) {
    Random r = new Random(seed);
    DoubleColumn x = DoubleColumn.create("x");
    StringColumn noise = StringColumn.create("color");
    IntColumn y = IntColumn.create("click");
    for (int i = 0; i < n; i++) {
      double v = mean + r.nextGaussian();
      x.append(v);
      noise.append("c" + r.nextInt(3));
      y.append(r.nextDouble() < sigmoid(v - 1) ? 1 : 0);
    }
    return Samples.from(Table.create(name, x, noise, y)).numeric("x");
  }

  static EstimationContext quiet() {
    return EstimationContext.defaults().progress(Progress.silent());
  }

  @Test
  void gaussianMeanShift() {
    Samples train = gaussian(6000, 0, 1, "train");
    Samples target = gaussian(6000, 1, 2, "target");
    Importance imp = Estimators.densityRatio().target(target).estimate(train, quiet());
    double[] w = imp.alignTo(train);
    double[] x = train.doubles("x");
    double[] truth = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      truth[i] = Math.exp(x[i] - 0.5); // N(1,1) / N(0,1)
    }
    double[] y = new double[x.length];
    float[] lab = train.labels();
    for (int i = 0; i < y.length; i++) {
      y[i] = lab[i];
    }
    double targetX = ImportanceSamplingTest.mean(target.doubles("x"));
    double targetCtr = mean(target.labels());
    double unweightedX = ImportanceSamplingTest.mean(x);
    Estimate wx = ImportanceSampling.selfNormalized(x, w, 0.95);
    Estimate wy = ImportanceSampling.selfNormalized(y, w, 0.95);
    System.out.printf("E_target[x]: target sample %.4f, weighted %s, unweighted %.4f%n", targetX, wx, unweightedX);
    System.out.printf("target CTR: target sample %.4f, weighted %s, unweighted %.4f%n", targetCtr, wy, mean(lab));
    System.out.printf("ESS %.0f of %d, domain AUC %s, cost %s%n", ImportanceSampling.effectiveSampleSize(w), w.length,
        imp.parameters().get("domainAuc"), imp.cost());
    assertEquals(targetX, wx.value(), 0.08);
    assertTrue(Math.abs(unweightedX - targetX) > 0.8);
    assertEquals(targetCtr, wy.value(), 0.03);
    assertTrue(Math.abs(mean(lab) - targetCtr) > 0.1);
    double pearson = Ranks.pearson(w, truth);
    double spearman = Ranks.spearman(w, truth);
    System.out.printf("estimated vs true ratio: pearson %.4f spearman %.4f%n", pearson, spearman);
    assertTrue(spearman > 0.98, "spearman " + spearman);
    assertTrue(pearson > 0.95, "pearson " + pearson);
    // unnormalized ratio is on the scale of the true ratio (mean of the true ratio under q is 1)
    double[] raw = Estimators.densityRatio().target(target).normalize(false).estimate(train, quiet())
        .alignTo(train);
    assertEquals(1, ImportanceSamplingTest.mean(raw), 0.15);
    assertEquals(1, imp.cost().trainings());
    assertEquals(1, ImportanceSamplingTest.mean(w), 1e-9);
  }

  /** Categorical shift: train category ~ q, target ~ p; the true ratio p_k / q_k is known exactly. */
  @Test
  void categoricalShiftRecoversEmpiricalRatio() {
    double[] q = {0.4, 0.3, 0.2, 0.1};
    double[] p = {0.1, 0.2, 0.3, 0.4};
    double[] ctr = {0.02, 0.05, 0.1, 0.2};
    Samples train = categorical(8000, q, ctr, 3, "train");
    Samples target = categorical(8000, p, ctr, 4, "target");
    Importance imp = Estimators.densityRatio().target(target).l2(1e-8).normalize(false)
        .estimate(train, quiet());
    double[] w = imp.alignTo(train);
    String[] cat = train.strings("cat");
    String[] tcat = target.strings("cat");
    int[] nq = new int[4];
    int[] np = new int[4];
    for (String c : cat) {
      nq[c.charAt(1) - '0']++;
    }
    for (String c : tcat) {
      np[c.charAt(1) - '0']++;
    }
    for (int i = 0; i < 50; i++) {
      int k = cat[i].charAt(1) - '0';
      // saturated domain classifier: ratio = empirical (np_k / n_p) / (nq_k / n_q)
      double empirical = (np[k] / 8000.0) / (nq[k] / 8000.0);
      assertEquals(empirical, w[i], 1e-3 * empirical, "category " + k);
      assertEquals(p[k] / q[k], w[i], 0.15 * p[k] / q[k]);
    }
    double[] y = new double[w.length];
    float[] lab = train.labels();
    for (int i = 0; i < y.length; i++) {
      y[i] = lab[i];
    }
    double trueTargetCtr = 0;
    for (int k = 0; k < 4; k++) {
      trueTargetCtr += p[k] * ctr[k];
    }
    Estimate weighted = ImportanceSampling.selfNormalized(y, w, 0.95);
    System.out.printf("categorical: true target CTR %.4f, weighted %s, unweighted %.4f%n", trueTargetCtr, weighted,
        mean(lab));
    assertEquals(trueTargetCtr, weighted.value(), 3 * weighted.standardError());
    assertTrue(Math.abs(mean(lab) - trueTargetCtr) > 0.03);
  }

  @Test
  void clippingAndErrors() {
    Samples train = gaussian(2000, 0, 5, "train");
    Samples target = gaussian(2000, 2, 6, "target");
    double[] w = Estimators.densityRatio().target(target).normalize(false).clip(5).estimate(train, quiet())
        .alignTo(train);
    double max = 0;
    for (double v : w) {
      max = Math.max(max, v);
    }
    assertEquals(5, max, 1e-12);
    double[] wq = Estimators.densityRatio().target(target).clipQuantile(0.9).estimate(train, quiet())
        .alignTo(train);
    int atMax = 0;
    double mq = 0;
    for (double v : wq) {
      mq = Math.max(mq, v);
    }
    for (double v : wq) {
      atMax += v == mq ? 1 : 0;
    }
    assertTrue(atMax >= 190 && atMax <= 210, "about 10% at the cap: " + atMax);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Estimators.densityRatio().estimate(train, quiet()));
    assertTrue(e.getMessage().contains("target"));
    Samples bad = Samples.from(Table.create("bad", IntColumn.create("click", new int[] {0, 1})));
    assertThrows(IllegalArgumentException.class,
        () -> Estimators.densityRatio().target(bad).estimate(train, quiet()));
    // cancellation is respected
    Progress cancelled = Progress.silent();
    cancelled.cancel();
    assertThrows(java.util.concurrent.CancellationException.class, () -> Estimators.densityRatio()
        .target(target).estimate(train, quiet().progress(cancelled)));
    // the validation set is the default target
    double[] viaValidation = Estimators.densityRatio().estimate(train, quiet().validation(target))
        .alignTo(train);
    assertEquals(wq.length, viaValidation.length);
  }

  static Samples categorical(int n, double[] dist, double[] ctr, long seed, String name) {
    Random r = new Random(seed);
    StringColumn c = StringColumn.create("cat");
    IntColumn y = IntColumn.create("click");
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      int k = 0;
      while (k < dist.length - 1 && u >= dist[k]) {
        u -= dist[k];
        k++;
      }
      c.append("c" + k);
      y.append(r.nextDouble() < ctr[k] ? 1 : 0);
    }
    return Samples.from(Table.create(name, c, y));
  }

  static double mean(float[] y) {
    double s = 0;
    for (float v : y) {
      s += v;
    }
    return s / y.length;
  }
}
