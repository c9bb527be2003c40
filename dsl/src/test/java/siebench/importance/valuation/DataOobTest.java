package siebench.importance.valuation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;

class DataOobTest {
  @Test
  void outOfBagAverageByHand() {
    float[] y = {1, 0, 1, 0};
    int[][] boots = {{0, 0, 1, 1}, {2, 3, 3, 2}, {0, 1, 2, 0}};
    assertArrayEquals(new int[] {2, 3}, DataOob.outOfBag(4, boots[0]));
    assertArrayEquals(new int[] {0, 1}, DataOob.outOfBag(4, boots[1]));
    assertArrayEquals(new int[] {3}, DataOob.outOfBag(4, boots[2]));
    // fake learner: P(y=1) of row i = 0.2 i + 0.1 * (first drawn row)
    DataOob.BootstrapFit fit = (boot, oob) -> Arrays.stream(oob).mapToDouble(i -> 0.2 * i + 0.1 * boot[0]).toArray();
    DataOob.Result ll = DataOob.values(y, boots, fit, DataOob.Score.NEG_LOG_LOSS, Progress.silent());
    // row 0: only out of bag in b1, p = 0.2 -> ln 0.2; row 1: b1, p = 0.4, y = 0 -> ln 0.6
    // row 2: b0, p = 0.4 -> ln 0.4; row 3: b0 (p = 0.6) and b2 (p = 0.6), y = 0 -> ln 0.4
    assertArrayEquals(new double[] {Math.log(0.2), Math.log(0.6), Math.log(0.4), Math.log(0.4)}, ll.values(), 1e-12);
    assertArrayEquals(new int[] {1, 1, 1, 2}, ll.outOfBagCounts());
    DataOob.Result acc = DataOob.values(y, boots, fit, DataOob.Score.CORRECTNESS, Progress.silent());
    // row 1 predicted 0.4 with label 0: correct; all others wrong
    assertArrayEquals(new double[] {0, 1, 0, 0}, acc.values(), 0);
  }

  @Test
  void neverOutOfBagRowsGetTheMean() {
    float[] y = {1, 0, 1};
    int[][] boots = {{0, 1, 1}}; // row 2 out of bag; rows 0 and 1 never
    DataOob.Result r = DataOob.values(y, boots, (b, oob) -> new double[] {0.9}, DataOob.Score.CORRECTNESS,
        Progress.silent());
    assertEquals(2, r.neverOutOfBag());
    assertArrayEquals(new double[] {1, 1, 1}, r.values(), 0);
  }

  @Test
  void bootstrapsAreSeeded() {
    assertEquals(Arrays.deepToString(DataOob.bootstraps(10, 3, 4)), Arrays.deepToString(DataOob.bootstraps(10, 3, 4)));
    assertTrue(!Arrays.deepEquals(DataOob.bootstraps(10, 3, 4), DataOob.bootstraps(10, 3, 5)));
  }

  @Test
  void flippedLabelsGetLowValues() {
    Samples s = Toys.flip(Toys.blobs(200, 5, 8), 0, 1, 2);
    Importance imp = DataOob.defaults().learners(40).estimate(s,
        EstimationContext.defaults().progress(Progress.silent()));
    double[] v = imp.alignTo(s);
    double rest = Arrays.stream(v, 3, v.length).average().orElse(0);
    for (int i = 0; i < 3; i++) {
      assertTrue(v[i] < 0.2, "flipped row " + i + " value " + v[i]);
    }
    assertTrue(rest > 0.9, "mean value of clean rows " + rest);
    assertEquals(40, imp.cost().trainings());
  }
}
