package siebench.importance.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import siebench.core.Numerics;

/** The array-level formulas against hand computations. */
class DynamicsMathTest {
  @Test
  void formulasMatchHandValues() {
    // z = ln 3: p = 0.75
    double z = Math.log(3);
    assertEquals(0.25, DynamicsMath.el2n(z, 1), 1e-12);
    assertEquals(0.75, DynamicsMath.el2n(z, 0), 1e-12);
    assertEquals(-Math.log(0.75), Numerics.bce(z, 1), 1e-12);
    assertEquals(-Math.log(0.25), Numerics.bce(z, 0), 1e-12);
    assertEquals(Math.log(3), DynamicsMath.margin(z, 1), 1e-12);
    assertEquals(-Math.log(3), DynamicsMath.margin(z, 0), 1e-12);
    assertEquals(0.75, DynamicsMath.trueClassProbability(z, 1), 1e-12);
    assertEquals(0.25, DynamicsMath.trueClassProbability(z, 0), 1e-12);
    assertTrue(DynamicsMath.correct(z, 1, 0.5));
    assertFalse(DynamicsMath.correct(z, 1, 0.8));
    assertTrue(DynamicsMath.correct(z, 0, 0.8));
    // h = (3, 4): |h|^2 + 1 = 26
    assertEquals(0.25 * Math.sqrt(26), DynamicsMath.lastLayerGradientNorm(z, 1, new float[] {3, 4}), 1e-12);
    // extreme logits stay finite
    assertEquals(1000, Numerics.bce(-1000, 1), 1e-9);
    assertEquals(0, Numerics.bce(1000, 1), 1e-12);
  }

  @Test
  void areaUnderMarginIsTheMeanMargin() {
    // margins of a click with logits 2, -1, 0.5: 2, -1, 0.5 -> mean 0.5; of a non-click: -0.5
    assertEquals(0.5, AreaUnderMargin.area(new double[] {2, -1, 0.5}, 1), 1e-12);
    assertEquals(-0.5, AreaUnderMargin.area(new double[] {2, -1, 0.5}, 0), 1e-12);
  }

  @Test
  void percentileInterpolatesBetweenClosestRanks() {
    double[] v = {4, 1, 3, 2};
    assertEquals(2.5, AreaUnderMargin.percentile(v, 50), 1e-12);
    assertEquals(3.97, AreaUnderMargin.percentile(v, 99), 1e-12);
    assertEquals(1, AreaUnderMargin.percentile(v, 0), 0);
    assertEquals(4, AreaUnderMargin.percentile(v, 100), 0);
    assertEquals(7, AreaUnderMargin.percentile(new double[] {7}, 99), 0);
  }

  @Test
  void forgettingCountsTransitionsFromCorrectToIncorrect() {
    // rows (columns): 0 learned once and never forgotten; 1 forgotten twice; 2 never learned;
    // 3 learned at the end; 4 correct then forgotten for good
    boolean T = true;
    boolean F = false;
    boolean[][] seq = {
        {T, T, F, F, T},
        {T, F, F, F, F},
        {T, T, F, F, F},
        {T, F, F, F, F},
        {T, T, F, T, F}};
    ForgettingCounter c = ForgettingCounter.of(seq);
    assertArrayEquals(new int[] {0, 2, 0, 0, 1}, c.forgettingEvents());
    assertArrayEquals(new boolean[] {F, F, T, F, F}, c.neverLearned());
    assertArrayEquals(new double[] {0, 2, 5, 0, 1}, c.scores(), 0);
    assertEquals(5, c.evaluations());
    assertThrows(IllegalArgumentException.class, () -> c.observe(new boolean[3]));
  }

  @Test
  void cartographerMatchesDirectMeanAndStd() {
    double[][] z = {{0.3, -2, 1}, {1.2, -0.5, -1}, {2.0, 0.4, 0.2}, {-0.1, 1.5, 3}};
    float[] y = {1, 0, 1};
    DataMaps.Cartographer c = new DataMaps.Cartographer(3, 0.5);
    for (double[] step : z) {
      c.add(step, y);
    }
    for (int i = 0; i < 3; i++) {
      double[] p = new double[z.length];
      int correct = 0;
      for (int t = 0; t < z.length; t++) {
        double q = 1 / (1 + Math.exp(-z[t][i]));
        p[t] = y[i] == 1 ? q : 1 - q;
        correct += (q >= 0.5) == (y[i] == 1) ? 1 : 0;
      }
      double mean = (p[0] + p[1] + p[2] + p[3]) / 4;
      double var = 0;
      for (double v : p) {
        var += (v - mean) * (v - mean);
      }
      assertEquals(mean, c.confidence()[i], 1e-12);
      assertEquals(Math.sqrt(var / 4), c.variability()[i], 1e-12);
      assertEquals(correct / 4.0, c.correctness()[i], 1e-12);
      assertEquals(1 - mean, c.scores()[i], 1e-12);
    }
  }
}
