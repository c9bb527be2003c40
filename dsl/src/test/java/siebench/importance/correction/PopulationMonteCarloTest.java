package siebench.importance.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Population Monte Carlo against closed forms: the target's moments, unit weights, resampling frequencies. */
class PopulationMonteCarloTest {
  @Test
  void theProposalMovesToTheTargetAndTheEstimateToItsMean() {
    PopulationMonteCarlo.Result r = PopulationMonteCarlo.of(x -> PopulationMonteCarlo.normalDensity(x, 3, 0.5))
        .start(0, 2).draws(5_000).iterations(6).seed(11).run();
    List<PopulationMonteCarlo.Iteration> it = r.iterations();
    assertEquals(6, it.size());
    PopulationMonteCarlo.Iteration last = it.get(5);
    assertEquals(3, r.estimate(), 0.05);
    assertEquals(3, last.proposalMean(), 0.05);
    assertEquals(0.5, last.proposalSd(), 0.05);
    assertTrue(last.essShare() > 0.8, "a proposal close to the target keeps most draws: " + last.essShare());
    assertTrue(it.get(0).essShare() < 0.5, "N(0, 2²) is a poor proposal for N(3, 0.5²): " + it.get(0).essShare());
    Table t = r.table();
    assertEquals(6, t.rowCount());
    assertEquals(0.0, t.doubleColumn("proposal mean").getDouble(0), 0);
    assertEquals(2.0, t.doubleColumn("proposal sd").getDouble(0), 0);
  }

  @Test
  void whenTheProposalIsTheTargetEveryWeightIsOneAndTheEstimateIsTheSampleMean() {
    long seed = 5;
    PopulationMonteCarlo.Iteration first = PopulationMonteCarlo.of(x -> PopulationMonteCarlo.normalDensity(x, 0, 1))
        .start(0, 1).draws(1_000).iterations(1).seed(seed).run().iterations().get(0);
    Random rng = new Random(seed);
    double sum = 0;
    for (int i = 0; i < 1_000; i++) {
      sum += rng.nextGaussian();
    }
    assertEquals(sum / 1_000, first.estimate(), 1e-12);
    assertEquals(1.0, first.essShare(), 1e-12);
  }

  @Test
  void anUnnormalizedTargetGivesTheSameRun() {
    PopulationMonteCarlo.Result a = PopulationMonteCarlo.of(x -> PopulationMonteCarlo.normalDensity(x, 1, 0.7))
        .start(-1, 1.5).draws(2_000).seed(3).run();
    PopulationMonteCarlo.Result b = PopulationMonteCarlo.of(x -> 40 * PopulationMonteCarlo.normalDensity(x, 1, 0.7))
        .start(-1, 1.5).draws(2_000).seed(3).run();
    for (int t = 0; t < 4; t++) {
      assertEquals(a.iterations().get(t).estimate(), b.iterations().get(t).estimate(), 1e-9);
      assertEquals(a.iterations().get(t).proposalSd(), b.iterations().get(t).proposalSd(), 1e-9);
    }
  }

  @Test
  void multinomialResamplingDrawsInProportionToTheWeights() {
    double[] w = {0.5, 1, 2, 4, 8, 0.25, 0};
    double total = 15.75;
    int m = 40_000;
    int[] draws = PopulationMonteCarlo.multinomial().resample(w, m, new Random(1));
    double[] freq = new double[w.length];
    for (int i : draws) {
      freq[i]++;
    }
    for (int i = 0; i < w.length; i++) {
      double p = w[i] / total;
      double se = Math.sqrt(p * (1 - p) / m);
      assertEquals(p, freq[i] / m, 5 * se + 1e-12, "index " + i);
    }
    assertEquals(0, freq[6], "a zero weight is never drawn");
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> PopulationMonteCarlo.multinomial().resample(new double[] {0, 0}, 3, new Random(1))).getMessage()
        .contains("all 2 weights are 0"));
    assertThrows(IllegalArgumentException.class,
        () -> PopulationMonteCarlo.multinomial().resample(new double[] {1, -1}, 3, new Random(1)));
  }

  @Test
  void badSettingsAndBadResamplersFailClearly() {
    PopulationMonteCarlo pmc = PopulationMonteCarlo.of(x -> PopulationMonteCarlo.normalDensity(x, 0, 1)).draws(10);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> pmc.start(0, 0)).getMessage().contains("sd > 0"));
    assertThrows(IllegalArgumentException.class, () -> pmc.draws(1));
    assertThrows(IllegalArgumentException.class, () -> pmc.iterations(0));
    assertTrue(assertThrows(IllegalStateException.class, () -> pmc.resampler((w, m, r) -> new int[m - 1]).run())
        .getMessage().contains("expected 10"));
    assertTrue(assertThrows(IllegalStateException.class, () -> pmc.resampler((w, m, r) -> new int[] {
        0, 1, 2, 3, 4, 5, 6, 7, 8, 10}).run()).getMessage().contains("index 10"));
    assertEquals(0.3989422804014327, PopulationMonteCarlo.normalDensity(0, 0, 1), 1e-15);
    assertEquals(0.3989422804014327 / 2 * Math.exp(-0.5), PopulationMonteCarlo.normalDensity(4, 2, 2), 1e-15);
  }
}
