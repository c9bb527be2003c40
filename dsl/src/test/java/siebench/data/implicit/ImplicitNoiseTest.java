package siebench.data.implicit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import siebench.data.Samples;

/** Injected implicit-feedback noise: new pairs only, the requested amount, and exact ground truth. */
class ImplicitNoiseTest {
  static Interactions log() {
    java.util.Random rng = new java.util.Random(6);
    int n = 2000;
    String[] u = new String[n];
    String[] i = new String[n];
    long[] t = new long[n];
    String[] b = new String[n];
    for (int r = 0; r < n; r++) {
      u[r] = "u" + rng.nextInt(200);
      i[r] = "i" + rng.nextInt(300);
      t[r] = r;
      b[r] = "pv";
    }
    return Interactions.of("random", u, i, t, b);
  }

  @Test
  void randomInteractionsAreNewPairsMarkedAsCorrupted() {
    Interactions train = log();
    int pairs = ImplicitSamples.defaults().positives(train).user().length;
    Interactions noisy = ImplicitNoise.randomInteractions(train, 0.2, 3);
    assertEquals(train.size() + Math.round(0.2 * pairs), noisy.size());
    Samples s = ImplicitSamples.defaults().build(noisy);
    double[] truth = s.doubles("truth_corrupted");
    String[] behaviour = s.strings(ImplicitSamples.BEHAVIOUR);
    float[] y = s.labels();
    int corrupted = 0;
    for (int r = 0; r < y.length; r++) {
      boolean injected = behaviour[r].equals(ImplicitNoise.RANDOM);
      assertEquals(injected ? 1.0 : 0.0, truth[r], "row " + r);
      corrupted += injected ? 1 : 0;
      assertTrue(!injected || y[r] == 1);
    }
    assertEquals(Math.round(0.2 * pairs), corrupted, "every injected event is a new pair");
  }

  @Test
  void burstsHitOnlyTheTargetItems() {
    Interactions train = log();
    Interactions noisy = ImplicitNoise.botBursts(train, 0.1, 5, 4);
    Set<Integer> targets = new HashSet<>();
    for (int r = train.size(); r < noisy.size(); r++) {
      assertEquals(ImplicitNoise.BURST, noisy.behaviour(r));
      targets.add(noisy.item(r));
    }
    assertEquals(5, targets.size());
    assertThrows(IllegalArgumentException.class, () -> ImplicitNoise.botBursts(train, 0.9, 1, 4));
    assertThrows(IllegalArgumentException.class, () -> ImplicitNoise.randomInteractions(train, 0, 4));
  }
}
