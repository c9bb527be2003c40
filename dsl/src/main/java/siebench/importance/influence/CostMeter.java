package siebench.importance.influence;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import siebench.importance.Importance;

/**
 * Measures what an estimate costs: wall time from construction, the peak heap growth observed at the sample
 * points the estimator calls {@link #sample()} at (checkpoints, CG iterations), trainings and per-sample
 * gradient evaluations.
 */
final class CostMeter {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final long start = System.nanoTime();
  private final long heapAtStart;
  private long peakHeap;
  private int trainings;
  private long gradientEvaluations;

  CostMeter() {
    heapAtStart = memory.getHeapMemoryUsage().getUsed();
    peakHeap = heapAtStart;
  }

  /** Records the current heap use. */
  void sample() {
    peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
  }

  void training() {
    trainings++;
  }

  void gradients(long count) {
    gradientEvaluations += count;
  }

  Importance.Cost cost() {
    sample();
    return new Importance.Cost((System.nanoTime() - start) / 1_000_000, Math.max(0, peakHeap - heapAtStart),
        trainings, gradientEvaluations);
  }
}
