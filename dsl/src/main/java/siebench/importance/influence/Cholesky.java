package siebench.importance.influence;

/**
 * Cholesky factorization and inverse of a small dense symmetric positive definite matrix (a Hessian, a
 * ridge Gram matrix {@code XᵀX + λI}); see Golub and Van Loan, <i>Matrix Computations</i>, section 4.2.
 */
final class Cholesky {
  private Cholesky() {}

  /** The lower-triangular {@code L} with {@code L L' = a}; fails if {@code a} is not positive definite. */
  static double[][] factor(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int j = 0; j < n; j++) {
      double s = a[j][j];
      double[] lj = l[j];
      for (int k = 0; k < j; k++) {
        s -= lj[k] * lj[k];
      }
      if (!(s > 0)) {
        throw new IllegalStateException("matrix is not positive definite (pivot " + s + " at " + j + ")");
      }
      double d = Math.sqrt(s);
      lj[j] = d;
      for (int i = j + 1; i < n; i++) {
        double[] li = l[i];
        double t = a[i][j];
        for (int k = 0; k < j; k++) {
          t -= li[k] * lj[k];
        }
        li[j] = t / d;
      }
    }
    return l;
  }

  /** {@code a^{-1}} via {@code L^{-1}' L^{-1}}. */
  static double[][] inverse(double[][] a) {
    int n = a.length;
    double[][] l = factor(a);
    double[][] inv = new double[n][n]; // first L^{-1} (lower triangular)
    for (int c = 0; c < n; c++) {
      inv[c][c] = 1 / l[c][c];
      for (int i = c + 1; i < n; i++) {
        double s = 0;
        for (int k = c; k < i; k++) {
          s -= l[i][k] * inv[k][c];
        }
        inv[i][c] = s / l[i][i];
      }
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int k = i; k < n; k++) {
          s += inv[k][i] * inv[k][j];
        }
        out[i][j] = s;
        out[j][i] = s;
      }
    }
    return out;
  }
}
