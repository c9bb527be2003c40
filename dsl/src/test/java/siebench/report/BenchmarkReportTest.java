package siebench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import siebench.benchmark.Benchmark;
import siebench.benchmark.BenchmarkResult;
import siebench.benchmark.Protocols;
import siebench.core.Progress;
import siebench.importance.catalog.Estimators;
import siebench.model.Models;
import siebench.train.CtrTask;

/** The one rendering of a benchmark result: inline (notebooks), as a page, saved with its plots. */
class BenchmarkReportTest {
  static BenchmarkResult result;

  @BeforeAll
  static void run() {
    result = Benchmark.on(TinyData.clicks(400, 3)).estimators(Estimators.random(), Estimators.classBalance())
        .protocols(Protocols.noisyLabelDetection(), Protocols.cleaning(0.1), Protocols.pruning(0.5, 1.0),
            Protocols.removal(0.0, 0.2), Protocols.cost())
        .task(CtrTask.ctr().model(Models.logisticRegression()).epochs(1).batchSize(128)).repeats(1)
        .progress(Progress.silent()).run();
  }

  static byte[] pngOf(Element img) {
    String src = img.getAttribute("src");
    assertTrue(src.startsWith("data:image/png;base64,"), src.substring(0, Math.min(40, src.length())));
    return Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
  }

  @Test
  void chartsFollowTheProtocolsRun() {
    Map<String, XYChart> charts = BenchmarkCharts.of(result);
    assertEquals(List.of("detection_pr", "cleaning", "cleaning_auc", "pruning", "removal", "cost_quality"),
        List.copyOf(charts.keySet()));
    // one curve per estimator and metric in the pruning plot: random and class-balance, both strategies
    XYChart pruning = charts.get("pruning");
    for (String est : new String[] {"random", "class-balance"}) {
      assertTrue(pruning.getSeriesMap().containsKey(est + " (auc)"), pruning.getSeriesMap().keySet().toString());
      assertTrue(pruning.getSeriesMap().containsKey(est + " (auc hardest)"), pruning.getSeriesMap().keySet().toString());
    }
    // the references (cleaning injects fake clicks, so the run has them) sit at their mean AUC, dashed
    for (String ref : new String[] {Benchmark.ORACLE, Benchmark.NOISY}) {
      double auc = result.mean(ref, Benchmark.REFERENCE, "auc");
      assertFalse(Double.isNaN(auc), ref);
      XYSeries line = pruning.getSeriesMap().get(ref + " (reference)");
      assertEquals(auc, line.getYData()[0], 0);
      assertEquals(auc, line.getYData()[1], 0);
      // across the x range of the curves
      double[] xs = pruning.getSeriesMap().get("random (auc)").getXData();
      assertEquals(java.util.Arrays.stream(xs).min().getAsDouble(), line.getXData()[0], 0);
      assertEquals(java.util.Arrays.stream(xs).max().getAsDouble(), line.getXData()[1], 0);
    }
    // the cleaning recovery plot has its fixed references: oracle at 1, noisy at 0
    assertEquals(1.0, charts.get("cleaning").getSeriesMap().get("oracle (reference)").getYData()[0]);
    assertEquals(0.0, charts.get("cleaning").getSeriesMap().get("noisy (reference)").getYData()[0]);
    // from nothing removed to the largest fraction removed
    double[] removed = charts.get("cleaning").getSeriesMap().get("random").getXData();
    assertArrayEquals(new double[] {0, java.util.Arrays.stream(removed).max().getAsDouble()},
        charts.get("cleaning").getSeriesMap().get("oracle (reference)").getXData());
    // the cost-quality point of each estimator is (its mean seconds, its mean detection primary metric)
    XYChart cost = charts.get("cost_quality");
    XYSeries random = cost.getSeriesMap().get("random");
    assertEquals(result.mean("random", "cost", "seconds"), random.getXData()[0], 0);
  }

  @Test
  void inlineShowsHeadlineRanksEveryPlotAndTheSummary() throws IOException {
    String html = BenchmarkReport.inline(result);
    Document d = Xml.parse(html);
    assertTrue(Xml.elements(d, "h2").get(0).getTextContent().startsWith("Benchmark on tiny_clicks"));
    List<Element> tables = Xml.elements(d, "table");
    assertEquals(2, tables.size());
    assertEquals(result.ranks().rowCount(), Xml.bodyCells(tables.get(0)).size());
    // the summary is capped inline: first and last half around an ellipsis row
    int n = result.summary().rowCount();
    int cap = BenchmarkReport.INLINE_SUMMARY_ROWS;
    assertEquals(n <= cap ? n : cap + 1, Xml.bodyCells(tables.get(1)).size());
    Map<String, XYChart> charts = BenchmarkCharts.of(result);
    List<Element> images = Xml.elements(d, "img");
    assertEquals(charts.size(), images.size());
    for (Element img : images) {
      XYChart chart = charts.get(img.getAttribute("alt"));
      BufferedImage png = ImageIO.read(new ByteArrayInputStream(pngOf(img)));
      // the high-DPI image of ChartImages, shown at the chart's logical size
      assertEquals(chart.getWidth() * ChartImages.DEFAULT_DPI / 72, png.getWidth());
      assertEquals(String.valueOf(chart.getWidth()), img.getAttribute("width"));
    }
    assertTrue(html.contains("summary over repeats"));
    assertTrue(html.contains(TableHtml.STYLE));
  }

  @Test
  void pageHasTheSameContentAsTheInlineView() {
    String page = BenchmarkReport.html(result);
    assertTrue(page.startsWith("<!DOCTYPE html>"));
    String content = BenchmarkReport.content(result, BenchmarkReport.PAGE_SUMMARY_ROWS);
    assertTrue(page.contains(content));
    // the page shows every summary row
    List<Element> tables = Xml.elements(Xml.parse("<div>" + content + "</div>"), "table");
    assertEquals(result.summary().rowCount(), Xml.bodyCells(tables.get(1)).size());
    assertTrue(BenchmarkReport.inline(result).contains(BenchmarkReport.content(result,
        BenchmarkReport.INLINE_SUMMARY_ROWS)));
  }

  @Test
  void saveWritesDataPlotsAndPage(@TempDir Path dir) throws IOException {
    Path report = BenchmarkReport.save(result, dir.resolve("out"));
    assertEquals(dir.resolve("out").resolve("report.html"), report);
    String html = Files.readString(report);
    assertTrue(html.contains("<table") && html.contains("data:image/png;base64,"), "report has tables and plots");
    for (String f : new String[] {"results.csv", "summary.csv", "curves.csv", "ranks.csv", "results.json"}) {
      assertTrue(Files.size(report.resolveSibling(f)) > 0, f);
    }
    for (Map.Entry<String, XYChart> e : BenchmarkCharts.of(result).entrySet()) {
      byte[] saved = Files.readAllBytes(report.resolveSibling(e.getKey() + ".png"));
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(saved));
      assertEquals(e.getValue().getWidth() * 2, img.getWidth(), e.getKey());
      assertEquals(e.getValue().getHeight() * 2, img.getHeight(), e.getKey());
    }
  }
}
