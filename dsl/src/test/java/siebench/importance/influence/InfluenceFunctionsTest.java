package siebench.importance.influence;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.junit.jupiter.api.Test;
import siebench.core.CostMeter;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.catalog.Estimators;
import siebench.metrics.Ranks;
import siebench.model.ModelSpec;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Influence functions against an independent reference written here: dense features, Newton's method with an
 * explicit Hessian and an LU solve, actual leave-one-out retraining of every training row, and the
 * closed-form influence with an explicitly solved Hessian.
 */
class InfluenceFunctionsTest {
  static final Samples TRAIN = InfluenceToy.samples(200, 6, 3, 0.1);
  static final Samples VALID = InfluenceToy.samples(300, 6, 4, 0);
  static final double L2 = 1e-2;

  static EstimationContext context(ModelSpec m, boolean withValidation) {
    EstimationContext c = EstimationContext.defaults().progress(Progress.silent()).seed(5)
        .task(CtrTask.ctr().model(m).epochs(4).batchSize(32).learningRate(0.02).earlyStopping(0)
            .progress(Progress.silent()));
    return withValidation ? c.validation(VALID) : c;
  }

  // ---------------------------------------------------------------- independent reference (dense, Newton)

  /** A dense L2-regularized logistic regression: rows of X (last column the unpenalized intercept). */
  static final class Reference {
    final double[][] x;
    final double[] off;
    final double[] y;
    final double lambda;
    final int p;

    Reference(double[][] x, double[] off, float[] y, double lambda) {
      this.x = x;
      this.off = off;
      this.y = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        this.y[i] = y[i];
      }
      this.lambda = lambda;
      this.p = x[0].length;
    }

    double prob(double[] row, double o, double[] theta) {
      double z = o;
      for (int j = 0; j < p; j++) {
        z += row[j] * theta[j];
      }
      return 1 / (1 + Math.exp(-z));
    }

    /** Newton from {@code start} with row {@code skip} weighted 0 (normalizer n kept). */
    double[] fit(double[] start, int skip) {
      int n = x.length;
      double[] theta = start.clone();
      for (int it = 0; it < 100; it++) {
        double[] g = new double[p];
        double[][] h = new double[p][p];
        for (int i = 0; i < n; i++) {
          if (i == skip) {
            continue;
          }
          double pr = prob(x[i], off[i], theta);
          for (int a = 0; a < p; a++) {
            g[a] += (pr - y[i]) * x[i][a] / n;
            for (int b = 0; b < p; b++) {
              h[a][b] += pr * (1 - pr) * x[i][a] * x[i][b] / n;
            }
          }
        }
        for (int a = 0; a < p - 1; a++) {
          g[a] += lambda * theta[a];
          h[a][a] += lambda;
        }
        double gmax = Arrays.stream(g).map(Math::abs).max().orElse(0);
        if (gmax < 1e-13) {
          break;
        }
        double[] d = solve(h, g);
        for (int a = 0; a < p; a++) {
          theta[a] -= d[a];
        }
      }
      return theta;
    }

    double[][] hessian(double[] theta) {
      double[][] h = new double[p][p];
      int n = x.length;
      for (int i = 0; i < n; i++) {
        double pr = prob(x[i], off[i], theta);
        for (int a = 0; a < p; a++) {
          for (int b = 0; b < p; b++) {
            h[a][b] += pr * (1 - pr) * x[i][a] * x[i][b] / n;
          }
        }
      }
      for (int a = 0; a < p - 1; a++) {
        h[a][a] += lambda;
      }
      return h;
    }

