package siebench.importance.valuation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;

class ConfidentLearningTest {
  // hand-made: 10 rows, 3 classes
  static final int[] Y = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2};
  static final double[][] P = {
      {0.8, 0.1, 0.1},
      {0.7, 0.2, 0.1},
      {0.2, 0.7, 0.1}, // labeled 0, looks like 1
      {0.1, 0.8, 0.1},
      {0.55, 0.15, 0.3}, // labeled 1, lowest self-confidence, confident about nothing
      {0.1, 0.2, 0.7}, // labeled 1, confidently 2
      {0.0, 0.45, 0.55},
      {0.1, 0.1, 0.8},
      {0.2, 0.1, 0.7},
      {0.3, 0.2, 0.5}};

  @Test
  void thresholdsAndConfidentJointByHand() {
    ConfidentLearning.Analysis a = ConfidentLearning.analyze(Y, P, ConfidentLearning.Prune.PRUNE_BY_NOISE_RATE);
    // t_j = mean self-confidence of class j: 1.7/3, 1.6/4, 2.0/3
    assertArrayEquals(new double[] {1.7 / 3, 0.4, 2.0 / 3}, a.thresholds(), 1e-12);
    // r2 -> (0,1); r4 and r9 above no threshold; r5 -> (1,2); r6 -> (1,1) since 0.45 >= 0.4 and 0.55 < 2/3
    assertEquals("[[2, 1, 0], [0, 2, 1], [0, 0, 2]]", Arrays.deepToString(a.confidentJoint()));
    // calibrated rows [2,1,0], [0,8/3,4/3], [0,0,3] (total 10), rounded preserving row totals as cleanlab does
    assertEquals("[[2, 1, 0], [0, 3, 1], [0, 0, 3]]", Arrays.deepToString(a.calibratedJoint()));
    double[][] q = a.joint();
    assertEquals(0.2, q[0][0], 1e-12);
    assertEquals(0.1, q[0][1], 1e-12);
    assertEquals(0.3, q[1][1], 1e-12);
    assertEquals(0.1, q[1][2], 1e-12);
    assertEquals(0.3, q[2][2], 1e-12);
    assertEquals(0.2, a.noiseRate(), 1e-12);
    assertEquals(0.2, a.selfConfidence()[2], 0);
    assertEquals((0.2 - 0.7 + 1) / 2, a.normalizedMargin()[2], 1e-12);
  }

  @Test
  void issueSetsByHand() {
    // every expectation below is what cleanlab 2.9's filter.find_label_issues returns on Y, P
    // by noise rate: round(10*0.1)=1 of class 0 by p1-p0 -> r2; round(10*0.133)=1 of class 1 by p2-p1 -> r5
    assertEquals(Arrays.toString(new int[] {2, 5}), flagged(ConfidentLearning.Prune.PRUNE_BY_NOISE_RATE));
    // by class: 1 of class 0 with lowest p0 -> r2; 1 of class 1 with lowest p1 -> r4 (0.15 < 0.2)
    assertEquals(Arrays.toString(new int[] {2, 4}), flagged(ConfidentLearning.Prune.PRUNE_BY_CLASS));
    assertEquals(Arrays.toString(new int[] {2}), flagged(ConfidentLearning.Prune.BOTH));
    // off-diagonal of the confident joint: r2 and r5
    assertEquals(Arrays.toString(new int[] {2, 5}), flagged(ConfidentLearning.Prune.CONFIDENT_JOINT));
    // argmax != label: r2, r4, r5 and r6 (0.55 > 0.45)
    assertEquals(Arrays.toString(new int[] {2, 4, 5, 6}), flagged(ConfidentLearning.Prune.PREDICTED_NEQ_GIVEN));
    // the 2 surviving off-diagonal rows' worth of the lowest scores
    assertEquals(Arrays.toString(new int[] {2, 5}), flagged(ConfidentLearning.Prune.LOW_NORMALIZED_MARGIN));
    assertEquals(Arrays.toString(new int[] {2, 4}), flagged(ConfidentLearning.Prune.LOW_SELF_CONFIDENCE));
    assertEquals(2, ConfidentLearning.analyze(Y, P, ConfidentLearning.Prune.PRUNE_BY_NOISE_RATE).issueCount());
  }

  @Test
  void keepsAtLeastOneRowPerClass() {
    // class 1 has one row, confidently class 0: the joint says remove it, the floor keeps it
    int[] y = {0, 0, 0, 1};
    double[][] p = {{0.9, 0.1}, {0.8, 0.2}, {0.7, 0.3}, {0.95, 0.05}};
    for (ConfidentLearning.Prune pr : new ConfidentLearning.Prune[] {ConfidentLearning.Prune.PRUNE_BY_NOISE_RATE,
        ConfidentLearning.Prune.PRUNE_BY_CLASS}) {
      assertTrue(!ConfidentLearning.analyze(y, p, pr).issues()[3], pr.name());
    }
  }

  @Test
  void unflagsRowsWhoseGivenLabelIsPredicted() {
    // cleanlab's _reduce_issues: p_y + 1e-6 reaches the other class (row 2) or passes it (row 5): argmax is the given label, not an issue
    int[] y = {0, 0, 0, 1, 1, 1};
    double[][] p = {{0.9, 0.1}, {0.8, 0.2}, {0.5, 0.5}, {0.2, 0.8}, {0.1, 0.9}, {0.5000004, 0.4999996}};
    assertTrue(ConfidentLearning.predictedIsGiven(y, p)[2]);
    assertTrue(ConfidentLearning.predictedIsGiven(y, p)[5]);
    for (ConfidentLearning.Prune pr : ConfidentLearning.Prune.values()) {
      boolean[] issues = ConfidentLearning.findLabelIssues(y, p, pr);
      assertTrue(!issues[0] && !issues[1] && !issues[3] && !issues[4], pr.name() + " " + Arrays.toString(issues));
    }
  }

  @Test
  void cleanlabNamesAndErrors() {
    for (ConfidentLearning.Prune pr : ConfidentLearning.Prune.values()) {
      assertEquals(pr, ConfidentLearning.Prune.fromCleanlab(pr.cleanlabName()));
    }
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ConfidentLearning.Prune.fromCleanlab("prune_by_noise"));
    assertTrue(e.getMessage().contains("prune_by_noise_rate"), e.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ConfidentLearning.findLabelIssues(new int[] {0, 2}, new double[][] {{0.5, 0.5}, {0.5, 0.5}},
            ConfidentLearning.Prune.BOTH));
  }

  @Test
  void pairwiseSumAndRoundingFollowNumpy() {
    // round half to even, then the largest remainders absorb the rounding error: 2.5, 2.5, 1 -> 2, 2, 1 sums 5,
    // 6 is wanted, the tie goes to the later entry of the reversed stable argsort (index 1)
    assertArrayEquals(new int[] {2, 3, 1}, ConfidentLearning.roundPreservingSum(new double[] {2.5, 2.5, 1}));
    assertArrayEquals(new int[] {3, 1}, ConfidentLearning.roundPreservingSum(new double[] {8.0 / 3, 4.0 / 3}));
    double[] x = new double[1000];
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.1 * (i % 7) + 1e-3 * i;
    }
    double plain = 0;
    for (double v : x) {
      plain += v;
    }
    assertEquals(plain, ConfidentLearning.pairwiseSum(x, 0, x.length), 1e-9);
  }

  static String flagged(ConfidentLearning.Prune prune) {
    boolean[] f = ConfidentLearning.analyze(Y, P, prune).issues();
    return Arrays.toString(java.util.stream.IntStream.range(0, f.length).filter(i -> f[i]).toArray());
  }

  @Test
  void findsFlippedLabelsInSeparableData() {
    Samples s = Toys.flip(Toys.blobs(300, 5, 3), 0, 1, 2, 3);
    EstimationContext ctx = EstimationContext.defaults().progress(Progress.silent());
    ConfidentLearning cl = ConfidentLearning.defaults();
    ConfidentLearning.LabelIssues li = cl.fit(s, ctx);
    long[] issues = li.issueRowIds();
    // precision: everything flagged was flipped (rows 2 and 3 fall just under the class thresholds, which CL
    // leaves uncounted by design, so recall is not 4/4 here)
    assertTrue(issues.length >= 2, "issues " + Arrays.toString(issues));
    for (long id : issues) {
      assertTrue(id < 4, "clean row flagged: " + id + " in " + Arrays.toString(issues));
    }
    // the four flipped rows have the four lowest self-confidences
    double[] sc = li.analysis().selfConfidence();
    double[] sorted = sc.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < 4; i++) {
      assertTrue(sc[i] <= sorted[3], "flipped row " + i + " self-confidence " + sc[i]);
    }
    Importance imp = cl.estimate(s, ctx);
    assertEquals(issues.length, imp.parameters().get("labelIssues"));
    assertEquals(5, imp.cost().trainings());
    double[] v = imp.alignTo(s);
    assertEquals(sc[0], v[0], 0);
  }
}
