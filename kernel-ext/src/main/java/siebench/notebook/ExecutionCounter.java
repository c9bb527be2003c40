package siebench.notebook;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Reads a running kernel's execution count, which IJava's {@code jupyter-jvm-basekernel} and JJava's
 * {@code jjava-jupyter} both keep in a protected {@code AtomicInteger executionCount} of their
 * {@code BaseKernel} (neither exposes a getter). {@link ProgressDisplay} uses it to open one display per cell.
 */
public final class ExecutionCounter {
  static final String FIELD = "executionCount";

  private ExecutionCounter() {}

  /**
   * The execution count of {@code kernel}, read through the field declared by {@code baseKernelClass}; when
   * that field cannot be read (another kernel version), a constant, so progress keeps one display per task
   * object instead of one per cell.
   */
  public static LongSupplier of(Object kernel, Class<?> baseKernelClass) {
    try {
      Field f = baseKernelClass.getDeclaredField(FIELD);
      f.setAccessible(true);
      AtomicInteger count = (AtomicInteger) f.get(kernel);
      if (count != null) {
        return count::get;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // fall through: no per-cell displays, still a working display
    }
    return () -> 0;
  }
}
