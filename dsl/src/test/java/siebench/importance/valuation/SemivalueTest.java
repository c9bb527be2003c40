package siebench.importance.valuation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.Split;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;

/** TMC-Shapley and Data Banzhaf against exact values by subset enumeration. */
class SemivalueTest {
  /** A non-additive toy game: weighted coverage with a synergy and a redundancy. */
  static double toy(int[] s) {
    double[] w = {0.9, 0.5, 0.3, 0.2, -0.4, 0.7};
    boolean[] in = new boolean[6];
    double u = 0;
    for (int i : s) {
      in[i] = true;
      u += w[i];
    }
    if (in[0] && in[1]) {
      u += 0.6; // synergy
    }
    if (in[2] && in[5]) {
      u -= 0.5; // redundancy
    }
    return Math.sqrt(Math.max(0, u + 0.5));
  }

  static int[] members(int mask, int n) {
    return java.util.stream.IntStream.range(0, n).filter(i -> (mask >> i & 1) == 1).toArray();
  }

  static double[] exactShapley(int n, SubsetUtility u) {
    double[] phi = new double[n];
    double[] fact = new double[n + 1];
    fact[0] = 1;
    for (int i = 1; i <= n; i++) {
      fact[i] = fact[i - 1] * i;
    }
    for (int i = 0; i < n; i++) {
      for (int mask = 0; mask < 1 << n; mask++) {
        if ((mask >> i & 1) == 1) {
          continue;
        }
        int s = Integer.bitCount(mask);
        double w = fact[s] * fact[n - s - 1] / fact[n];
        phi[i] += w * (u.value(members(mask | 1 << i, n)) - u.value(members(mask, n)));
      }
    }
    return phi;
  }

