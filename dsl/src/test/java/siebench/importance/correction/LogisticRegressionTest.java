package siebench.importance.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.core.Numerics;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class LogisticRegressionTest {
  /**
   * Reference: with one categorical feature and (almost) no penalty, logistic regression is the saturated
   * model, so its fitted probability for each category equals the empirical click rate of that category.
   */
  @Test
  void saturatedModelMatchesEmpiricalRates() {
    Random r = new Random(3);
    double[] rate = {0.1, 0.3, 0.5, 0.8};
    StringColumn c = StringColumn.create("cat");
    IntColumn y = IntColumn.create("click");
    int[] n = new int[4];
    int[] k = new int[4];
    for (int i = 0; i < 4000; i++) {
      int a = r.nextInt(4);
      c.append("c" + a);
      int v = r.nextDouble() < rate[a] ? 1 : 0;
      y.append(v);
      n[a]++;
      k[a] += v;
    }
    Samples s = Samples.from(Table.create("t", c, y));
    EncodedData x = FeatureEncoder.fit(s).encode(s);
    double[] t = new double[x.rows()];
    for (int i = 0; i < t.length; i++) {
      t[i] = x.labels()[i];
    }
    LogisticRegression.Fitted f = LogisticRegression.l2(1e-9).fit(x, t, null, Progress.silent());
    double[] p = f.probabilities(x);
    String[] cats = s.strings("cat");
    for (int i = 0; i < 20; i++) {
      int a = cats[i].charAt(1) - '0';
      assertEquals((double) k[a] / n[a], p[i], 1e-5, "category " + a);
    }
    assertTrue(f.gradientNorm() < 1e-6, "converged: " + f.gradientNorm());
  }

  /** Reference: the known generating coefficients of a large logistic sample, and zero gradient at the optimum. */
  @Test
  void recoversDenseCoefficientsAndSoftTargets() {
    Random r = new Random(5);
    DoubleColumn x1 = DoubleColumn.create("x1");
    DoubleColumn x2 = DoubleColumn.create("x2");
    IntColumn y = IntColumn.create("click");
    int n = 40000;
    for (int i = 0; i < n; i++) {
      double a = r.nextGaussian();
      double b = r.nextGaussian();
      x1.append(a);
      x2.append(b);
      y.append(r.nextDouble() < Numerics.sigmoid(-0.5 + 1.5 * a - 0.7 * b) ? 1 : 0);
    }
    Samples s = Samples.from(Table.create("t", x1, x2, y));
    EncodedData x = FeatureEncoder.fit(s).encode(s);
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = x.labels()[i];
    }
    LogisticRegression.Fitted f = LogisticRegression.l2(0).fit(x, t, null, Progress.silent());
    double[] beta = f.coefficients();
    // dense features are standardized: coefficient = true / std (std ~ 1 here)
    double sd1 = Math.sqrt(variance(s.doubles("x1")));
    double sd2 = Math.sqrt(variance(s.doubles("x2")));
    assertEquals(1.5, beta[beta.length - 2] / sd1, 0.06);
    assertEquals(-0.7, beta[beta.length - 1] / sd2, 0.06);
    // soft targets: fitting to the true probabilities recovers the coefficients far more tightly
    double[] a = s.doubles("x1");
    double[] b = s.doubles("x2");
    for (int i = 0; i < n; i++) {
      t[i] = Numerics.sigmoid(-0.5 + 1.5 * a[i] - 0.7 * b[i]);
    }
    LogisticRegression.Fitted soft = LogisticRegression.l2(0).tolerance(1e-10).fit(x, t, null, Progress.silent());
    double[] bs = soft.coefficients();
    assertEquals(1.5, bs[bs.length - 2] / sd1, 1e-4);
    assertEquals(-0.7, bs[bs.length - 1] / sd2, 1e-4);
  }

  static double variance(double[] x) {
    double m = 0;
    for (double v : x) {
      m += v;
    }
    m /= x.length;
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return s / x.length;
  }
}
