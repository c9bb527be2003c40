package siebench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.metrics.RankingMetrics.EmptyGroups;
import tech.tablesaw.api.Table;

/** GAUC, NDCG@k, Recall@k and HitRate@k against hand-computed values and brute-force references. */
class GroupMetricsTest {
  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void gaucHandComputed() {
    // user a: AUC 0.5 (pairs (.9,.7)=1, (.5,.7)=0), 3 impressions, 2 clicks; user b: AUC 0, 2 impressions,
    // 1 click; user c: only clicks, skipped
    String[] users = {"a", "a", "a", "b", "b", "c", "c"};
    float[] y = {1, 1, 0, 0, 1, 1, 1};
    double[] s = {0.9, 0.5, 0.7, 0.6, 0.2, 0.1, 0.3};
    GroupedMetric g = Gauc.of(y, s, users);
    assertEquals((3 * 0.5 + 2 * 0.0) / 5, g.value(), 1e-15);
    assertEquals(3, g.groups());
    assertEquals(2, g.groupsUsed());
    assertEquals(1, g.groupsSkipped());
    assertEquals(5, g.rowsUsed());
    assertEquals(0.3, Metrics.gauc(y, s, users), 1e-15);
    assertEquals(0.3, Metrics.gauc(y, s, new long[] {1, 1, 1, 2, 2, 3, 3}), 1e-15);
    assertEquals(2 * 0.5 / 3, Gauc.of(y, s, Groups.of(users), Gauc.Weighting.CLICKS).value(), 1e-15);
    assertEquals(0.25, Gauc.of(y, s, Groups.of(users), Gauc.Weighting.UNIFORM).value(), 1e-15);
    Table t = Gauc.perUser(y, s, Groups.of(users));
    assertEquals(3, t.rowCount());
    assertEquals(0.5, t.doubleColumn("auc").get(0), 1e-15);
    assertTrue(t.doubleColumn("auc").isMissing(2), "a one-class user has no AUC");
    assertTrue(Double.isNaN(Metrics.gauc(new float[] {1, 0}, new double[] {1, 2}, new String[] {"a", "b"})));
  }

  @Test
  void gaucMatchesPerUserPairEnumeration() {
    for (int seed = 0; seed < 200; seed++) {
      Random r = new Random(seed);
      int n = 1 + r.nextInt(60);
      int nUsers = 1 + r.nextInt(8);
      String[] users = new String[n];
      for (int i = 0; i < n; i++) {
        users[i] = "u" + r.nextInt(nUsers);
      }
      float[] y = MetricsTest.randomLabels(r, n, 0.2 + 0.6 * r.nextDouble());
      double[] s = MetricsTest.tiedScores(r, n, 1 + r.nextInt(5));
      double num = 0;
      double den = 0;
      int used = 0;
      for (List<Integer> rows : BruteForce.groups(users).values()) {
        double a = BruteForce.auc(y, s, null, rows);
        if (!Double.isNaN(a)) {
          num += rows.size() * a;
          den += rows.size();
          used++;
        }
      }
      GroupedMetric g = Gauc.of(y, s, users);
      assertEquals(used == 0 ? Double.NaN : num / den, g.value(), 1e-12, "seed " + seed);
      assertEquals(used, g.groupsUsed(), "seed " + seed);
    }
  }

  @Test
  void ndcgHandComputed() {
    double[] rel = {3, 2, 0, 1};
    double[] s = {0.1, 0.9, 0.5, 0.3};
    String[] q = {"q", "q", "q", "q"};
    // ranked by score: rel 2, 0, 1, 3 -> gains 3, 0, 1, 7; ideal gains 7, 3, 1, 0
    double dcg4 = 3 + 0 / log2(3) + 1 / log2(4) + 7 / log2(5);
    double idcg4 = 7 + 3 / log2(3) + 1 / log2(4);
    assertEquals(dcg4 / idcg4, RankingMetrics.ndcg(rel, s, q, 4).value(), 1e-12);
    assertEquals(dcg4 / idcg4, RankingMetrics.ndcg(rel, s, q, 100).value(), 1e-12, "k beyond the group");
    assertEquals(3 / (7 + 3 / log2(3)), RankingMetrics.ndcg(rel, s, q, 2).value(), 1e-12);
    // binary relevance with a tie at the cut: expected gain 1/2 at position 1
    assertEquals(0.5, Metrics.ndcg(new float[] {1, 0}, new double[] {0.5, 0.5}, new String[] {"x", "x"}, 1), 1e-15);
  }

