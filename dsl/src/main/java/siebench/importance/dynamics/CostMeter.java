package siebench.importance.dynamics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;
import siebench.importance.Importance;

/**
 * Measures what an estimate costs: wall time, peak heap growth (sampled from the {@link MemoryMXBean} by a
 * daemon thread every few milliseconds and at every explicit {@link #sample()}), trainings and per-sample
 * evaluations. Use one meter per estimate, in a try-with-resources block.
 */
public final class CostMeter implements AutoCloseable {
  private static final long SAMPLE_MILLIS = 20;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final long start = System.nanoTime();
  private final long baseline;
  private final AtomicLong peak = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;
  private int trainings;
  private long evaluations;

  /** Starts measuring now. */
  public CostMeter() {
    baseline = memory.getHeapMemoryUsage().getUsed();
    peak.set(baseline);
    sampler = new Thread(() -> {
      while (running) {
        sample();
        try {
          Thread.sleep(SAMPLE_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "siebench-cost-meter");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Records the current heap use. */
  public void sample() {
    long used = memory.getHeapMemoryUsage().getUsed();
    peak.accumulateAndGet(used, Math::max);
  }

  /** Counts one model training. */
  public void training() {
    trainings++;
  }

  /** Counts {@code n} per-sample gradient or loss evaluations. */
  public void evaluations(long n) {
    evaluations += n;
  }

  public int trainings() {
    return trainings;
  }

  public long evaluations() {
    return evaluations;
  }

  /** The cost so far: wall millis since construction, peak heap growth over the starting heap, counters. */
  public Importance.Cost cost() {
    sample();
    long wall = (System.nanoTime() - start) / 1_000_000;
    return new Importance.Cost(wall, Math.max(0, peak.get() - baseline), trainings, evaluations);
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
