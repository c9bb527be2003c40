package siebench.importance.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.importance.catalog.Estimators;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.metrics.Ranks;
import tech.tablesaw.api.Table;

class IteratedDensityRatioTest {
  static EstimationContext quiet(long seed) {
    return EstimationContext.defaults().progress(Progress.silent()).seed(seed);
  }

  /**
   * Toy with a known answer: train x ~ N(0,1), target x ~ N(1,1), estimand x, so the target mean is exactly 1.
   * The IS variance must fall over the iterations and the final estimate be unbiased over seeds.
   */
  @Test
  void varianceFallsAndEstimateIsUnbiased() {
    double sumFinal = 0;
    int seeds = 4;
    for (int s = 0; s < seeds; s++) {
      Samples train = DensityRatioEstimatorTest.gaussian(3000, 0, 100 + s, "train");
      Samples target = DensityRatioEstimatorTest.gaussian(3000, 1, 200 + s, "target");
      IteratedDensityRatio.Result r = Estimators.iteratedDensityRatio().target(target)
          .iterations(4).estimand("x").features("x").fit(train, quiet(s));
      Table t = r.iterations();
      if (s == 0) {
        System.out.println(t.print());
        System.out.println(r.importance() + " cost " + r.importance().cost());
      }
      double[] var = t.doubleColumn("variance").asDoubleArray();
      double[] ess = t.doubleColumn("ess_fraction").asDoubleArray();
      double[] est = t.doubleColumn("estimate").asDoubleArray();
      assertTrue(var[var.length - 1] < 0.7 * var[0], "variance " + var[0] + " -> " + var[var.length - 1]);
      assertTrue(ess[ess.length - 1] > ess[0] + 0.2, "ESS fraction " + ess[0] + " -> " + ess[ess.length - 1]);
      double finalSe = Math.sqrt(var[var.length - 1]);
      assertEquals(1, est[est.length - 1], 4 * finalSe + 0.02);
      sumFinal += est[est.length - 1];
      // the accumulated weights track the true ratio exp(x - 1/2)
      double[] w = r.importance().alignTo(train);
      double[] x = train.doubles("x");
      assertTrue(Ranks.spearman(w, x) > 0.95, "weights monotone in x");
      assertEquals(4, r.importance().cost().trainings());
    }
    System.out.printf("mean final estimate over %d seeds: %.4f (truth 1)%n", seeds, sumFinal / seeds);
    assertEquals(1, sumFinal / seeds, 0.05);
  }

  @Test
  void deterministicResamplingAndErrors() {
    Samples train = DensityRatioEstimatorTest.gaussian(500, 0, 1, "train");
    Samples target = DensityRatioEstimatorTest.gaussian(500, 1, 2, "target");
    IteratedDensityRatio ais = Estimators.iteratedDensityRatio().target(target).iterations(2);
    double[] a = ais.estimate(train, quiet(3)).alignTo(train);
    double[] b = ais.estimate(train, quiet(3)).alignTo(train);
    assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
    // resampling frequencies follow the weights (chi-square-free check with a generous tolerance)
    double[] w = {0, 1, 3, 0, 6};
    double[] c = IteratedDensityRatio.resample(w, 100000, new SplittableRandom(1));
    assertEquals(0, c[0]);
    assertEquals(0, c[3]);
    assertEquals(0.1, c[1] / 100000, 0.005);
    assertEquals(0.3, c[2] / 100000, 0.005);
    assertEquals(0.6, c[4] / 100000, 0.005);
    assertThrows(IllegalStateException.class,
        () -> Estimators.iteratedDensityRatio().estimate(train, quiet(1)));
    Progress stop = Progress.silent();
    stop.cancel();
    assertThrows(java.util.concurrent.CancellationException.class,
        () -> ais.estimate(train, quiet(1).progress(stop)));
  }
}
