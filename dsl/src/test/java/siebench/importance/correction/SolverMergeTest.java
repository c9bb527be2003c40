package siebench.importance.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Issue 13: the correction LR (formerly its own L-BFGS, {@link LegacyCorrectionLogistic}) now runs on the shared
 * {@code L2Logistic} with the same mean-loss convention; same optimum on fixed data with soft targets and weights.
 */
class SolverMergeTest {
  @Test
  void sameOptimaAsThePreMergeLbfgs() {
    Random r = new Random(11);
    StringColumn c = StringColumn.create("cat");
    DoubleColumn a = DoubleColumn.create("a");
    IntColumn y = IntColumn.create("click");
    int n = 1500;
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(6);
      double u = r.nextGaussian();
      c.append("c" + k);
      a.append(u);
      y.append(r.nextDouble() < 1 / (1 + Math.exp(-(0.4 * k - 1 + u))) ? 1 : 0);
    }
    Samples s = Samples.from(Table.create("t", c, a, y));
    EncodedData x = FeatureEncoder.fit(s).encode(s);
    double[] soft = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      soft[i] = 0.8 * x.labels()[i] + 0.1;
      w[i] = 0.5 + r.nextDouble();
    }
    for (double lambda : new double[] {1e-2, 1e-4}) {
      LogisticRegression.Fitted before = new LegacyCorrectionLogistic(lambda, 5000, 1e-10).fit(x, soft, w,
          Progress.silent());
      LogisticRegression.Fitted after = LogisticRegression.l2(lambda).tolerance(1e-10).fit(x, soft, w,
          Progress.silent());
      assertEquals(before.intercept(), after.intercept(), 1e-6, "intercept at lambda " + lambda);
      double[] cb = before.coefficients();
      double[] ca = after.coefficients();
      for (int j = 0; j < cb.length; j++) {
        assertEquals(cb[j], ca[j], 1e-6, "coefficient " + j + " at lambda " + lambda);
      }
      assertEquals(before.loss(), after.loss(), 1e-10, "objective at lambda " + lambda);
    }
  }
}