  @Test
  void ndcgEmptyGroupPolicies() {
    float[] y = {1, 0, 0, 0, 0};
    double[] s = {0.2, 0.9, 0.5, 0.4, 0.1};
    long[] q = {1, 1, 2, 2, 2};
    // group 1: relevant row ranked 2nd -> 1 / log2(3); group 2 has no relevant row
    double g1 = 1 / log2(3);
    Groups groups = Groups.of(q);
    double[] rel = RankingMetrics.relevance(y);
    GroupedMetric skip = RankingMetrics.ndcg(rel, s, groups, 5, EmptyGroups.SKIP);
    assertEquals(g1, skip.value(), 1e-15);
    assertEquals(1, skip.groupsSkipped());
    assertEquals(g1 / 2, RankingMetrics.ndcg(rel, s, groups, 5, EmptyGroups.ZERO).value(), 1e-15);
    assertEquals((g1 + 1) / 2, RankingMetrics.ndcg(rel, s, groups, 5, EmptyGroups.ONE).value(), 1e-15);
    assertTrue(Double.isNaN(RankingMetrics.ndcg(new double[] {0, 0}, new double[] {1, 2}, new long[] {1, 1}, 3)
        .value()), "all groups empty and skipped");
  }

  @Test
  void recallAndHitRateHandComputed() {
    String[] q = {"a", "a", "a", "a", "a", "b", "b", "b", "c", "c"};
    float[] y = {1, 0, 1, 0, 0, 0, 0, 1, 0, 0};
    double[] s = {0.9, 0.8, 0.1, 0.5, 0.3, 0.9, 0.8, 0.7, 0.5, 0.4};
    // a: top 2 holds one of two relevant -> recall .5, hit 1; b: top 2 holds none -> 0, 0; c: no relevant
    assertEquals(0.25, Metrics.recall(y, s, q, 2), 1e-15);
    assertEquals(0.5, Metrics.hitRate(y, s, q, 2), 1e-15);
    Groups g = Groups.of(q);
    assertEquals(0.5 / 3, RankingMetrics.recall(y, s, g, 2, EmptyGroups.ZERO).value(), 1e-15);
    assertEquals(2.0 / 3, RankingMetrics.hitRate(y, s, g, 2, EmptyGroups.ONE).value(), 1e-15);
    // ties: one relevant among three equal scores
    float[] y3 = {1, 0, 0};
    double[] s3 = {0.5, 0.5, 0.5};
    String[] one = {"x", "x", "x"};
    assertEquals(1.0 / 3, Metrics.hitRate(y3, s3, one, 1), 1e-15);
    assertEquals(2.0 / 3, Metrics.hitRate(y3, s3, one, 2), 1e-15);
    assertEquals(2.0 / 3, Metrics.recall(y3, s3, one, 2), 1e-15);
  }

