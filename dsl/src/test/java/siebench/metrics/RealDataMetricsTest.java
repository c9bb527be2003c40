package siebench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import siebench.SharedData;

/**
 * GAUC, NDCG@k and Recall@k on the real Avazu sample (site_id as the group, heavily tied integer columns as
 * scores) against references that share no code with the library: pair enumeration per group, and for the
 * ranking metrics a sort-free per-row formula (a row with h strictly higher and e equally scored rows in its
 * group sits uniformly at 0-based positions h..h+e, so its expected discount is the mean discount there).
 */
class RealDataMetricsTest {
  @Test
  void avazuSitesWithTiedScores() throws Exception {
    Path file = SharedData.file("avazu_ctr_sample/avazu_sample.csv");
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split(",", -1);
    int click = indexOf(header, "click");
    int site = indexOf(header, "site_id");
    int n = lines.size() - 1;
    float[] y = new float[n];
    String[] sites = new String[n];
    for (String scoreColumn : new String[] {"C20", "banner_pos", "C14", "hour"}) {
      int sc = indexOf(header, scoreColumn);
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        String[] f = lines.get(i + 1).split(",", -1);
        y[i] = Float.parseFloat(f[click]);
        sites[i] = f[site];
        s[i] = Double.parseDouble(f[sc]);
      }
      assertEquals(2994, n);
      // GAUC by pair enumeration per site
      double num = 0;
      double den = 0;
      for (List<Integer> rows : BruteForce.groups(sites).values()) {
        double a = BruteForce.auc(y, s, null, rows);
        if (!Double.isNaN(a)) {
          num += rows.size() * a;
          den += rows.size();
        }
      }
      GroupedMetric g = Gauc.of(y, s, sites);
      assertEquals(num / den, g.value(), 1e-12, scoreColumn);
      assertTrue(g.groupsUsed() > 5 && g.groupsSkipped() > 5, g.toString());
      for (int k : new int[] {1, 5, 20}) {
        double ndcg = 0;
        double recall = 0;
        int used = 0;
        for (List<Integer> rows : BruteForce.groups(sites).values()) {
          int relevant = 0;
          for (int i : rows) {
            relevant += (int) y[i];
          }
          if (relevant == 0) {
            continue;
          }
          double dcg = 0;
          double expectedHits = 0;
          for (int i : rows) {
            int higher = 0;
            int equal = 0;
            for (int j : rows) {
              higher += s[j] > s[i] ? 1 : 0;
              equal += s[j] == s[i] ? 1 : 0;
            }
            double disc = 0;
            int inTop = 0;
            for (int p = higher; p < higher + equal; p++) {
              if (p < k) {
                disc += 1 / (Math.log(p + 2) / Math.log(2));
                inTop++;
              }
            }
            dcg += y[i] * disc / equal;
            expectedHits += y[i] * inTop / (double) equal;
          }
          double idcg = 0;
          for (int p = 0; p < Math.min(k, relevant); p++) {
            idcg += 1 / (Math.log(p + 2) / Math.log(2));
          }
          ndcg += dcg / idcg;
          recall += expectedHits / relevant;
          used++;
        }
        assertEquals(ndcg / used, Metrics.ndcg(y, s, sites, k), 1e-12, scoreColumn + " ndcg@" + k);
        assertEquals(recall / used, Metrics.recall(y, s, sites, k), 1e-12, scoreColumn + " recall@" + k);
      }
    }
  }

  private static int indexOf(String[] header, String name) {
    for (int i = 0; i < header.length; i++) {
      if (header[i].equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no column " + name);
  }
}
