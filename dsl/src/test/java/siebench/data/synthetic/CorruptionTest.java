package siebench.data.synthetic;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import siebench.data.Samples;
import siebench.data.noise.Corruption;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static siebench.data.synthetic.SyntheticTestSupport.ints;

/** The corruption knobs against their definitions, checked row by row on the ground-truth columns. */
class CorruptionTest {
  private static final int ROWS = 60_000;

  @Test
  void fakeClicksAreCleanNonClicksTurnedIntoClicksMostlyOnFraudActors() {
    SyntheticData d = Synthetic.ecommerce().rows(ROWS).testRows(0).seed(3).fakeClicks(0.02).fraudShare(0.6)
        .fraudActors(0.03).generate();
    Samples s = d.samples();
    String[] kind = s.strings("truth_corruption");
    int[] click = ints(s, "click");
    int[] clean = ints(s, "truth_clean_click");
    int[] corrupted = ints(s, "truth_corrupted");
    int[] fraud = ints(s, "truth_fraud_actor");
    int[] user = ints(s, "user_id");
    int[] item = ints(s, "item_id");
    int fake = 0;
    int onFraud = 0;
    for (int i = 0; i < kind.length; i++) {
      assertEquals(d.world().isFraudUser(user[i]) || d.world().isFraudItem(item[i]) ? 1 : 0, fraud[i]);
      if (kind[i].equals("fake_click")) {
        fake++;
        onFraud += fraud[i];
        assertEquals(1, click[i], "fake click row " + i);
        assertEquals(0, clean[i], "fake click row " + i);
        assertEquals(1, corrupted[i], "fake click row " + i);
      } else {
        assertEquals("none", kind[i]);
        assertEquals(0, corrupted[i]);
        assertEquals(clean[i], click[i]);
      }
    }
    assertEquals(Math.round(0.02 * ROWS), fake);
    assertEquals(0.02, d.corruptionRate(), 1e-12);
    assertEquals(fake, (int) d.corruptionCounts().get(Corruption.FAKE_CLICK));
    // weighted sampling without replacement: the share on fraud actors is near (a bit below) the knob
    double share = onFraud / (double) fake;
    assertTrue(share > 0.5 && share < 0.65, "share of fake clicks on fraud actors " + share);
  }

  @Test
  void fakeClicksUseUpTheFraudRowsWhenThereAreTooFew() {
    SyntheticData d = Synthetic.ecommerce().rows(ROWS).testRows(0).seed(3).fakeClicks(0.1).fraudShare(0.9)
        .fraudActors(0.005).generate();
    Samples s = d.samples();
    String[] kind = s.strings("truth_corruption");
    int[] fraud = ints(s, "truth_fraud_actor");
    int[] clean = ints(s, "truth_clean_click");
    int fraudNegatives = 0;
    int fraudFakes = 0;
    for (int i = 0; i < kind.length; i++) {
      if (fraud[i] == 1 && clean[i] == 0) {
        fraudNegatives++;
        fraudFakes += kind[i].equals("fake_click") ? 1 : 0;
      }
    }
    assertTrue(fraudNegatives < 0.9 * 0.1 * ROWS, "the setting should saturate: " + fraudNegatives);
    assertTrue(fraudFakes > 0.9 * fraudNegatives, fraudFakes + " of " + fraudNegatives + " fraud rows faked");
  }

  @Test
  void flippedLabelsGoBothWays() {
    SyntheticData d = Synthetic.ecommerce().rows(ROWS).testRows(0).seed(3).flippedLabels(0.05).generate();
    Samples s = d.samples();
    String[] kind = s.strings("truth_corruption");
    int[] click = ints(s, "click");
    int[] clean = ints(s, "truth_clean_click");
    int[] purchase = ints(s, "purchase");
    int flipped = 0;
    int up = 0;
    int down = 0;
    int cleanPositives = 0;
    for (int i = 0; i < kind.length; i++) {
      cleanPositives += clean[i];
      if (kind[i].equals("flipped")) {
        flipped++;
        assertEquals(1 - clean[i], click[i]);
        assertEquals(0, purchase[i]);
        if (click[i] == 1) {
          up++;
        } else {
          down++;
        }
      } else {
        assertEquals(clean[i], click[i]);
      }
    }
    assertEquals(Math.round(0.05 * ROWS), flipped);
    assertTrue(up > 0 && down > 0, "flips 0->1: " + up + ", 1->0: " + down);
    // rows are flipped uniformly, so the 1->0 share is the clean positive rate (hypergeometric tolerance)
    double p = cleanPositives / (double) ROWS;
    assertEquals(p, down / (double) flipped, 4.5 * Math.sqrt(p * (1 - p) / flipped));
  }

