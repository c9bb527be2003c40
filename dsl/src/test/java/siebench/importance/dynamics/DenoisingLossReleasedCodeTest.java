package siebench.importance.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The released-code variants of T-CE and R-CE against a transcription of the authors' PyTorch loss by hand:
 * T-CE keeps the {@code int((1 - rate) * B)} smallest values of {@code loss * t} (negatives first), R-CE
 * weights every row by {@code p^beta} (positives) or {@code (1 - p)^beta} (negatives).
 */
class DenoisingLossReleasedCodeTest {
  @Test
  void truncatedOverBatchDropsRateTimesBatchLargestLossPositives() {
    Random r = new Random(8);
    int b = 64;
    for (int trial = 0; trial < 6; trial++) {
      float[] loss = new float[b];
      float[] y = new float[b];
      for (int i = 0; i < b; i++) {
        loss[i] = (float) (r.nextDouble() * 3);
        y[i] = r.nextDouble() < (trial < 3 ? 0.5 : 0.1) ? 1 : 0; // trials 3..5: fewer positives than rate * B
      }
      DenoisingLoss t = DenoisingLoss.truncatedOverBatch(0.2, 0);
      // the released code: argsort(loss * t) ascending, keep the first int((1 - 0.2) * B)
      Integer[] order = new Integer[b];
      for (int i = 0; i < b; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (x, z) -> Float.compare(loss[x] * y[x], loss[z] * y[z]));
      int keep = (int) ((1 - 0.2) * b);
      int positives = 0;
      for (float v : y) {
        positives += v == 1 ? 1 : 0;
      }
      float[] expected = new float[b];
      for (int i = 0; i < keep; i++) {
        expected[order[i]] = 1;
      }
      if (positives < b - keep) {
        // fewer positives than the drop count: the released code would also drop zero-loss-key negatives;
        // the variant keeps every negative and drops all positives
        Arrays.fill(expected, 1);
        for (int i = 0; i < b; i++) {
          if (y[i] == 1) {
            expected[i] = 0;
          }
        }
      }
      try (NDManager m = NDManager.newBaseManager()) {
        float[] got = t.multipliers(m.create(loss), m.create(y), 1, 5).toFloatArray();
        assertArrayEquals(expected, got, 0f, "trial " + trial);
      }
      double[] lossD = new double[b];
      for (int i = 0; i < b; i++) {
        lossD[i] = loss[i];
      }
      double[] host = t.weights(lossD, y, 0.2);
      for (int i = 0; i < b; i++) {
        assertEquals(expected[i], host[i], 0, "host weights, trial " + trial + " row " + i);
      }
    }
  }

  @Test
  void reweightedBothSidesWeightsNegativesByOneMinusPToTheBeta() {
    float[] z = {-2f, 0.5f, 1.5f, -0.3f};
    float[] y = {1, 0, 1, 0};
    double beta = 0.25;
    float[] loss = new float[z.length];
    float[] expected = new float[z.length];
    for (int i = 0; i < z.length; i++) {
      double p = 1 / (1 + Math.exp(-z[i]));
      loss[i] = (float) -(y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p));
      expected[i] = (float) Math.pow(y[i] == 1 ? p : 1 - p, beta);
    }
    try (NDManager m = NDManager.newBaseManager()) {
      float[] got = DenoisingLoss.reweightedBothSides(beta).multipliers(m.create(loss), m.create(y), 1, 0)
          .toFloatArray();
      assertArrayEquals(expected, got, 1e-6f);
      float[] paperText = DenoisingLoss.reweighted(beta).multipliers(m.create(loss), m.create(y), 1, 0).toFloatArray();
      assertEquals(1f, paperText[1], 0f);
      assertEquals(expected[0], paperText[0], 1e-6f);
    }
  }
}
