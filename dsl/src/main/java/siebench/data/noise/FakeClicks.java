package siebench.data.noise;

import java.util.SplittableRandom;
import siebench.data.Samples;

/**
 * Uniform fake clicks: {@code round(rate * n)} non-clicks chosen uniformly at random become clicks, labelled
 * {@code fake_click}. One-sided, feature-independent (class-conditional) label noise (N. Natarajan, I. S.
 * Dhillon, P. Ravikumar, A. Tewari, 2013, "Learning with Noisy Labels", NeurIPS), the baseline against which
 * {@link ClickFraud} concentrates the same number of fake clicks on a few targets. Candidates are the non-clicks
 * not flagged by an earlier injection.
 */
public final class FakeClicks extends LabelNoise {
  /** The name {@link Noise#named} parses. */
  public static final String NAME = "fake-clicks";
  /** The {@code truth_corruption} label (the generator's {@code Corruption.FAKE_CLICK}). */
  public static final String LABEL = "fake_click";

  FakeClicks(double rate) {
    super(NAME, LABEL, false, rate);
  }

  @Override
  int[] choose(Samples s, float[] y, Truth truth, int k, SplittableRandom rng) {
    int[] candidates = cleanNonClicks(y, truth);
    requireCandidates(k, candidates.length, "unflagged non-clicks", s);
    return sample(candidates, k, rng);
  }

  @Override
  public String toString() {
    return NAME + "(" + Rates.format(rate()) + ")";
  }
}