  @Test
  void duplicatesAreCopiesAndNearDuplicatesAreCloseCopies() {
    SyntheticData d = Synthetic.ecommerce().rows(ROWS).testRows(0).seed(8).duplicates(0.04).nearDuplicates(0.03)
        .generate();
    Samples s = d.samples();
    Table t = s.table();
    String[] kind = s.strings("truth_corruption");
    long[] rowIds = s.rowIds();
    double[] source = s.doubles("truth_source_row");
    Set<String> bookkeeping = Set.of(Samples.ROW_ID, "truth_corrupted", "truth_corruption", "truth_source_row");
    Set<String> perturbed = Set.of("timestamp", "hour", "price", "item_popularity", "item_rating");
    int dup = 0;
    int near = 0;
    for (int i = 0; i < kind.length; i++) {
      assertEquals(i, rowIds[i]);
      if (kind[i].equals("none")) {
        assertEquals(-1.0, source[i]);
        continue;
      }
      int src = (int) source[i];
      assertTrue(src < i && kind[src].equals("none"), "row " + i + " copies row " + src);
      boolean isNear = kind[i].equals("near_duplicate");
      if (isNear) {
        near++;
      } else {
        assertEquals("duplicate", kind[i]);
        dup++;
      }
      for (Column<?> c : t.columns()) {
        String name = c.name();
        if (bookkeeping.contains(name) || isNear && perturbed.contains(name)) {
          continue;
        }
        assertEquals(c.getString(src), c.getString(i), "column " + name + " of copy " + i + " of row " + src);
      }
      if (isNear) {
        double p0 = t.doubleColumn("price").getDouble(src);
        double p1 = t.doubleColumn("price").getDouble(i);
        assertTrue(p0 != p1 && Math.abs(p1 / p0 - 1) < 0.15, "near-duplicate price " + p1 + " of " + p0);
        long dt = t.longColumn("timestamp").get(i) - t.longColumn("timestamp").get(src);
        assertTrue(dt >= 1 && dt <= 120, "near-duplicate time shift " + dt);
        double pop = Math.abs(t.doubleColumn("item_popularity").getDouble(i)
            - t.doubleColumn("item_popularity").getDouble(src));
        assertTrue(pop < 0.15, "popularity change " + pop);
      }
    }
    assertEquals(Math.round(0.04 * ROWS), dup);
    assertEquals(Math.round(0.03 * ROWS), near);
    assertEquals(ROWS, s.size());
    assertEquals(0.07, d.corruptionRate(), 1e-12);
  }

  @Test
  void allKnobsTogetherHitTheirRatesAndLeaveCleanClicksUntouched() {
    EcommerceGenerator g = Synthetic.ecommerce().rows(ROWS).testRows(1_000).seed(21);
    SyntheticData clean = g.generate();
    SyntheticData dirty = g.fakeClicks(0.05).flippedLabels(0.02).generate();
    // without duplicates the clean rows are the same sessions, so the clean clicks must be identical
    assertArrayEquals(clean.samples().doubles("click"), dirty.samples().doubles("truth_clean_click"));
    assertArrayEquals(clean.test().doubles("click"), dirty.test().doubles("click"), "the test set is never corrupted");
    SyntheticData all = g.fakeClicks(0.05).flippedLabels(0.02).duplicates(0.01).nearDuplicates(0.01).generate();
    var counts = all.corruptionCounts();
    assertEquals(Math.round(0.05 * ROWS), (long) counts.get(Corruption.FAKE_CLICK));
    assertEquals(Math.round(0.02 * ROWS), (long) counts.get(Corruption.FLIPPED));
    assertEquals(Math.round(0.01 * ROWS), (long) counts.get(Corruption.DUPLICATE));
    assertEquals(Math.round(0.01 * ROWS), (long) counts.get(Corruption.NEAR_DUPLICATE));
    assertEquals(0.09, all.corruptionRate(), 1e-12);
    assertEquals(0.09, SyntheticTestSupport.mean(all.samples().doubles("truth_corrupted")), 1e-12);
    assertEquals(0.0, SyntheticTestSupport.mean(all.test().doubles("truth_corrupted")));
  }

  @Test
  void impossibleSettingsFailClearly() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Synthetic.ecommerce().rows(1_000).fakeClicks(0.5).flippedLabels(0.3).duplicates(0.2).generate());
    assertTrue(e.getMessage().contains("at most 0.9"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Synthetic.ecommerce().duplicates(1.5));
    assertTrue(e.getMessage().contains("duplicates"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Synthetic.ecommerce().rows(1_000).positionBias(0).positiveRate(0.5).fakeClicks(0.6).generate());
    assertTrue(e.getMessage().contains("non-clicks"), e.getMessage());
    for (String k : List.of("none", "fake_click", "flipped", "duplicate", "near_duplicate")) {
      assertEquals(k, Corruption.fromLabel(k).label());
    }
  }
}
