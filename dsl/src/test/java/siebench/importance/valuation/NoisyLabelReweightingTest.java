package siebench.importance.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.noise.Noise;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Liu and Tao's importance reweighting, checked against its defining property: weighting the noisy labels by
 * beta gives back the clean click rate of every region (the simulation's truth, not the formula).
 */
class NoisyLabelReweightingTest {
  static final double[] CLEAN = {0.0, 0.0, 0.02, 0.05, 0.1, 0.2, 0.4, 0.7};

  @Test
  void weightedNoisyLabelsGiveBackTheCleanRateOfEveryRegion() {
    Random r = new Random(3);
    double rho01 = 0.15;
    double rho10 = 0.1;
    int perGroup = 200_000;
    for (int g = 0; g < CLEAN.length; g++) {
      double p = CLEAN[g];
      double noisy = (1 - rho10) * p + rho01 * (1 - p);
      float[] y = new float[perGroup];
      double[] pn = new double[perGroup];
      int clean = 0;
      for (int i = 0; i < perGroup; i++) {
        boolean click = r.nextDouble() < p;
        clean += click ? 1 : 0;
        boolean observed = click ? r.nextDouble() >= rho10 : r.nextDouble() < rho01;
        y[i] = observed ? 1 : 0;
        pn[i] = noisy;
      }
      double[] w = NoisyLabelReweighting.weights(y, pn, rho01, rho10);
      double num = 0;
      double den = 0;
      for (int i = 0; i < perGroup; i++) {
        num += w[i] * y[i];
        den += w[i];
      }
      double truth = clean / (double) perGroup;
      assertEquals(truth, num / den, 0.004, "group " + g + ": clean rate " + p);
    }
  }

  @Test
  void anchorRatesAreTheExtremeQuantiles() {
    double[] p = new double[1000];
    for (int i = 0; i < p.length; i++) {
      p[i] = 0.1 + 0.8 * i / 999.0;
    }
    double[] one = NoisyLabelReweighting.anchorRates(p, 0, false);
    assertEquals(0.1, one[0], 1e-12);
    assertEquals(0.0, one[1], 0);
    double[] two = NoisyLabelReweighting.anchorRates(p, 0, true);
    assertEquals(0.1, two[1], 1e-12, "1 - max p");
    double[] q = NoisyLabelReweighting.anchorRates(p, 0.01, true);
    assertEquals(0.1 + 0.8 * 9 / 999.0, q[0], 1e-12, "the 1% quantile: index floor(0.01 * 999) = 9");
    assertEquals(1 - (0.1 + 0.8 * 990 / 999.0), q[1], 1e-12, "the 99% quantile: index ceil(0.99 * 999) = 990");
    assertTrue(q[0] > one[0] && q[1] > two[1] - 1e-12);
    assertThrows(IllegalStateException.class,
        () -> NoisyLabelReweighting.anchorRates(new double[] {0.6, 0.6}, 0, true));
    assertThrows(IllegalArgumentException.class, () -> NoisyLabelReweighting.defaults().flipRates(0.6, 0.5));
  }

  @Test
  void endToEndFakeClicksAreDownWeightedRegionByRegion() {
    // one categorical feature; clean click rates CLEAN by region; uniform fake clicks on 10% of the rows
    int n = 40_000;
    Random r = new Random(5);
    StringColumn region = StringColumn.create("region");
    IntColumn click = IntColumn.create("click");
    int[] group = new int[n];
    for (int i = 0; i < n; i++) {
      group[i] = r.nextInt(CLEAN.length);
      region.append("r" + group[i]);
      click.append(r.nextDouble() < CLEAN[group[i]] ? 1 : 0);
    }
    Samples clean = Samples.from(Table.create("regions", region, click)).label("click").categorical("region");
    Samples noisy = Noise.fakeClicks(0.1).inject(clean, 9);
    Importance beta = NoisyLabelReweighting.defaults().anchorQuantile(0)
        .estimate(noisy, EstimationContext.defaults().progress(Progress.silent()));
    assertEquals(Importance.Meaning.WEIGHT, beta.meaning());
    double rho01 = (double) beta.parameters().get("rho01");
    // fake clicks hit 10% of all rows, drawn among non-clicks: P(noisy 1 | clean 0) = 0.1 / share of non-clicks
    double nonClicks = 0;
    for (double p : CLEAN) {
      nonClicks += (1 - p) / CLEAN.length;
    }
    assertEquals(0.1 / nonClicks, rho01, 0.03, "anchor estimate of the fake-click rate");
    double[] w = beta.alignTo(noisy);
    float[] y = noisy.labels();
    float[] yClean = clean.labels();
    for (int g = 0; g < CLEAN.length; g++) {
      double num = 0;
      double den = 0;
      double noisyRate = 0;
      double cleanRate = 0;
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (group[i] == g) {
          num += w[i] * y[i];
          den += w[i];
          noisyRate += y[i];
          cleanRate += yClean[i];
          m++;
        }
      }
      double weighted = num / den;
      assertTrue(Math.abs(weighted - cleanRate / m) < 0.5 * Math.abs(noisyRate / m - cleanRate / m) + 0.01,
          "region " + g + ": weighted rate " + weighted + " is much closer to the clean " + cleanRate / m
              + " than the noisy " + noisyRate / m);
    }
  }
}
