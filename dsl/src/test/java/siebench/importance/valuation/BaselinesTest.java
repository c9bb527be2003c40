package siebench.importance.valuation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.importance.catalog.Estimators;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
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
    // nearby seeds give unrelated streams, not shifted copies: the correlation of a with c at lags -1, 0, 1 is
    // within 4 standard errors (1 / sqrt(n)) of 0
    for (int lag = -1; lag <= 1; lag++) {
      double sxy = 0;
      int m = 0;
      for (int i = Math.max(0, -lag); i < n - Math.max(0, lag); i++) {
        sxy += (a[i] - 0.5) * (c[i + lag] - 0.5);
        m++;
      }
      double corr = sxy / m / (1.0 / 12); // the variance of U[0,1) is 1/12
      assertTrue(Math.abs(corr) < 4 / Math.sqrt(m), "seed 3 vs seed 4 at lag " + lag + ": correlation " + corr);
    }
  }
}
