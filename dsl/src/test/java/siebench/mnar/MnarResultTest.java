package siebench.mnar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The summary over seeds: t-intervals by hand and MSE differences paired by seed. */
class MnarResultTest {
  private static MnarResult.Run run(long seed, RatingObjective o, String p, double mse) {
    return new MnarResult.Run(seed, o, p, new RatingEvaluation(mse, mse / 2, 0.7, 0.6, 5));
  }

  @Test
  void meansIntervalsAndPairedDifferences() {
    MnarResult r = new MnarResult("toy", List.of(
        run(1, RatingObjective.NAIVE, "-", 3.0), run(1, RatingObjective.IPS, "true", 2.0),
        run(2, RatingObjective.NAIVE, "-", 5.0), run(2, RatingObjective.IPS, "true", 3.0),
        run(3, RatingObjective.NAIVE, "-", 4.0), run(3, RatingObjective.IPS, "true", 4.0)));
    Table s = r.summary();
    assertEquals(2, s.rowCount());
    assertEquals(4.0, s.doubleColumn("MSE").getDouble(0), 1e-12);
    // sd of {3, 5, 4} is 1; t(0.975, 2 df) = 4.303
    assertEquals(4.303 / Math.sqrt(3), s.doubleColumn("MSE_ci95").getDouble(0), 1e-12);
    // IPS minus naive per seed: -1, -2, 0 -> mean -1, sd 1
    assertEquals(-1.0, s.doubleColumn("dMSE").getDouble(1), 1e-12);
    assertEquals(4.303 / Math.sqrt(3), s.doubleColumn("dMSE_ci95").getDouble(1), 1e-12);
    String text = r.print();
    assertTrue(text.contains("ips    true          3  3.0000 ± 2.4843"), text);
  }

  @Test
  void chartShowsTheSummaryMeansWithIntervalsPerPropensityStartingAtNaive() {
    MnarResult r = new MnarResult("toy", List.of(
        run(1, RatingObjective.NAIVE, "-", 3.0), run(1, RatingObjective.IPS, "true", 2.0),
        run(1, RatingObjective.IPS, "logistic", 2.5),
        run(2, RatingObjective.NAIVE, "-", 5.0), run(2, RatingObjective.IPS, "true", 3.0),
        run(2, RatingObjective.IPS, "logistic", 4.5),
        run(3, RatingObjective.NAIVE, "-", 4.0), run(3, RatingObjective.IPS, "true", 4.0),
        run(3, RatingObjective.IPS, "logistic", 3.5)));
    org.knowm.xchart.CategoryChart c = r.chart("MSE");
    assertEquals(List.of("true", "logistic"), List.copyOf(c.getSeriesMap().keySet()));
    org.knowm.xchart.CategorySeries t = c.getSeriesMap().get("true");
    assertEquals(List.of("naive", "ips"), List.copyOf(t.getXData()));
    assertEquals(List.of(4.0, 3.0), t.getYData().stream().map(Number::doubleValue).toList());
    double hw = 4.303 / Math.sqrt(3); // sd 1 for {3, 5, 4} and for {2, 3, 4}
    List<Double> bars = t.getExtraValues().stream().map(Number::doubleValue).toList();
    assertEquals(hw, bars.get(0), 1e-12);
    assertEquals(hw, bars.get(1), 1e-12);
    assertEquals(3.5, c.getSeriesMap().get("logistic").getYData().stream().mapToDouble(Number::doubleValue)
        .toArray()[1], 1e-12);
    assertTrue(c.getTitle().contains("3 seeds"), c.getTitle());

    MnarResult one = new MnarResult("one", List.of(run(1, RatingObjective.NAIVE, "-", 3.0),
        run(1, RatingObjective.IPS, "true", 2.0)));
    org.knowm.xchart.CategoryChart single = one.chart("MAE");
    assertEquals(null, single.getSeriesMap().get("true").getExtraValues(), "no error bars for one seed");
    assertTrue(single.getTitle().contains("one seed"), single.getTitle());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> r.chart("RMSE")).getMessage().contains("MSE"));
  }
}
