package siebench.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Top-k detection figures, by hand; ties at the cut count at their expectation under random order. */
class DetectionTest {
  @Test
  void precisionAndRecallAtKWithoutTies() {
    boolean[] flags = {true, false, true, false, false, true};
    double[] s = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
    // top 3: rows 0, 1, 2 -> 2 hits of 3 flagged rows
    double p = 2 / 3.0;
    double r = 2 / 3.0;
    assertArrayEquals(new double[] {p, r, 2 * p * r / (p + r)}, Detection.atK(flags, s, 3), 1e-12);
  }

  @Test
  void aTieAcrossTheCutCountsTheFlaggedShareOfThePlacesLeft() {
    // forgetting-like counts: row 0 alone on top, then four rows tied at 2 (two flagged), then the rest
    boolean[] flags = {true, false, true, true, false, false, true};
    double[] s = {3, 2, 2, 2, 2, 1, 1};
    // k = 3: row 0 (a hit) plus 2 of the 4 tied places, each flagged with probability 2/4 -> 1 + 1 = 2 hits
    double[] at3 = Detection.atK(flags, s, 3);
    assertEquals(2 / 3.0, at3[0], 1e-12);
    assertEquals(2 / 4.0, at3[1], 1e-12);
    // k = 5 takes the whole tie: 1 + 2 = 3 hits
    assertEquals(3 / 5.0, Detection.atK(flags, s, 5)[0], 1e-12);
    // all rows tied: precision at any k is the base rate
    double[] flat = new double[flags.length];
    assertEquals(4 / 7.0, Detection.atK(flags, flat, 2)[0], 1e-12);
  }
}
