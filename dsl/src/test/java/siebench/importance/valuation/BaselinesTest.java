package siebench.importance.valuation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import siebench.importance.Estimators;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.train.Progress;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class BaselinesTest {
  @Test
  void classBalanceClosedForm() {
    int[] y = {1, 0, 0, 1, 0, 0, 0, 1, 0, 0}; // 3 positives, 7 negatives
    Samples s = Samples.from(Table.create("t", IntColumn.create("click", y)));
    Importance w = Estimators.classBalance().estimate(s, EstimationContext.defaults());
    double[] v = w.alignTo(s);
    for (int i = 0; i < y.length; i++) {
      assertEquals(y[i] == 1 ? 10.0 / (2 * 3) : 10.0 / (2 * 7), v[i], 1e-12);
    }
    assertEquals(1.0, Arrays.stream(v).average().orElse(0), 1e-12);
    // each class carries the same total weight
    assertEquals(3 * v[0], 7 * v[1], 1e-12);
  }

  @Test
  void randomIsSeededAndUniform() {
    int n = 20_000;
    Samples s = Samples.from(Table.create("t", IntColumn.create("click", new int[n])));
    EstimationContext ctx = EstimationContext.defaults().seed(3).progress(Progress.silent());
    double[] a = Estimators.random().estimate(s, ctx).alignTo(s);
    double[] b = Estimators.random().estimate(s, ctx).alignTo(s);
    double[] c = Estimators.random().estimate(s, ctx.seed(4)).alignTo(s);
    assertArrayEquals(a, b, 0);
    assertTrue(!Arrays.equals(a, c));
    // Kolmogorov-Smirnov against U[0,1): D < 1.63 / sqrt(n) (1% level)
    double[] sorted = a.clone();
    Arrays.sort(sorted);
    double d = 0;
    for (int i = 0; i < n; i++) {
      d = Math.max(d, Math.max(Math.abs((i + 1.0) / n - sorted[i]), Math.abs(sorted[i] - (double) i / n)));
    }
    assertTrue(d < 1.63 / Math.sqrt(n), "KS D = " + d);
    assertTrue(sorted[0] >= 0 && sorted[n - 1] < 1);
  }
}
