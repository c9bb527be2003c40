package siebench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableHtmlTest {
  private static Table small() {
    StringColumn name = StringColumn.create("name", "<script>alert(1)</script>", "Tom & Jerry", "plain");
    DoubleColumn score = DoubleColumn.create("score", new double[] {0.123456789, 1234567.0, Double.NaN});
    IntColumn count = IntColumn.create("count", new int[] {1, 2, 3});
    count.setMissing(1);
    LongColumn id = LongColumn.create("big_id", new long[] {9007199254740993L, 0, -5});
    return Table.create("a <table> & more", name, score, count, id);
  }

  @Test
  void rendersEveryCellEscapedAndFormatted() {
    String html = TableHtml.render(small());
    assertFalse(html.contains("<script>"), "raw markup must be escaped");
    Document d = Xml.parse(html);
    Element table = Xml.elements(d, "table").get(0);
    assertEquals("a <table> & more", table.getElementsByTagName("caption").item(0).getTextContent());
    List<List<String>> rows = Xml.bodyCells(table);
    assertEquals(List.of(
        List.of("0", "<script>alert(1)</script>", "0.123457", "1", "9007199254740993"),
        List.of("1", "Tom & Jerry", "1.23457e+06", "NA", "0"),
        List.of("2", "plain", "NA", "3", "-5")), rows);
    assertTrue(html.contains("3 rows &#215; 4 columns"), html);
    assertFalse(html.contains("showing"));
  }

  @Test
  void headerCarriesColumnTypes() {
    Document d = Xml.parse(TableHtml.render(small()));
    List<Element> th = Xml.elements(d, "th").subList(0, 5);
    assertEquals("", th.get(0).getTextContent());
    assertEquals("namestring", th.get(1).getTextContent());
    assertEquals("scoredouble", th.get(2).getTextContent());
    assertEquals("countinteger", th.get(3).getTextContent());
    assertEquals("big_idlong", th.get(4).getTextContent());
  }

  @Test
  void capsRowsShowingHeadAndTail() {
    int n = 1001;
    IntColumn x = IntColumn.create("x", n);
    for (int i = 0; i < n; i++) {
      x.set(i, i * 10);
    }
    Table t = Table.create("big", x);
    String html = TableHtml.render(t, 7);
    List<List<String>> rows = Xml.bodyCells(Xml.elements(Xml.parse(html), "table").get(0));
    // 4 head rows, an ellipsis row, 3 tail rows
    assertEquals(8, rows.size());
    assertEquals(List.of("0", "0"), rows.get(0));
    assertEquals(List.of("3", "30"), rows.get(3));
    assertEquals(List.of("\u2026", "\u2026"), rows.get(4));
    assertEquals(List.of("998", "9980"), rows.get(5));
    assertEquals(List.of("1000", "10000"), rows.get(7));
    assertTrue(html.contains("showing 7 of 1,001 rows &#215; 1 column"), html);
  }

  @Test
  void capsColumnsShowingFirstAndLast() {
    Table t = Table.create("wide");
    for (int c = 0; c < 50; c++) {
      t.addColumns(IntColumn.create("c" + c, new int[] {c, 100 + c}));
    }
    String html = TableHtml.render(t, 20, 6);
    Document d = Xml.parse(html);
    List<String> header = Xml.elements(d, "th").subList(0, 8).stream().map(e -> e.getTextContent()).toList();
    assertEquals(List.of("", "c0integer", "c1integer", "c2integer", "\u2026", "c47integer", "c48integer",
        "c49integer"), header);
    List<List<String>> rows = Xml.bodyCells(Xml.elements(d, "table").get(0));
    assertEquals(List.of("1", "100", "101", "102", "\u2026", "147", "148", "149"), rows.get(1));
    assertTrue(html.contains("2 rows &#215; showing 6 of 50 columns"), html);
    assertThrows(IllegalArgumentException.class, () -> TableHtml.render(t, 20, 0));
  }

  @Test
  void exactlyMaxRowsIsNotCapped() {
    Table t = Table.create("t", IntColumn.create("x", new int[] {1, 2, 3}));
    List<List<String>> rows = Xml.bodyCells(Xml.elements(Xml.parse(TableHtml.render(t, 3)), "table").get(0));
    assertEquals(3, rows.size());
  }

  @Test
  void emptyTableAndBadCap() {
    Table t = Table.create("", DoubleColumn.create("x"));
    String html = TableHtml.render(t);
    Xml.parse(html);
    assertTrue(html.contains("0 rows"));
    assertThrows(IllegalArgumentException.class, () -> TableHtml.render(t, 0));
  }

  @Test
  void plainTextNamesTheCap() {
    Table t = Table.create("t", IntColumn.create("x", new int[] {1, 2, 3, 4, 5}));
    assertTrue(TableHtml.text(t, 2).contains("showing 2 of 5 rows"));
    assertFalse(TableHtml.text(t, 5).contains("showing"));
  }
}
