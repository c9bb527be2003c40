package siebench.notebook.jjava;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import siebench.core.Progress;
import siebench.notebook.DisplayTarget;
import siebench.notebook.Displays;
import siebench.notebook.ExecutionCounter;
import siebench.notebook.MimeBundle;
import siebench.notebook.ProgressDisplay;

/**
 * The JJava kernel extension: registers SIEBench's {@link Displays display specs} (tables, charts, training
 * results, importances, samples) on the kernel's renderer. JJava finds it through
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension} when the SIEBench jar is on its classpath
 * ({@code %jars}), so {@code display(table)} and a table as a cell's value render as HTML, and makes
 * {@link ProgressDisplay} on the kernel's display stream the {@linkplain Progress#standard() standard progress},
 * so training and benchmarks update one display per cell in place.
 */
public final class SiebenchExtension implements Extension {
  private static final Map<Renderer, Boolean> REGISTERED = Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public void install(BaseKernel kernel) {
    installOn(kernel);
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

  /** A bundle as JJava display data. */
  public static DisplayData displayData(MimeBundle bundle) {
    DisplayData d = new DisplayData();
    bundle.data().forEach(d::putData);
    bundle.metadata().forEach(d::putMetaData);
    return d;
  }

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

  /** Whether {@link #register(Renderer)} has run for this renderer. */
  public static boolean isRegistered(Renderer renderer) {
    return REGISTERED.containsKey(renderer);
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
