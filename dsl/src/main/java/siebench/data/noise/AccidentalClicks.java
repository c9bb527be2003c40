package siebench.data.noise;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;
import siebench.data.Role;
import siebench.data.Samples;

/**
 * Accidental clicks: {@code round(rate * n)} non-clicks at the top positions, chosen uniformly among them,
 * become clicks, labelled {@code accidental_click}. Position-dependent false positives: users click the first
 * results out of trust or by mistake whatever their relevance (A. Agarwal, X. Wang, C. Li, M. Bendersky, M.
 * Najork, 2019, "Addressing Trust Bias for Unbiased Learning-to-Rank", WWW; W. Wang, F. Feng, X. He, L. Nie,
 * T.-S. Chua, 2021, "Denoising Implicit Feedback for Recommendation", WSDM).
 *
 * <p>Needs the POSITION role. "Top {@code k}" means the {@code k} smallest position values present in the
 * samples (so it works for 0- and 1-based positions alike; with 1-based positions 1..10 the top 3 are 1, 2 and
 * 3); rows with a missing position are never chosen. Candidates are the unflagged non-clicks there.
 */
public final class AccidentalClicks extends LabelNoise {
  /** The name {@link Noise#named} parses. */
  public static final String NAME = "accidental-clicks";
  /** The {@code truth_corruption} label. */
  public static final String LABEL = "accidental_click";
  /** Default number of top positions. */
  public static final int DEFAULT_TOP_POSITIONS = 3;

  private final int topPositions;

  AccidentalClicks(double rate, int topPositions) {
    super(NAME, LABEL, false, rate);
    if (topPositions < 1) {
      throw new IllegalArgumentException(NAME + ": topPositions must be >= 1, got " + topPositions);
    }
    this.topPositions = topPositions;
  }

  /** The same noise on the {@code k} smallest position values (default 3). */
  public AccidentalClicks topPositions(int k) {
    return new AccidentalClicks(rate(), k);
  }

  /** The number of top positions that get accidental clicks. */
  public int topPositions() {
    return topPositions;
  }

  @Override
  int[] choose(Samples s, float[] y, Truth truth, int k, SplittableRandom rng) {
    double[] pos = s.doubles(Rates.role(s, Role.POSITION, this, ".position(\"col\")"));
    TreeSet<Double> values = new TreeSet<>();
    for (double p : pos) {
      if (!Double.isNaN(p)) {
        values.add(p);
      }
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException(this + ": the position column of " + s.describe() + " has no values");
    }
    double cutoff = values.stream().limit(topPositions).reduce((a, b) -> b).orElseThrow();
    int[] candidates = new int[y.length];
    int m = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] == 0 && !truth.corrupted(i) && pos[i] <= cutoff) {
        candidates[m++] = i;
      }
    }
    requireCandidates(k, m, "unflagged non-clicks at the top " + topPositions + " positions (<= "
        + (cutoff == Math.rint(cutoff) ? String.valueOf((long) cutoff) : String.valueOf(cutoff)) + ")", s);
    return sample(Arrays.copyOf(candidates, m), k, rng);
  }

  @Override
  public String toString() {
    return NAME + "(" + Rates.format(rate()) + " top " + topPositions + ")";
  }
}
