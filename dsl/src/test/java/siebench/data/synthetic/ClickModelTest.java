package siebench.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static siebench.data.synthetic.SyntheticTestSupport.ints;
import static siebench.data.synthetic.SyntheticTestSupport.mean;

import org.junit.jupiter.api.Test;
import siebench.data.Role;
import siebench.data.Samples;
import siebench.metrics.Metrics;

/**
 * The position-based click model: click rates per position against the true examination curve (with a
 * randomized-ranking intervention, as in Joachims et al. 2017 / Wang et al. 2018), relevance against a second
 * implementation of the documented formula, and the strength of the signal.
 */
class ClickModelTest {
  private static final double ETA = 0.8;

  @Test
  void randomizedRankingRecoversThePropensityCurve() {
    SyntheticData d = Synthetic.ecommerce().rows(200_000).testRows(0).seed(11).positionBias(ETA)
        .randomizedRanking(true).positiveRate(0.08).generate();
    Samples s = d.samples();
    int[] pos = ints(s, "position");
    int[] click = ints(s, "click");
    double meanRelevance = mean(s.doubles("truth_relevance"));
    int[] n = new int[11];
    int[] c = new int[11];
    for (int i = 0; i < pos.length; i++) {
      n[pos[i]]++;
      c[pos[i]] += click[i];
    }
    double ctr1 = c[1] / (double) n[1];
    for (int p = 1; p <= 10; p++) {
      double trueProp = Math.pow(1.0 / p, ETA);
      assertEquals(trueProp, d.propensity(p), 1e-15);
      double ctr = c[p] / (double) n[p];
      double expected = trueProp * meanRelevance;
      double se = Math.sqrt(expected * (1 - expected) / n[p]);
      assertEquals(expected, ctr, 4.5 * se, "click rate at position " + p);
      // propensity ratio estimated from the intervention: ctr_p / ctr_1 (delta-method standard error)
      double ratio = ctr / ctr1;
      double seRatio = ratio * Math.sqrt((1 - ctr) / c[p] + (1 - ctr1) / c[1]);
      assertEquals(trueProp, ratio, 4.5 * seRatio, "propensity ratio at position " + p);
    }
  }

  @Test
  void loggedRankingClickRateIsPropensityTimesMeanRelevanceAtEachPosition() {
    SyntheticData d = Synthetic.ecommerce().rows(200_000).testRows(0).seed(5).generate();
    Samples s = d.samples();
    int[] pos = ints(s, "position");
    int[] click = ints(s, "click");
    double[] rel = s.doubles("truth_relevance");
    double[] prop = s.doubles("truth_propensity");
    double[] cp = s.doubles("truth_click_prob");
    double[] n = new double[11];
    double[] c = new double[11];
    double[] r = new double[11];
    double[] var = new double[11];
    for (int i = 0; i < pos.length; i++) {
      assertEquals(1.0 / pos[i], prop[i], 1e-15);
      assertEquals(rel[i] * prop[i], cp[i], 1e-15);
      n[pos[i]]++;
      c[pos[i]] += click[i];
      r[pos[i]] += rel[i];
      var[pos[i]] += cp[i] * (1 - cp[i]);
    }
    for (int p = 1; p <= 10; p++) {
      double expected = d.propensity(p) * r[p] / n[p];
      assertEquals(expected, c[p] / n[p], 4.5 * Math.sqrt(var[p]) / n[p], "click rate at position " + p);
    }
    // the ranker puts relevant items on top, so the naive click-rate ratio overstates the position bias
    double naive = (c[10] / n[10]) / (c[1] / n[1]);
    assertTrue(naive < 0.8 * d.propensity(10), "naive ratio " + naive + " vs true " + d.propensity(10));
  }

  @Test
  void inversePropensityWeightedClicksAreUnbiasedForRelevance() {
    // the identity behind IPS (Joachims et al. 2017): E[click / propensity | row] = relevance, so averaged over
    // rows the IPS-weighted clicks estimate the mean relevance, while raw clicks underestimate it
    SyntheticData d = Synthetic.ecommerce().rows(200_000).testRows(0).seed(19).generate();
    Samples s = d.samples();
    double[] click = s.doubles("click");
    double[] prop = s.doubles("truth_propensity");
    double[] rel = s.doubles("truth_relevance");
    double ips = 0;
    double var = 0;
    for (int i = 0; i < click.length; i++) {
      ips += click[i] / prop[i];
      double cp = rel[i] * prop[i];
      var += cp * (1 - cp) / (prop[i] * prop[i]);
    }
    ips /= click.length;
    double se = Math.sqrt(var) / click.length;
    assertEquals(mean(rel), ips, 4.5 * se);
    assertTrue(mean(click) < mean(rel) - 10 * se, "position bias must hide relevance from raw clicks");
  }

