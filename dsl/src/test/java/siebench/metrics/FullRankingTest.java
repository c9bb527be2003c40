package siebench.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Full-ranking metrics against a hand-computed case and a brute-force sort of the whole corpus. */
class FullRankingTest {
  private static double lg(int x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void handMadeCaseMatchesHandComputedValues() {
    // 6 items; user 0 saw item 0 (top score, excluded) and holds out items 2 and 4.
    float[] s = {0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.1f};
    int[][] seen = {{0}};
    int[][] rel = {{2, 4}};
    FullRanking.Result r = FullRanking.at(2, 5).evaluate(u -> s.clone(), 6, seen, rel, new int[] {0});
    // ranked list without item 0: 1, 2, 3, 4, 5 -> item 2 at position 1, item 4 at position 3
    Map<String, Double> m = r.means();
    assertEquals(0.5, m.get("recall@2"), 1e-12);
    assertEquals((1 / lg(3)) / (1 + 1 / lg(3)), m.get("ndcg@2"), 1e-12);
    assertEquals(1.0, m.get("hit@2"), 1e-12);
    assertEquals(1.0, m.get("recall@5"), 1e-12);
    assertEquals((1 / lg(3) + 1 / lg(5)) / (1 + 1 / lg(3)), m.get("ndcg@5"), 1e-12);
    // if item 0 were not excluded, item 2 would be at position 2 and miss the top 2
    FullRanking.Result unseen = FullRanking.at(2).evaluate(u -> s.clone(), 6, new int[][] {{}}, rel, new int[] {0});
    assertEquals(0.0, unseen.means().get("recall@2"), 1e-12);
  }

  @Test
  void equalsBruteForceSortWithTiesAndSkipsUsersWithoutUnseenRelevantItems() {
    Random rng = new Random(3);
    int corpus = 40;
    int users = 30;
    int[][] seen = new int[users][];
    int[][] rel = new int[users][];
    float[][] scores = new float[users][corpus];
    for (int u = 0; u < users; u++) {
      seen[u] = randomSet(rng, corpus, rng.nextInt(6));
      rel[u] = randomSet(rng, corpus, 1 + rng.nextInt(4));
      for (int i = 0; i < corpus; i++) {
        scores[u][i] = rng.nextInt(8); // many ties
      }
    }
    rel[5] = seen[5].length > 0 ? new int[] {seen[5][0]} : new int[0]; // nothing unseen to find
    int[] all = java.util.stream.IntStream.range(0, users).toArray();
    FullRanking.Scorer scorer = us -> {
      float[] out = new float[us.length * corpus];
      for (int j = 0; j < us.length; j++) {
        System.arraycopy(scores[us[j]], 0, out, j * corpus, corpus);
      }
      return out;
    };
    int[] ks = {1, 3, 10};
    FullRanking.Result r = FullRanking.at(ks).usersPerBlock(7).evaluate(scorer, corpus, seen, rel, all);
    assertTrue(Arrays.stream(r.users()).noneMatch(u -> u == 5), "user 5 has no unseen relevant item");
    for (int j = 0; j < r.users().length; j++) {
      int u = r.users()[j];
      // brute force: sort every unseen item by (score desc, index asc), cut at K, apply the definitions
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < corpus; i++) {
        if (Arrays.binarySearch(seen[u], i) < 0) {
          order.add(i);
        }
      }
      order.sort((a, b) -> scores[u][a] != scores[u][b] ? Float.compare(scores[u][b], scores[u][a]) : a - b);
      int[] relevant = Arrays.stream(rel[u]).filter(i -> Arrays.binarySearch(seen[u], i) < 0).toArray();
      for (int k = 0; k < ks.length; k++) {
        int hits = 0;
        double dcg = 0;
        for (int p = 0; p < Math.min(ks[k], order.size()); p++) {
          if (Arrays.binarySearch(relevant, order.get(p)) >= 0) {
            hits++;
            dcg += 1 / lg(p + 2);
          }
        }
        double idcg = 0;
        for (int p = 0; p < Math.min(ks[k], relevant.length); p++) {
          idcg += 1 / lg(p + 2);
        }
        assertEquals(hits / (double) relevant.length, r.recall()[k][j], 1e-12, "recall user " + u);
        assertEquals(dcg / idcg, r.ndcg()[k][j], 1e-12, "ndcg user " + u);
        assertEquals(hits > 0 ? 1.0 : 0.0, r.hitRate()[k][j], 1e-12, "hit user " + u);
      }
    }
  }

  @Test
  void sampledModeIsNamedAndNeverBelowFullRanking() {
    Random rng = new Random(9);
    int corpus = 200;
    int users = 50;
    int[][] seen = new int[users][];
    int[][] rel = new int[users][];
    for (int u = 0; u < users; u++) {
      seen[u] = randomSet(rng, corpus, 5);
      rel[u] = new int[] {pickNotIn(rng, corpus, seen[u])};
    }
    int[] all = java.util.stream.IntStream.range(0, users).toArray();
    FullRanking.Scorer scorer = FullRanking.random(corpus, 4);
    FullRanking.Result full = FullRanking.at(10).evaluate(FullRanking.random(corpus, 4), corpus, seen, rel, all);
    FullRanking.Result sampled = FullRanking.at(10).sampled(100, 1).evaluate(scorer, corpus, seen, rel, all);
    assertTrue(sampled.means().containsKey("sampled-recall@10"));
    for (int j = 0; j < users; j++) {
      assertTrue(sampled.recall()[0][j] >= full.recall()[0][j], "user " + j);
    }
    // random scores: full-ranking hit rate near 10 / 195, sampled near 10 / 101
    assertTrue(sampled.means().get("sampled-hit@10") > full.means().get("hit@10"));
    // with more sampled items than the corpus holds, the sampled metric is the full one
    FullRanking.Result everything = FullRanking.at(10).sampled(10_000, 1)
        .evaluate(FullRanking.random(corpus, 4), corpus, seen, rel, all);
    assertArrayEquals(full.recall()[0], everything.recall()[0], 1e-12);
    assertThrows(IllegalArgumentException.class, () -> FullRanking.at(0));
  }

  @Test
  void popularityScoresCountTrainingUsers() {
    int[][] seen = {{0, 1}, {1}, {1, 2}};
    float[] s = FullRanking.popularity(seen, 4).scores(new int[] {0});
    assertArrayEquals(new float[] {1, 3, 1, 0}, s);
  }

  private static int[] randomSet(Random rng, int corpus, int size) {
    java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
    while (s.size() < size) {
      s.add(rng.nextInt(corpus));
    }
    return s.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int pickNotIn(Random rng, int corpus, int[] set) {
    while (true) {
      int i = rng.nextInt(corpus);
      if (Arrays.binarySearch(set, i) < 0) {
        return i;
      }
    }
  }
}
