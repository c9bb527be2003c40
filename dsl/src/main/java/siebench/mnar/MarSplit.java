package siebench.mnar;

import java.util.Arrays;
import java.util.Objects;
import siebench.data.Samples;

/**
 * A missing-at-random (MAR) test set split in two: a small MAR sample that propensity estimators may use (the
 * {@code P(r)} of the naive-Bayes propensities) and the evaluation set the models are scored on, disjoint from
 * it. Schnabel, Swaminathan, Singh, Chandak &amp; Joachims 2016 ("Recommendations as Treatments: Debiasing
 * Learning and Evaluation", ICML, Sec. 6.2) set 5% of the MAR ratings aside this way.
 *
 * @param marSample the rows set aside for the propensity estimators
 * @param evaluation the remaining rows, for evaluation
 */
public record MarSplit(Samples marSample, Samples evaluation) {
  public MarSplit {
    Objects.requireNonNull(marSample, "marSample");
    Objects.requireNonNull(evaluation, "evaluation");
  }

  /**
   * A seeded random {@code fraction} of {@code marTest}'s rows (at least one) as the MAR sample, the rest as the
   * evaluation set ({@link Samples#permutation(int, long)} of the rows: the first rows of the permutation are
   * the sample).
   */
  public static MarSplit of(Samples marTest, double fraction, long seed) {
    Objects.requireNonNull(marTest, "marTest");
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("the MAR sample fraction must be in (0, 1), got " + fraction);
    }
    int n = marTest.size();
    int m = Math.max(1, (int) Math.round(fraction * n));
    if (m >= n) {
      throw new IllegalArgumentException("the MAR test set of " + n + " ratings is too small to set " + m
          + " aside and keep any for evaluation");
    }
    int[] perm = Samples.permutation(n, seed);
    return new MarSplit(marTest.rows(Arrays.copyOfRange(perm, 0, m)), marTest.rows(Arrays.copyOfRange(perm, m, n)));
  }
}
