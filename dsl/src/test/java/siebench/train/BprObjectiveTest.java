package siebench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The BPR objective (Rendle et al. 2009) against a hand computation. */
class BprObjectiveTest {
  @Test
  void lossIsTheMeanOverTriplesOfMinusLogSigmoidOfTheScoreDifference() {
    // two groups: positive (z=1.5) with negatives (z=0.2, -0.7); positive (z=-0.3) with negative (z=0.4)
    float[] z = {1.5f, 0.2f, -0.3f, -0.7f, 0.4f};
    float[] y = {1, 0, 1, 0, 0};
    int[] g = {0, 0, 1, 0, 1};
    double expected = (-Math.log(sigmoid(1.5 - 0.2)) - Math.log(sigmoid(1.5 + 0.7)) - Math.log(sigmoid(-0.3 - 0.4)))
        / 3;
    try (NDManager m = NDManager.newBaseManager()) {
      double got = Objective.bpr().loss(m.create(z), m.create(y), m.create(new float[] {1, 1, 1, 1, 1}), m.create(g),
          0).getFloat();
      assertEquals(expected, got, 1e-5);
    }
    assertEquals("bpr", Objective.named("bpr").name());
    assertTrue(!Objective.bpr().needsPropensities() && Objective.bpr().kind().perQuery());
    assertThrows(IllegalStateException.class, () -> Objective.bpr().clip(0.1));
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

}
