package siebench.notebook.ijava;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.DisplayStream;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import siebench.core.Progress;
import siebench.notebook.DisplayTarget;
import siebench.notebook.Displays;
import siebench.notebook.ExecutionCounter;
import siebench.notebook.MimeBundle;
import siebench.notebook.ProgressDisplay;

/**
 * Registers SIEBench's {@link Displays display specs} on the renderer of a kernel built on
 * {@code jupyter-jvm-basekernel} (IJava 1.3). The running IJava kernel is reached reflectively through
 * {@code io.github.spencerpark.ijava.IJava.getKernelInstance()}, since the IJava jar is not on Maven Central;
 * it is a basekernel {@link BaseKernel}. Besides the renderers, {@link #installOn(BaseKernel)} routes the
 * {@linkplain Progress#standard() standard progress} to a {@link ProgressDisplay} on the kernel's display stream.
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

  /** Registers the displays on the kernel's renderer (once) and routes standard progress to its cells. */
  public static void installOn(BaseKernel kernel) {
    register(kernel.getRenderer());
    Progress.setStandard(ProgressDisplay.on(progressTarget(kernel)));
  }

  /** The kernel's display stream as a progress target, with the kernel's execution count telling cells apart. */
  public static DisplayTarget progressTarget(BaseKernel kernel) {
    DisplayStream stream = kernel.getIO().display;
    return DisplayTarget.of(ExecutionCounter.of(kernel, BaseKernel.class), (id, bundle) -> {
      DisplayData d = displayData(bundle);
      d.setDisplayId(id);
      stream.display(d);
    }, (id, bundle) -> stream.updateDisplay(id, displayData(bundle)));
  }

  /** A bundle as basekernel display data. */
  public static DisplayData displayData(MimeBundle bundle) {
    DisplayData d = new DisplayData();
    bundle.data().forEach(d::putData);
    bundle.metadata().forEach(d::putMetaData);
    return d;
  }

  /**
   * The running IJava kernel, or null when IJava is not running in this JVM (class absent or no kernel
   * instance).
   */
  public static BaseKernel runningKernel(ClassLoader loader) {
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
    if (!(kernel instanceof BaseKernel k)) {
      throw new IllegalStateException("IJava kernel " + kernel.getClass().getName()
          + " is not a jupyter-jvm-basekernel BaseKernel");
    }
    return k;
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
