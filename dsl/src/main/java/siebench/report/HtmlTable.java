package siebench.report;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders a Tablesaw {@link Table} as an HTML table: at most {@code maxRows} rows with a "showing n of N rows"
 * line when capped, column types in a second header line, numbers formatted to 4 significant decimals, all
 * text HTML-escaped.
 */
public final class HtmlTable {
  private HtmlTable() {}

  /** Renders with at most 50 rows. */
  public static String render(Table t) {
    return render(t, 50);
  }

  /** Renders with at most {@code maxRows} rows. */
  public static String render(Table t, int maxRows) {
    StringBuilder sb = new StringBuilder();
    sb.append("<table class=\"siebench\">\n<caption>").append(escape(t.name())).append("</caption>\n<thead><tr>");
    for (Column<?> c : t.columns()) {
      sb.append("<th>").append(escape(c.name())).append("</th>");
    }
    sb.append("</tr>\n<tr class=\"types\">");
    for (Column<?> c : t.columns()) {
      sb.append("<th><small>").append(escape(c.type().name().toLowerCase())).append("</small></th>");
    }
    sb.append("</tr></thead>\n<tbody>\n");
    int n = Math.min(maxRows, t.rowCount());
    for (int r = 0; r < n; r++) {
      sb.append("<tr>");
      for (Column<?> c : t.columns()) {
        boolean num = c instanceof NumericColumn<?>;
        sb.append(num ? "<td style=\"text-align:right\">" : "<td>");
        sb.append(c.isMissing(r) ? "" : escape(num ? format(((NumericColumn<?>) c).getDouble(r)) : c.getString(r)));
        sb.append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody>\n</table>\n");
    if (n < t.rowCount()) {
      sb.append("<p class=\"siebench-rows\">showing ").append(n).append(" of ").append(t.rowCount())
          .append(" rows</p>\n");
    }
    return sb.toString();
  }

  /** Integers without decimals, others with up to 4 decimals (scientific for very small or large values). */
  public static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format("%d", (long) v);
    }
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e7)) {
      return String.format("%.3e", v);
    }
    return String.format("%.4f", v);
  }

  /** Escapes &amp;, &lt;, &gt; and quotes. */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }
}
