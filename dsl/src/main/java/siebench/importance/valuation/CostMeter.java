package siebench.importance.valuation;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import siebench.importance.Importance;

/**
 * Measures what an estimate costs: wall time since creation, peak heap growth (sampled at {@link #sample()}
 * calls), model fits ({@code trainings}) and utility / loss evaluations ({@code gradientEvaluations}).
 */
final class CostMeter {
  private static final MemoryMXBean MEM = ManagementFactory.getMemoryMXBean();
  private final long t0 = System.nanoTime();
  private final long heap0 = MEM.getHeapMemoryUsage().getUsed();
  private final AtomicLong peak = new AtomicLong(heap0);
  final AtomicInteger fits = new AtomicInteger();
  final AtomicLong evaluations = new AtomicLong();

  void sample() {
    long used = MEM.getHeapMemoryUsage().getUsed();
    peak.accumulateAndGet(used, Math::max);
  }

  Importance.Cost cost() {
    sample();
    return new Importance.Cost((System.nanoTime() - t0) / 1_000_000, Math.max(0, peak.get() - heap0), fits.get(),
        evaluations.get());
  }
}
