package siebench.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import siebench.benchmark.Benchmark;
import siebench.benchmark.BenchmarkResult;
import siebench.benchmark.Protocols;
import siebench.core.Progress;
import siebench.data.synthetic.Synthetic;
import siebench.importance.Importance;
import siebench.importance.catalog.Estimators;
import siebench.model.Models;
import siebench.report.BenchmarkCharts;
import siebench.report.BenchmarkReport;
import siebench.report.ChartImages;
import siebench.report.Summaries;
import siebench.report.TableHtml;
import siebench.train.CtrTask;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** The displays only adapt: each MIME bundle carries exactly what the library's renderer produced. */
class DisplaysTest {
  static XYChart chart() {
    return BenchmarkCharts.scatter("Cost & quality", "seconds", "AUC", Map.of("lr", new double[] {1.5, 0.7}));
  }

  @Test
  void chartBundleIsTheLibrarysPngWithItsLogicalSize() {
    MimeBundle b = Displays.render(chart());
    assertEquals(List.of(Displays.PNG, Displays.PLAIN), List.copyOf(b.data().keySet()));
    assertArrayEquals(ChartImages.png(chart()), Base64.getDecoder().decode(b.text(Displays.PNG)));
    XYChart c = chart();
    assertEquals(Map.of("width", c.getWidth(), "height", c.getHeight()), b.metadata().get(Displays.PNG));
    assertTrue(b.text(Displays.PLAIN).contains("'Cost & quality' (" + c.getWidth() + "x" + c.getHeight() + ", 1 series)"),
        b.text(Displays.PLAIN));
  }

  @Test
  void svgOnRequestIsTheLibrarysSvg() {
    MimeBundle b = Displays.render(chart(), Displays.SVG);
    assertEquals(ChartImages.svg(chart()), b.text(Displays.SVG));
    assertNull(b.metadata().get(Displays.SVG));
  }

  @Test
  void tablesAndImportancesAreTheLibrarysHtml() {
    Table t = Table.create("t", DoubleColumn.create("x", 1.5, 2.5));
    assertEquals(TableHtml.render(t), Displays.render(t).text(Displays.HTML));
    Importance imp = new Importance("el2n", Map.of(), new long[] {1, 2, 3}, new double[] {0.1, 0.5, 0.2},
        Importance.Cost.NONE);
    assertEquals(Summaries.importance(imp), Displays.render(imp).text(Displays.HTML));
    assertEquals(imp.toString(), Displays.render(imp).text(Displays.PLAIN));
  }

  @Test
  void benchmarkResultIsTheReportsInlineView() {
    BenchmarkResult r = Benchmark.on(Synthetic.ecommerce().rows(400).seed(3).generate().samples())
        .estimators(Estimators.random()).protocols(Protocols.noisyLabelDetection(), Protocols.cost())
        .task(CtrTask.ctr().model(Models.logisticRegression()).epochs(1).batchSize(128)).repeats(1)
        .progress(Progress.silent()).run();
    MimeBundle b = Displays.render(r);
    assertEquals(BenchmarkReport.inline(r), b.text(Displays.HTML));
    assertEquals(r.toString(), b.text(Displays.PLAIN));
  }

  @Test
  void unsupportedMimeIsRefusedNamingWhatIsSupported() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Displays.render(Table.create("t"), Displays.PNG));
    assertTrue(e.getMessage().contains("supported"), e.getMessage());
  }
}
