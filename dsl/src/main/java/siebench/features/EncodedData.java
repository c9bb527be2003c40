package siebench.features;

/**
 * Samples turned into model input: row-major global embedding indices {@code cat[n * F]} (already offset into
 * the shared table), row-major dense values {@code dense[n * D]}, labels, weights and row ids. Arrays are
 * owned by this object; do not modify.
 */
public record EncodedData(FeatureLayout layout, int rows, long[] cat, float[] dense, float[] labels,
    float[] weights, long[] rowIds) {

  /** The rows at {@code positions}, in that order. */
  public EncodedData subset(int[] positions) {
    int f = layout.fields();
    int d = layout.dense();
    int n = positions.length;
    long[] c = new long[n * f];
    float[] x = new float[n * d];
    float[] y = new float[n];
    float[] w = new float[n];
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      int p = positions[i];
      System.arraycopy(cat, p * f, c, i * f, f);
      System.arraycopy(dense, p * d, x, i * d, d);
      y[i] = labels[p];
      w[i] = weights[p];
      ids[i] = rowIds[p];
    }
    return new EncodedData(layout, n, c, x, y, w, ids);
  }

  /** The same rows with other weights. */
  public EncodedData withWeights(float[] w) {
    if (w.length != rows) {
      throw new IllegalArgumentException(w.length + " weights for " + rows + " rows");
    }
    return new EncodedData(layout, rows, cat, dense, labels, w.clone(), rowIds);
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
