package siebench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import siebench.core.Progress;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.TrainResult;

class TrainResultSummaryTest {
  @Test
  void trainResultSummaryShowsMetricsHistoryAndCurve() {
    TrainResult r = TinyData.clicks(400, 5).train(CtrTask.ctr().model(Models.logisticRegression()).epochs(2)
        .batchSize(64).progress(Progress.silent()));
    String html = Summaries.trainResult(r);
    Document d = Xml.parse(html);
    List<Element> tables = Xml.elements(d, "table");
    assertEquals(2, tables.size());
    // every metric of the result appears with its formatted value
    List<List<String>> metrics = Xml.bodyCells(tables.get(0));
    assertEquals(r.metricValues().size(), metrics.size());
    for (List<String> row : metrics) {
      assertEquals(Html.formatDouble(r.metric(row.get(1))), row.get(2), row.get(1));
    }
    assertEquals(r.history().size(), Xml.bodyCells(tables.get(1)).size());
    assertEquals(1, Xml.elements(d, "img").size());
    assertTrue(html.contains(Html.formatCount(r.trainSamples().size()) + " train"));
    var curve = DiagnosticCharts.learningCurve(r);
    assertEquals(r.history().size(), curve.getSeriesMap().get("train loss").getXData().length);
  }
}
