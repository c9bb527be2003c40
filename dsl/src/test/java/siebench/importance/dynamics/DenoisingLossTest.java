package siebench.importance.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Adaptive denoising losses against sorting by hand and the closed forms. */
class DenoisingLossTest {
  @Test
  void dropRateRampsLinearlyToItsMaximum() {
    DenoisingLoss t = DenoisingLoss.truncated(0.2, 100);
    assertEquals(0, t.dropRate(0), 0);
    assertEquals(0.1, t.dropRate(50), 1e-12);
    assertEquals(0.2, t.dropRate(100), 1e-12);
    assertEquals(0.2, t.dropRate(10_000), 1e-12);
    assertEquals(0.3, DenoisingLoss.truncated(0.3, 0).dropRate(0), 0);
    assertThrows(IllegalArgumentException.class, () -> DenoisingLoss.truncated(1.0, 10));
    assertThrows(IllegalArgumentException.class, () -> DenoisingLoss.reweighted(-1));
  }

  @Test
  void truncationDropsTheLargestLossPositivesLikeSortingByHand() {
    Random r = new Random(5);
    int b = 97;
    for (int trial = 0; trial < 5; trial++) {
      float[] loss = new float[b];
      float[] y = new float[b];
      for (int i = 0; i < b; i++) {
        loss[i] = (float) (r.nextDouble() * 3);
        y[i] = r.nextDouble() < 0.3 ? 1 : 0;
      }
      DenoisingLoss t = DenoisingLoss.truncated(0.4, 1000);
      long step = 250L * trial + 100;
      double rate = t.dropRate(step);
      // by hand: collect positives, sort by loss descending, zero the first floor(rate * #pos)
      List<Integer> pos = new ArrayList<>();
      for (int i = 0; i < b; i++) {
        if (y[i] == 1) {
          pos.add(i);
        }
      }
      pos.sort((x, z) -> Float.compare(loss[z], loss[x]));
      int k = (int) Math.floor(rate * pos.size());
      float[] expected = new float[b];
      java.util.Arrays.fill(expected, 1);
      for (int i = 0; i < k; i++) {
        expected[pos.get(i)] = 0;
      }
      try (NDManager m = NDManager.newBaseManager()) {
        float[] got = t.multipliers(m.create(loss), m.create(y), 1, step).toFloatArray();
        assertArrayEquals(expected, got, 0f, "trial " + trial + " rate " + rate + " k " + k);
      }
      double[] lossD = new double[b];
      for (int i = 0; i < b; i++) {
        lossD[i] = loss[i];
      }
      double[] host = t.weights(lossD, y, rate);
      for (int i = 0; i < b; i++) {
        assertEquals(expected[i], host[i], 0, "host weights, row " + i);
      }
    }
  }

  @Test
  void reweightingIsPToTheBetaForPositives() {
    float[] p = {0.9f, 0.2f, 0.5f, 0.05f};
    float[] y = {1, 1, 0, 0};
    float[] loss = new float[4];
    for (int i = 0; i < 4; i++) {
      loss[i] = (float) -(y[i] == 1 ? Math.log(p[i]) : Math.log(1 - p[i]));
    }
    DenoisingLoss rce = DenoisingLoss.reweighted(0.25);
    try (NDManager m = NDManager.newBaseManager()) {
      float[] w = rce.multipliers(m.create(loss), m.create(y), 3, 500).toFloatArray();
      assertEquals(Math.pow(0.9, 0.25), w[0], 1e-6);
      assertEquals(Math.pow(0.2, 0.25), w[1], 1e-6);
      assertEquals(1, w[2], 0);
      assertEquals(1, w[3], 0);
    }
    double[] host = rce.weights(new double[] {loss[0], loss[1], loss[2], loss[3]}, y, 0);
    assertEquals(Math.pow(0.2, 0.25), host[1], 1e-6);
    assertEquals(1, host[3], 0);
  }
}
