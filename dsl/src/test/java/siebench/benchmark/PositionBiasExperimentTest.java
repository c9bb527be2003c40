package siebench.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import siebench.data.Samples;
import siebench.data.synthetic.EcommerceGenerator;
import siebench.data.synthetic.Synthetic;
import siebench.data.synthetic.SyntheticData;
import siebench.train.Objective;
import tech.tablesaw.api.Table;

class PositionBiasExperimentTest {
  @Test
  void runsEveryModelAndSourcePerSeedAgainstTheNaiveModelOfTheSameSeed() {
    PositionBiasExperiment.Result r = PositionBiasExperiment.on(Synthetic.ecommerce().rows(6_000).users(200)
            .items(400)).models("lr").propensities("true", "randomized").seeds(2).randomizedShare(0.5).run();
    Table runs = r.runs();
    assertEquals(2 * 5, runs.rowCount()); // none, true, randomized, random-order, oracle
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
      if (src.equals(PositionBiasExperiment.ORACLE) || src.equals(PositionBiasExperiment.RANDOM_ORDER)) {
        assertTrue(Double.isNaN(runs.doubleColumn("propensity_error").getDouble(i)));
      }
      if (src.equals("randomized")) {
        double err = runs.doubleColumn("propensity_error").getDouble(i);
        assertTrue(err > 0 && err < 1, "randomization estimates the propensities: error " + err);
      }
    }
    Table s = r.summary();
    assertEquals(5, s.rowCount());
    assertTrue(r.print().contains("randomized"));
    assertTrue(r.print().contains("oracle"));
  }

  @Test
  void theOracleLogsAreTheSameSessionsWithEveryResultExamined() {
    EcommerceGenerator g = Synthetic.ecommerce().rows(3_000).users(200).items(400).seed(3);
    Samples biased = g.generate().samples();
    Samples full = g.positionBias(0).generate().samples();
    assertArrayEquals(biased.strings(SyntheticData.QUERY_ID), full.strings(SyntheticData.QUERY_ID));
    assertArrayEquals(biased.doubles(SyntheticData.ITEM_ID), full.doubles(SyntheticData.ITEM_ID));
    assertArrayEquals(biased.doubles(SyntheticData.POSITION), full.doubles(SyntheticData.POSITION));
    assertArrayEquals(biased.doubles(SyntheticData.TRUTH_RELEVANCE), full.doubles(SyntheticData.TRUTH_RELEVANCE));
    for (double p : full.doubles(SyntheticData.TRUTH_PROPENSITY)) {
      assertEquals(1.0, p, 0);
    }
    assertTrue(sum(full.doubles(SyntheticData.CLICK)) > 2 * sum(biased.doubles(SyntheticData.CLICK)),
        "every result examined: more than twice the clicks under 1/position examination of 10 results");
  }

  private static double sum(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s;
  }

  @Test
  void rejectsUnknownSourcesAndTheBceObjective() {
    PositionBiasExperiment e = PositionBiasExperiment.on(Synthetic.ecommerce());
    assertThrows(IllegalArgumentException.class, () -> e.propensities("oracle"));
    assertThrows(IllegalArgumentException.class, () -> e.objective(Objective.bce()));
    assertThrows(IllegalArgumentException.class, () -> e.models("no-such-model"));
  }
}
