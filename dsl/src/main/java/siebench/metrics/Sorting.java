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
    int[] a = rows.clone();
    int[] buf = new int[a.length];
    mergeSort(key, a, buf, 0, a.length);
    return a;
  }

  /** A copy of {@code rows} ordered by descending {@code key[row]}; ties keep their order in {@code rows}. */
  static int[] descending(double[] key, int[] rows) {
    double[] neg = new double[key.length];
    for (int r : rows) {
      neg[r] = -key[r];
    }
    return ascending(neg, rows);
  }

  private static void mergeSort(double[] key, int[] a, int[] buf, int lo, int hi) {
    if (hi - lo < 24) {
      for (int i = lo + 1; i < hi; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= lo && Double.compare(key[a[j]], key[v]) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(key, a, buf, lo, mid);
    mergeSort(key, a, buf, mid, hi);
    if (Double.compare(key[a[mid - 1]], key[a[mid]]) <= 0) {
      return;
    }
    System.arraycopy(a, lo, buf, lo, hi - lo);
    int i = lo;
    int j = mid;
    for (int k = lo; k < hi; k++) {
      if (j >= hi || (i < mid && Double.compare(key[buf[i]], key[buf[j]]) <= 0)) {
        a[k] = buf[i++];
      } else {
        a[k] = buf[j++];
      }
    }
  }
}
