package siebench.model.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.core.L2Logistic;
import siebench.core.LinearDesign;

/** The shared solver against scikit-learn, its own first-order condition, and the weight/repeat conventions. */
class L2LogisticTest {
  /** Dense rows with the intercept last. */
  static final class DenseRows implements LinearDesign {
    final double[][] x;

    DenseRows(double[][] x) {
      this.x = x;
    }

    @Override
    public int rows() {
      return x.length;
    }

    @Override
    public int dim() {
      return x[0].length + 1;
    }

    @Override
    public int intercept() {
      return x[0].length;
    }

    @Override
    public double dot(int i, double[] v) {
      double s = v[x[0].length];
      for (int j = 0; j < x[i].length; j++) {
        s += x[i][j] * v[j];
      }
      return s;
    }

    @Override
    public void addTo(int i, double a, double[] out) {
      for (int j = 0; j < x[i].length; j++) {
        out[j] += a * x[i][j];
      }
      out[x[0].length] += a;
    }

    @Override
    public void addSquaresTo(int i, double a, double[] out) {
      for (int j = 0; j < x[i].length; j++) {
        out[j] += a * x[i][j] * x[i][j];
      }
      out[x[0].length] += a;
    }
  }

  /**
   * scripts/fixtures/l2_logistic_sklearn.py: sklearn's LogisticRegression(C = 1 / (lambda W)) with sample weights,
   * intercept unpenalized, tol 1e-12, is the same optimum as L2Logistic.lambda(lambda).
   */
  @Test
  void matchesScikitLearn() throws Exception {
    List<double[]> coefs = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("/fixtures/l2-logistic-sklearn.csv"), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null;) {
        if (line.startsWith("#coef,")) {
          String[] f = line.substring(6).split(",");
          double[] c = new double[f.length];
          for (int k = 0; k < f.length; k++) {
            c[k] = Double.parseDouble(f[k]);
          }
          coefs.add(c);
        } else if (!line.startsWith("#")) {
          String[] f = line.split(",");
          double[] v = new double[f.length];
          for (int k = 0; k < f.length; k++) {
            v[k] = Double.parseDouble(f[k]);
          }
          rows.add(v);
        }
      }
    }
    assertEquals(2, coefs.size());
    int n = rows.size();
    int d = rows.get(0).length - 2;
    double[][] x = new double[n][d];
    double[] y = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows.get(i), 0, x[i], 0, d);
      y[i] = rows.get(i)[d];
      w[i] = rows.get(i)[d + 1];
    }
    for (double[] c : coefs) {
      double lambda = c[0];
      L2Logistic.Fit fit = L2Logistic.lambda(lambda).tolerance(1e-12)
          .fit(L2Logistic.Problem.of(new DenseRows(x), y).weights(w));
      assertTrue(fit.gradientNorm() <= 1e-12, "converged: " + fit.gradientNorm());
      assertEquals(c[1], fit.theta()[d], 1e-6, "intercept at lambda " + lambda);
      for (int j = 0; j < d; j++) {
        assertEquals(c[2 + j], fit.theta()[j], 1e-6, "coefficient " + j + " at lambda " + lambda);
      }
    }
  }

  static double[][] gaussian(int n, int d, Random r) {
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = r.nextGaussian();
      }
    }
    return x;
  }

  @Test
  void repeatedRowsCountLikeWeightsAndOffsetsShiftTheLogits() {
    Random r = new Random(5);
    double[][] x = gaussian(60, 3, r);
    double[] y = new double[60];
    double[] off = new double[60];
    for (int i = 0; i < 60; i++) {
      y[i] = r.nextDouble(); // soft targets
      off[i] = 0.3 * r.nextGaussian();
    }
    int[] rows = new int[90];
    double[] counts = new double[60];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = r.nextInt(60);
      counts[rows[k]]++;
    }
    DenseRows design = new DenseRows(x);
    L2Logistic lr = L2Logistic.lambda(0.1).interceptLambda(0.01).tolerance(1e-12);
    L2Logistic.Problem repeated = L2Logistic.Problem.of(design, y).offsets(off).rows(rows);
    L2Logistic.Problem weighted = L2Logistic.Problem.of(design, y).offsets(off).weights(counts);
    double[] a = lr.fit(repeated).theta();
    double[] b = lr.fit(weighted).theta();
    for (int j = 0; j < a.length; j++) {
      assertEquals(a[j], b[j], 1e-10);
    }
    // first-order condition by central finite differences of the objective
    for (int j = 0; j < a.length; j++) {
      double[] up = a.clone();
      double[] dn = a.clone();
      up[j] += 1e-5;
      dn[j] -= 1e-5;
      double fd = (lr.objective(repeated, up) - lr.objective(repeated, dn)) / 2e-5;
      assertEquals(0, fd, 1e-8, "finite-difference gradient " + j);
    }
    // a fixed normalizer W' is the same objective with lambda scaled by W' / W
    double wTotal = 90;
    double[] c = L2Logistic.lambda(0.1 * 2).interceptLambda(0.01 * 2).tolerance(1e-12)
        .fit(weighted.normalizer(wTotal / 2)).theta();
    for (int j = 0; j < a.length; j++) {
      assertEquals(a[j], c[j], 1e-9);
    }
  }

  @Test
  void warmStartsReachTheSameOptimum() {
    Random r = new Random(9);
    double[][] x = gaussian(200, 4, r);
    double[] y = new double[200];
    for (int i = 0; i < 200; i++) {
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-2 * x[i][0])) ? 1 : 0;
    }
    L2Logistic.Problem pr = L2Logistic.Problem.of(new DenseRows(x), y);
    L2Logistic lr = L2Logistic.lambda(0.01).tolerance(1e-11);
    double[] cold = lr.fit(pr).theta();
    double[] start = {5, -5, 5, -5, 3};
    L2Logistic.Fit warm = lr.fit(pr, start, null, null);
    assertEquals(5, start[0], 0, "start not modified");
    for (int j = 0; j < cold.length; j++) {
      assertEquals(cold[j], warm.theta()[j], 1e-8);
    }
  }

  /** The same one-hot design without its column groups (Jacobi preconditioning only). */
  static LinearDesign withoutGroups(LinearDesign x) {
    return new LinearDesign() {
      public int rows() {
        return x.rows();
      }

      public int dim() {
        return x.dim();
      }

      public int intercept() {
        return x.intercept();
      }

      public double dot(int i, double[] v) {
        return x.dot(i, v);
      }

      public void addTo(int i, double a, double[] out) {
        x.addTo(i, a, out);
      }

      public void addSquaresTo(int i, double a, double[] out) {
        x.addSquaresTo(i, a, out);
      }
    };
  }

  /**
   * One-hot fields with a small penalty: the coarse space over the field groups reaches the same optimum with fewer
   * CG steps than Jacobi alone (the near-null directions "intercept up, one field's categories down").
   */
  @Test
  void coarseSpaceOverOneHotFieldsSavesCgSteps() {
    Random r = new Random(4);
    int n = 3000;
    tech.tablesaw.api.StringColumn a = tech.tablesaw.api.StringColumn.create("a");
    tech.tablesaw.api.StringColumn b = tech.tablesaw.api.StringColumn.create("b");
    tech.tablesaw.api.StringColumn c = tech.tablesaw.api.StringColumn.create("c");
    tech.tablesaw.api.IntColumn click = tech.tablesaw.api.IntColumn.create("click");
    for (int i = 0; i < n; i++) {
      int u = (int) Math.floor(Math.abs(r.nextGaussian()) * 20); // skewed category frequencies
      int v = r.nextInt(50);
      int w = r.nextInt(5);
      a.append("a" + u);
      b.append("b" + v);
      c.append("c" + w);
      click.append(r.nextDouble() < 1 / (1 + Math.exp(-(0.05 * u - 0.02 * v + 0.3 * w - 2))) ? 1 : 0);
    }
    siebench.data.Samples s = siebench.data.Samples.from(tech.tablesaw.api.Table.create("t", a, b, c, click));
    siebench.features.EncodedData data = siebench.features.FeatureEncoder.fit(s).encode(s);
    EncodedDesign x = EncodedDesign.of(data);
    assertEquals(1 + data.layout().fields() + data.layout().dense(), x.groupCount());
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = data.labels()[i];
    }
    L2Logistic lr = L2Logistic.lambda(1.0 / n).interceptLambda(1e-4 / n).tolerance(1e-10);
    L2Logistic.Fit grouped = lr.fit(L2Logistic.Problem.of(x, y));
    L2Logistic.Fit jacobi = lr.fit(L2Logistic.Problem.of(withoutGroups(x), y));
    assertTrue(grouped.gradientNorm() <= 1e-10 && jacobi.gradientNorm() <= 1e-10);
    for (int j = 0; j < x.dim(); j++) {
      assertEquals(jacobi.theta()[j], grouped.theta()[j], 1e-7, "coefficient " + j);
    }
    assertTrue(grouped.cgSteps() < jacobi.cgSteps(), grouped.cgSteps() + " vs " + jacobi.cgSteps());
  }

  @Test
  void badInputIsRefusedByName() {
    double[][] x = {{1}, {2}};
    DenseRows design = new DenseRows(x);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> L2Logistic.lambda(1).fit(L2Logistic.Problem.of(design, new double[] {0, 1.5})));
    assertTrue(e.getMessage().contains("target of row 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> L2Logistic.lambda(1)
        .fit(L2Logistic.Problem.of(design, new double[] {0, 1}).weights(new double[] {1, -1})));
    assertTrue(e.getMessage().contains("weight of row 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> L2Logistic.Problem.of(design, new double[] {0}));
    assertTrue(e.getMessage().contains("2 rows"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> L2Logistic.lambda(-1));
    assertTrue(e.getMessage().contains("lambda -1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> L2Logistic.lambda(1)
        .fit(L2Logistic.Problem.of(design, new double[] {0, 1}).rows(new int[] {2})));
    assertTrue(e.getMessage().contains("row 2 outside"), e.getMessage());
  }
}
