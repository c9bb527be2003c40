package siebench.importance.valuation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;

class CrossValidatedResidualTest {
  @Test
  void foldsAreAStratifiedPartition() {
    float[] y = new float[23];
    for (int i = 0; i < 7; i++) {
      y[i * 3] = 1;
    }
    int[] f = OutOfFold.folds(y, 3, 5);
    int[][] count = new int[3][2];
    for (int i = 0; i < y.length; i++) {
      count[f[i]][(int) y[i]]++;
    }
    for (int k = 0; k < 3; k++) {
      assertTrue(count[k][1] >= 2 && count[k][1] <= 3, "positives in fold " + k);
      assertTrue(count[k][0] + count[k][1] >= 7 && count[k][0] + count[k][1] <= 8, "size of fold " + k);
    }
  }

  @Test
  void matchesManualKFold() {
    Samples s = Toys.blobs(90, 1.5, 4);
    EstimationContext ctx = EstimationContext.defaults().seed(11).progress(Progress.silent());
    FeatureEncoder enc = FeatureEncoder.fit(s);
    EncodedData d = enc.encode(s);
    int[] fold = OutOfFold.folds(d.labels(), 3, 11);
    double[] p = new double[d.rows()];
    LogisticRegression lr = LogisticRegression.defaults();
    for (int k = 0; k < 3; k++) {
      java.util.List<Integer> tr = new java.util.ArrayList<>();
      for (int i = 0; i < d.rows(); i++) {
        if (fold[i] != k) {
          tr.add(i);
        }
      }
      LogisticRegression.Model m = lr.fit(d, tr.stream().mapToInt(Integer::intValue).toArray(), null);
      for (int i = 0; i < d.rows(); i++) {
        if (fold[i] == k) {
          p[i] = 1 / (1 + Math.exp(-m.logit(d, i)));
        }
      }
    }
    double mean = java.util.Arrays.stream(p).average().orElse(0);
    CrossValidatedResidual cv = CrossValidatedResidual.defaults().folds(3);
    Importance byDefault = cv.estimate(s, ctx);
    double[] seed = cv.meanMinusPrediction().estimate(s, ctx).alignTo(s);
    double[] signed = cv.signed().estimate(s, ctx).alignTo(s);
    assertArrayEquals(signed, byDefault.alignTo(s), 0, "the default is the signed residual y - p");
    assertEquals(Importance.Meaning.HARDNESS, byDefault.meaning());
    Importance abs = cv.absolute().estimate(s, ctx);
    double[] absolute = abs.alignTo(s);
    float[] y = s.labels();
    for (int i = 0; i < d.rows(); i++) {
      // warm starts across folds reach the same optimum up to the solver tolerance
      assertEquals(mean - p[i], seed[i], 1e-6, "row " + i);
      assertEquals(y[i] - p[i], signed[i], 1e-6, "row " + i);
      assertEquals(Math.abs(y[i] - p[i]), absolute[i], 1e-6, "row " + i);
    }
    assertEquals(3, abs.cost().trainings());
  }

  @Test
  void theDefaultReadsTheLabelAndFlaggedClicksAreFlipped() {
    Samples s = Toys.blobs(200, 2.5, 6);
    int[] flipped = {0, 1, 2, 3, 4, 5};
    Samples noisy = Toys.flip(s, flipped);
    EstimationContext ctx = EstimationContext.defaults().seed(3).progress(Progress.silent());
    double[] clean = CrossValidatedResidual.defaults().estimate(s, ctx).alignTo(s);
    double[] dirty = CrossValidatedResidual.defaults().estimate(noisy, ctx).alignTo(noisy);
    float[] before = s.labels();
    for (int i : flipped) {
      // a flipped 0 -> 1 becomes a surprising click (higher), a flipped 1 -> 0 a surprising non-click (lower)
      double moved = dirty[i] - clean[i];
      assertTrue(before[i] < 0.5f ? moved > 0.5 : moved < -0.5, "row " + i + " label " + before[i] + ": " + clean[i]
          + " -> " + dirty[i]);
    }
  }
}
