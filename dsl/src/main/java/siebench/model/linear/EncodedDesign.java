package siebench.model.linear;

import siebench.core.LinearDesign;
import siebench.features.EncodedData;

/**
 * The one-hot design of {@link EncodedData} with the intercept first: columns {@code [intercept, one indicator
 * per row of the shared embedding table (the encoder's per-field offsets keep fields apart), one per dense
 * column]}, the layout of the plain-Java logistic regressions in {@code importance.valuation} and
 * {@code importance.correction}.
 */
public final class EncodedDesign implements LinearDesign {
  private final int n;
  private final int f;
  private final int d;
  private final int denseBase;
  private final int[] cat;
  private final float[] dense;
  private final int[] groups;

  private EncodedDesign(EncodedData data) {
    this.n = data.rows();
    this.f = data.layout().fields();
    this.d = data.layout().dense();
    int p = columns(data);
    this.denseBase = p - d;
    long[] c = data.cat();
    this.cat = new int[n * f];
    for (int k = 0; k < cat.length; k++) {
      cat[k] = 1 + (int) c[k];
    }
    this.dense = data.dense();
    this.groups = groups(p);
  }

  /**
   * Groups: the intercept, each categorical field's observed indicator columns, each dense column; null if an
   * indicator column appears in two fields (then the solver runs without the coarse space).
   */
  private int[] groups(int p) {
    int[] g = new int[p];
    java.util.Arrays.fill(g, -1);
    g[0] = 0;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < f; k++) {
        int col = cat[i * f + k];
        if (g[col] == -1) {
          g[col] = 1 + k;
        } else if (g[col] != 1 + k) {
          return null;
        }
      }
    }
    for (int c = 0; c < d; c++) {
      g[denseBase + c] = 1 + f + c;
    }
    return g;
  }

  @Override
  public int[] columnGroups() {
    return groups;
  }

  @Override
  public int groupCount() {
    return groups == null ? 0 : 1 + f + d;
  }

  @Override
  public void groupSums(int i, double[] out) {
    out[0] = 1;
    for (int k = 0; k < f; k++) {
      out[1 + k] = 1;
    }
    for (int c = 0, o = i * d; c < d; c++) {
      out[1 + f + c] = dense[o + c];
    }
  }

  /** The design of {@code data}. */
  public static EncodedDesign of(EncodedData data) {
    return new EncodedDesign(data);
  }

  /**
   * {@code theta . x_row} for row {@code row} of {@code data} in this layout (intercept first), without building
   * the design: the logit of a fitted coefficient vector of {@link #columns} entries. Sums in the order of
   * {@link #dot}, so both give the same double.
   */
  public static double logit(double[] theta, EncodedData data, int row) {
    int nf = data.layout().fields();
    int nd = data.layout().dense();
    int denseBase = theta.length - nd;
    long[] cat = data.cat();
    float[] dense = data.dense();
    double m = theta[0];
    for (int f = 0; f < nf; f++) {
      m += theta[1 + (int) cat[row * nf + f]];
    }
    for (int c = 0; c < nd; c++) {
      m += theta[denseBase + c] * dense[row * nd + c];
    }
    return m;
  }

  /** Number of columns for this data: intercept + one per embedding row + one per dense column. */
  public static int columns(EncodedData data) {
    long p = 1 + data.layout().totalVocab() + data.layout().dense();
    if (p > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("design too wide for the Java logistic regression: " + p
          + " columns (expected at most " + (Integer.MAX_VALUE - 8) + ")");
    }
    return (int) p;
  }

  @Override
  public int rows() {
    return n;
  }

  @Override
  public int dim() {
    return denseBase + d;
  }

  @Override
  public int intercept() {
    return 0;
  }

  @Override
  public double dot(int i, double[] v) {
    double m = v[0];
    for (int k = i * f, e = k + f; k < e; k++) {
      m += v[cat[k]];
    }
    for (int c = 0, o = i * d; c < d; c++) {
      m += v[denseBase + c] * dense[o + c];
    }
    return m;
  }

  @Override
  public void addTo(int i, double a, double[] out) {
    out[0] += a;
    for (int k = i * f, e = k + f; k < e; k++) {
      out[cat[k]] += a;
    }
    for (int c = 0, o = i * d; c < d; c++) {
      out[denseBase + c] += a * dense[o + c];
    }
  }

  @Override
  public void addSquaresTo(int i, double a, double[] out) {
    out[0] += a;
    for (int k = i * f, e = k + f; k < e; k++) {
      out[cat[k]] += a;
    }
    for (int c = 0, o = i * d; c < d; c++) {
      double x = dense[o + c];
      out[denseBase + c] += a * x * x;
    }
  }
}
