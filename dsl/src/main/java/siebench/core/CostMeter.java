package siebench.core;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures what a piece of work costs, the quantities the benchmark's cost protocol reports (plain
 * instrumentation, no paper): wall time since the meter was created, the peak heap in use (absolute, and as
 * growth over the heap at creation), the number of model trainings and the number of per-row evaluations
 * (gradients, losses, predictions or utility evaluations, whatever the estimator counts as one unit of work).
 *
 * <p>The heap is read from the JVM's {@link MemoryMXBean} at every {@link #sample()} and {@link #training()}
 * call (checkpoints the work chooses). A meter made by {@link #sampling()} additionally samples from a daemon
 * thread every {@value #SAMPLE_MILLIS} ms until {@link #close()}, so short-lived peaks between checkpoints are
 * seen too; use it in a try-with-resources block. Counters and the peak are atomic, so parallel workers may
 * report to one meter.
 */
public final class CostMeter implements AutoCloseable {
  /** Period of the background heap sampling of a {@link #sampling()} meter, in milliseconds. */
  public static final long SAMPLE_MILLIS = 20;

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final long start = System.nanoTime();
  private final long heapAtStart = MEMORY.getHeapMemoryUsage().getUsed();
  private final AtomicLong peak = new AtomicLong(heapAtStart);
  private final AtomicInteger trainings = new AtomicInteger();
  private final AtomicLong evaluations = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running;

  /** Starts measuring now; the heap is sampled only at checkpoints ({@link #sample()}, {@link #training()}). */
  public CostMeter() {
    this(false);
  }

  private CostMeter(boolean background) {
    if (!background) {
      sampler = null;
      return;
    }
    running = true;
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

  /**
   * Starts measuring now, sampling the heap every {@value #SAMPLE_MILLIS} ms from a daemon thread as well as
   * at checkpoints; {@link #close()} stops the thread.
   */
  public static CostMeter sampling() {
    return new CostMeter(true);
  }

  /** Records the current heap use. */
  public void sample() {
    peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
  }

  /** Counts one model training (a checkpoint: the heap is sampled too). */
  public void training() {
    trainings(1);
  }

  /** Counts {@code n} model trainings (a checkpoint: the heap is sampled too). */
  public void trainings(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("trainings must be >= 0, got " + n);
    }
    trainings.addAndGet(n);
    sample();
  }

  /** Counts {@code n} per-row evaluations (gradients, losses, predictions or utility evaluations). */
  public void evaluations(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("evaluations must be >= 0, got " + n);
    }
    evaluations.addAndGet(n);
  }

  /** Trainings counted so far. */
  public int trainings() {
    return trainings.get();
  }

  /** Evaluations counted so far. */
  public long evaluations() {
    return evaluations.get();
  }

  /** Wall-clock milliseconds since the meter was created. */
  public long wallMillis() {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Wall-clock seconds since the meter was created. */
  public double wallSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** The heap in use when the meter was created, in bytes. */
  public long heapAtStart() {
    return heapAtStart;
  }

  /** The largest heap in use seen so far (sampled now as well), in bytes. */
  public long peakHeapBytes() {
    sample();
    return peak.get();
  }

  /** How far the heap in use rose above {@link #heapAtStart()} at its peak (sampled now as well), in bytes. */
  public long peakHeapGrowthBytes() {
    return Math.max(0, peakHeapBytes() - heapAtStart);
  }

  /** Stops the background sampling of a {@link #sampling()} meter; does nothing for a checkpoint meter. */
  @Override
  public void close() {
    if (sampler != null) {
      running = false;
      sampler.interrupt();
    }
  }
}
