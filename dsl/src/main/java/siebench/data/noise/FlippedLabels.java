package siebench.data.noise;

import java.util.Arrays;
import java.util.SplittableRandom;
import siebench.data.Samples;

/**
 * Flipped labels: {@code round(rate * n)} rows chosen uniformly at random get the inverted label (clicks
 * become non-clicks and non-clicks clicks), labelled {@code flipped}: symmetric random classification noise
 * (D. Angluin, P. Laird, 1988, "Learning from noisy examples", Machine Learning 2). Candidates are the rows not
 * flagged by an earlier injection.
 */
public final class FlippedLabels extends LabelNoise {
  /** The name {@link Noise#named} parses. */
  public static final String NAME = "flipped-labels";
  /** The {@code truth_corruption} label (the generator's {@code Corruption.FLIPPED}). */
  public static final String LABEL = "flipped";

  FlippedLabels(double rate) {
    super(NAME, LABEL, true, rate);
  }

  @Override
  int[] choose(Samples s, float[] y, Truth truth, int k, SplittableRandom rng) {
    int[] candidates = new int[y.length];
    int m = 0;
    for (int i = 0; i < y.length; i++) {
      if (!truth.corrupted(i)) {
        candidates[m++] = i;
      }
    }
    requireCandidates(k, m, "unflagged rows", s);
    return sample(Arrays.copyOf(candidates, m), k, rng);
  }

  @Override
  public String toString() {
    return NAME + "(" + Rates.format(rate()) + ")";
  }
}
