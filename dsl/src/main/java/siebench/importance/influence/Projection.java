package siebench.importance.influence;

import java.util.SplittableRandom;
import siebench.core.Numerics;

/**
 * A seeded random projection {@code P} ({@code d x p}) of gradient vectors, as in TRAK (Park, Georgiev, Ilyas,
 * Leclerc and Madry 2023, "TRAK: Attributing Model Behavior at Scale", ICML 2023), which projects per-sample
 * gradients to a low dimension before forming inner products and the kernel {@code Phi' Phi}. Entries are i.i.d.
 * Rademacher {@code +-1/sqrt(d)} or Gaussian {@code N(0, 1/d)}, so {@code E[P'P] = I} and inner products are
 * preserved in expectation; by the Johnson-Lindenstrauss lemma (Johnson and Lindenstrauss 1984; Achlioptas 2003
 * for the Rademacher case) {@code |Px . Py - x . y| <= eps |x| |y|} with high probability once {@code d} is of
 * order {@code log(pairs) / eps^2}.
 *
 * <p>The matrix is stored column by column ({@code p} columns of {@code d} floats), so projecting a sparse
 * (one-hot) row costs O(d nnz). Immutable.
 */
public final class Projection {
  /** The distribution of the entries. */
  public enum Kind {
    /** {@code +-1/sqrt(d)} with probability 1/2 each. */
    RADEMACHER,
    /** {@code N(0, 1/d)}. */
    GAUSSIAN
  }

  /** Largest {@code d * p} stored (4 bytes each). */
  static final long MAX_ENTRIES = 200_000_000L;

  private final float[][] columns;
  private final int d;

  private Projection(float[][] columns, int d) {
    this.columns = columns;
    this.d = d;
  }

  /** A {@code d x p} JL matrix with entries of the given kind, from {@code seed}. */
  public static Projection random(Kind kind, int d, int p, long seed) {
    if (d < 1 || p < 1) {
      throw new IllegalArgumentException("projection dimensions must be >= 1, got d = " + d + ", p = " + p);
    }
    if ((long) d * p > MAX_ENTRIES) {
      throw new IllegalArgumentException("a " + d + " x " + p + " projection has more than " + MAX_ENTRIES
          + " entries; choose a smaller dimension d");
    }
    SplittableRandom r = new SplittableRandom(seed);
    float s = (float) (1 / Math.sqrt(d));
    float[][] cols = new float[p][d];
    for (float[] col : cols) {
      for (int k = 0; k < d; k++) {
        col[k] = kind == Kind.RADEMACHER ? (r.nextBoolean() ? s : -s) : (float) (gaussian(r) * s);
      }
    }
    return new Projection(cols, d);
  }

  /** A random orthogonal {@code p x p} matrix (Gram-Schmidt of a Gaussian one): projects without distortion. */
  static Projection orthogonal(int p, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] rows = new double[p][p];
    for (int i = 0; i < p; i++) {
      double[] v = rows[i];
      for (int j = 0; j < p; j++) {
        v[j] = gaussian(r);
      }
      for (int pass = 0; pass < 2; pass++) {
        for (int k = 0; k < i; k++) {
          double c = Numerics.dot(rows[k], v);
          for (int j = 0; j < p; j++) {
            v[j] -= c * rows[k][j];
          }
        }
      }
      double norm = Math.sqrt(Numerics.dot(v, v));
      for (int j = 0; j < p; j++) {
        v[j] /= norm;
      }
    }
    float[][] cols = new float[p][p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        cols[j][i] = (float) rows[i][j];
      }
    }
    return new Projection(cols, p);
  }

  private static double gaussian(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }

  /** The output dimension {@code d}. */
  public int outputDim() {
    return d;
  }

  /** The input dimension {@code p}. */
  public int inputDim() {
    return columns.length;
  }

  /** {@code P x} for the first {@code p} entries of {@code x} (later entries, e.g. an intercept, are ignored). */
  public float[] apply(double[] x) {
    if (x.length < columns.length) {
      throw new IllegalArgumentException("vector has " + x.length + " entries, projection expects " + columns.length);
    }
    double[] acc = new double[d];
    for (int j = 0; j < columns.length; j++) {
      double v = x[j];
      if (v != 0) {
        float[] col = columns[j];
        for (int k = 0; k < d; k++) {
          acc[k] += v * col[k];
        }
      }
    }
    float[] out = new float[d];
    for (int k = 0; k < d; k++) {
      out[k] = (float) acc[k];
    }
    return out;
  }

  /**
   * The design of projected rows: row {@code i} of {@code x} without its intercept (the last column) is
   * projected, and the intercept is kept as the last column of the result ({@code [P x_i, 1]}).
   */
  Design project(Design x) {
    if (x.dim() - 1 != columns.length) {
      throw new IllegalArgumentException("design has " + (x.dim() - 1) + " columns besides the intercept, "
          + "projection expects " + columns.length);
    }
    float[][] rows = new float[x.rows()][];
    double[] row = new double[x.dim()];
    for (int i = 0; i < rows.length; i++) {
      java.util.Arrays.fill(row, 0);
      x.addTo(i, 1, row);
      rows[i] = apply(row);
    }
    return new DenseDesign(rows);
  }
}
