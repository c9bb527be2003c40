package siebench.importance.valuation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.catalog.Estimators;
import siebench.importance.Importance;

/** Beta Shapley and CS-Shapley against exact semivalues by subset enumeration on a 6-point toy game. */
class BetaAndClasswiseShapleyTest {
  static double factorial(int k) {
    double f = 1;
    for (int i = 2; i <= k; i++) {
      f *= i;
    }
    return f;
  }

  /** B(a, b) for integers a, b >= 1: (a-1)! (b-1)! / (a+b-1)!. */
  static double betaFunction(int a, int b) {
    return factorial(a - 1) * factorial(b - 1) / factorial(a + b - 1);
  }

  /** Exact Beta(alpha, beta) semivalue: sum over S of B(|S|+beta, n-1-|S|+alpha)/B(alpha,beta) [U(S+i) - U(S)]. */
  static double[] exactBeta(int n, SubsetUtility u, int alpha, int beta) {
    double[] phi = new double[n];
    for (int i = 0; i < n; i++) {
      for (int mask = 0; mask < 1 << n; mask++) {
        if ((mask >> i & 1) == 1) {
          continue;
        }
        int s = Integer.bitCount(mask);
        double w = betaFunction(s + beta, n - 1 - s + alpha) / betaFunction(alpha, beta);
        phi[i] += w * (u.value(SemivalueTest.members(mask | 1 << i, n)) - u.value(SemivalueTest.members(mask, n)));
      }
    }
    return phi;
  }

  @Test
  void weightsAreTheBetaBinomialTimesN() {
    assertArrayEquals(new double[] {1, 1, 1, 1, 1}, TmcShapley.semivalueWeights(5, 1, 1), 1e-12);
    for (int[] ab : new int[][] {{16, 1}, {4, 2}, {1, 4}}) {
      int n = 7;
      double[] w = TmcShapley.semivalueWeights(n, ab[0], ab[1]);
      for (int k = 0; k < n; k++) {
        double binom = factorial(n - 1) / factorial(k) / factorial(n - 1 - k);
        double pk = binom * betaFunction(k + ab[1], n - 1 - k + ab[0]) / betaFunction(ab[0], ab[1]);
        assertEquals(n * pk, w[k], 1e-10, "Beta" + Arrays.toString(ab) + " k=" + k);
      }
    }
    // Beta(16, 1) weights small subsets most
    double[] w = TmcShapley.semivalueWeights(100, 16, 1);
    assertTrue(w[0] > w[10] && w[10] > w[50], Arrays.toString(w));
  }

  @Test
  void betaOneOneIsTmcShapleyAndBetaSixteenOneMatchesEnumeration() {
    int n = 6;
    TmcShapley tmc = TmcShapley.defaults().truncation(0).convergence(0).maxPermutations(2000);
    double[] shapley = tmc.fit(n, SemivalueTest::toy, 3, Progress.silent()).values();
    double[] beta11 = tmc.beta(1, 1).fit(n, SemivalueTest::toy, 3, Progress.silent()).values();
    assertArrayEquals(shapley, beta11, 0, "Beta(1,1) is Shapley, same permutations");
    assertArrayEquals(SemivalueTest.exactShapley(n, SemivalueTest::toy), exactBeta(n, SemivalueTest::toy, 1, 1), 1e-12);
    // Monte Carlo tolerance: the largest weight is n p_0 = 6 * 16/21 = 4.6 and marginal contributions of the toy
    // are below 0.6, so one permutation's term has sd < 2.8 and the mean of 100,000 one < 0.009; 0.03 is > 3 sd
    for (int[] ab : new int[][] {{16, 1}, {4, 2}}) {
      double[] exact = exactBeta(n, SemivalueTest::toy, ab[0], ab[1]);
      double[] mc = TmcShapley.defaults().beta(ab[0], ab[1]).truncation(0).convergence(0).maxPermutations(100_000)
          .fit(n, SemivalueTest::toy, 11, Progress.silent()).values();
      for (int i = 0; i < n; i++) {
        assertEquals(exact[i], mc[i], 0.03, "Beta" + Arrays.toString(ab) + " point " + i + " exact "
            + Arrays.toString(exact) + " got " + Arrays.toString(mc));
      }
    }
  }

  /** A class-conditional toy game on 6 points, labels {1, 1, 1, 0, 0, 0}. */
  static double classToy(int[] s, int label) {
    int[] labels = {1, 1, 1, 0, 0, 0};
    int same = 0;
    for (int i : s) {
      same += labels[i] == label ? 1 : 0;
    }
    return SemivalueTest.toy(s) * (label == 1 ? 1 : 0.6) + 0.15 * Math.sqrt(same) - 0.05 * (s.length - same);
  }

