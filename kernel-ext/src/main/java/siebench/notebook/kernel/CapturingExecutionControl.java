package siebench.notebook.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs JShell snippets in the kernel's own JVM and keeps the actual value (not just its string form) of the
 * last snippet, and the actual exception it threw, so the kernel can render results through the same
 * renderers as {@code display(...)} and report real stack traces. Each snippet runs on its own thread so an
 * interrupt can stop it: first {@link Thread#interrupt()}, then, if the code ignores that, a forced stop.
 */
final class CapturingExecutionControl extends DirectExecutionControl {
  private static final long STOP_GRACE_MILLIS = 2000;

  private volatile Object lastValue;
  private volatile Throwable lastThrowable;
  private volatile Thread running;

  /** Forgets the previous snippet's value and exception. */
  void reset() {
    lastValue = null;
    lastThrowable = null;
  }

  Object lastValue() {
    return lastValue;
  }

  Throwable lastThrowable() {
    return lastThrowable;
  }

  @Override
  protected String invoke(Method doitMethod) throws Exception {
    Object[] value = new Object[1];
    Throwable[] error = new Throwable[1];
    Thread t = new Thread(() -> {
      try {
        value[0] = doitMethod.invoke(null);
      } catch (InvocationTargetException e) {
        error[0] = e.getCause();
      } catch (Throwable e) {
        error[0] = e;
      }
    }, "siebench-cell");
    t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
    running = t;
    t.start();
    try {
      t.join();
    } finally {
      running = null;
    }
    if (error[0] != null) {
      lastThrowable = error[0];
      if (error[0] instanceof ThreadDeath) {
        throw new StoppedException();
      }
      throw new InvocationTargetException(error[0]);
    }
    lastValue = value[0];
    return valueString(value[0]);
  }

  @Override
  @SuppressWarnings({"deprecation", "removal"})
  public void stop() {
    Thread t = running;
    if (t == null) {
      return;
    }
    t.interrupt();
    try {
      t.join(STOP_GRACE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (t.isAlive()) {
      try {
        t.stop();
      } catch (UnsupportedOperationException e) {
        // Java 20+: a cell that ignores interrupts cannot be stopped
      }
    }
  }

  /** Thrown out of a snippet that was stopped by an interrupt. */
  static final class StoppedException extends ExecutionControl.StoppedException {
    private static final long serialVersionUID = 1L;
  }

  /** Hands one instance to JShell, which the kernel keeps to read values from. */
  static final class Provider implements ExecutionControlProvider {
    private final CapturingExecutionControl control;

    Provider(CapturingExecutionControl control) {
      this.control = control;
    }

    @Override
    public String name() {
      return "siebench-capturing";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
      return control;
    }
  }
}
