package siebench.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import siebench.data.Samples;
import siebench.importance.Importance;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class DetectionTableTest {

  private static Samples rows(boolean withTruth) {
    Table t = Table.create("toy", IntColumn.create("item_id", 0, 1, 2, 0, 1, 2),
        IntColumn.create("click", 0, 1, 0, 1, 1, 0));
    if (withTruth) {
      t.addColumns(DoubleColumn.create("truth_corrupted", 0, 1, 0, 0, 1, 0));
    }
    return Samples.from(t);
  }

  @Test
  void countsByHandOnSixRows() {
    Samples s = rows(true);
    Map<String, Importance> scores = new LinkedHashMap<>();
    scores.put("hard", Importance.of("hard", s, new double[] {0.1, 0.9, 0.2, 0.3, 0.8, 0.05})
        .withMeaning(Importance.Meaning.HARDNESS));
    // value scores: low = suspicious, so the order of suspicion is rows 1, 5, 3, 2, 0, 4
    scores.put("value", Importance.of("value", s, new double[] {5, 1, 4, 3, 6, 2}));
    Table t = DetectionTable.of(s, scores);
    assertEquals("hard", t.stringColumn("estimator").get(0));
    assertEquals("HARDNESS", t.stringColumn("meaning").get(0));
    assertEquals("VALUE", t.stringColumn("meaning").get(1));
    // hard: both flagged rows on top
    assertEquals(1.0, t.doubleColumn("auroc").getDouble(0), 1e-12);
    assertEquals(1.0, t.doubleColumn("average_precision").getDouble(0), 1e-12);
    assertEquals(1.0, t.doubleColumn("precision_at_k").getDouble(0), 1e-12);
    // value: row 1 beats all 4 clean rows, row 4 none of them -> 4 / 8 pairs
    assertEquals(0.5, t.doubleColumn("auroc").getDouble(1), 1e-12);
    // flagged rows at ranks 1 and 6: (1/1 + 2/6) / 2
    assertEquals((1 + 2.0 / 6) / 2, t.doubleColumn("average_precision").getDouble(1), 1e-12);
    assertEquals(0.5, t.doubleColumn("precision_at_k").getDouble(1), 1e-12);
    assertEquals(0.5, t.doubleColumn("recall_at_k").getDouble(1), 1e-12);
  }

  @Test
  void needsTheTruth() {
    Samples s = rows(false);
    Map<String, Importance> scores = Map.of("x", Importance.of("x", s, new double[6]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DetectionTable.of(s, scores));
    assertTrue(e.getMessage().contains("truth_corrupted"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DetectionTable.of(s, scores, new boolean[5]));
  }
}
