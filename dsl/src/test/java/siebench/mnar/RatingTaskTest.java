package siebench.mnar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import siebench.data.RatingData;
import siebench.data.synthetic.MnarRatings;

/**
 * Matrix factorization and the debiasing objectives: the model is biased MF (checked against its own parameters),
 * training is seeded, the loss factors are the estimators' weights, and on synthetic MNAR ratings IPS and DR with
 * the true propensities beat naive training on the MAR test set.
 */
class RatingTaskTest {
  private static RatingData data;
  private static final RatingTask TASK = RatingTask.ratings().epochs(20).batchSize(256).seed(3);

  @BeforeAll
  static void generate() {
    data = MnarRatings.generator().users(150).items(120).density(0.08).seed(9).generate().data();
  }

  @Test
  void theModelIsBiasedMatrixFactorization() {
    try (RatingModel m = TASK.epochs(2).fit(data)) {
      Map<String, float[]> p = new HashMap<>();
      Map<String, long[]> shape = new HashMap<>();
      for (var e : m.block().getParameters()) {
        Parameter prm = e.getValue();
        NDArray a = prm.getArray();
        p.put(prm.getName(), a.toFloatArray());
        shape.put(prm.getName(), a.getShape().getShape());
      }
      int k = (int) shape.get("embedding")[1];
      assertEquals(8, k);
      float[] emb = p.get("embedding");
      float[] lin = p.get("linear");
      float mu = p.get("bias")[0];
      int[] us = {0, 7, 149, 42};
      int[] is = {0, 119, 3, 60};
      double[] raw = m.raw(us, is);
      for (int j = 0; j < us.length; j++) {
        int ru = us[j];
        int ri = 150 + is[j];
        double dot = 0;
        for (int f = 0; f < k; f++) {
          dot += emb[ru * k + f] * emb[ri * k + f];
        }
        double expected = mu + lin[ru] + lin[ri] + dot;
        assertEquals(expected, raw[j], 1e-4, "r_hat = mu + b_u + b_i + p_u . q_i");
      }
      double[] clipped = m.predict(us, is);
      for (int j = 0; j < us.length; j++) {
        assertEquals(Math.max(1, Math.min(5, raw[j])), clipped[j], 1e-12);
      }
    }
  }

  @Test
  void seededTrainingIsDeterministic() {
    double[] p = RatingData.propensities(data.train());
    RatingTask dr = TASK.epochs(2).objective(RatingObjective.DOUBLY_ROBUST);
    try (RatingModel a = dr.fit(data, p); RatingModel b = dr.fit(data, p)) {
      assertArrayEquals(a.predict(data.test()), b.predict(data.test()), 0.0);
    }
  }

  @Test
  void lossFactorsAreTheEstimatorsWeights() {
    double[] p = {0.5, 0.25, 0.1};
    float[] ips = RatingTrainer.rowFactors(RatingObjective.IPS, p, 3, 30, 0);
    float[] snips = RatingTrainer.rowFactors(RatingObjective.SNIPS, p, 3, 30, 0);
    float[] naive = RatingTrainer.rowFactors(RatingObjective.NAIVE, null, 3, 30, 0);
    // batch mean of c * delta = (|O| / N) mean(delta / P) = sum_O delta / P / N (IPS); / sum_O 1 / P (SNIPS)
    assertArrayEquals(new float[] {3f / 30 / 0.5f, 3f / 30 / 0.25f, 3f / 30 / 0.1f}, ips, 1e-6f);
    assertArrayEquals(new float[] {3f / 16 * 2, 3f / 16 * 4, 3f / 16 * 10}, snips, 1e-6f);
    assertArrayEquals(new float[] {1, 1, 1}, naive, 0f);
    float[] floored = RatingTrainer.rowFactors(RatingObjective.IPS, p, 3, 30, 0.2);
    assertEquals(3f / 30 / 0.2f, floored[2], 1e-6f);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RatingTrainer.rowFactors(RatingObjective.IPS, new double[] {0.5, 0, 0.1}, 3, 30, 0));
    assertTrue(e.getMessage().contains("training row 1"), e.getMessage());
  }

  @Test
  void debiasingNeedsPropensities() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TASK.objective(RatingObjective.IPS).fit(data));
    assertTrue(e.getMessage().contains("needs propensities"), e.getMessage());
    assertEquals(RatingObjective.DOUBLY_ROBUST, RatingObjective.parse("doubly-robust"));
  }

  @Test
  void ipsAndDrWithTruePropensitiesBeatNaiveOnTheMarTest() {
    double[] p = PropensityEstimators.truth().estimate(data, null);
    double naive;
    double ips;
    double dr;
    try (RatingModel m = TASK.fit(data)) {
      naive = m.evaluate(data.test(), 5).mse();
    }
    try (RatingModel m = TASK.objective(RatingObjective.IPS).fit(data, p)) {
      ips = m.evaluate(data.test(), 5).mse();
    }
    try (RatingModel m = TASK.objective(RatingObjective.DOUBLY_ROBUST).fit(data, p)) {
      dr = m.evaluate(data.test(), 5).mse();
    }
    assertTrue(ips < naive, "IPS MSE " + ips + " vs naive " + naive);
    assertTrue(dr < naive, "DR MSE " + dr + " vs naive " + naive);
  }
}
