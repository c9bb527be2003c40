package siebench.notebook.ijava;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import siebench.notebook.Displays;

/**
 * Registers SIEBench's {@link Displays display specs} on the renderer of a kernel built on
 * {@code jupyter-jvm-basekernel} (IJava 1.3). The running IJava kernel is reached reflectively through
 * {@code io.github.spencerpark.ijava.IJava.getKernelInstance()}, since the IJava jar is not on Maven Central;
 * its renderer is this basekernel {@link Renderer}.
 */
public final class IJavaRenderers {
  /** IJava's entry class, which holds the running kernel. */
  public static final String IJAVA_CLASS = "io.github.spencerpark.ijava.IJava";

  private static final Map<Renderer, Boolean> REGISTERED = Collections.synchronizedMap(new WeakHashMap<>());

  private IJavaRenderers() {}

  /** Registers every display spec on the renderer once; later calls for the same renderer do nothing. */
  public static boolean register(Renderer renderer) {
    if (REGISTERED.putIfAbsent(renderer, Boolean.TRUE) != null) {
      return false;
    }
    for (Displays.Spec<?> spec : Displays.specs()) {
      registerSpec(renderer, spec);
    }
    return true;
  }

  /**
   * The renderer of the running IJava kernel, or null when IJava is not running in this JVM (class absent or
   * no kernel instance).
   */
  public static Renderer runningKernelRenderer(ClassLoader loader) {
    Object kernel;
    try {
      Class<?> ijava = Class.forName(IJAVA_CLASS, true, loader);
      kernel = ijava.getMethod("getKernelInstance").invoke(null);
    } catch (ClassNotFoundException e) {
      return null;
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("found " + IJAVA_CLASS + " but could not get its kernel instance", e);
    }
    if (kernel == null) {
      return null;
    }
    try {
      return (Renderer) kernel.getClass().getMethod("getRenderer").invoke(kernel);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("IJava kernel " + kernel.getClass().getName()
          + " has no basekernel getRenderer()", e);
    }
  }

  private static <T> void registerSpec(Renderer renderer, Displays.Spec<T> spec) {
    renderer.createRegistration(spec.type())
        .preferring(spec.preferred().toArray(String[]::new))
        .supporting(spec.supported().toArray(String[]::new))
        .register((value, ctx) -> {
          for (String mime : spec.supported()) {
            ctx.renderIfRequested(MIMEType.parse(mime), (type, out) -> {
              out.putData(type, spec.render().data(value, mime));
              Map<String, Object> md = spec.render().metadata(value, mime);
              if (md != null) {
                out.putMetaData(type, md);
              }
            });
          }
        });
  }
}
