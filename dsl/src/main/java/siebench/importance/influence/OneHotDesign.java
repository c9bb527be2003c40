package siebench.importance.influence;

import siebench.features.EncodedData;

/**
 * The design matrix of a logistic regression over encoded rows: one indicator column per row of the shared
 * embedding table (each categorical field one-hot; the encoder's per-field offsets keep fields apart), then the
 * dense values, then the intercept. This is exactly the parameterization of the LR {@code CtrNetwork} ("linear"
 * [V,1], "dense_linear" [1,D], "bias").
 */
final class OneHotDesign implements Design {
  private final int n;
  private final int f;
  private final int d;
  private final int vocab;
  private final int[] cat;
  private final float[] dense;

  OneHotDesign(EncodedData data) {
    long v = data.layout().totalVocab();
    if (v + data.layout().dense() + 1 > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("vocabulary of " + v + " rows is too large for a one-hot design");
    }
    this.n = data.rows();
    this.f = data.layout().fields();
    this.d = data.layout().dense();
    this.vocab = (int) v;
    this.cat = new int[n * f];
    long[] c = data.cat();
    for (int i = 0; i < cat.length; i++) {
      cat[i] = (int) c[i];
    }
    this.dense = data.dense();
  }

  @Override
  public int rows() {
    return n;
  }

  @Override
  public int dim() {
    return vocab + d + 1;
  }

  @Override
  public double dot(int i, double[] v) {
    double s = v[vocab + d];
    for (int k = i * f, e = k + f; k < e; k++) {
      s += v[cat[k]];
    }
    for (int j = 0; j < d; j++) {
      s += dense[i * d + j] * v[vocab + j];
    }
    return s;
  }

  @Override
  public void addTo(int i, double a, double[] out) {
    out[vocab + d] += a;
    for (int k = i * f, e = k + f; k < e; k++) {
      out[cat[k]] += a;
    }
    for (int j = 0; j < d; j++) {
      out[vocab + j] += a * dense[i * d + j];
    }
  }

  @Override
  public void addSquaresTo(int i, double a, double[] out) {
    out[vocab + d] += a;
    for (int k = i * f, e = k + f; k < e; k++) {
      out[cat[k]] += a;
    }
    for (int j = 0; j < d; j++) {
      double x = dense[i * d + j];
      out[vocab + j] += a * x * x;
    }
  }

  @Override
  public double squaredNorm(int i) {
    double s = 1 + f; // distinct indicator columns per row (fields own disjoint ranges)
    for (int j = 0; j < d; j++) {
      double x = dense[i * d + j];
      s += x * x;
    }
    return s;
  }

  private int nnz() {
    return f + d + 1;
  }

  private void sparse(int i, int[] idx, double[] val) {
    for (int k = 0; k < f; k++) {
      idx[k] = cat[i * f + k];
      val[k] = 1;
    }
    for (int j = 0; j < d; j++) {
      idx[f + j] = vocab + j;
      val[f + j] = dense[i * d + j];
    }
    idx[f + d] = vocab + d;
    val[f + d] = 1;
  }

  @Override
  public double quadratic(int i, double[][] m) {
    int k = nnz();
    int[] idx = new int[k];
    double[] val = new double[k];
    sparse(i, idx, val);
    double s = 0;
    for (int a = 0; a < k; a++) {
      double[] row = m[idx[a]];
      double t = 0;
      for (int b = 0; b < k; b++) {
        t += row[idx[b]] * val[b];
      }
      s += val[a] * t;
    }
    return s;
  }

  @Override
  public void addOuter(int i, double a, double[][] m) {
    int k = nnz();
    int[] idx = new int[k];
    double[] val = new double[k];
    sparse(i, idx, val);
    for (int p = 0; p < k; p++) {
      double[] row = m[idx[p]];
      double ap = a * val[p];
      for (int q = 0; q < k; q++) {
        row[idx[q]] += ap * val[q];
      }
    }
  }
}
