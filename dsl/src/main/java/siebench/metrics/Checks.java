package siebench.metrics;

/** Argument checks shared by the metrics: equal lengths, 0/1 labels, finite scores, valid weights. */
final class Checks {
  private Checks() {}

  static void sameLength(String what, int n, int m) {
    if (n != m) {
      throw new IllegalArgumentException(what + " has " + m + " entries but there are " + n + " labels");
    }
  }

  static void labels(float[] labels) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 0f && labels[i] != 1f) {
        throw new IllegalArgumentException("label at index " + i + " is " + labels[i] + "; expected 0 or 1");
      }
    }
  }

  static void scores(String what, double[] scores, int n) {
    sameLength(what, n, scores.length);
    for (int i = 0; i < scores.length; i++) {
      if (Double.isNaN(scores[i])) {
        throw new IllegalArgumentException(what + " at index " + i + " is NaN");
      }
    }
  }

  static void probabilities(double[] p, int n) {
    sameLength("probabilities", n, p.length);
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] >= 0 && p[i] <= 1)) {
        throw new IllegalArgumentException("probability at index " + i + " is " + p[i] + "; expected a value in [0, 1]");
      }
    }
  }

  static void weights(double[] w, int n) {
    if (w == null) {
      return;
    }
    sameLength("weights", n, w.length);
    for (int i = 0; i < w.length; i++) {
      if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
        throw new IllegalArgumentException("weight at index " + i + " is " + w[i] + "; weights must be finite and >= 0");
      }
    }
  }

  static void k(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
  }
}
