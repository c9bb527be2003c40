package siebench.data.noise;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import siebench.data.Samples;

/**
 * The common part of the injectors that change labels: exactly {@code round(rate * n)} rows that are not yet
 * flagged get a new label and are flagged; nothing else changes (other columns such as a purchase column are
 * left as they are).
 */
abstract class LabelNoise implements Noise {
  private final String name;
  private final String label;
  private final boolean bothWays;
  private final double rate;

  /**
   * @param label the {@code truth_corruption} label of the rows this noise corrupts
   * @param bothWays true when chosen labels are inverted; false when they become clicks (the candidates are
   *     non-clicks)
   */
  LabelNoise(String name, String label, boolean bothWays, double rate) {
    this.name = name;
    this.label = label;
    this.bothWays = bothWays;
    this.rate = Rates.check(name, rate);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String corruptionLabel() {
    return label;
  }

  @Override
  public final double rate() {
    return rate;
  }

  @Override
  public final Samples inject(Samples clean, long seed) {
    Objects.requireNonNull(clean, "clean");
    float[] y = Rates.labels(clean, this);
    Truth truth = Truth.of(clean);
    int k = Rates.count(this, clean.size());
    int[] rows = choose(clean, y, truth, k, new SplittableRandom(seed));
    for (int i : rows) {
      y[i] = bothWays ? 1 - y[i] : 1;
      truth.mark(i, corruptionLabel());
    }
    return truth.writeTo(clean.withLabels(y), clean);
  }

  /** The {@code k} distinct rows to corrupt, among rows that are not yet flagged. */
  abstract int[] choose(Samples s, float[] y, Truth truth, int k, SplittableRandom rng);

  /** Positions of unflagged non-clicks (y = 0). */
  static int[] cleanNonClicks(float[] y, Truth truth) {
    int[] c = new int[y.length];
    int m = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] == 0 && !truth.corrupted(i)) {
        c[m++] = i;
      }
    }
    return Arrays.copyOf(c, m);
  }

  /** {@code k} of the candidates chosen uniformly without replacement (partial Fisher-Yates), sorted. */
  static int[] sample(int[] candidates, int k, SplittableRandom rng) {
    int[] c = candidates.clone();
    for (int j = 0; j < k; j++) {
      int r = j + rng.nextInt(c.length - j);
      int t = c[j];
      c[j] = c[r];
      c[r] = t;
    }
    int[] out = Arrays.copyOf(c, k);
    Arrays.sort(out);
    return out;
  }

  /** Fails when fewer than {@code k} candidates exist, saying how many are needed and what they are. */
  void requireCandidates(int k, int candidates, String what, Samples s) {
    if (candidates < k) {
      throw new IllegalArgumentException(this + " needs " + k + " rows (" + rate() + " x " + s.size()
          + ") but only " + candidates + " of " + s.describe() + " are " + what + "; lower the rate");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && o.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
