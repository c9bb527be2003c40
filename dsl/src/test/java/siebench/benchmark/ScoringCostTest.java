package siebench.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import siebench.benchmark.ThroughputBenchmark.Config;
import siebench.benchmark.ThroughputBenchmark.Mode;
import siebench.core.Progress;

class ScoringCostTest {
  @Test
  void timesEveryPassOfEveryRepeatAgainstTheSameRepeatsEpoch() {
    Config c = new Config(Mode.DEEPFM, 2048, 4, 16, 8, 512, 2, 1, 3, "unused", 2, 50, false);
    ScoringCost.Result r = ScoringCost.run(c, Progress.silent());
    assertEquals(2, r.repeats().size());
    for (ScoringCost.Repeat p : r.repeats()) {
      assertTrue(p.epochSeconds() > 0);
      assertEquals(ScoringCost.PASSES.size(), p.passSeconds().length);
      for (int k = 0; k < ScoringCost.PASSES.size(); k++) {
        assertEquals(p.passSeconds()[k] / p.epochSeconds(), p.multiple(k), 0);
      }
    }
    for (int k = 0; k < ScoringCost.PASSES.size(); k++) {
      assertTrue(r.minMultiple(k) <= r.medianMultiple(k) && r.medianMultiple(k) <= r.maxMultiple(k));
    }
  }
}