    double[] rowGradient(int i, double[] theta) {
      double r = prob(x[i], off[i], theta) - y[i];
      double[] g = new double[p];
      for (int a = 0; a < p; a++) {
        g[a] = r * x[i][a];
      }
      return g;
    }
  }

  /** Mean validation BCE. */
  static double validationLoss(Reference v, double[] theta) {
    double s = 0;
    for (int i = 0; i < v.x.length; i++) {
      double pr = v.prob(v.x[i], v.off[i], theta);
      s += v.y[i] == 1 ? -Math.log(pr) : -Math.log(1 - pr);
    }
    return s / v.x.length;
  }

  static double[] validationGradient(Reference v, double[] theta) {
    double[] g = new double[v.p];
    for (int i = 0; i < v.x.length; i++) {
      double[] gi = v.rowGradient(i, theta);
      for (int a = 0; a < v.p; a++) {
        g[a] += gi[a] / v.x.length;
      }
    }
    return g;
  }

  /** {@code a x = b} by LU decomposition with partial pivoting (commons-math3), the independent reference. */
  static double[] solve(double[][] a, double[] b) {
    return new LUDecomposition(new Array2DRowRealMatrix(a)).getSolver().solve(new ArrayRealVector(b)).toArray();
  }

  /** Dense one-hot rows [onehot(cat), dense, 1] built directly from the encoded arrays. */
  static double[][] oneHot(EncodedData d) {
    int v = (int) d.layout().totalVocab();
    int f = d.layout().fields();
    int nd = d.layout().dense();
    double[][] x = new double[d.rows()][v + nd + 1];
    for (int i = 0; i < d.rows(); i++) {
      for (int k = 0; k < f; k++) {
        x[i][(int) d.cat()[i * f + k]] = 1;
      }
      for (int j = 0; j < nd; j++) {
        x[i][v + j] = d.dense()[i * nd + j];
      }
      x[i][v + nd] = 1;
    }
    return x;
  }

  static double[][] withIntercept(float[][] h) {
    double[][] x = new double[h.length][h[0].length + 1];
    for (int i = 0; i < h.length; i++) {
      for (int j = 0; j < h[i].length; j++) {
        x[i][j] = h[i][j];
      }
      x[i][h[i].length] = 1;
    }
    return x;
  }

  /** Predicted (closed form, explicit solve) and actual (retrained) leave-one-out changes of validation loss. */
  static double[][] leaveOneOut(Reference train, Reference valid) {
    int n = train.x.length;
    double[] theta = train.fit(new double[train.p], -1);
    double base = validationLoss(valid, theta);
    double[] s = solve(train.hessian(theta), validationGradient(valid, theta));
    double[] predicted = new double[n];
    double[] actual = new double[n];
    for (int i = 0; i < n; i++) {
      predicted[i] = TracInTest.dot(s, train.rowGradient(i, theta)) / n;
      actual[i] = validationLoss(valid, train.fit(theta, i)) - base;
    }
    return new double[][] {predicted, actual};
  }

  static void assertClose(double[] expected, double[] actual, double rel, String what) {
    TracInTest.assertClose(expected, actual, rel, what);
  }

  // ---------------------------------------------------------------- tests

  @Test
  void logisticRegressionPredictsLeaveOneOut() {
    for (double l2 : new double[] {L2, 1e-3}) {
      Importance imp = Estimators.influence().l2(l2)
          .estimate(TRAIN, context(Models.logisticRegression(), true));
      double[] est = imp.alignTo(TRAIN);
      FeatureEncoder enc = FeatureEncoder.fit(TRAIN);
      EncodedData tr = enc.encode(TRAIN);
      EncodedData va = enc.encode(VALID);
      Reference train = new Reference(oneHot(tr), new double[tr.rows()], tr.labels(), l2);
      Reference valid = new Reference(oneHot(va), new double[va.rows()], va.labels(), l2);
      double[][] loo = leaveOneOut(train, valid);
      assertClose(loo[0], est, 1e-6, "LR influence vs closed form with explicit Hessian solve, l2=" + l2);
      double r = Ranks.pearson(est, loo[1]);
      System.out.printf("LR l2=%g: Pearson(predicted, actual leave-one-out change of validation loss) = %.4f over"
          + " %d rows; params %s%n", l2, r, est.length, imp.parameters());
      assertTrue(r >= 0.9, "Pearson " + r + " at l2=" + l2);
      assertEquals(Boolean.TRUE, imp.parameters().get("cg.converged"));
      assertEquals(1, imp.cost().trainings());
    }
  }

  @Test
  void lastLayerOfDeepModelPredictsLeaveOneOutOfTheHead() {
    CtrTask task = CtrTask.ctr().model(Models.deepFm().embeddingDim(4).hidden(8, 6)).epochs(3).batchSize(32)
        .learningRate(0.02).earlyStopping(0).seed(5).progress(Progress.silent());
    FeatureEncoder enc = FeatureEncoder.fit(TRAIN);
    EncodedData tr = enc.encode(TRAIN);
    EncodedData va = enc.encode(VALID);
    InfluenceFunctions est = Estimators.influence().l2(L2);
    try (TrainedModel model = TrainingLoop.train(task, enc, tr, null, null).model()) {
      InfluenceFunctions.Problem pr = est.lastLayerProblem(model, tr, va, Progress.silent());
      double[] scores = est.score(pr, Progress.silent(), new CostMeter()).scores();
      Reference train = new Reference(withIntercept(model.representations(tr)), model.logits(tr), tr.labels(), L2);
      Reference valid = new Reference(withIntercept(model.representations(va)), model.logits(va), va.labels(), L2);
      double[][] loo = leaveOneOut(train, valid);
      assertClose(loo[0], scores, 1e-5, "DeepFM head influence vs closed form");
      double r = Ranks.pearson(scores, loo[1]);
      System.out.printf("DeepFM last layer: Pearson(predicted, actual LOO) = %.4f%n", r);
      assertTrue(r >= 0.9, "Pearson " + r);
    }
  }

  @Test
  void selfInfluenceDenseAndCgAgreeWithClosedForm() {
    Importance dense = Estimators.influence().l2(L2)
        .estimate(TRAIN, context(Models.logisticRegression(), false));
    Importance cg = Estimators.influence().l2(L2).maxDenseDimension(0)
        .estimate(TRAIN, context(Models.logisticRegression(), false));
    FeatureEncoder enc = FeatureEncoder.fit(TRAIN);
    EncodedData tr = enc.encode(TRAIN);
    Reference train = new Reference(oneHot(tr), new double[tr.rows()], tr.labels(), L2);
    double[] theta = train.fit(new double[train.p], -1);
    double[][] h = train.hessian(theta);
    double[] expected = new double[tr.rows()];
    for (int i = 0; i < expected.length; i++) {
      double[] g = train.rowGradient(i, theta);
      expected[i] = TracInTest.dot(g, solve(h, g)) / tr.rows();
    }
    assertClose(expected, dense.alignTo(TRAIN), 1e-7, "self-influence, dense inverse");
    assertClose(expected, cg.alignTo(TRAIN), 1e-6, "self-influence, CG per row");
    assertEquals("self-influence", dense.parameters().get("target"));
    // the default path runs the InverseHvp solvers: Cholesky up to maxDenseDimension, else CG per row
    assertEquals("dense Cholesky", dense.parameters().get("inverse"));
    assertEquals("CG per row", cg.parameters().get("inverse"));
    assertEquals("auto", dense.parameters().get("solver"));
    IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
        () -> Estimators.influence().maxDenseDimension(CholeskySolver.MAX_DIMENSION + 1));
    assertTrue(big.getMessage().contains("maxDenseDimension"), big.getMessage());
  }

  @Test
  void conjugateGradientSolvesSpdSystem() {
    int n = 30;
    java.util.Random r = new java.util.Random(3);
    double[][] b = new double[n][n];
    for (double[] row : b) {
      for (int j = 0; j < n; j++) {
        row[j] = r.nextGaussian();
      }
    }
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          a[i][j] += b[k][i] * b[k][j];
        }
      }
      a[i][i] += 0.1;
    }
    double[] rhs = new double[n];
    Arrays.setAll(rhs, i -> r.nextGaussian());
    ConjugateGradient.Result res = ConjugateGradient.solve((v, out) -> {
      for (int i = 0; i < n; i++) {
        out[i] = TracInTest.dot(a[i], v);
      }
    }, rhs, 1e-12, 500, Progress.silent(), null);
    assertTrue(res.converged());
    assertClose(solve(a, rhs), res.x(), 1e-8, "CG vs LU");
    assertClose(solve(a, rhs), mul(Cholesky.inverse(a), rhs), 1e-8, "Cholesky inverse vs LU");
    ConjugateGradient.Result capped = ConjugateGradient.solve((v, out) -> {
      for (int i = 0; i < n; i++) {
        out[i] = TracInTest.dot(a[i], v);
      }
    }, rhs, 1e-12, 2, null, null);
    assertEquals(2, capped.iterations());
    assertTrue(!capped.converged() && capped.relativeResidual() > 1e-12);
  }

  static double[] mul(double[][] m, double[] v) {
    double[] o = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = TracInTest.dot(m[i], v);
    }
    return o;
  }

  @Test
  void zeroWeightRowsHaveZeroInfluence() {
    double[] w = new double[TRAIN.size()];
    java.util.Arrays.fill(w, 1);
    w[0] = 0;
    w[7] = 0;
    w[3] = 2.5;
    Samples weighted = TRAIN.withWeights(w);
    EstimationContext c = context(Models.logisticRegression(), true);
    double[] inf = Estimators.influence().l2(L2).estimate(weighted, c).alignTo(weighted);
    double[] tr = Estimators.tracIn().estimate(weighted, c).alignTo(weighted);
    assertEquals(0, inf[0], 0.0);
    assertEquals(0, inf[7], 0.0);
    assertEquals(0, tr[0], 0.0);
    assertEquals(0, tr[7], 0.0);
    assertTrue(inf[3] != 0 && tr[3] != 0);
  }

  @Test
  void validatesAndCancels() {
    assertThrows(IllegalArgumentException.class, () -> Estimators.influence().l2(0));
    assertThrows(IllegalArgumentException.class, () -> Estimators.influence().conjugateGradient(2, 10));
    Progress cancelled = Progress.silent();
    cancelled.cancel();
    assertThrows(CancellationException.class, () -> Estimators.influence()
        .estimate(TRAIN, context(Models.logisticRegression(), true).progress(cancelled)));
  }
}
