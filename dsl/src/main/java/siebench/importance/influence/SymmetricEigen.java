package siebench.importance.influence;

/**
 * Eigen-decomposition of a small dense symmetric matrix by the cyclic Jacobi method (Golub and Van Loan,
 * <i>Matrix Computations</i>, section 8.5): {@code a = V diag(values) V'}, eigenvalues in decreasing order,
 * eigenvectors in the columns of {@code V}. Cost O(n^3) per sweep; meant for the dimensions of a last layer, a
 * Kronecker factor or a Krylov subspace (hundreds), not for whole networks.
 */
final class SymmetricEigen {
  final double[] values;
  /** Eigenvectors as columns: {@code vectors[row][k]} is entry {@code row} of eigenvector {@code k}. */
  final double[][] vectors;

  private SymmetricEigen(double[] values, double[][] vectors) {
    this.values = values;
    this.vectors = vectors;
  }

  static SymmetricEigen of(double[][] a0) {
    int n = a0.length;
    double[][] a = new double[n][];
    double scale = 0;
    for (int i = 0; i < n; i++) {
      if (a0[i].length != n) {
        throw new IllegalArgumentException("matrix is not square: row " + i + " has " + a0[i].length + " entries, "
            + "expected " + n);
      }
      a[i] = a0[i].clone();
      for (int j = 0; j < n; j++) {
        scale = Math.max(scale, Math.abs(a[i][j]));
      }
    }
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off <= 1e-30 * scale * scale * n * n || off == 0) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = a[p][q];
          if (Math.abs(apq) < 1e-300) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double cs = 1 / Math.sqrt(t * t + 1);
          double sn = t * cs;
          for (int k = 0; k < n; k++) { // columns p, q
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = cs * akp - sn * akq;
            a[k][q] = sn * akp + cs * akq;
          }
          for (int k = 0; k < n; k++) { // rows p, q
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = cs * apk - sn * aqk;
            a[q][k] = sn * apk + cs * aqk;
          }
          for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = cs * vkp - sn * vkq;
            v[k][q] = sn * vkp + cs * vkq;
          }
        }
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    double[][] fa = a;
    java.util.Arrays.sort(order, (x, y) -> Double.compare(fa[y][y], fa[x][x]));
    double[] values = new double[n];
    double[][] vectors = new double[n][n];
    for (int k = 0; k < n; k++) {
      values[k] = a[order[k]][order[k]];
      for (int i = 0; i < n; i++) {
        vectors[i][k] = v[i][order[k]];
      }
    }
    return new SymmetricEigen(values, vectors);
  }
}
