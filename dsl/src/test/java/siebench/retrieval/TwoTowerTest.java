package siebench.retrieval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.Split;
import siebench.data.synthetic.PopularityInteractions;

class TwoTowerTest {
  /**
   * On a small corpus with popularity-skewed sampling, the expected logQ-corrected sampled-softmax gradient is
   * closer to the full-softmax gradient than the uncorrected one.
   */
  @Test
  void logQCorrectionBringsTheSampledGradientCloserToTheFullSoftmax() {
    Random r = new Random(1);
    int n = 50;
    int dim = 4;
    double[][] items = new double[n][dim];
    double[] q = new double[n];
    double z = 0;
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < dim; d++) {
        items[i][d] = r.nextGaussian();
      }
      q[i] = Math.pow(i + 1, -1.2);
      z += q[i];
    }
    double[] cdf = new double[n];
    double acc = 0;
    for (int i = 0; i < n; i++) {
      q[i] /= z;
      acc += q[i];
      cdf[i] = acc;
    }
    for (int trialUser = 0; trialUser < 5; trialUser++) {
      double[] u = new double[dim];
      for (int d = 0; d < dim; d++) {
        u[d] = r.nextGaussian();
      }
      int pos = r.nextInt(n);
      double[] full = SampledSoftmax.fullGradient(u, items, pos);
      double[] corrected = new double[dim];
      double[] plain = new double[dim];
      int reps = 4000;
      for (int rep = 0; rep < reps; rep++) {
        int[] sampled = new int[100];
        for (int s = 0; s < sampled.length; s++) {
          int idx = java.util.Arrays.binarySearch(cdf, r.nextDouble() * cdf[n - 1]);
          sampled[s] = Math.min(n - 1, idx >= 0 ? idx : -idx - 1);
        }
        double[] gc = SampledSoftmax.sampledGradient(u, items, pos, sampled, q, true);
        double[] gp = SampledSoftmax.sampledGradient(u, items, pos, sampled, q, false);
        for (int d = 0; d < dim; d++) {
          corrected[d] += gc[d] / reps;
          plain[d] += gp[d] / reps;
        }
      }
      double errCorrected = distance(corrected, full);
      double errPlain = distance(plain, full);
      assertTrue(errCorrected < errPlain, "user " + trialUser + ": corrected " + errCorrected + " plain " + errPlain);
    }
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }

  @Test
  void twoTowerRetrievesAndLogQHelpsOnAPopularitySkewedCatalogue() {
    Samples clicks = PopularityInteractions.defaults().rows(20_000).users(800).items(400).seed(3).generate();
    Split split = clicks.split(0.8, 5);
    TwoTower base = TwoTower.twoTower().epochs(3).batchSize(256).progress(Progress.silent());
    Map<String, Double> withLogQ;
    Map<String, Double> without;
    try (TwoTowerModel m = base.fit(split.train())) {
      withLogQ = m.evaluate(split.train(), split.test(), 50);
    }
    try (TwoTowerModel m = base.logQCorrection(false).fit(split.train())) {
      without = m.evaluate(split.train(), split.test(), 50);
    }
    System.out.println("two-tower recall@50 with logQ " + withLogQ + " without " + without);
    // far better than a random ranking of the 400-item corpus (recall@50 = 0.125), and the logQ correction helps
    assertTrue(withLogQ.get("recall@50") > 0.2, withLogQ.toString());
    assertTrue(withLogQ.get("recall@50") > without.get("recall@50"), withLogQ + " vs " + without);
  }
}
