package siebench.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import siebench.data.synthetic.Synthetic;
import siebench.train.Objective;
import tech.tablesaw.api.Table;

class PositionBiasExperimentTest {
  @Test
  void runsEveryModelAndSourcePerSeedAgainstTheNaiveModelOfTheSameSeed() {
    PositionBiasExperiment.Result r = PositionBiasExperiment.on(Synthetic.ecommerce().rows(6_000).users(200)
            .items(400)).models("lr").propensities("true", "randomized").seeds(2).randomizedShare(0.5).run();
    Table runs = r.runs();
    assertEquals(2 * 3, runs.rowCount());
    for (int i = 0; i < runs.rowCount(); i++) {
      String src = runs.stringColumn("propensities").get(i);
      double delta = runs.doubleColumn("ndcg@10_delta").getDouble(i);
      double ndcg = runs.doubleColumn("ndcg@10").getDouble(i);
      assertTrue(ndcg > 0 && ndcg <= 1, "NDCG " + ndcg);
      if (src.equals("none")) {
        assertEquals(0, delta, 0);
      } else {
        // delta = this row's NDCG minus the naive row of the same seed and model
        int seed = runs.intColumn("seed").getInt(i);
        Table naive = runs.where(runs.intColumn("seed").isEqualTo(seed)
            .and(runs.stringColumn("propensities").isEqualTo("none")));
        assertEquals(ndcg - naive.doubleColumn("ndcg@10").getDouble(0), delta, 1e-12);
      }
      if (src.equals("true")) {
        assertEquals(0, runs.doubleColumn("propensity_error").getDouble(i), 1e-12);
      }
      if (src.equals("randomized")) {
        double err = runs.doubleColumn("propensity_error").getDouble(i);
        assertTrue(err > 0 && err < 1, "randomization estimates the propensities: error " + err);
      }
    }
    Table s = r.summary();
    assertEquals(3, s.rowCount());
    assertTrue(r.print().contains("randomized"));
  }

  @Test
  void rejectsUnknownSourcesAndTheBceObjective() {
    PositionBiasExperiment e = PositionBiasExperiment.on(Synthetic.ecommerce());
    assertThrows(IllegalArgumentException.class, () -> e.propensities("oracle"));
    assertThrows(IllegalArgumentException.class, () -> e.objective(Objective.bce()));
    assertThrows(IllegalArgumentException.class, () -> e.models("no-such-model"));
  }
}
