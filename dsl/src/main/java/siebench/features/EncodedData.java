package siebench.features;

/**
 * Samples turned into model input: row-major global embedding indices {@code cat[n * F]} (already offset into
 * the shared table), row-major dense values {@code dense[n * D]}, labels, weights, row ids, and, when the
 * layout has one, row-major behavior histories {@code history[n * L]} (global embedding rows, left-padded with
 * the layout's padding row). Arrays are owned by this object; do not modify.
 */
public record EncodedData(FeatureLayout layout, int rows, long[] cat, float[] dense, float[] labels,
    float[] weights, long[] rowIds, long[] history) implements BatchSource {

  public EncodedData {
    int f = layout.fields();
    int d = layout.dense();
    int l = layout.historyLength();
    if (cat.length != (long) rows * f || dense.length != (long) rows * d || labels.length != rows
        || weights.length != rows || rowIds.length != rows || history.length != (long) rows * l) {
      throw new IllegalArgumentException("array sizes do not match " + rows + " rows of " + layout);
    }
  }

  /** Encoded rows without behavior history. */
  public EncodedData(FeatureLayout layout, int rows, long[] cat, float[] dense, float[] labels, float[] weights,
      long[] rowIds) {
    this(layout, rows, cat, dense, labels, weights, rowIds, new long[0]);
  }

  /** The number of rows, as a {@link BatchSource}. */
  @Override
  public long size() {
    return rows;
  }

  /** Rows {@code [start, start + count)}: this object itself when that is all rows, else a copy. */
  @Override
  public EncodedData read(long start, int count) {
    BatchSource.checkRange(start, count, rows);
    if (start == 0 && count == rows) {
      return this;
    }
    int[] positions = new int[count];
    for (int i = 0; i < count; i++) {
      positions[i] = (int) start + i;
    }
    return subset(positions);
  }

  @Override
  public double[] weightedLabelSums() {
    double w = 0;
    double wy = 0;
    for (int i = 0; i < rows; i++) {
      w += weights[i];
      wy += weights[i] * labels[i];
    }
    return new double[] {w, wy};
  }

  /** The rows at {@code positions}, in that order. */
  public EncodedData subset(int[] positions) {
    int f = layout.fields();
    int d = layout.dense();
    int l = layout.historyLength();
    int n = positions.length;
    long[] c = new long[n * f];
    float[] x = new float[n * d];
    long[] h = new long[n * l];
    float[] y = new float[n];
    float[] w = new float[n];
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      int p = positions[i];
      System.arraycopy(cat, p * f, c, i * f, f);
      System.arraycopy(dense, p * d, x, i * d, d);
      System.arraycopy(history, p * l, h, i * l, l);
      y[i] = labels[p];
      w[i] = weights[p];
      ids[i] = rowIds[p];
    }
    return new EncodedData(layout, n, c, x, y, w, ids, h);
  }

  /** The dense (numeric) feature values of row {@code i}, in the layout's dense-column order. */
  public double[] denseRow(int i) {
    if (i < 0 || i >= rows) {
      throw new IndexOutOfBoundsException("row " + i + " of " + rows + " encoded rows");
    }
    int d = layout.dense();
    double[] x = new double[d];
    for (int j = 0; j < d; j++) {
      x[j] = dense[i * d + j];
    }
    return x;
  }

  /** The same rows with other weights. */
  public EncodedData withWeights(float[] w) {
    if (w.length != rows) {
      throw new IllegalArgumentException(w.length + " weights for " + rows + " rows");
    }
    return new EncodedData(layout, rows, cat, dense, labels, w.clone(), rowIds, history);
  }

  /** The same rows with other training targets (e.g. the soft targets of an unbiased objective). */
  public EncodedData withLabels(float[] y) {
    if (y.length != rows) {
      throw new IllegalArgumentException(y.length + " labels for " + rows + " rows");
    }
    return new EncodedData(layout, rows, cat, dense, y.clone(), weights, rowIds, history);
  }

  /** True when some weight differs from 1. */
  public boolean weighted() {
    for (float v : weights) {
      if (v != 1f) {
        return true;
      }
    }
    return false;
  }
}
