package siebench.importance.correction;

/** Checks and copies of the {@code rows x actions} matrices of off-policy evaluation. */
final class Matrices {
  private Matrices() {}

  /** A deep copy of a non-empty rectangular matrix; fails naming {@code what} and the first ragged row. */
  static double[][] copy(double[][] m, String what) {
    if (m.length == 0 || m[0].length == 0) {
      throw new IllegalArgumentException(what + ": no rows or no actions");
    }
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      if (m[i].length != m[0].length) {
        throw new IllegalArgumentException(what + ", row " + i + ": " + m[i].length + " actions, row 0 has "
            + m[0].length);
      }
      c[i] = m[i].clone();
    }
    return c;
  }
}
