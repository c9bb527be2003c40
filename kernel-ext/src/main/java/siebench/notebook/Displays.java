package siebench.notebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import siebench.benchmark.BenchmarkResult;
import siebench.data.Samples;
import siebench.importance.Importance;
import siebench.report.BenchmarkReport;
import siebench.report.ChartImages;
import siebench.report.Summaries;
import siebench.report.TableHtml;
import siebench.train.TrainResult;
import tech.tablesaw.api.Table;

/**
 * What SIEBench shows inline, independent of the kernel: one {@link Spec} per displayable type (Tablesaw
 * tables, XChart charts, {@link TrainResult}, {@link Importance}, {@link BenchmarkResult}, {@link Samples}) with the MIME types it
 * prefers and supports. The rendering itself is the library's ({@link TableHtml}, {@link ChartImages}, {@link
 * Summaries}, {@link BenchmarkReport}); a spec only puts it into a {@link MimeBundle}. The JJava extension, the IJava adapter and the bundled kernel all register these same
 * specs, so every kernel shows the same output.
 */
public final class Displays {
  public static final String HTML = "text/html";
  public static final String PLAIN = "text/plain";
  public static final String PNG = "image/png";
  public static final String SVG = "image/svg+xml";

  /** Produces the data (and optionally metadata) of one MIME type for a value. */
  public interface Render<T> {
    /** The data for {@code mime}: a String (base64 for binary types). */
    Object data(T value, String mime);

    /** Metadata for {@code mime}, or null. */
    default Map<String, Object> metadata(T value, String mime) {
      return null;
    }
  }

  /**
   * How one type is displayed: the MIME types rendered when nothing specific is asked ({@code preferred}),
   * all that can be asked for ({@code supported}, a superset), and the rendering itself.
   */
  public record Spec<T>(Class<T> type, List<String> preferred, List<String> supported, Render<T> render) {
    public Spec {
      preferred = List.copyOf(preferred);
      supported = List.copyOf(supported);
      if (!supported.containsAll(preferred)) {
        throw new IllegalArgumentException("preferred " + preferred + " not within supported " + supported);
      }
    }

    /** The bundle for the given MIME types (each must be supported). */
    public MimeBundle bundle(Object value, List<String> mimes) {
      T v = type.cast(value);
      Map<String, Object> data = new LinkedHashMap<>();
      Map<String, Object> meta = new LinkedHashMap<>();
      for (String m : mimes) {
        if (!supported.contains(m)) {
          throw new IllegalArgumentException(type.getSimpleName() + " cannot be shown as " + m + "; supported: "
              + supported);
        }
        data.put(m, render.data(v, m));
        Map<String, Object> md = render.metadata(v, m);
        if (md != null) {
          meta.put(m, md);
        }
      }
      return new MimeBundle(data, meta);
    }
  }

  private static final List<Spec<?>> SPECS = List.of(
      new Spec<>(Table.class, List.of(HTML, PLAIN), List.of(HTML, PLAIN),
          (t, m) -> m.equals(HTML) ? TableHtml.render(t) : TableHtml.text(t, TableHtml.DEFAULT_MAX_ROWS)),
      chartSpec(),
      new Spec<>(TrainResult.class, List.of(HTML, PLAIN), List.of(HTML, PLAIN),
          (r, m) -> m.equals(HTML) ? Summaries.trainResult(r) : r.toString()),
      new Spec<>(Importance.class, List.of(HTML, PLAIN), List.of(HTML, PLAIN),
          (r, m) -> m.equals(HTML) ? Summaries.importance(r) : r.toString()),
      new Spec<>(BenchmarkResult.class, List.of(HTML, PLAIN), List.of(HTML, PLAIN),
          (r, m) -> m.equals(HTML) ? BenchmarkReport.inline(r) : r.toString()),
      new Spec<>(Samples.class, List.of(HTML, PLAIN), List.of(HTML, PLAIN),
          (s, m) -> m.equals(HTML) ? Summaries.samples(s) : s.describe()));

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Spec<?> chartSpec() {
    Render<Chart> render = new Render<>() {
      @Override
      public Object data(Chart c, String m) {
        return switch (m) {
          case PNG -> ChartImages.pngBase64(c, ChartImages.DEFAULT_DPI);
          case SVG -> ChartImages.svg(c);
          default -> c.getClass().getSimpleName() + " '" + c.getTitle() + "' (" + c.getWidth() + "x" + c.getHeight()
              + ", " + c.getSeriesMap().size() + " series)";
        };
      }

      @Override
      public Map<String, Object> metadata(Chart c, String m) {
        return m.equals(PNG) ? pngMetadata(c) : null;
      }
    };
    return new Spec<>(Chart.class, List.of(PNG, PLAIN), List.of(PNG, SVG, PLAIN), render);
  }

  private Displays() {}

  /**
   * The notebook metadata of a chart's PNG: its logical {@code width} and {@code height}, so the high-DPI image
   * ({@link ChartImages#DEFAULT_DPI}) is shown at the chart's size.
   */
  static Map<String, Object> pngMetadata(Chart<?, ?> chart) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("width", chart.getWidth());
    m.put("height", chart.getHeight());
    return m;
  }

  /** Every display spec, most specific first. */
  public static List<Spec<?>> specs() {
    return SPECS;
  }

  /** The spec for a value's class (or a superclass), or null when SIEBench does not display it. */
  public static Spec<?> specFor(Object value) {
    if (value == null) {
      return null;
    }
    for (Spec<?> s : SPECS) {
      if (s.type().isInstance(value)) {
        return s;
      }
    }
    return null;
  }

  /** The preferred bundle of a value, or null when SIEBench does not display its type. */
  public static MimeBundle render(Object value) {
    Spec<?> s = specFor(value);
    return s == null ? null : s.bundle(value, s.preferred());
  }

  /** The bundle of a value in the given MIME types; fails on an unsupported type or value. */
  public static MimeBundle render(Object value, String... mimes) {
    Spec<?> s = specFor(value);
    if (s == null) {
      throw new IllegalArgumentException("SIEBench has no display for " + (value == null ? "null"
          : value.getClass().getName()) + "; displayable: " + displayableTypes());
    }
    return s.bundle(value, List.of(mimes));
  }

  private static List<String> displayableTypes() {
    List<String> out = new ArrayList<>();
    SPECS.forEach(s -> out.add(s.type().getName()));
    return out;
  }
}
