package siebench.importance.influence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;

/**
 * Every inverse-HVP solver against the exact inverse: the Hessian built explicitly here and solved by LU
 * decomposition ({@link InfluenceFunctionsTest#solve}, commons-math3). Tolerances (relative 2-norm error of
 * {@code H^{-1} b}): CG 1e-8; LiSSA with exact products 1e-6, with mini-batches of 64 of 400 rows and 20 repeats
 * 5e-2; Arnoldi 1e-8 at k = dim and non-increasing in k; EK-FAC 1e-9 against the explicitly built EK-FAC matrix and 1e-9
 * against the true Hessian when every row has the same curvature.
 */
class InverseHvpTest {
  static final int N = 400;
  static final int WIDTH = 7;
  static final double LAMBDA = 1e-2;

  /** Correlated features, rows with an intercept; per-row curvature from random logits (or constant). */
  static Curvature problem(long seed, boolean constantCurvature) {
    Random r = new Random(seed);
    float[][] h = new float[N][WIDTH];
    double[] c = new double[N];
    double[] share = new double[N];
    for (int i = 0; i < N; i++) {
      double common = r.nextGaussian();
      for (int j = 0; j < WIDTH; j++) {
        h[i][j] = (float) (0.6 * common + r.nextGaussian() * (0.3 + 0.2 * j) + (j == 2 ? 1 : 0));
      }
      double z = constantCurvature ? 0 : 2 * r.nextGaussian() + h[i][0];
      double p = 1 / (1 + Math.exp(-z));
      share[i] = 1.0 / N;
      c[i] = share[i] * p * (1 - p);
    }
    return new Curvature(new DenseDesign(h), c, share, LAMBDA);
  }

