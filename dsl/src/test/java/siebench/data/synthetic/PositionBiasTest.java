package siebench.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Closed forms of the examination curve, and the alias sampler against its input weights. */
class PositionBiasTest {
  @Test
  void powerLawIsOneOverPositionToTheEta() {
    PositionBias b = PositionBias.powerLaw(1.5, 6);
    assertEquals(6, b.positions());
    for (int p = 1; p <= 6; p++) {
      assertEquals(1 / Math.pow(p, 1.5), b.propensity(p), 1e-15);
    }
    assertEquals((1 + 1 / Math.sqrt(8) + 1 / Math.sqrt(27) + 1 / 8.0 + 1 / Math.sqrt(125) + 1 / Math.sqrt(216)) / 6,
        b.mean(), 1e-12);
    assertEquals(1.0, PositionBias.powerLaw(0, 4).propensity(4));
  }

  @Test
  void explicitCurveIsValidated() {
    assertEquals(0.3, PositionBias.of(1, 0.6, 0.3).propensity(3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PositionBias.of(1, 0));
    assertTrue(e.getMessage().contains("position 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PositionBias.powerLaw(-1, 3));
    assertThrows(IllegalArgumentException.class, () -> PositionBias.powerLaw(1, 3).propensity(4));
  }

  @Test
  void aliasSamplerMatchesWeights() {
    double[] w = {5, 0, 1, 3, 0.5, 10};
    AliasSampler s = new AliasSampler(w);
    SplittableRandom r = new SplittableRandom(1);
    int n = 400_000;
    int[] count = new int[w.length];
    for (int i = 0; i < n; i++) {
      count[s.sample(r)]++;
    }
    double total = 19.5;
    for (int i = 0; i < w.length; i++) {
      double p = w[i] / total;
      double se = Math.sqrt(p * (1 - p) / n);
      assertEquals(p, count[i] / (double) n, 5 * se + 1e-12, "index " + i);
      assertEquals(p, s.probability(i), 1e-15);
    }
  }
}