  @Test
  void rankingMetricsMatchEnumerationOfTieOrders() {
    for (int seed = 0; seed < 150; seed++) {
      Random r = new Random(1000 + seed);
      int n = 1 + r.nextInt(20);
      String[] q = new String[n];
      int nq = 1 + r.nextInt(4);
      for (int i = 0; i < n; i++) {
        q[i] = "q" + r.nextInt(nq);
      }
      double[] rel = new double[n];
      float[] y = new float[n];
      for (int i = 0; i < n; i++) {
        rel[i] = r.nextInt(3) == 0 ? r.nextInt(4) : 0;
        y[i] = rel[i] > 0 ? 1 : 0;
      }
      double[] s = MetricsTest.tiedScores(r, n, 1 + r.nextInt(4));
      int k = 1 + r.nextInt(6);
      double ndcg = 0;
      double recall = 0;
      double hit = 0;
      int used = 0;
      // cap every group at 7 rows so the enumeration stays small
      java.util.Map<String, Integer> seen = new java.util.HashMap<>();
      for (int i = 0; i < n; i++) {
        if (seen.merge(q[i], 1, Integer::sum) > 7) {
          q[i] = q[i] + "-overflow" + i;
        }
      }
      for (List<Integer> rows : BruteForce.groups(q).values()) {
        double idcg = BruteForce.idcg(rows, rel, k);
        if (idcg == 0) {
          continue;
        }
        int relevant = (int) rows.stream().filter(i -> y[i] == 1).count();
        ndcg += BruteForce.overTieOrders(rows, s, o -> BruteForce.dcg(o, rel, k)) / idcg;
        recall += BruteForce.overTieOrders(rows, s,
            o -> o.subList(0, Math.min(k, o.size())).stream().filter(i -> y[i] == 1).count()) / relevant;
        hit += BruteForce.overTieOrders(rows, s,
            o -> o.subList(0, Math.min(k, o.size())).stream().anyMatch(i -> y[i] == 1) ? 1 : 0);
        used++;
      }
      double expectNdcg = used == 0 ? Double.NaN : ndcg / used;
      GroupedMetric got = RankingMetrics.ndcg(rel, s, q, k);
      assertEquals(expectNdcg, got.value(), 1e-12, "ndcg seed " + seed);
      assertEquals(used, got.groupsUsed());
      assertEquals(used == 0 ? Double.NaN : recall / used, RankingMetrics.recall(y, s, q, k).value(), 1e-12,
          "recall seed " + seed);
      assertEquals(used == 0 ? Double.NaN : hit / used, RankingMetrics.hitRate(y, s, q, k).value(), 1e-12,
          "hit rate seed " + seed);
    }
  }

  @Test
  void resultDoesNotDependOnRowOrder() {
    Random r = new Random(3);
    int n = 300;
    long[] q = new long[n];
    double[] rel = new double[n];
    for (int i = 0; i < n; i++) {
      q[i] = r.nextInt(20);
      rel[i] = r.nextInt(5) == 0 ? 1 + r.nextInt(3) : 0;
    }
    double[] s = MetricsTest.tiedScores(r, n, 5);
    int[] perm = siebench.data.Samples.permutation(n, 11);
    long[] q2 = new long[n];
    double[] rel2 = new double[n];
    double[] s2 = new double[n];
    for (int i = 0; i < n; i++) {
      q2[i] = q[perm[i]];
      rel2[i] = rel[perm[i]];
      s2[i] = s[perm[i]];
    }
    assertEquals(RankingMetrics.ndcg(rel, s, q, 10).value(), RankingMetrics.ndcg(rel2, s2, q2, 10).value(), 1e-12);
  }

  @Test
  void badGroupInput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.gauc(new float[] {1, 0}, new double[] {1, 2}, new String[] {"a", null}));
    assertTrue(e.getMessage().contains("index 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.ndcg(new float[] {1, 0}, new double[] {1, 2}, new String[] {"a"}, 3));
    assertTrue(e.getMessage().contains("1 entries"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.ndcg(new float[] {1, 0}, new double[] {1, 2}, new String[] {"a", "a"}, 0));
    assertTrue(e.getMessage().contains("k must be"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> RankingMetrics.ndcg(new double[] {1, -1}, new double[] {1, 2}, new String[] {"a", "a"}, 2));
    assertTrue(e.getMessage().contains("relevance at index 1"), e.getMessage());
  }

  @Test
  void groupedMetricsScaleToAMillionRows() {
    Random r = new Random(2);
    int n = 1_000_000;
    long[] users = new long[n];
    float[] y = new float[n];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      users[i] = r.nextInt(50_000);
      y[i] = r.nextDouble() < 0.1 ? 1 : 0;
      s[i] = y[i] + 2 * r.nextGaussian();
    }
    GroupedMetric g = Gauc.of(y, s, users);
    GroupedMetric nd = RankingMetrics.ndcg(RankingMetrics.relevance(y), s, users, 10);
    System.out.printf("1M rows, 50k groups: gauc %.4f, ndcg@10 %.4f%n", g.value(), nd.value());
    // every user's AUC estimates Phi(1 / (2 sqrt 2)) = 0.638; the impression-weighted mean is close to it
    assertEquals(0.638, g.value(), 0.01);
  }
}
