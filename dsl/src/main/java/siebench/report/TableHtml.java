package siebench.report;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders a Tablesaw {@link Table} as an HTML table for a notebook: caption with the table name, column types
 * under the column names, numbers right-aligned with {@link Html#formatDouble six significant digits},
 * missing values shown as {@code NA}, every text HTML-escaped. Long tables show their first and last rows
 * around an ellipsis row and wide tables their first and last columns around an ellipsis column, followed by
 * a "showing n of N rows &#215; showing c of C columns" line, so a cell never floods the notebook.
 */
public final class TableHtml {
  /** Rows shown when no cap is given (head and tail halves). */
  public static final int DEFAULT_MAX_ROWS = 20;
  /** Columns shown when no cap is given (first and last halves). */
  public static final int DEFAULT_MAX_COLUMNS = 30;

  /** CSS shared by every SIEBench HTML output; scoped under the {@code siebench} class. */
  public static final String STYLE = "<style>"
      + ".siebench table{border-collapse:collapse;font-size:12px;margin:4px 0}"
      + ".siebench th,.siebench td{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}"
      + ".siebench td.num{text-align:right;font-variant-numeric:tabular-nums}"
      + ".siebench td.na{color:#999;font-style:italic}"
      + ".siebench th .type{display:block;font-weight:normal;color:#888;font-size:10px}"
      + ".siebench caption{caption-side:top;text-align:left;font-weight:bold}"
      + ".siebench .note{color:#666;font-size:11px}"
      + "</style>";

  private TableHtml() {}

  /** The table with the {@link #DEFAULT_MAX_ROWS default row cap}. */
  public static String render(Table table) {
    return render(table, DEFAULT_MAX_ROWS);
  }

  /**
   * The table with at most {@code maxRows} data rows: all rows when the table has no more, else the first
   * {@code ceil(maxRows/2)} and the last {@code floor(maxRows/2)}.
   *
   * @throws IllegalArgumentException when {@code maxRows < 1}
   */
  public static String render(Table table, int maxRows) {
    return render(table, maxRows, DEFAULT_MAX_COLUMNS);
  }

  /**
   * The table with at most {@code maxRows} data rows and {@code maxColumns} columns; wider tables show their
   * first {@code ceil(maxColumns/2)} and last {@code floor(maxColumns/2)} columns around an ellipsis column.
   *
   * @throws IllegalArgumentException when a cap is below 1
   */
  public static String render(Table table, int maxRows, int maxColumns) {
    return "<div class=\"siebench\">" + STYLE + fragment(table, maxRows, maxColumns) + "</div>";
  }

  public static String fragment(Table table, int maxRows) {
    return fragment(table, maxRows, DEFAULT_MAX_COLUMNS);
  }

  /** The {@code <table>} element and its size note, without the surrounding style (for composition). */
  public static String fragment(Table table, int maxRows, int maxColumns) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be >= 1, got " + maxRows);
    }
    if (maxColumns < 1) {
      throw new IllegalArgumentException("maxColumns must be >= 1, got " + maxColumns);
    }
    int nc = table.columnCount();
    java.util.List<Column<?>> shown = new java.util.ArrayList<>();
    int leftColumns = nc <= maxColumns ? nc : (maxColumns + 1) / 2;
    int rightColumns = nc <= maxColumns ? 0 : maxColumns / 2;
    for (int c = 0; c < leftColumns; c++) {
      shown.add(table.column(c));
    }
    for (int c = nc - rightColumns; c < nc; c++) {
      shown.add(table.column(c));
    }
    int n = table.rowCount();
    int head = n <= maxRows ? n : (maxRows + 1) / 2;
    int tail = n <= maxRows ? 0 : maxRows / 2;
    StringBuilder sb = new StringBuilder(256 + 64 * Math.min(n, maxRows) * Math.max(1, table.columnCount()));
    sb.append("<table>");
    if (table.name() != null && !table.name().isEmpty()) {
      sb.append("<caption>").append(Html.escape(table.name())).append("</caption>");
    }
    sb.append("<thead><tr><th></th>");
    for (int i = 0; i < shown.size(); i++) {
      if (i == leftColumns && rightColumns > 0) {
        sb.append("<th>&#8230;</th>");
      }
      Column<?> c = shown.get(i);
      sb.append("<th>").append(Html.escape(c.name())).append("<span class=\"type\">")
          .append(Html.escape(c.type().name().toLowerCase(java.util.Locale.ROOT))).append("</span></th>");
    }
    sb.append("</tr></thead><tbody>");
    for (int r = 0; r < head; r++) {
      row(sb, shown, leftColumns, rightColumns > 0, r);
    }
    if (tail > 0) {
      sb.append("<tr><th>&#8230;</th>");
      for (int c = 0; c < shown.size() + (rightColumns > 0 ? 1 : 0); c++) {
        sb.append("<td>&#8230;</td>");
      }
      sb.append("</tr>");
      for (int r = n - tail; r < n; r++) {
        row(sb, shown, leftColumns, rightColumns > 0, r);
      }
    }
    sb.append("</tbody></table>");
    sb.append("<div class=\"note\">");
    if (head + tail < n) {
      sb.append("showing ").append(Html.formatCount(head + tail)).append(" of ");
    }
    sb.append(Html.formatCount(n)).append(n == 1 ? " row" : " rows").append(" &#215; ");
    if (shown.size() < nc) {
      sb.append("showing ").append(shown.size()).append(" of ");
    }
    sb.append(nc).append(nc == 1 ? " column" : " columns").append("</div>");
    return sb.toString();
  }

  private static void row(StringBuilder sb, java.util.List<Column<?>> columns, int gapAt, boolean gap, int r) {
    sb.append("<tr><th>").append(r).append("</th>");
    for (int i = 0; i < columns.size(); i++) {
      if (gap && i == gapAt) {
        sb.append("<td>&#8230;</td>");
      }
      Column<?> c = columns.get(i);
      if (c.isMissing(r)) {
        sb.append("<td class=\"na\">NA</td>");
        continue;
      }
      Object v = c.get(r);
      if (v instanceof Double || v instanceof Float) {
        sb.append("<td class=\"num\">").append(Html.formatDouble(((Number) v).doubleValue())).append("</td>");
      } else if (v instanceof Number) {
        sb.append("<td class=\"num\">").append(v).append("</td>");
      } else {
        sb.append("<td>").append(Html.escape(c.getString(r))).append("</td>");
      }
    }
    sb.append("</tr>");
  }

  /** A plain-text rendering with the same row cap, for the {@code text/plain} fallback. */
  public static String text(Table table, int maxRows) {
    String s = table.print(maxRows);
    if (table.rowCount() > maxRows) {
      s += System.lineSeparator() + "showing " + maxRows + " of " + Html.formatCount(table.rowCount()) + " rows";
    }
    return s;
  }
}
