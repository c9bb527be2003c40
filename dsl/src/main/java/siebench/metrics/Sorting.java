package siebench.metrics;

/** Stable primitive index sorts used by the metrics (no boxing, so millions of rows sort quickly). */
final class Sorting {
  private Sorting() {}

  /** All positions 0..n-1 ordered by ascending key; equal keys keep their position order. */
  static int[] ascending(double[] key) {
    int[] rows = new int[key.length];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    return ascending(key, rows);
  }

  /** A copy of {@code rows} ordered by ascending {@code key[row]}; ties keep their order in {@code rows}. */
  static int[] ascending(double[] key, int[] rows) {
    return sort(key, rows, 1);
  }

  /** A copy of {@code rows} ordered by descending {@code key[row]}; ties keep their order in {@code rows}. */
  static int[] descending(double[] key, int[] rows) {
    return sort(key, rows, -1);
  }

  private static int[] sort(double[] key, int[] rows, int sign) {
    int[] a = rows.clone();
    int[] buf = new int[a.length];
    mergeSort(key, sign, a, buf, 0, a.length);
    return a;
  }

  private static int cmp(double[] key, int sign, int x, int y) {
    return sign * Double.compare(key[x], key[y]);
  }

  private static void mergeSort(double[] key, int sign, int[] a, int[] buf, int lo, int hi) {
    if (hi - lo < 24) {
      for (int i = lo + 1; i < hi; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= lo && cmp(key, sign, a[j], v) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(key, sign, a, buf, lo, mid);
    mergeSort(key, sign, a, buf, mid, hi);
    if (cmp(key, sign, a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, lo, buf, lo, hi - lo);
    int i = lo;
    int j = mid;
    for (int k = lo; k < hi; k++) {
      if (j >= hi || (i < mid && cmp(key, sign, buf[i], buf[j]) <= 0)) {
        a[k] = buf[i++];
      } else {
        a[k] = buf[j++];
      }
    }
  }
}
