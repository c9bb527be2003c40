package siebench.importance.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import siebench.core.Interval;
import siebench.data.Samples;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class CtrByPositionTest {

  @Test
  void countsClicksPerPositionWithWilsonIntervals() {
    // position 1: 4 rows, 2 clicks; position 2: none; position 3: 3 rows, 1 click
    Table t = Table.create("logs", IntColumn.create("item_id", 1, 2, 3, 4, 5, 6, 7),
        IntColumn.create("position", 1, 3, 1, 3, 1, 1, 3), IntColumn.create("click", 1, 0, 0, 1, 1, 0, 0));
    Samples logs = Samples.from(t).label("click").position("position");
    Table ctr = ResultRandomization.ctrByPosition(logs);
    assertEquals(2, ctr.rowCount());
    assertEquals(1, ctr.intColumn("position").getInt(0));
    assertEquals(3, ctr.intColumn("position").getInt(1));
    assertEquals(4, ctr.doubleColumn("impressions").getDouble(0), 0);
    assertEquals(2, ctr.doubleColumn("clicks").getDouble(0), 0);
    assertEquals(0.5, ctr.doubleColumn("ctr").getDouble(0), 1e-12);
    assertEquals(1.0 / 3, ctr.doubleColumn("ctr").getDouble(1), 1e-12);
    Interval w = Interval.wilson(1, 3);
    assertEquals(w.lower(), ctr.doubleColumn("ctr_lo95").getDouble(1), 1e-12);
    assertEquals(w.upper(), ctr.doubleColumn("ctr_hi95").getDouble(1), 1e-12);
    // the relative propensities divide the same rates
    assertEquals((1.0 / 3) / 0.5, ResultRandomization.estimate(logs).at(3), 1e-12);
  }
  @Test
  void chartShowsTheRatesWithHalfTheWilsonWidth() {
    Table t = Table.create("logs", IntColumn.create("item_id", 1, 2, 3, 4, 5, 6, 7),
        IntColumn.create("position", 1, 3, 1, 3, 1, 1, 3), IntColumn.create("click", 1, 0, 0, 1, 1, 0, 0));
    Table ctr = ResultRandomization.ctrByPosition(Samples.from(t).label("click").position("position"));
    org.knowm.xchart.CategoryChart c = ResultRandomization.ctrChart(ctr);
    org.knowm.xchart.CategorySeries s = c.getSeriesMap().values().iterator().next();
    assertEquals(java.util.List.of(1.0, 3.0), s.getXData().stream().map(v -> ((Number) v).doubleValue()).toList());
    assertEquals(java.util.List.of(0.5, 1.0 / 3), s.getYData().stream().map(Number::doubleValue).toList());
    Interval w = Interval.wilson(1, 3);
    assertEquals((w.upper() - w.lower()) / 2, s.getExtraValues().stream().toList().get(1).doubleValue(), 1e-12);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ResultRandomization.ctrChart(ctr.removeColumns("ctr_lo95")));
  }
}
