package siebench.report;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import siebench.benchmark.BenchmarkResult;

/**
 * The self-contained HTML report of a benchmark: settings, ranks, summary (tables rendered by {@link
 * TableHtml}, the same renderer the notebooks use), plots (embedded PNGs).
 */
public final class BenchmarkReport {
  private BenchmarkReport() {}

  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em;color:#222;max-width:1200px}
      h1{font-size:1.6em} h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd}
      .plots img{max-width:100%;margin:0.5em 0;border:1px solid #eee}
      code{background:#f4f4f4;padding:1px 4px}
      """;

  /** Renders the report. */
  public static String html(BenchmarkResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SIEBench report</title>")
        .append("<style>").append(STYLE).append("</style>").append(TableHtml.STYLE)
        .append("</head><body class=\"siebench\">\n");
    sb.append("<h1>SIEBench: sample importance estimation benchmark</h1>\n");
    sb.append("<p>Generated ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))
        .append(".</p>\n<h2>Settings</h2>\n<ul>\n");
    for (Map.Entry<String, Object> e : r.settings().entrySet()) {
      sb.append("<li><b>").append(Html.escape(e.getKey())).append("</b>: <code>")
          .append(Html.escape(String.valueOf(e.getValue()))).append("</code></li>\n");
    }
    sb.append("</ul>\n<ul>\n");
    for (String n : r.notes()) {
      sb.append("<li>").append(Html.escape(n)).append("</li>\n");
    }
    sb.append("</ul>\n");
    List<String> warnings = r.warnings();
    if (!warnings.isEmpty()) {
      sb.append("<h2>Warnings: actions that made the model worse than the noisy baseline</h2>\n<ul>\n");
      for (String w : warnings) {
        sb.append("<li>").append(Html.escape(w)).append("</li>\n");
      }
      sb.append("</ul>\n");
    }
    sb.append("<h2>Ranks per protocol (1 = best, by the protocol's primary metric)</h2>\n");
    sb.append(TableHtml.fragment(r.ranks(), 500));
    sb.append("<h2>Plots</h2>\n<div class=\"plots\">\n");
    for (Map.Entry<String, XYChart> e : r.charts().entrySet()) {
      sb.append(Charts.imgTag(e.getValue())).append('\n');
    }
    sb.append("</div>\n<h2>Summary over repeats (mean, std, 95% CI half-width)</h2>\n");
    sb.append(TableHtml.fragment(r.summary(), 2000));
    sb.append("<p>The full tidy results are in <code>results.csv</code> and <code>results.json</code> beside this")
        .append(" report.</p>\n</body></html>\n");
    return sb.toString();
  }
}
