package siebench.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import siebench.data.Samples;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.Table;

/** The semi-synthetic item log: clicks follow θ·γ, the policy confounds, per-item means against Tablesaw's. */
class PositionBiasedItemLogTest {
  private static final PositionBias THETA = PositionBias.of(1.0, 0.6, 0.3);

  @Test
  void clicksFollowTheExaminationHypothesis() {
    PositionBiasedItemLog.Generated g = PositionBiasedItemLog.of(THETA).relevance(0.1, 0.9).rows(40_000).seed(3)
        .generate();
    Samples log = g.log();
    double[] item = log.doubles("item_id");
    double[] pos = log.doubles("position");
    double[] click = log.doubles("click");
    double[] exam = log.doubles("examination");
    double expected = 0;
    double variance = 0;
    double observed = 0;
    for (int r = 0; r < log.size(); r++) {
      double p = THETA.propensity((int) pos[r]) * g.relevance()[(int) item[r]];
      assertEquals(THETA.propensity((int) pos[r]), exam[r], 0, "the propensity column is the slot's examination");
      expected += p;
      variance += p * (1 - p);
      observed += click[r];
    }
    assertEquals(expected, observed, 4 * Math.sqrt(variance));
    assertEquals("click", log.schema().label());
    assertArrayEquals(exam, log.propensity("examination").propensities(), 0);
  }

  @Test
  void thePolicyPutsTheMoreRelevantItemsInTheLeastExaminedSlot() {
    PositionBiasedItemLog.Generated g = PositionBiasedItemLog.of(THETA).biasedShare(0.7).seed(5).generate();
    double[] sorted = java.util.Arrays.stream(g.relevance()).sorted().toArray();
    double median = sorted[sorted.length / 2];
    double[] item = g.log().doubles("item_id");
    double[] pos = g.log().doubles("position");
    int above = 0;
    int aboveInWorst = 0;
    for (int r = 0; r < item.length; r++) {
      if (g.relevance()[(int) item[r]] > median) {
        above++;
        aboveInWorst += pos[r] == 3 ? 1 : 0;
      }
    }
    double share = aboveInWorst / (double) above;
    double p = 0.7 + 0.3 / 3;
    assertEquals(p, share, 4 * Math.sqrt(p * (1 - p) / above));
    for (double v : g.relevance()) {
      assertTrue(v >= 0.02 && v < 0.12, "default relevance range: " + v);
    }
  }

  @Test
  void perItemMeansAndRecoveryAgainstTheTruth() {
    PositionBiasedItemLog.Generated g = PositionBiasedItemLog.of(THETA).items(10).rows(5_000).biasedShare(1)
        .relevance(0.1, 0.9).seed(7).generate();
    double[] click = g.log().doubles("click");
    Table byItem = g.log().table().summarize("click", AggregateFunctions.mean).by("item_id")
        .sortAscendingOn("item_id");
    assertArrayEquals(byItem.doubleColumn(1).asDoubleArray(), g.perItem(click), 1e-12);

    double[] oracle = new double[click.length];
    double[] item = g.log().doubles("item_id");
    for (int r = 0; r < oracle.length; r++) {
      oracle[r] = g.relevance()[(int) item[r]];
    }
    Map<String, double[]> scores = new LinkedHashMap<>();
    scores.put("truth", oracle);
    scores.put("raw clicks", click);
    Table t = g.itemRecovery(scores);
    assertEquals(1.0, t.doubleColumn("spearman_vs_truth").getDouble(0), 1e-12);
    assertEquals(0.0, t.doubleColumn("mean_abs_error_vs_truth").getDouble(0), 1e-12);
    // every relevant item always in the least examined slot: the raw clicks misorder the items
    assertTrue(t.doubleColumn("spearman_vs_truth").getDouble(1) < 0.5, t.print());
    assertThrows(IllegalArgumentException.class, () -> g.perItem(new double[3]));
  }

  @Test
  void relativeCurvesAndBadSettings() {
    assertArrayEquals(new double[] {1, 0.5, 0.25}, PositionBias.relative(2, 1, 0.5).curve(), 1e-15);
    assertArrayEquals(new double[] {0.5, 1}, PositionBias.relative(1, 2).curve(), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> PositionBias.relative(1, 0));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PositionBiasedItemLog.of(PositionBias.of(1.0)))
        .getMessage().contains("at least 2 slots"));
    assertThrows(IllegalArgumentException.class, () -> PositionBiasedItemLog.of(THETA).items(1));
    assertThrows(IllegalArgumentException.class, () -> PositionBiasedItemLog.of(THETA).relevance(0.5, 0.2));
    assertThrows(IllegalArgumentException.class, () -> PositionBiasedItemLog.of(THETA).biasedShare(1.5));
  }
}
