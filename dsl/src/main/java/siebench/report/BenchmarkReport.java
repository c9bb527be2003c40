package siebench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import siebench.benchmark.BenchmarkResult;

/**
 * The one HTML rendering of a {@link BenchmarkResult}: a headline (data and settings), the notes of each repeat,
 * the warnings (actions that made the model worse than the noisy baseline), the ranks per protocol, the plots of
 * {@link BenchmarkCharts} embedded by {@link ChartImages} and the summary over repeats (tables by {@link
 * TableHtml}). {@link #inline} is what a notebook shows for a result; {@link #html} is the same content as a
 * self-contained page; {@link #save} writes the page, one PNG per plot and the result's data files. (The other
 * results a notebook shows, training runs, importance estimates and data sets, are rendered by {@link
 * Summaries}.)
 */
public final class BenchmarkReport {
  /** Summary rows shown inline; the full table is {@code result.summary()} or the saved CSV. */
  public static final int INLINE_SUMMARY_ROWS = 60;
  /** Summary rows of the saved page. */
  public static final int PAGE_SUMMARY_ROWS = 2000;
  /** Rank rows shown (estimators x protocols). */
  static final int RANK_ROWS = 500;

  private BenchmarkReport() {}

  private static final String PAGE_STYLE = """
      body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em;color:#222;max-width:1200px}
      h1{font-size:1.6em} h3{font-size:1.2em;margin-top:1.4em;border-bottom:1px solid #ddd}
      .plots img{max-width:100%;border:1px solid #eee}
      """;

  /**
   * The result as a notebook shows it: a {@code <div class="siebench">} with the shared table style and the
   * report's content, the summary capped at {@value #INLINE_SUMMARY_ROWS} rows.
   */
  public static String inline(BenchmarkResult r) {
    return "<div class=\"siebench\">" + TableHtml.STYLE + content(r, INLINE_SUMMARY_ROWS) + "</div>";
  }

  /** The result as a self-contained HTML page (tables and base64-embedded plots; opens offline). */
  public static String html(BenchmarkResult r) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SIEBench report</title>"
        + "<style>" + PAGE_STYLE + "</style>" + TableHtml.STYLE + "</head><body class=\"siebench\">\n"
        + "<h1>SIEBench: sample importance estimation benchmark</h1>\n<p>Generated "
        + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME) + ".</p>\n"
        + content(r, PAGE_SUMMARY_ROWS)
        + "<p>The full tidy results are in <code>results.csv</code> and <code>results.json</code> beside this"
        + " report.</p>\n</body></html>\n";
  }

  /**
   * Writes the result's data files ({@link BenchmarkResult#saveData}), one PNG per plot of {@link
   * BenchmarkCharts#of} (named by its key, at {@link ChartImages#DEFAULT_DPI}) and {@code report.html} into
   * {@code dir} (created if needed). Returns the report's path.
   */
  public static Path save(BenchmarkResult r, Path dir) {
    r.saveData(dir);
    try {
      for (Map.Entry<String, XYChart> e : BenchmarkCharts.of(r).entrySet()) {
        Files.write(dir.resolve(e.getKey() + ".png"), ChartImages.png(e.getValue()));
      }
      Path report = dir.resolve("report.html");
      Files.writeString(report, html(r), StandardCharsets.UTF_8);
      return report;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark report to " + dir, e);
    }
  }

  /** The content shared by the inline view and the page: well-formed markup without a style. */
  static String content(BenchmarkResult r, int summaryRows) {
    StringBuilder sb = new StringBuilder(1 << 16);
    Map<String, Object> settings = r.settings();
    sb.append("<h2>Benchmark on ").append(Html.escape(String.valueOf(settings.get("data")))).append("</h2>\n");
    sb.append("<div class=\"note\">");
    boolean first = true;
    for (Map.Entry<String, Object> e : settings.entrySet()) {
      if (!e.getKey().equals("data")) {
        sb.append(first ? "" : " &#183; ").append(Html.escape(e.getKey())).append(": ")
            .append(Html.escape(e.getValue() instanceof Double d ? Html.formatDouble(d) : String.valueOf(e.getValue())));
        first = false;
      }
    }
    sb.append("</div>\n");
    List<String> notes = r.notes();
    if (!notes.isEmpty()) {
      sb.append("<details><summary class=\"note\">").append(notes.size()).append(notes.size() == 1 ? " repeat" : " repeats")
          .append(": splits and corruption</summary><ul>");
      for (String n : notes) {
        sb.append("<li>").append(Html.escape(n)).append("</li>");
      }
      sb.append("</ul></details>\n");
    }
    List<String> warnings = r.warnings();
    if (!warnings.isEmpty()) {
      sb.append("<h3>Warnings: actions that made the model worse than the noisy baseline</h3>\n<ul>");
      for (String w : warnings) {
        sb.append("<li>").append(Html.escape(w)).append("</li>");
      }
      sb.append("</ul>\n");
    }
    sb.append("<h3>Ranks per protocol (1 = best, by the protocol's primary metric)</h3>\n");
    sb.append(TableHtml.fragment(r.ranks().setName("ranks (1 = best)"), RANK_ROWS)).append('\n');
    Map<String, XYChart> charts = BenchmarkCharts.of(r);
    if (!charts.isEmpty()) {
      sb.append("<h3>Plots</h3>\n<div class=\"plots\" style=\"display:flex;gap:12px;flex-wrap:wrap\">");
      for (Map.Entry<String, XYChart> e : charts.entrySet()) {
        sb.append("<div>").append(ChartImages.imgTag(e.getValue(), e.getKey())).append("</div>");
      }
      sb.append("</div>\n");
    }
    sb.append("<h3>Summary over repeats (mean, std, 95% CI half-width)</h3>\n");
    sb.append(TableHtml.fragment(r.summary().setName("summary over repeats (mean, std, 95% CI)"), summaryRows))
        .append('\n');
    return sb.toString();
  }
}