  static double[] exactBanzhaf(int n, SubsetUtility u) {
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      for (int mask = 0; mask < 1 << n; mask++) {
        if ((mask >> i & 1) == 0) {
          b[i] += u.value(members(mask | 1 << i, n)) - u.value(members(mask, n));
        }
      }
      b[i] /= 1 << (n - 1);
    }
    return b;
  }

  @Test
  void tmcConvergesToExactShapley() {
    for (int n : new int[] {4, 6}) {
      double[] exact = exactShapley(n, SemivalueTest::toy);
      TmcShapley.Result r = TmcShapley.defaults().truncation(0).convergence(0).maxPermutations(40_000)
          .fit(n, SemivalueTest::toy, 3, Progress.silent());
      assertEquals(40_000, r.permutations());
      for (int i = 0; i < n; i++) {
        assertEquals(exact[i], r.values()[i], 0.01, "n=" + n + " point " + i + " exact " + Arrays.toString(exact)
            + " got " + Arrays.toString(r.values()));
      }
      // efficiency holds for every permutation, hence exactly for the average
      assertEquals(toy(CrossValuation.identity(n)) - toy(new int[0]), Arrays.stream(r.values()).sum(), 1e-9);
    }
  }

  @Test
  void tmcIsSeededAndTruncationSkipsEvaluations() {
    // a game that saturates once point 0 is in: truncation drops the rest of each permutation
    AtomicLong calls = new AtomicLong();
    SubsetUtility sat = s -> {
      calls.incrementAndGet();
      for (int i : s) {
        if (i == 0) {
          return 1;
        }
      }
      return 0;
    };
    TmcShapley tmc = TmcShapley.defaults().truncation(1e-9).convergence(0).maxPermutations(200);
    TmcShapley.Result a = tmc.fit(8, sat, 5, Progress.silent());
    long truncatedCalls = calls.getAndSet(0);
    TmcShapley.Result b = tmc.fit(8, sat, 5, Progress.silent());
    assertEquals(Arrays.toString(a.values()), Arrays.toString(b.values()));
    // exact for this game even with truncation: point 0 gets everything
    assertEquals(1.0, a.values()[0], 1e-12);
    tmc.truncation(0).fit(8, sat, 5, Progress.silent());
    long fullCalls = calls.get();
    assertTrue(truncatedCalls < fullCalls / 2, truncatedCalls + " vs " + fullCalls);
  }

  @Test
  void threadCountDoesNotChangeTheEstimates() {
    TmcShapley tmc = TmcShapley.defaults().truncation(0).convergence(0).maxPermutations(250);
    double[] one = tmc.fit(6, SemivalueTest::toy, 4, Progress.silent()).values();
    double[] two = tmc.threads(2).fit(6, SemivalueTest::toy, 4, Progress.silent()).values();
    double[] twoAgain = tmc.threads(2).fit(6, SemivalueTest::toy, 4, Progress.silent()).values();
    assertArrayEquals(one, two, 1e-12);
    assertArrayEquals(two, twoAgain, 0);
    DataBanzhaf msr = DataBanzhaf.defaults().samples(999);
    double[] b1 = msr.fit(6, SemivalueTest::toy, 4, Progress.silent());
    double[] b2 = msr.threads(2).fit(6, SemivalueTest::toy, 4, Progress.silent());
    assertArrayEquals(b1, b2, 1e-12);
  }

  @Test
  void tmcStopsOnConvergence() {
    TmcShapley.Result r = TmcShapley.defaults().truncation(0).convergence(0.05).maxPermutations(50_000)
        .fit(5, SemivalueTest::toy, 1, Progress.silent());
    assertTrue(r.converged());
    assertTrue(r.permutations() < 50_000 && r.permutations() % 100 == 0, "" + r.permutations());
  }

  @Test
  void tmcAndMsrOnTheLogisticRegressionUtility() {
    // the real utility: validation AUC of the Java LR fitted on each subset of 6 training rows
    siebench.features.EncodedData all = Toys.logistic(46, 2, 17);
    int[] trainRows = {0, 1, 2, 3, 4, 5};
    siebench.features.EncodedData train = all.subset(trainRows);
    siebench.features.EncodedData valid = all.subset(java.util.stream.IntStream.range(6, 46).toArray());
    LearnerUtility u = new LearnerUtility(new LogisticLearner(LogisticRegression.defaults().tolerance(1e-10)), train,
        valid, UtilityMetric.AUC);
    double[] shapley = exactShapley(6, u);
    double[] banzhaf = exactBanzhaf(6, u);
    TmcShapley.Result tmc = TmcShapley.defaults().truncation(0).convergence(0).maxPermutations(10_000).threads(2)
        .fit(6, u, 2, Progress.silent());
    double[] msr = DataBanzhaf.defaults().samples(20_000).threads(2).fit(6, u, 2, Progress.silent());
    // AUC is bounded in [0, 1]: 0.03 is at least 3 standard errors of either estimate
    for (int i = 0; i < 6; i++) {
      assertEquals(shapley[i], tmc.values()[i], 0.03, "Shapley of row " + i + ": " + Arrays.toString(shapley));
      assertEquals(banzhaf[i], msr[i], 0.03, "Banzhaf of row " + i + ": " + Arrays.toString(banzhaf));
    }
  }

  @Test
  void msrConvergesToExactBanzhaf() {
    for (int n : new int[] {4, 6}) {
      double[] exact = exactBanzhaf(n, SemivalueTest::toy);
      double[] got = DataBanzhaf.defaults().samples(200_000).fit(n, SemivalueTest::toy, 9, Progress.silent());
      for (int i = 0; i < n; i++) {
        assertEquals(exact[i], got[i], 0.01, "n=" + n + " point " + i + " exact " + Arrays.toString(exact)
            + " got " + Arrays.toString(got));
      }
    }
  }

  @Test
  void estimatorsRankFlippedLabelsLow() {
    Samples s = Toys.blobs(120, 3, 2);
    Split sp = s.split(0.5, 4);
    int[] flipped = {0, 1, 2, 3, 4};
    Samples train = Toys.flip(sp.train(), flipped);
    EstimationContext ctx = EstimationContext.defaults().validation(sp.test()).progress(Progress.silent());
    Importance tmc = TmcShapley.defaults().metric(UtilityMetric.ACCURACY).maxPermutations(200).estimate(train, ctx);
    Importance banzhaf = DataBanzhaf.defaults().metric(UtilityMetric.NEG_LOG_LOSS).samples(2000)
        .estimate(train, ctx);
    for (Importance imp : new Importance[] {tmc, banzhaf}) {
      double[] v = imp.alignTo(train);
      double flippedMean = 0;
      for (int f : flipped) {
        flippedMean += v[f] / flipped.length;
      }
      double[] rest = Arrays.copyOfRange(v, flipped.length, v.length);
      double[] sorted = rest.clone();
      Arrays.sort(sorted);
      double lowerQuartile = sorted[sorted.length / 4];
      assertTrue(flippedMean < lowerQuartile, imp.estimator() + ": flipped mean " + flippedMean
          + " vs lower quartile of the others " + lowerQuartile + " " + Arrays.toString(Arrays.copyOf(v, 5)));
      assertTrue(imp.cost().trainings() > 100, imp.estimator() + " fits " + imp.cost().trainings());
    }
  }
}
