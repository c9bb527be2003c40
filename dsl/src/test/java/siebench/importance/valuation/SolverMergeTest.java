package siebench.importance.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;

/**
 * Issue 13: the valuation LR now delegates to the shared {@code L2Logistic}; it must reach the same optimum as the
 * pre-merge solver ({@link LegacyValuationLogistic}, a frozen copy) on fixed data: all rows, a bootstrap sample
 * with repeats, a small subset and a one-class subset, cold and warm-started.
 */
class SolverMergeTest {
  static void assertSameFit(double[] before, double[] after, String what) {
    assertEquals(before.length, after.length);
    for (int j = 0; j < before.length; j++) {
      assertEquals(before[j], after[j], 1e-6 * Math.max(1, Math.abs(before[j])), what + " coefficient " + j);
    }
  }

  @Test
  void sameOptimaAsThePreMergeSolver() {
    Samples s = Toys.blobs(300, 1.5, 4);
    EncodedData data = FeatureEncoder.fit(s).encode(s);
    EncodedData logistic = Toys.logistic(400, 3, 2);
    for (EncodedData d : new EncodedData[] {data, logistic}) {
      int n = d.rows();
      int[] boot = DataOob.bootstraps(n, 1, 7)[0];
      int[] small = {0, 3, 5, 8, 13, 21, 34};
      int[] oneClass = java.util.stream.IntStream.range(0, n).filter(i -> d.labels()[i] > 0.5f).limit(20).toArray();
      double[] warm = LogisticRegression.defaults().fit(d).theta();
      for (int[] rows : new int[][] {CrossValuation.identity(n), boot, small, oneClass}) {
        for (double l2 : new double[] {1.0, 0.1}) {
          LegacyValuationLogistic before = new LegacyValuationLogistic(l2, 1e-4, 1e-9, 100);
          LogisticRegression after = LogisticRegression.defaults().l2(l2).tolerance(1e-9);
          assertSameFit(before.fit(d, rows, null).theta(), after.fit(d, rows, null).theta(), "cold l2=" + l2);
          assertSameFit(before.fit(d, rows, warm).theta(), after.fit(d, rows, warm).theta(), "warm l2=" + l2);
          double[] theta = after.fit(d, rows, null).theta();
          assertEquals(before.objective(d, rows, theta), after.objective(d, rows, theta),
              1e-9 * Math.abs(before.objective(d, rows, theta)), "objective convention");
          double[] gb = before.gradient(d, rows, warm);
          double[] ga = after.gradient(d, rows, warm);
          for (int j = 0; j < gb.length; j++) {
            assertEquals(gb[j], ga[j], 1e-9 * Math.max(1, Math.abs(gb[j])), "gradient convention " + j);
          }
        }
      }
    }
  }

  /** Data-OOB before and after (solver merge, in-place out-of-bag prediction) on the same bootstraps: same scores. */
  @Test
  void dataOobScoresUnchanged() {
    Samples s = Toys.flip(Toys.blobs(300, 1.0, 6), 0, 1, 2, 3);
    EncodedData data = FeatureEncoder.fit(s).encode(s);
    int[][] boots = DataOob.bootstraps(data.rows(), 30, 9);
    DataOob.Result before = DataOobSpeed.legacy(data, boots);
    DataOob.Result after = DataOobSpeed.current(data, boots);
    org.junit.jupiter.api.Assertions.assertArrayEquals(before.values(), after.values(), 0);
    org.junit.jupiter.api.Assertions.assertArrayEquals(before.outOfBagCounts(), after.outOfBagCounts());
  }
}