  /** Exact CS-Shapley by enumeration of T over the other class and S over the own class. */
  static double[] exactClasswise(int[] labels, ClasswiseShapley.ClasswiseUtility u) {
    int n = labels.length;
    double[] phi = new double[n];
    for (int i = 0; i < n; i++) {
      int y = labels[i];
      int self = i;
      int[] in = java.util.stream.IntStream.range(0, n).filter(j -> labels[j] == y && j != self).toArray();
      int[] out = java.util.stream.IntStream.range(0, n).filter(j -> labels[j] != y).toArray();
      int m = in.length + 1;
      for (int tm = 0; tm < 1 << out.length; tm++) {
        for (int sm = 0; sm < 1 << in.length; sm++) {
          int[] base = new int[n];
          int c = 0;
          for (int k = 0; k < out.length; k++) {
            if ((tm >> k & 1) == 1) {
              base[c++] = out[k];
            }
          }
          int s = 0;
          for (int k = 0; k < in.length; k++) {
            if ((sm >> k & 1) == 1) {
              base[c++] = in[k];
              s++;
            }
          }
          int[] without = Arrays.copyOf(base, c);
          int[] with = Arrays.copyOf(base, c + 1);
          with[c] = i;
          double w = factorial(s) * factorial(m - s - 1) / factorial(m) / (1 << out.length);
          phi[i] += w * (u.value(with, y) - u.value(without, y));
        }
      }
    }
    return phi;
  }

  @Test
  void classwiseShapleyMatchesEnumeration() {
    int[] labels = {1, 1, 1, 0, 0, 0};
    double[] exact = exactClasswise(labels, BetaAndClasswiseShapleyTest::classToy);
    // one (subset, permutation) sample gives each point one marginal contribution (|value| < 1), so the mean of
    // 40,000 has sd < 0.005; 0.02 is 4 sd
    double[] mc = ClasswiseShapley.defaults().truncation(0).permutations(40_000)
        .fit(labels, BetaAndClasswiseShapleyTest::classToy, 5, Progress.silent());
    for (int i = 0; i < labels.length; i++) {
      assertEquals(exact[i], mc[i], 0.02, "point " + i + " exact " + Arrays.toString(exact) + " got "
          + Arrays.toString(mc));
    }
    // seeded
    double[] again = ClasswiseShapley.defaults().truncation(0).permutations(300)
        .fit(labels, BetaAndClasswiseShapleyTest::classToy, 5, Progress.silent());
    assertArrayEquals(again, ClasswiseShapley.defaults().truncation(0).permutations(300)
        .fit(labels, BetaAndClasswiseShapleyTest::classToy, 5, Progress.silent()), 0);
  }

  @Test
  void registeredBudgetedAndFlippedLabelsRankLow() {
    assertEquals("beta-shapley", Estimators.named("beta-shapley").name());
    assertEquals("cs-shapley", Estimators.named("cs-shapley").name());
    assertEquals("tmc-shapley", Estimators.named("tmc-shapley").name());
    assertTrue(Estimators.named("beta-shapley") instanceof Budgeted);
    assertTrue(Estimators.named("cs-shapley") instanceof Budgeted);
    Samples s = Toys.flip(Toys.blobs(60, 4, 8), 0, 1, 2);
    EstimationContext ctx = EstimationContext.defaults().progress(Progress.silent());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Estimators.csShapley().maxFits(10).estimate(s, ctx));
    assertTrue(e.getMessage().contains("csShapley().maxFits(") && e.getMessage().contains("knn-shapley"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Estimators.betaShapley().maxFits(10).estimate(s, ctx));
    assertTrue(e.getMessage().contains("betaShapley().maxFits("), e.getMessage());
    for (Budgeted est : new Budgeted[] {Estimators.csShapley().permutations(30),
        Estimators.betaShapley().maxPermutations(100)}) {
      Importance imp = est.estimate(s, ctx);
      double[] v = imp.alignTo(s);
      double[] clean = Arrays.copyOfRange(v, 3, v.length);
      Arrays.sort(clean);
      double flippedMean = (v[0] + v[1] + v[2]) / 3;
      double fifth = clean[clean.length / 5];
      assertTrue(flippedMean < fifth, est.name() + ": mean value of the flipped rows " + flippedMean
          + " not below the clean rows' 20th percentile " + fifth + ": " + Arrays.toString(v));
      assertTrue(imp.cost().trainings() > 0);
    }
  }
}
