package siebench.importance.correction;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import siebench.importance.Importance;

/**
 * Measures what a correction estimate costs: wall time since creation, the peak heap in use seen at the
 * checkpoints where {@link #sample()} is called (relative to the heap at start), and the number of model fits.
 * Not thread-safe; one meter per estimate.
 */
final class CostMeter {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private final long start = System.nanoTime();
  private final long heapAtStart = MEMORY.getHeapMemoryUsage().getUsed();
  private long peak = heapAtStart;
  private int fits;
  private long evaluations;

  /** Records the current heap use. */
  void sample() {
    peak = Math.max(peak, MEMORY.getHeapMemoryUsage().getUsed());
  }

  /** Counts one model fit (a "training" in {@link Importance.Cost}). */
  void fit() {
    fits++;
    sample();
  }

  /** Counts per-row model evaluations (predictions or loss evaluations). */
  void evaluated(long rows) {
    evaluations += rows;
  }

  int fits() {
    return fits;
  }

  Importance.Cost cost() {
    sample();
    return new Importance.Cost((System.nanoTime() - start) / 1_000_000, Math.max(0, peak - heapAtStart), fits,
        evaluations);
  }
}
