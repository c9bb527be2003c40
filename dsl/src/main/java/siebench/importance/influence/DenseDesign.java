package siebench.importance.influence;

/** A design matrix of dense rows {@code [h_i, 1]}: a representation plus the intercept. */
final class DenseDesign implements Design {
  private final float[][] h;
  private final int width;

  DenseDesign(float[][] h) {
    this.h = h;
    this.width = h.length == 0 ? 0 : h[0].length;
    for (int i = 0; i < h.length; i++) {
      if (h[i].length != width) {
        throw new IllegalArgumentException("representation row " + i + " has width " + h[i].length + ", expected "
            + width);
      }
    }
  }

  @Override
  public int rows() {
    return h.length;
  }

  @Override
  public int dim() {
    return width + 1;
  }

  @Override
  public double dot(int i, double[] v) {
    float[] x = h[i];
    double s = v[width];
    for (int j = 0; j < width; j++) {
      s += x[j] * v[j];
    }
    return s;
  }

  @Override
  public void addTo(int i, double a, double[] out) {
    float[] x = h[i];
    for (int j = 0; j < width; j++) {
      out[j] += a * x[j];
    }
    out[width] += a;
  }

  @Override
  public void addSquaresTo(int i, double a, double[] out) {
    float[] x = h[i];
    for (int j = 0; j < width; j++) {
      out[j] += a * x[j] * x[j];
    }
    out[width] += a;
  }

  @Override
  public double squaredNorm(int i) {
    float[] x = h[i];
    double s = 1;
    for (float v : x) {
      s += (double) v * v;
    }
    return s;
  }

  @Override
  public double quadratic(int i, double[][] m) {
    double[] x = row(i);
    double s = 0;
    for (int a = 0; a < x.length; a++) {
      double[] r = m[a];
      double t = 0;
      for (int b = 0; b < x.length; b++) {
        t += r[b] * x[b];
      }
      s += x[a] * t;
    }
    return s;
  }

  @Override
  public void addOuter(int i, double a, double[][] m) {
    double[] x = row(i);
    for (int p = 0; p < x.length; p++) {
      double ap = a * x[p];
      double[] r = m[p];
      for (int q = 0; q < x.length; q++) {
        r[q] += ap * x[q];
      }
    }
  }

  private double[] row(int i) {
    double[] x = new double[width + 1];
    for (int j = 0; j < width; j++) {
      x[j] = h[i][j];
    }
    x[width] = 1;
    return x;
  }
}
