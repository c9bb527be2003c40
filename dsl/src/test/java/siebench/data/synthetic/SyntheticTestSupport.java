package siebench.data.synthetic;

import siebench.data.Samples;

/** Small helpers shared by the generator tests. */
final class SyntheticTestSupport {
  private SyntheticTestSupport() {}

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  static int[] ints(Samples s, String column) {
    double[] d = s.doubles(column);
    int[] out = new int[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = (int) d[i];
    }
    return out;
  }

  /** An order-sensitive hash of every cell of the table, via its string form. */
  static long hash(Samples s) {
    long h = 1125899906842597L;
    for (var c : s.table().columns()) {
      h = 31 * h + c.name().hashCode();
      for (int i = 0; i < c.size(); i++) {
        h = 31 * h + c.getString(i).hashCode();
      }
    }
    return h;
  }
}
