package siebench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.importance.Importance;
import tech.tablesaw.api.Table;

class SummariesTest {
  /** Scores 1..100 on row ids 1000..1099 in shuffled order. */
  static Importance ramp() {
    int n = 100;
    long[] ids = new long[n];
    double[] s = new double[n];
    int[] perm = Samples.permutation(n, 3);
    for (int i = 0; i < n; i++) {
      ids[i] = 1000 + perm[i];
      s[i] = perm[i] + 1;
    }
    return new Importance("el2n", Map.of("epochs", 2), ids, s, new Importance.Cost(1234, 3 << 20, 5, 4000));
  }

  @Test
  void statisticsMatchClosedForms() {
    Table t = Summaries.statistics(ramp());
    double[] v = t.doubleColumn("value").asDoubleArray();
    // scores 1..100: mean 50.5, population sd sqrt((n^2-1)/12), type-7 quartiles at 1 + q * 99
    assertEquals(100, v[0]);
    assertEquals(50.5, v[1], 1e-12);
    assertEquals(Math.sqrt((100.0 * 100 - 1) / 12), v[2], 1e-12);
    assertEquals(1, v[3]);
    assertEquals(25.75, v[4], 1e-12);
    assertEquals(50.5, v[5], 1e-12);
    assertEquals(75.25, v[6], 1e-12);
    assertEquals(100, v[7]);
  }

  @Test
  void quantileOnTinyInputs() {
    assertTrue(Double.isNaN(Summaries.quantile(new double[0], 0.5)));
    assertEquals(7, Summaries.quantile(new double[] {7}, 0.9));
    assertEquals(2.5, Summaries.quantile(new double[] {1, 2, 3, 4}, 0.5));
  }

  @Test
  void importanceSummaryListsTopAndBottomRowsAndAHistogram() throws Exception {
    String html = Summaries.importance(ramp());
    Document d = Xml.parse(html);
    List<Element> tables = Xml.elements(d, "table");
    assertEquals(3, tables.size());
    // value scores: the most suspicious rows (lowest scores) first, then the most valuable
    List<List<String>> suspicious = Xml.bodyCells(tables.get(1));
    List<List<String>> valuable = Xml.bodyCells(tables.get(2));
    assertEquals(Summaries.TOP_ROWS, valuable.size());
    // score k sits on row id 1000 + k - 1
    assertEquals(List.of("0", "1099", "100"), valuable.get(0));
    assertEquals(List.of("9", "1090", "91"), valuable.get(9));
    assertEquals(List.of("0", "1000", "1"), suspicious.get(0));
    assertTrue(html.contains("1,234 ms"), html);
    assertTrue(html.contains("3.0 MiB"));
    assertTrue(html.contains("epochs=2"));
    Element img = Xml.elements(d, "img").get(0);
    String src = img.getAttribute("src");
    byte[] png = Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
    assertEquals(DiagnosticCharts.WIDTH * 2, ImageIO.read(new ByteArrayInputStream(png)).getWidth());
  }

  @Test
  void unrecordedCostIsSaidSo() {
    Importance imp = new Importance("x", Map.of(), new long[] {1, 2}, new double[] {1, 2}, Importance.Cost.NONE);
    String html = Summaries.importance(imp);
    assertTrue(html.contains("cost not recorded") && !html.contains("0 ms"), html);
  }

  @Test
  void tickPatternFollowsMagnitude() {
    assertEquals("0.###", DiagnosticCharts.decimalPattern(new double[] {0.14, 4.8}));
    assertEquals("0.#", DiagnosticCharts.decimalPattern(new double[] {12, 4000}));
    assertEquals("0.##E0", DiagnosticCharts.decimalPattern(new double[] {1e-4, 3e-3}));
    assertEquals("0.##E0", DiagnosticCharts.decimalPattern(new double[] {2e7}));
  }

  @Test
  void histogramChartCountsEveryRow() {
    var chart = DiagnosticCharts.histogram(ramp(), 10);
    var series = chart.getSeriesMap().get("rows");
    double total = 0;
    for (Number y : series.getYData()) {
      total += y.doubleValue();
    }
    assertEquals(100, total);
  }

  @Test
  void importanceWithSamplesShowsTheRows() {
    Samples s = TinyData.clicks(50, 1);
    double[] score = s.doubles("price");
    Importance imp = Importance.of("price", s, score);
    String html = Summaries.importance(imp, s);
    Document d = Xml.parse(html);
    List<Element> tables = Xml.elements(d, "table");
    List<List<String>> suspicious = Xml.bodyCells(tables.get(1));
    List<List<String>> valuable = Xml.bodyCells(tables.get(2));
    double max = java.util.Arrays.stream(score).max().getAsDouble();
    double min = java.util.Arrays.stream(score).min().getAsDouble();
    assertTrue(valuable.get(0).contains(Html.formatDouble(max)), valuable.get(0).toString());
    assertTrue(valuable.get(0).contains("1"), "rank column: " + valuable.get(0));
    assertTrue(suspicious.get(0).contains(Html.formatDouble(min)), suspicious.get(0).toString());
  }

  @Test
  void samplesSummaryShowsSchemaAndHead() {
    Samples s = TinyData.clicks(30, 2);
    Document d = Xml.parse(Summaries.samples(s));
    assertTrue(Xml.elements(d, "pre").get(0).getTextContent().contains("tiny_clicks (30 rows)"));
    // 30 rows capped at 20: 10 head, an ellipsis row, 10 tail
    assertEquals(21, Xml.bodyCells(Xml.elements(d, "table").get(0)).size());
  }
}