  @Test
  void relevanceFollowsTheDocumentedFormula() {
    SyntheticData d = Synthetic.ecommerce().rows(5_000).testRows(0).seed(9).generate();
    Samples s = d.samples();
    EcommerceWorld w = d.world();
    int[] user = ints(s, "user_id");
    int[] item = ints(s, "item_id");
    int[] query = ints(s, "query_category");
    int[] hour = ints(s, "hour");
    int[] category = ints(s, "category");
    int[] brand = ints(s, "brand");
    int[] segment = ints(s, "user_segment");
    double[] price = s.doubles("price");
    String[] device = s.strings("device");
    double[] rel = s.doubles("truth_relevance");
    for (int i = 0; i < s.size(); i++) {
      int u = user[i];
      int it = item[i];
      assertEquals(w.itemCategory(it), category[i]);
      assertEquals(w.itemBrand(it), brand[i]);
      assertEquals(w.userSegment(u), segment[i]);
      assertEquals(w.itemPrice(it), price[i]);
      assertEquals(Math.log(price[i]) - w.categoryLogPrice(category[i]), w.itemRelativeLogPrice(it), 0.01);
      double[] uv = w.userVector(u);
      double z = 1.5 * dot(uv, w.itemVector(it)) + 1.5 * dot(uv, w.categoryVector(category[i]))
          + (category[i] == query[i] ? 2.0 : 0) + 0.6 * dot(uv, w.brandVector(brand[i])) + w.itemQuality(it)
          - w.userPriceSensitivity(u) * (device[i].equals("mobile") ? 1.5 : 1) * w.itemRelativeLogPrice(it)
          + 0.25 * Math.cos(2 * Math.PI * (hour[i] - 20) / 24.0);
      double expected = 1 / (1 + Math.exp(-(z + d.intercept())));
      assertEquals(expected, rel[i], 1e-9, "row " + i);
      assertEquals(expected, d.relevance(u, it, query[i], hour[i], device[i]), 1e-9);
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  @Test
  void trueClickProbabilityIsAStrongSignal() {
    SyntheticData d = Synthetic.ecommerce().rows(200_000).seed(7).generate();
    double train = Metrics.auc(d.samples().labels(), d.samples().doubles("truth_click_prob"));
    double test = Metrics.auc(d.test().labels(), d.test().doubles("truth_click_prob"));
    double relevanceOnly = Metrics.auc(d.test().labels(), d.test().doubles("truth_relevance"));
    System.out.printf("AUC of truth_click_prob: train %.4f, test %.4f; of truth_relevance: %.4f; positive rate %.4f%n",
        train, test, relevanceOnly, d.positiveRate());
    assertTrue(train >= 0.8, "train AUC " + train);
    assertTrue(test >= 0.8, "test AUC " + test);
    assertTrue(relevanceOnly >= 0.75, "relevance AUC " + relevanceOnly);
  }

  @Test
  void purchasesFollowClicks() {
    SyntheticData d = Synthetic.ecommerce().rows(100_000).testRows(0).seed(4).generate();
    Samples s = d.samples();
    assertEquals("click", s.schema().label());
    assertTrue(s.schema().ignored().contains("purchase"), "purchase must not be a click feature");
    int[] click = ints(s, "click");
    int[] buy = ints(s, "purchase");
    double[] pb = s.doubles("truth_purchase_prob");
    double bought = 0;
    double expected = 0;
    double var = 0;
    for (int i = 0; i < click.length; i++) {
      assertTrue(buy[i] <= click[i], "purchase without click at row " + i);
      if (click[i] == 1) {
        bought += buy[i];
        expected += pb[i];
        var += pb[i] * (1 - pb[i]);
      }
    }
    assertTrue(bought > 0);
    assertEquals(expected, bought, 4.5 * Math.sqrt(var));
    EcommerceGenerator small = Synthetic.ecommerce().rows(1_000).testRows(0).seed(4);
    Samples noBuy = small.purchases(false).generate().samples();
    assertFalse(noBuy.table().columnNames().contains("purchase"));
    assertArrayEquals(small.generate().samples().doubles("click"), noBuy.doubles("click"),
        "purchases must not change the click stream");
  }

  @Test
  void schemaRoles() {
    SyntheticData d = Synthetic.ecommerce().rows(2_000).testRows(500).generate();
    Samples s = d.samples();
    assertEquals("user_id", s.schema().column(Role.USER).orElseThrow());
    assertEquals("item_id", s.schema().column(Role.ITEM).orElseThrow());
    assertEquals("query_id", s.schema().column(Role.QUERY).orElseThrow());
    assertEquals("position", s.schema().column(Role.POSITION).orElseThrow());
    assertEquals("timestamp", s.schema().column(Role.TIMESTAMP).orElseThrow());
    assertTrue(s.schema().categorical().containsAll(
        java.util.List.of("user_id", "item_id", "category", "brand", "query_category", "device", "hour")));
    assertTrue(s.schema().numeric().containsAll(java.util.List.of("price", "item_popularity", "item_rating")));
    for (String f : s.schema().features()) {
      assertFalse(f.startsWith("truth_"), f);
    }
    assertFalse(s.schema().features().contains("position"));
    assertTrue(Synthetic.ecommerce().rows(100).positionFeature(true).generate().samples().schema().categorical()
        .contains("position"));
    assertEquals(2_000, s.size());
    assertEquals(500, d.test().size());
    assertEquals(2_000L, d.test().rowIds()[0], "test row ids follow the training ones");
    assertEquals(10, d.propensities().length);
  }

}
