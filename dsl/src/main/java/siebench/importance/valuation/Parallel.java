package siebench.importance.valuation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Runs a few workers on their own threads and rethrows the first failure (e.g. a cancellation). No worker outlives
 * the call: after a failure the others are interrupted (they stop at their next {@code Progress.checkCancelled()})
 * and awaited, so none keeps training, and drawing from the engine's global random generator, while the caller
 * goes on.
 */
final class Parallel {
  private Parallel() {}

  /** Calls {@code worker.accept(k)} for k = 0..threads-1, on the calling thread when threads == 1. */
  static void run(int threads, String name, IntConsumer worker) {
    if (threads <= 1) {
      worker.accept(0);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread th = new Thread(r, name);
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int k = 0; k < threads; k++) {
        final int id = k;
        fs.add(pool.submit(() -> worker.accept(id)));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
      awaitWorkers(pool);
    }
  }

  private static void awaitWorkers(ExecutorService pool) {
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** A well-mixed 64-bit seed for stream {@code index} of {@code seed} (SplitMix64 finalizer). */
  static long mix(long seed, long index) {
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
