package siebench.notebook.jjava;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import siebench.notebook.Displays;

/**
 * The JJava kernel extension: registers SIEBench's {@link Displays display specs} (tables, charts, training
 * results, importances, samples) on the kernel's renderer. JJava finds it through
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension} when the SIEBench jar is on its classpath
 * ({@code %jars}), so {@code display(table)} and a table as a cell's value render as HTML.
 */
public final class SiebenchExtension implements Extension {
  private static final Map<Renderer, Boolean> REGISTERED = Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public void install(BaseKernel kernel) {
    register(kernel.getRenderer());
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
