package siebench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Numerics} against closed forms and naive evaluations where those are exact. */
class NumericsTest {
  @Test
  void sigmoidMatchesTheClosedFormAndSaturatesWithoutOverflow() {
    assertEquals(0.5, Numerics.sigmoid(0), 0);
    assertEquals(0.75, Numerics.sigmoid(Math.log(3)), 1e-15);
    assertEquals(0.25, Numerics.sigmoid(-Math.log(3)), 1e-15);
    for (double z : new double[] {-40, -5, -0.3, 0.3, 5, 40}) {
      assertEquals(1 / (1 + Math.exp(-z)), Numerics.sigmoid(z), 1e-15 * Math.max(1, Numerics.sigmoid(z)));
      assertEquals(1, Numerics.sigmoid(z) + Numerics.sigmoid(-z), 1e-15);
    }
    assertEquals(Math.exp(-40) / (1 + Math.exp(-40)), Numerics.sigmoid(-40), 1e-30);
    assertTrue(Numerics.sigmoid(-40) > 0, "sigmoid(-40) is tiny but not zero");
    assertEquals(1, Numerics.sigmoid(1000), 0);
    assertEquals(0, Numerics.sigmoid(-1000), 0);
    assertEquals(1, Numerics.sigmoid(Double.MAX_VALUE), 0);
  }

  @Test
  void logSigmoidAndSoftplusAreAccurateInTheTails() {
    assertEquals(Math.log(0.75), Numerics.logSigmoid(Math.log(3)), 1e-15);
    assertEquals(Math.log(0.25), Numerics.logSigmoid(-Math.log(3)), 1e-15);
    // log sigmoid(-800) = -800 - log(1 + e^-800) = -800 exactly in double; the naive form gives log(0) = -inf
    assertEquals(-800, Numerics.logSigmoid(-800), 0);
    assertEquals(Math.log(2), Numerics.softplus(0), 1e-15);
    assertEquals(800, Numerics.softplus(800), 0);
    assertEquals(Math.exp(-30), Numerics.softplus(-30), 1e-25);
    for (double z : new double[] {-7, -1, 0.5, 3}) {
      assertEquals(-Numerics.softplus(-z), Numerics.logSigmoid(z), 1e-15);
    }
  }

  @Test
  void bceFromALogitEqualsBceFromItsProbabilityWhereBothAreStable() {
    SplittableRandom r = new SplittableRandom(3);
    for (int k = 0; k < 1000; k++) {
      double z = r.nextDouble(-15, 15);
      double y = k % 3 == 0 ? r.nextDouble() : k % 3 - 1; // soft labels and hard 0 / 1
      double p = Numerics.sigmoid(z);
      double naive = -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
      assertEquals(naive, Numerics.bce(z, y), 1e-9, "z=" + z + " y=" + y);
      assertEquals(naive, Numerics.bceOfProbability(p, y, 0), 1e-9, "z=" + z + " y=" + y);
    }
    // closed forms: bce(log 3, 1) = -log 0.75, bce(log 3, 0) = -log 0.25
    assertEquals(-Math.log(0.75), Numerics.bce(Math.log(3), 1), 1e-15);
    assertEquals(-Math.log(0.25), Numerics.bce(Math.log(3), 0), 1e-15);
    // a confident mistake on a logit stays finite and linear: bce(-1000, 1) = 1000
    assertEquals(1000, Numerics.bce(-1000, 1), 1e-9);
    assertEquals(0, Numerics.bce(1000, 1), 0);
  }

  @Test
  void bceOfAProbabilityClipsToEps() {
    assertEquals(-Math.log(1e-7), Numerics.bceOfProbability(0, 1, 1e-7), 1e-12);
    assertEquals(-Math.log(1e-7), Numerics.bceOfProbability(1, 0, 1e-7), 1e-9);
    assertEquals(Double.POSITIVE_INFINITY, Numerics.bceOfProbability(0, 1, 0));
    assertEquals(-Math.log(0.8), Numerics.bceOfProbability(0.8, 1, 1e-7), 1e-15);
    assertEquals(-(0.3 * Math.log(0.8) + 0.7 * Math.log(0.2)), Numerics.bceOfProbability(0.8, 0.3, 1e-7), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> Numerics.bceOfProbability(0.5, 1, 0.5));
    assertThrows(IllegalArgumentException.class, () -> Numerics.bceOfProbability(0.5, 1, -1e-3));
  }

  @Test
  void dotProducts() {
    assertEquals(1 * 4 + 2 * 5 + 3 * 6, Numerics.dot(new double[] {1, 2, 3}, new double[] {4, 5, 6}), 0);
    assertEquals(0, Numerics.dot(new double[0], new double[0]), 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Numerics.dot(new double[2], new double[3]));
    assertTrue(e.getMessage().contains("2 and 3"), e.getMessage());
    // rows 1 and 0 of two 2x3 row-major matrices
    double[] a = {9, 9, 9, 1, 2, 3};
    double[] b = {4, 5, 6, 7, 7, 7};
    assertEquals(32, Numerics.dot(a, 3, b, 0, 3), 0);
    assertEquals(7, Numerics.maxAbs(new double[] {3, -7, 5}), 0);
    assertEquals(0, Numerics.maxAbs(new double[0]), 0);
  }

  @Test
  void logSumExpIsMaxPlusLogOfShiftedSum() {
    double[] x = {1000, 1001, 999.5};
    double expected = 1001 + Math.log(Math.exp(-1) + 1 + Math.exp(-1.5));
    assertEquals(expected, Numerics.logSumExp(x), 1e-12);
    assertEquals(Double.POSITIVE_INFINITY, Math.log(Math.exp(1000) + Math.exp(1001)), "the naive form overflows");
    double[] small = {-1000, -1001};
    assertEquals(-1000 + Math.log1p(Math.exp(-1)), Numerics.logSumExp(small), 1e-12);
    assertEquals(Math.log(2 + Math.exp(1) + Math.exp(-2)), Numerics.logSumExp(new double[] {0, 0, 1, -2}), 1e-15);
    assertEquals(Math.log(1e308) + Math.log(2), Numerics.logSumExp(new double[] {Math.log(1e308), Math.log(1e308)}),
        1e-12);
    assertEquals(5, Numerics.logSumExp(new double[] {5}), 0);
    assertEquals(Double.NEGATIVE_INFINITY, Numerics.logSumExp(new double[0]));
    assertEquals(3, Numerics.logSumExp(new double[] {Double.NEGATIVE_INFINITY, 3}), 0);
    assertEquals(Double.POSITIVE_INFINITY, Numerics.logSumExp(new double[] {Double.POSITIVE_INFINITY, 3}));
    assertTrue(Double.isNaN(Numerics.logSumExp(new double[] {1, Double.NaN})));
  }

  @Test
  void softmaxIsExpOverLogSumExpAndSurvivesLargeLogits() {
    double[] x = {2000, 2001, 1998};
    double[] p = Numerics.softmax(x);
    double lse = Numerics.logSumExp(x);
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      assertEquals(Math.exp(x[i] - lse), p[i], 1e-15);
      sum += p[i];
    }
    assertEquals(1, sum, 1e-15);
    assertArrayEquals(new double[] {0.5, 0.5}, Numerics.softmax(new double[] {-3, -3}), 0);
    assertThrows(IllegalArgumentException.class, () -> Numerics.softmax(new double[0]));
    assertThrows(IllegalArgumentException.class, () -> Numerics.softmax(new double[] {1, Double.NaN}));
  }
}
