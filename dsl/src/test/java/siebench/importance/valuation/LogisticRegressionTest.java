package siebench.importance.valuation;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.junit.jupiter.api.Test;
import siebench.features.EncodedData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogisticRegressionTest {

  /** Independent reference: dense Newton with the explicit Hessian and an LU solve. */
  static double[] denseNewton(EncodedData data, double l2, double biasL2) {
    int vocab = (int) data.layout().totalVocab();
    int d = data.layout().dense();
    int nf = data.layout().fields();
    int p = 1 + vocab + d;
    int n = data.rows();
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      x[i][0] = 1;
      for (int f = 0; f < nf; f++) {
        x[i][1 + (int) data.cat()[i * nf + f]] += 1;
      }
      for (int j = 0; j < d; j++) {
        x[i][1 + vocab + j] = data.dense()[i * d + j];
      }
    }
    double[] th = new double[p];
    for (int it = 0; it < 50; it++) {
      double[] g = new double[p];
      double[][] h = new double[p][p];
      for (int j = 0; j < p; j++) {
        double lam = j == 0 ? biasL2 : l2;
        g[j] = lam * th[j];
        h[j][j] = lam;
      }
      for (int i = 0; i < n; i++) {
        double z = 0;
        for (int j = 0; j < p; j++) {
          z += th[j] * x[i][j];
        }
        double pr = 1 / (1 + Math.exp(-z));
        for (int j = 0; j < p; j++) {
          g[j] += (pr - data.labels()[i]) * x[i][j];
          for (int l = 0; l < p; l++) {
            h[j][l] += pr * (1 - pr) * x[i][j] * x[i][l];
          }
        }
      }
      double[] step = solve(h, g);
      for (int j = 0; j < p; j++) {
        th[j] -= step[j];
      }
    }
    return th;
  }

  /** {@code a x = b} by LU decomposition with partial pivoting (commons-math3), the independent reference. */
  static double[] solve(double[][] a, double[] b) {
    return new LUDecomposition(new Array2DRowRealMatrix(a)).getSolver().solve(new ArrayRealVector(b)).toArray();
  }

  @Test
  void agreesWithDenseNewtonReference() {
    EncodedData data = Toys.logistic(300, 3, 1);
    LogisticRegression lr = LogisticRegression.defaults().l2(0.5).tolerance(1e-10);
    LogisticRegression.Model m = lr.fit(data);
    double[] ref = denseNewton(data, 0.5, 1e-4);
    assertEquals(ref.length, m.theta().length);
    for (int j = 0; j < ref.length; j++) {
      assertEquals(ref[j], m.theta()[j], 1e-7, "coefficient " + j);
    }
  }

  @Test
  void finiteDifferenceGradientVanishesAtTheSolution() {
    EncodedData data = Toys.logistic(200, 4, 2);
    LogisticRegression lr = LogisticRegression.defaults().l2(2).tolerance(1e-9);
    int[] rows = CrossValuation.identity(200);
    double[] th = lr.fit(data).theta();
    double h = 1e-5;
    for (int j = 0; j < th.length; j++) {
      double[] a = th.clone();
      double[] b = th.clone();
      a[j] += h;
      b[j] -= h;
      double fd = (lr.objective(data, rows, a) - lr.objective(data, rows, b)) / (2 * h);
      assertEquals(0, fd, 1e-5, "finite-difference gradient entry " + j);
    }
  }

  @Test
  void warmStartReachesTheSameOptimumAndRepeatsCountTwice() {
    EncodedData data = Toys.logistic(150, 2, 3);
    LogisticRegression lr = LogisticRegression.defaults().tolerance(1e-10);
    int[] rows = CrossValuation.identity(150);
    LogisticRegression.Model cold = lr.fit(data, rows, null);
    double[] start = cold.theta().clone();
    for (int j = 0; j < start.length; j++) {
      start[j] += 0.7;
    }
    LogisticRegression.Model warm = lr.fit(data, rows, start);
    for (int j = 0; j < start.length; j++) {
      assertEquals(cold.theta()[j], warm.theta()[j], 1e-8);
    }
    // a row listed twice = the same row with weight 2
    int[] dup = java.util.Arrays.copyOf(rows, 151);
    dup[150] = 0;
    float[] w = data.weights().clone();
    w[0] = 2;
    double[] a = lr.fit(data, dup, null).theta();
    double[] b = lr.fit(data.withWeights(w), rows, null).theta();
    for (int j = 0; j < a.length; j++) {
      assertEquals(a[j], b[j], 1e-8);
    }
  }

  @Test
  void oneClassSubsetStaysFinite() {
    float[] y = {1, 1, 1};
    EncodedData data = Toys.encoded(new long[] {0, 1, 2}, 3, new float[] {1, 2, 3}, 1, y);
    LogisticRegression.Model m = LogisticRegression.defaults().fit(data);
    for (double v : m.theta()) {
      assertTrue(Double.isFinite(v));
    }
    for (double p : m.predict(data)) {
      assertTrue(p > 0.9);
    }
  }
}
