package siebench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link CostMeter}: counters (also from parallel workers), the heap bookkeeping and the sampler's life cycle. */
class CostMeterTest {
  @Test
  void countsTrainingsAndEvaluationsFromParallelWorkers() {
    CostMeter meter = new CostMeter();
    IntStream.range(0, 1000).parallel().forEach(i -> {
      meter.training();
      meter.evaluations(3);
    });
    meter.trainings(5);
    assertEquals(1005, meter.trainings());
    assertEquals(3000, meter.evaluations());
    assertThrows(IllegalArgumentException.class, () -> meter.evaluations(-1));
    assertThrows(IllegalArgumentException.class, () -> meter.trainings(-1));
  }

  @Test
  void peakHeapIsAtLeastTheStartAndGrowthIsTheDifference() {
    CostMeter meter = new CostMeter();
    long[][] kept = new long[8][];
    for (int i = 0; i < kept.length; i++) {
      kept[i] = new long[1 << 20]; // 8 MB each, live until the last sample
      meter.sample();
    }
    long peak = meter.peakHeapBytes();
    assertTrue(peak >= meter.heapAtStart());
    long growth = meter.peakHeapGrowthBytes();
    assertTrue(growth >= 0);
    assertTrue(growth <= meter.peakHeapBytes() - meter.heapAtStart());
    assertTrue(meter.wallMillis() >= 0 && meter.wallSeconds() >= 0);
    assertEquals(8, kept.length);
  }

  @Test
  void samplingMeterStopsItsThreadOnClose() throws InterruptedException {
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
    Thread sampler;
    try (CostMeter meter = CostMeter.sampling()) {
      sampler = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().equals("siebench-cost-meter") && !before.contains(t)).findAny().orElseThrow();
      assertTrue(sampler.isDaemon());
      meter.training();
      assertEquals(1, meter.trainings());
    }
    sampler.join(5_000);
    assertFalse(sampler.isAlive(), "the sampler thread ends after close()");
    new CostMeter().close(); // a checkpoint meter has nothing to stop
  }
}
