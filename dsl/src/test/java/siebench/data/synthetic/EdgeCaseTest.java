package siebench.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import siebench.data.Samples;
import siebench.metrics.Metrics;
import tech.tablesaw.api.Table;

/** Small and odd settings: truncated sessions, no test set, custom curves, validation messages, summary. */
class EdgeCaseTest {
  @Test
  void aRowCountThatIsNotAWholeNumberOfSessionsCutsTheLastSession() {
    Samples s = Synthetic.ecommerce().rows(23).testRows(0).generate().samples();
    assertEquals(23, s.size());
    assertArrayEquals(new double[] {1, 2, 3}, java.util.Arrays.copyOfRange(s.doubles("position"), 20, 23));
    assertEquals(3, java.util.Arrays.stream(s.doubles("query_id")).distinct().count());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Synthetic.ecommerce().rows(23).testRows(0).generate().test());
    assertTrue(e.getMessage().contains("testRows"), e.getMessage());
  }

  @Test
  void customExaminationCurveIsUsed() {
    PositionBias curve = PositionBias.of(0.9, 0.7, 0.5, 0.2);
    SyntheticData d = Synthetic.ecommerce().rows(2_000).listSize(4).positionBias(curve).generate();
    double[] pos = d.samples().doubles("position");
    double[] prop = d.samples().doubles("truth_propensity");
    for (int i = 0; i < pos.length; i++) {
      assertEquals(curve.propensity((int) pos[i]), prop[i]);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Synthetic.ecommerce().rows(100).listSize(5).positionBias(curve).generate());
    assertTrue(e.getMessage().contains("covers 4 positions"), e.getMessage());
  }

  @Test
  void inconsistentSizesFailWithAMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Synthetic.ecommerce().rows(100).items(10).categories(20).generate());
    assertTrue(e.getMessage().contains("every category"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Synthetic.ecommerce().rows(0));
    assertTrue(e.getMessage().contains("rows"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Synthetic.ecommerce().rows(100).candidates(5).generate());
    assertTrue(e.getMessage().contains("listSize"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Synthetic.ecommerce().rows(100).positiveRate(0.1).imbalance(-1));
    assertTrue(e.getMessage().contains("imbalance"), e.getMessage());
  }

  @Test
  void summaryReportsTheTruthCeiling() {
    SyntheticData d = Synthetic.ecommerce().rows(20_000).testRows(5_000).fakeClicks(0.05).generate();
    Table t = d.summary();
    double auc = Metrics.auc(d.samples().labels(), d.samples().doubles("truth_click_prob"));
    int row = t.stringColumn("figure").indexOf("train AUC of truth_click_prob");
    assertEquals(auc, t.doubleColumn("value").get(row), 1e-12);
    row = t.stringColumn("figure").indexOf("rows fake_click");
    assertEquals(1_000.0, t.doubleColumn("value").get(row));
  }
}
