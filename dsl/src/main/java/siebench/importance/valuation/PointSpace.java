package siebench.importance.valuation;

import siebench.features.EncodedData;

/**
 * Training and validation points with a distance, for nearest-neighbour valuation. {@link #distances} fills
 * the squared Euclidean distance (as float) of one validation point to every training point.
 */
public interface PointSpace {
  int trainSize();

  int validationSize();

  /** Squared distances from validation point {@code v} to all training points, into {@code out}. */
  void distances(int v, float[] out);

  /** Dense points (e.g. learned embeddings), row-major {@code [n * dim]}. */
  static PointSpace dense(float[] train, float[] validation, int dim) {
    if (dim < 1 || train.length % dim != 0 || validation.length % dim != 0) {
      throw new IllegalArgumentException("point arrays must be row-major with dimension " + dim);
    }
    int n = train.length / dim;
    int m = validation.length / dim;
    return new PointSpace() {
      @Override
      public int trainSize() {
        return n;
      }

      @Override
      public int validationSize() {
        return m;
      }

      @Override
      public void distances(int v, float[] out) {
        int vb = v * dim;
        for (int i = 0, tb = 0; i < n; i++, tb += dim) {
          float s = 0;
          for (int c = 0; c < dim; c++) {
            float d = train[tb + c] - validation[vb + c];
            s += d * d;
          }
          out[i] = s;
        }
      }
    };
  }

  /**
   * The encoded features: the one-hot encoding of every categorical field plus the standardized dense
   * columns. The squared distance is {@code 2 * (number of fields whose categories differ) + ||dense
   * difference||^2}, computed without materializing the one-hot vectors.
   */
  static PointSpace encoded(EncodedData train, EncodedData validation) {
    if (!train.layout().equals(validation.layout())) {
      throw new IllegalArgumentException("training and validation designs differ: " + train.layout() + " vs "
          + validation.layout());
    }
    int nf = train.layout().fields();
    int nd = train.layout().dense();
    int n = train.rows();
    int[] tc = ints(train.cat());
    int[] vc = ints(validation.cat());
    float[] tx = train.dense();
    float[] vx = validation.dense();
    return new PointSpace() {
      @Override
      public int trainSize() {
        return n;
      }

      @Override
      public int validationSize() {
        return validation.rows();
      }

      @Override
      public void distances(int v, float[] out) {
        int vb = v * nf;
        int vd = v * nd;
        for (int i = 0, tb = 0, td = 0; i < n; i++, tb += nf, td += nd) {
          int mismatches = 0;
          for (int f = 0; f < nf; f++) {
            mismatches += tc[tb + f] != vc[vb + f] ? 1 : 0;
          }
          float s = 2f * mismatches;
          for (int c = 0; c < nd; c++) {
            float d = tx[td + c] - vx[vd + c];
            s += d * d;
          }
          out[i] = s;
        }
      }
    };
  }

  private static int[] ints(long[] a) {
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      if (a[i] < 0 || a[i] > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("embedding index " + a[i] + " out of int range");
      }
      out[i] = (int) a[i];
    }
    return out;
  }
}
