package siebench.core;

import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Where long work reports progress (per epoch, per estimator, per protocol) and how it is stopped.
 *
 * <p>Work calls {@link #update} at natural checkpoints and {@link #checkCancelled()} in its loops; a caller
 * stops it with {@link #cancel()} or by interrupting the working thread, after which the next check throws
 * {@link CancellationException}, so native resources are released on the way out.
 * Notebook integrations supply an implementation that updates one display in place, and make it the
 * {@linkplain #setStandard(Supplier) standard} one, which {@code ctr()}, {@code Benchmark.on(...)} and the
 * estimators' default context use when the caller names none.
 */
public abstract class Progress {
  private static volatile Supplier<? extends Progress> standard = Progress::console;

  private final AtomicBoolean cancelled = new AtomicBoolean();

  /**
   * Reports that {@code done} of {@code total} steps of {@code task} are finished, with a short message
   * (e.g. the epoch's loss). {@code total} may be 0 when unknown.
   */
  public abstract void update(String task, long done, long total, String message);

  /** Requests cancellation of the work that reports here. */
  public void cancel() {
    cancelled.set(true);
  }

  public boolean isCancelled() {
    return cancelled.get();
  }

  /**
   * Throws {@link CancellationException} once {@link #cancel()} was called, or when the calling thread is
   * interrupted (a notebook kernel's interrupt, {@code Future.cancel(true)}); the interrupt flag is left set.
   */
  public void checkCancelled() {
    if (cancelled.get()) {
      throw new CancellationException("stopped by request");
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("stopped: the thread was interrupted");
    }
  }

  /**
   * A new progress sink of the standard kind: {@link #console()} unless an integration (such as the notebook
   * kernel extension) replaced it with {@link #setStandard(Supplier)}.
   */
  public static Progress standard() {
    return standard.get();
  }

  /**
   * Makes {@code factory} the source of {@link #standard()} sinks for this JVM; returns the previous factory so
   * a caller can restore it.
   */
  public static Supplier<? extends Progress> setStandard(Supplier<? extends Progress> factory) {
    Supplier<? extends Progress> previous = standard;
    standard = Objects.requireNonNull(factory, "factory");
    return previous;
  }

  /** Prints one line per update to standard error. */
  public static Progress console() {
    return printingTo(System.err);
  }

  /** Prints one line per update to {@code out}. */
  public static Progress printingTo(PrintStream out) {
    return new Progress() {
      private final long start = System.nanoTime();

      @Override
      public void update(String task, long done, long total, String message) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        StringBuilder sb = new StringBuilder("[siebench ").append(String.format("%7.1fs", elapsed)).append("] ");
        sb.append(task);
        if (total > 0) {
          sb.append(' ').append(done).append('/').append(total);
        }
        if (message != null && !message.isEmpty()) {
          sb.append("  ").append(message);
        }
        out.println(sb);
        out.flush();
      }
    };
  }

  /** Reports nothing (but still supports cancellation). */
  public static Progress silent() {
    return new Progress() {
      @Override
      public void update(String task, long done, long total, String message) {}
    };
  }
}
