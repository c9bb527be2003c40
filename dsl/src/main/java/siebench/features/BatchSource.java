package siebench.features;

/**
 * Encoded rows that can be read a range at a time, so that training, prediction and per-sample scoring need only
 * one range in memory: {@link EncodedData} (all rows on the heap) or an {@link EncodedCache} (a binary
 * columnar file). Ranges are numbered in the source's row order.
 */
public interface BatchSource {
  /** The layout models are built for. */
  FeatureLayout layout();

  /** Number of rows. */
  long size();

  /** Rows {@code [start, start + count)} on the heap. */
  EncodedData read(long start, int count);

  /** Fails unless {@code [start, start + count)} lies within the source's {@code size} rows. */
  static void checkRange(long start, int count, long size) {
    if (start < 0 || count < 0 || start + count > size) {
      throw new IndexOutOfBoundsException("rows [" + start + ", " + (start + count) + ") of " + size);
    }
  }

  /** The sum of the weights and the sum of weight times label, over all rows (read range by range). */
  default double[] weightedLabelSums() {
    double w = 0;
    double wy = 0;
    long n = size();
    int step = 1 << 16;
    for (long s = 0; s < n; s += step) {
      EncodedData d = read(s, (int) Math.min(step, n - s));
      float[] ws = d.weights();
      float[] ys = d.labels();
      for (int i = 0; i < ws.length; i++) {
        w += ws[i];
        wy += ws[i] * ys[i];
      }
    }
    return new double[] {w, wy};
  }
}
