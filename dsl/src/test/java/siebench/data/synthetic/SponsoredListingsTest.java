package siebench.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import siebench.data.Samples;

/** Sponsored listings: the ranker's boost moves them up, their relevance is untouched, the rest of the world stays. */
class SponsoredListingsTest {
  @Test
  void sponsoredItemsTakeTheTopPositionsWithoutBeingMoreRelevant() {
    Samples s = Synthetic.ecommerce().rows(60_000).testRows(0).seed(3).sponsored(0.1, 2).generate().samples();
    assertTrue(s.schema().features().contains(SyntheticData.SPONSORED), s.schema().toString());
    double[] sponsored = s.doubles(SyntheticData.SPONSORED);
    double[] position = s.doubles(SyntheticData.POSITION);
    double[] relevance = s.doubles(SyntheticData.TRUTH_RELEVANCE);
    double[] top = new double[2];
    double[] rest = new double[2];
    double[] rel = new double[2];
    double[] n = new double[2];
    for (int i = 0; i < s.size(); i++) {
      int k = (int) sponsored[i];
      n[k]++;
      rel[k] += relevance[i];
      if (position[i] <= 2) {
        top[k]++;
      } else {
        rest[k]++;
      }
    }
    double shareTop = top[1] / (top[0] + top[1]);
    double shareRest = rest[1] / (rest[0] + rest[1]);
    assertTrue(shareTop > 1.5 * shareRest, "sponsored share at positions 1-2 " + shareTop + ", below it " + shareRest);
    // relevance does not know sponsorship: the sponsored rows are about as relevant as the others (the ranker's
    // boost even lets weaker sponsored candidates in, so they may be less relevant, never clearly more)
    assertTrue(rel[1] / n[1] < rel[0] / n[0] + 0.02, "sponsored mean relevance " + rel[1] / n[1] + " vs "
        + rel[0] / n[0]);
  }

  @Test
  void withoutSponsorshipTheWorldIsUnchanged() {
    Map<Integer, Double> before = popularityByItem(Synthetic.ecommerce().rows(5_000).testRows(0).seed(9).generate());
    Map<Integer, Double> after = popularityByItem(Synthetic.ecommerce().rows(5_000).testRows(0).seed(9)
        .sponsored(0.2, 1).generate());
    int common = 0;
    for (Map.Entry<Integer, Double> e : after.entrySet()) {
      if (before.containsKey(e.getKey())) {
        assertEquals(before.get(e.getKey()), e.getValue(), "item " + e.getKey());
        common++;
      }
    }
    assertTrue(common > 100, "items in both logs: " + common);
    Samples plain = Synthetic.ecommerce().rows(2_000).testRows(0).seed(9).generate().samples();
    Samples zero = Synthetic.ecommerce().rows(2_000).testRows(0).seed(9).sponsored(0, 5).generate().samples();
    assertFalse(plain.table().columnNames().contains(SyntheticData.SPONSORED));
    assertArrayEquals(plain.labels(), zero.labels());
    assertArrayEquals(plain.doubles(SyntheticData.ITEM_ID), zero.doubles(SyntheticData.ITEM_ID));
  }

  @Test
  void badOptionsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Synthetic.ecommerce().sponsored(1.5, 2));
    assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Synthetic.ecommerce().sponsored(0.1, Double.NaN));
  }

  private static Map<Integer, Double> popularityByItem(SyntheticData d) {
    Samples s = d.samples();
    double[] item = s.doubles(SyntheticData.ITEM_ID);
    double[] pop = s.doubles(SyntheticData.ITEM_POPULARITY);
    Map<Integer, Double> m = new HashMap<>();
    for (int i = 0; i < s.size(); i++) {
      m.put((int) item[i], pop[i]);
    }
    return m;
  }
}
