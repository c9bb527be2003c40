package siebench.mnar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import siebench.data.RatingData;
import siebench.data.Samples;
import siebench.data.synthetic.MnarRatings;
import tech.tablesaw.api.StringColumn;

/** Propensity estimators against closed forms computed by hand and against the generator's ground truth. */
class PropensityEstimatorsTest {
  /** 2 users x 5 items; observed ratings 5, 5, 4, 1; a MAR sample 1, 1, 1, 2, 3, 4, 5, 5. */
  private static RatingData tiny() {
    Samples train = RatingData.samples("train", new int[] {0, 0, 1, 1}, new int[] {0, 1, 2, 3},
        new int[] {5, 5, 4, 1}, null, List.of());
    Samples mar = RatingData.samples("mar", new int[] {0, 0, 0, 0, 1, 1, 1, 1}, new int[] {0, 1, 2, 3, 0, 1, 2, 4},
        new int[] {1, 1, 1, 2, 3, 4, 5, 5}, null, List.of());
    return new RatingData(train, mar, 2, 5, "tiny");
  }

  @Test
  void meanByRatingAveragesEachLevelAndTheTableShowsItBesideNaiveBayes() {
    // observed ratings 5, 5, 4, 1, 5 with known propensities 0.2, 0.4, 0.3, 0.05, 0.6
    Samples train = RatingData.samples("train", new int[] {0, 0, 1, 1, 1}, new int[] {0, 1, 2, 3, 4},
        new int[] {5, 5, 4, 1, 5}, new double[] {0.2, 0.4, 0.3, 0.05, 0.6}, List.of());
    double[] mean = RatingData.meanByRating(train, RatingData.propensities(train));
    assertArrayEquals(new double[] {0.05, Double.NaN, Double.NaN, 0.3, 0.4}, mean, 1e-12);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RatingData.meanByRating(train, new double[2]))
        .getMessage().contains("one value per row"));

    RatingData known = new RatingData(train, tiny().test(), 2, 5, "known");
    tech.tablesaw.api.Table t = PropensityEstimators.naiveBayes().byRatingTable(known, known.test());
    assertEquals(List.of("rating", "naive Bayes", "true (mean over observed)"), t.columnNames());
    assertArrayEquals(PropensityEstimators.naiveBayes().byRating(known, known.test()),
        t.doubleColumn("naive Bayes").asDoubleArray(), 0);
    assertArrayEquals(mean, t.doubleColumn("true (mean over observed)").asDoubleArray(), 0);
    assertEquals(List.of("rating", "naive Bayes"),
        PropensityEstimators.naiveBayes().byRatingTable(tiny(), tiny().test()).columnNames(), "no known propensities");
  }

  @Test
  void naiveBayesIsBayesRuleByHand() {
    RatingData d = tiny();
    // P(O=1|r) = P(r|O=1) P(O=1) / P(r): P(O=1) = 4/10; P(r|O=1) = 1/4, 0, 0, 1/4, 2/4; P(r) = 3/8, 1/8, 1/8, 1/8, 2/8
    double[] byRating = PropensityEstimators.naiveBayes().smoothing(0).byRating(d, d.test());
    assertEquals((1.0 / 4) * 0.4 / (3.0 / 8), byRating[0], 1e-12);
    assertEquals(0, byRating[1], 1e-12);
    assertEquals(0, byRating[2], 1e-12);
    assertEquals((1.0 / 4) * 0.4 / (1.0 / 8), byRating[3], 1e-12);
    assertEquals((2.0 / 4) * 0.4 / (2.0 / 8), byRating[4], 1e-12);
    double[] rows = PropensityEstimators.naiveBayes().smoothing(0).estimate(d, d.test());
    assertArrayEquals(new double[] {0.8, 0.8, 0.8, 4.0 / 15}, rows, 1e-12);
  }

  @Test
  void laplaceSmoothingByHand() {
    RatingData d = tiny();
    double[] byRating = PropensityEstimators.naiveBayes().byRating(d, d.test());
    // one pseudo-count per level: P(r|O=1) = (c + 1) / 9, P(r) = (c + 1) / 13
    assertEquals((2.0 / 9) * 0.4 / (4.0 / 13), byRating[0], 1e-12);
    assertEquals((1.0 / 9) * 0.4 / (2.0 / 13), byRating[1], 1e-12);
    assertEquals((3.0 / 9) * 0.4 / (3.0 / 13), byRating[4], 1e-12);
  }

  @Test
  void naiveBayesWithoutSmoothingFailsClearlyWhenTheMarSampleLacksARating() {
    Samples train = RatingData.samples("train", new int[] {0}, new int[] {0}, new int[] {3}, null, List.of());
    Samples mar = RatingData.samples("mar", new int[] {0}, new int[] {1}, new int[] {1}, null, List.of());
    RatingData d = new RatingData(train, mar, 1, 2, "tiny");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> PropensityEstimators.naiveBayes().smoothing(0).estimate(d, d.test()));
    assertTrue(e.getMessage().contains("no rating 3 in the MAR sample"), e.getMessage());
  }

  @Test
  void naiveBayesRecoversSchnabelsRatingRuleFromALargeMarSample() {
    // no popularity effect and no cap: P(O|r) = k alpha^max(0, 4 - r) exactly, and a MAR sample of 60% of cells
    MnarRatings.Generated g = MnarRatings.generator().users(400).items(200).popularitySkew(0).alpha(0.5)
        .density(0.05).testItemsPerUser(120).seed(2).generate();
    double[] nb = PropensityEstimators.naiveBayes().byRating(g.data(), g.data().test());
    int[][] r = g.ratings();
    double[] truth = new double[5];
    for (int u = 0; u < 400; u++) {
      for (int i = 0; i < 200; i++) {
        truth[r[u][i] - 1] = g.propensities()[u][i];
      }
    }
    for (int k = 0; k < 5; k++) {
      assertEquals(truth[k], nb[k], 0.15 * truth[k], "rating " + (k + 1));
    }
  }

  @Test
  void logisticOnOneFeatureIsTheObservedShareOfEachValue() {
    // item feature: items 0, 1 are "a", items 2, 3 are "b"; 3 users. Observed: 3 of 6 "a" cells, 1 of 6 "b" cells
    int[] u = {0, 1, 2, 0};
    int[] i = {0, 1, 0, 3};
    StringColumn type = StringColumn.create("item_type", "a", "a", "a", "b");
    Samples train = RatingData.samples("train", u, i, new int[] {5, 4, 2, 1}, null, List.of(type));
    Samples test = RatingData.samples("test", new int[] {1, 2}, new int[] {2, 3}, new int[] {3, 3}, null,
        List.of(StringColumn.create("item_type", "b", "b")));
    RatingData d = new RatingData(train, test, 3, 4, "features");
    double[][] p = PropensityEstimators.logistic().l2(0).withoutIds().cells(d);
    for (int user = 0; user < 3; user++) {
      assertEquals(0.5, p[user][0], 1e-5);
      assertEquals(0.5, p[user][1], 1e-5);
      assertEquals(1.0 / 6, p[user][2], 1e-5);
      assertEquals(1.0 / 6, p[user][3], 1e-5);
    }
    assertArrayEquals(new double[] {0.5, 0.5, 0.5, 1.0 / 6}, PropensityEstimators.logistic().l2(0).withoutIds()
        .estimate(d, null), 1e-5);
  }

  @Test
  void logisticOnIdsFollowsItemPopularity() {
    MnarRatings.Generated g = MnarRatings.generator().users(200).items(100).alpha(1).popularitySkew(1).density(0.1)
        .seed(4).generate();
    double[][] p = PropensityEstimators.logistic().cells(g.data());
    // with alpha = 1 observation depends on the item only: the fitted propensities track the true ones
    double err = 0;
    double spread = 0;
    double meanTrue = 0.1;
    for (int u = 0; u < 200; u++) {
      for (int i = 0; i < 100; i++) {
        err += Math.pow(p[u][i] - g.propensities()[u][i], 2);
        spread += Math.pow(g.propensities()[u][i] - meanTrue, 2);
      }
    }
    assertTrue(err < 0.2 * spread, "squared error " + err + " vs variance of the truth " + spread);
  }

  @Test
  void truthReadsTheRecordedColumnAndFailsWithoutOne() {
    MnarRatings.Generated g = MnarRatings.generator().users(20).items(20).seed(1).generate();
    assertArrayEquals(RatingData.propensities(g.data().train()), PropensityEstimators.truth().estimate(g.data(),
        null), 0.0);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> PropensityEstimators.truth().estimate(tiny(), null));
    assertTrue(e.getMessage().contains("propensities are unknown"), e.getMessage());
    assertEquals("naive-bayes", PropensityEstimators.named("nb").name());
    assertThrows(IllegalArgumentException.class, () -> PropensityEstimators.named("magic"));
  }
}