  static double[][] explicitHessian(Curvature cv) {
    int p = cv.dim();
    double[][] m = new double[p][p];
    double[] x = new double[p];
    for (int i = 0; i < cv.rows(); i++) {
      java.util.Arrays.fill(x, 0);
      cv.x.addTo(i, 1, x);
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          m[a][b] += cv.c[i] * x[a] * x[b];
        }
      }
    }
    for (int a = 0; a < p - 1; a++) {
      m[a][a] += cv.lambda;
    }
    return m;
  }

  static double[] rhs(int p, long seed) {
    Random r = new Random(seed);
    double[] b = new double[p];
    for (int j = 0; j < p; j++) {
      b[j] = r.nextGaussian();
    }
    return b;
  }

  static double relError(double[] exact, double[] approx) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < exact.length; i++) {
      num += (exact[i] - approx[i]) * (exact[i] - approx[i]);
      den += exact[i] * exact[i];
    }
    return Math.sqrt(num / den);
  }

  static double solveError(InverseHvp solver, Curvature cv, double[] b) {
    double[] exact = InfluenceFunctionsTest.solve(explicitHessian(cv), b);
    double err = relError(exact, solver.prepare(cv, Progress.silent()).solve(b));
    System.out.printf("%s %s: relative error %.3e%n", solver.name(), solver.parameters(), err);
    return err;
  }

  @Test
  void curvatureProductsMatchExplicitHessian() {
    Curvature cv = problem(1, false);
    double[] b = rhs(cv.dim(), 2);
    double[] out = new double[b.length];
    cv.apply(b, out);
    InfluenceFunctionsTest.assertClose(InfluenceFunctionsTest.mul(explicitHessian(cv), b), out, 1e-12, "H v");
    int[] all = new int[N];
    java.util.Arrays.setAll(all, i -> i);
    double[] batch = new double[b.length];
    cv.applyBatch(all, b, batch);
    InfluenceFunctionsTest.assertClose(out, batch, 1e-12, "H_B v with B = all rows");
  }

  @Test
  void choleskyAndCgAreExact() {
    Curvature cv = problem(1, false);
    double[] b = rhs(cv.dim(), 2);
    assertTrue(solveError(InverseHvp.cholesky(), cv, b) < 1e-10);
    assertTrue(solveError(InverseHvp.conjugateGradient(1e-12, 100), cv, b) < 1e-8);
  }

  @Test
  void lissaConvergesToTheExactInverse() {
    Curvature cv = problem(1, false);
    double[] b = rhs(cv.dim(), 2);
    // exact products: a deterministic Neumann series, error -> 0 with depth
    double shallow = solveError(InverseHvp.lissa().batchSize(N).depth(200), cv, b);
    double deep = solveError(InverseHvp.lissa().batchSize(N).depth(20_000), cv, b);
    assertTrue(deep < 1e-6, "LiSSA with exact products, depth 20000: " + deep);
    assertTrue(shallow > 10 * deep, "depth must matter: " + shallow + " vs " + deep);
    // mini-batch Hessians: stochastic, error shrinks with repeats
    double one = solveError(InverseHvp.lissa().batchSize(64).depth(3000).repeats(1).seed(3), cv, b);
    double many = solveError(InverseHvp.lissa().batchSize(64).depth(3000).repeats(20).seed(3), cv, b);
    assertTrue(many < 5e-2, "LiSSA, batches of 64, 20 repeats: " + many);
    assertTrue(many < one, "repeats must reduce the error: " + one + " -> " + many);
    // deterministic for a seed
    double[] a1 = InverseHvp.lissa().batchSize(64).depth(500).seed(9).prepare(cv, null).solve(b);
    double[] a2 = InverseHvp.lissa().batchSize(64).depth(500).seed(9).prepare(cv, null).solve(b);
    assertEquals(0, relError(a1, a2), 0.0);
    // too small a scale diverges with a clear error
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> InverseHvp.lissa().scale(1e-3).depth(2000).prepare(cv, null).solve(b));
    assertTrue(e.getMessage().contains("scale"), e.getMessage());
  }

  @Test
  void arnoldiIsExactAtFullRankAndImprovesWithRank() {
    Curvature cv = problem(1, false);
    int p = cv.dim();
    double[] b = rhs(p, 2);
    double previous = Double.POSITIVE_INFINITY;
    for (int k = 1; k <= p; k++) {
      double err = solveError(InverseHvp.arnoldi(k, p), cv, b);
      assertTrue(err <= previous + 1e-12, "error must not grow with k: k=" + k + " " + err + " > " + previous);
      previous = err;
    }
    assertTrue(previous < 1e-8, "Arnoldi at k = dim: " + previous);
    // the Ritz values at full rank are the eigenvalues of the explicit Hessian
    Arnoldi.Eigenpairs e = InverseHvp.arnoldi(p, p).eigenpairs(cv, null);
    SymmetricEigen ref = SymmetricEigen.of(explicitHessian(cv));
    for (int j = 0; j < p; j++) {
      assertEquals(ref.values[j], e.values()[j], 1e-9 * ref.values[0], "eigenvalue " + j);
    }
    // a Krylov space that becomes invariant early (repeated eigenvalues) is restarted, still exact at k = dim
    Curvature flat = problem(4, true);
    assertTrue(solveError(InverseHvp.arnoldi(flat.dim(), flat.dim()), flat, rhs(flat.dim(), 5)) < 1e-8);
  }

  @Test
  void symmetricEigenReconstructsTheMatrix() {
    double[][] a = explicitHessian(problem(6, false));
    SymmetricEigen e = SymmetricEigen.of(a);
    int p = a.length;
    for (int r = 0; r < p; r++) {
      for (int s = 0; s < p; s++) {
        double v = 0;
        double id = 0;
        for (int k = 0; k < p; k++) {
          v += e.vectors[r][k] * e.values[k] * e.vectors[s][k];
          id += e.vectors[k][r] * e.vectors[k][s];
        }
        assertEquals(a[r][s], v, 1e-12, "reconstruction");
        assertEquals(r == s ? 1 : 0, id, 1e-12, "orthonormal");
      }
    }
    for (int k = 1; k < p; k++) {
      assertTrue(e.values[k - 1] >= e.values[k], "decreasing");
    }
  }

  /** The EK-FAC matrix built by brute force: input factor, its eigenbasis, corrected eigenvalues, + lambda. */
  static double[][] explicitEkfac(Curvature cv, double[][] q) {
    int p = cv.dim();
    double[] lam = new double[p];
    double[] x = new double[p];
    for (int i = 0; i < cv.rows(); i++) {
      java.util.Arrays.fill(x, 0);
      cv.x.addTo(i, 1, x);
      for (int k = 0; k < p; k++) {
        double t = 0;
        for (int r = 0; r < p; r++) {
          t += q[r][k] * x[r];
        }
        lam[k] += cv.c[i] * t * t;
      }
    }
    double[][] m = new double[p][p];
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) {
        for (int k = 0; k < p; k++) {
          m[a][b] += q[a][k] * lam[k] * q[b][k];
        }
      }
    }
    for (int a = 0; a < p - 1; a++) {
      m[a][a] += cv.lambda;
    }
    return m;
  }

  static double frobenius(double[][] a, double[][] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        s += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
      }
    }
    return Math.sqrt(s);
  }

  @Test
  void ekfacInvertsItsOwnApproximationAndIsExactForConstantCurvature() {
    Curvature cv = problem(1, false);
    int p = cv.dim();
    double[] b = rhs(p, 2);
    Ekfac.Factors f = Ekfac.factors(cv, null);
    // the basis is an eigenbasis of the input factor A = sum_i share_i x_i x_i' (checked by brute force)
    double[][] a = new double[p][p];
    double[] x = new double[p];
    for (int i = 0; i < N; i++) {
      java.util.Arrays.fill(x, 0);
      cv.x.addTo(i, 1, x);
      for (int r = 0; r < p; r++) {
        for (int s = 0; s < p; s++) {
          a[r][s] += cv.share[i] * x[r] * x[s];
        }
      }
    }
    for (int k = 0; k < p; k++) {
      double[] col = new double[p];
      for (int r = 0; r < p; r++) {
        col[r] = f.q()[r][k];
      }
      double[] aq = InfluenceFunctionsTest.mul(a, col);
      double mu = TracInTest.dot(col, aq);
      for (int r = 0; r < p; r++) {
        assertEquals(mu * col[r], aq[r], 1e-10, "A q_k = mu_k q_k");
      }
    }
    double[][] ek = explicitEkfac(cv, f.q());
    double[] own = InfluenceFunctionsTest.solve(ek, b);
    double[] got = InverseHvp.ekfac().prepare(cv, null).solve(b);
    double errOwn = relError(own, got);
    assertTrue(errOwn < 1e-9, "EK-FAC vs the inverse of its explicit matrix: " + errOwn);
    // Frobenius-optimality of the eigenvalue correction (George et al. 2018): no worse than K-FAC
    double[][] h = explicitHessian(cv);
    double[][] kfac = new double[p][p];
    for (int r = 0; r < p; r++) {
      for (int s = 0; s < p; s++) {
        kfac[r][s] = f.outputFactor() * a[r][s] + (r == s && r < p - 1 ? cv.lambda : 0);
      }
    }
    double ekDist = frobenius(ek, h);
    double kDist = frobenius(kfac, h);
    System.out.printf("EK-FAC |H_ek - H|_F = %.4e, K-FAC |H_kfac - H|_F = %.4e, |H|_F = %.4e; EK-FAC inverse "
        + "relative error vs exact H^-1 b = %.3e%n", ekDist, kDist, frobenius(h, new double[p][p]),
        relError(InfluenceFunctionsTest.solve(h, b), got));
    assertTrue(ekDist <= kDist + 1e-15, "EK-FAC must not be farther from H than K-FAC");
    // exact when every row has the same curvature: then H = S (x) A exactly
    Curvature flat = problem(4, true);
    double[] bf = rhs(flat.dim(), 5);
    double errFlat = solveError(InverseHvp.ekfac(), flat, bf);
    assertTrue(errFlat < 1e-9, "EK-FAC with constant curvature vs exact inverse: " + errFlat);
  }

  @Test
  void solversThroughTheEstimatorMatchTheDefault() {
    siebench.data.Samples train = InfluenceFunctionsTest.TRAIN;
    siebench.importance.EstimationContext ctx = InfluenceFunctionsTest.context(
        siebench.model.Models.logisticRegression(), true);
    InfluenceFunctions base = siebench.importance.catalog.Estimators.influence().l2(InfluenceFunctionsTest.L2);
    siebench.importance.Importance exact = base.estimate(train, ctx);
    double[] e = exact.alignTo(train);
    int p = (Integer) exact.parameters().get("dimension");
    siebench.importance.Importance chol = base.solver(InverseHvp.cholesky()).estimate(train, ctx);
    InfluenceFunctionsTest.assertClose(e, chol.alignTo(train), 1e-6, "estimator, Cholesky vs default CG");
    assertEquals("cholesky", chol.parameters().get("solver"));
    InfluenceFunctionsTest.assertClose(e, base.solver(InverseHvp.arnoldi(p, p)).estimate(train, ctx).alignTo(train),
        1e-6, "estimator, Arnoldi k = dim vs default CG");
    InfluenceFunctionsTest.assertClose(e, base.solver(InverseHvp.lissa().batchSize(train.size()).depth(20_000))
        .estimate(train, ctx).alignTo(train), 1e-4, "estimator, LiSSA (exact products) vs default CG");
    double[] ek = base.solver(InverseHvp.ekfac()).estimate(train, ctx).alignTo(train);
    double r = siebench.metrics.Ranks.pearson(e, ek);
    double worst = 0;
    double scale = 0;
    for (int i = 0; i < e.length; i++) {
      worst = Math.max(worst, Math.abs(e[i] - ek[i]));
      scale = Math.max(scale, Math.abs(e[i]));
    }
    System.out.printf("EK-FAC on the one-hot LR (%d parameters): Pearson with exact influence %.4f, max |diff| / "
        + "max |score| %.3f%n", p, r, worst / scale);
    assertTrue(r > 0.9, "EK-FAC vs exact influence on LR: Pearson " + r);
    // self-influence with an explicit solver
    double[] self = base.estimate(train, InfluenceFunctionsTest.context(siebench.model.Models.logisticRegression(),
        false)).alignTo(train);
    double[] selfArnoldi = base.solver(InverseHvp.arnoldi(p, p)).estimate(train,
        InfluenceFunctionsTest.context(siebench.model.Models.logisticRegression(), false)).alignTo(train);
    InfluenceFunctionsTest.assertClose(self, selfArnoldi, 1e-6, "self-influence, Arnoldi k = dim vs Cholesky");
  }

  @Test
  void solversRejectBadConfiguration() {
    assertThrows(IllegalArgumentException.class, () -> InverseHvp.lissa().depth(0));
    assertThrows(IllegalArgumentException.class, () -> InverseHvp.lissa().damping(1));
    assertThrows(IllegalArgumentException.class, () -> InverseHvp.arnoldi(0, 5));
    assertThrows(IllegalArgumentException.class, () -> Arnoldi.defaults().iterations(3).rank(1).iterations(0));
    assertThrows(IllegalArgumentException.class, () -> InverseHvp.conjugateGradient(0, 5));
  }
}
