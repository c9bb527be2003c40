package siebench.data.implicit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.SharedData;
import siebench.data.Samples;

/** Implicit-feedback logs: loaders against the READMEs' counts, splits, negative sampling, training samples. */
class ImplicitDataTest {
  /** u1: a(1) b(2) c(3); u2: b(5) a(4) (out of order); u3: c(1) only. */
  static Interactions toy() {
    return Interactions.of("toy", new String[] {"u1", "u1", "u1", "u2", "u2", "u3"},
        new String[] {"a", "b", "c", "b", "a", "c"}, new long[] {1, 2, 3, 5, 4, 1},
        new String[] {"pv", "pv", "buy", "pv", "cart", "pv"});
  }

  @Test
  void leaveLastOutHoldsOutEachUsersLatestEvent() {
    ImplicitSplit s = ImplicitSplit.leaveLastOut(toy());
    assertEquals(2, s.test().size());
    assertEquals(4, s.train().size());
    // u1's latest is c (time 3); u2's latest is b (time 5, although listed first); u3 has one event: train only
    assertEquals("c", s.test().itemIds().get(s.test().item(0)));
    assertEquals("u2", s.test().userIds().get(s.test().user(1)));
    assertEquals("b", s.test().itemIds().get(s.test().item(1)));
    assertEquals(3, s.train().items(), "the corpus is the whole log's");
  }

  @Test
  void timeSplitKeepsEachUsersFirstFraction() {
    ImplicitSplit s = ImplicitSplit.byTime(toy(), 0.5);
    // u1: floor(1.5) = 1 train (a), 2 test; u2: 1 train (a, time 4), 1 test; u3: max(1, 0) = 1 train
    assertEquals(3, s.train().size());
    assertEquals(3, s.test().size());
    assertThrows(IllegalArgumentException.class, () -> ImplicitSplit.byTime(toy(), 1.0));
  }

  @Test
  void samplersNeverProposeSeenItemsAndRecordTheirProbability() {
    int corpus = 50;
    int users = 40;
    java.util.Random rng = new java.util.Random(1);
    int[] user = new int[400];
    int[] item = new int[400];
    for (int r = 0; r < user.length; r++) {
      user[r] = r % users;
      item[r] = (int) Math.min(corpus - 1, Math.abs(rng.nextGaussian() * 8)); // skewed popularity
    }
    String[] u = Arrays.stream(user).mapToObj(x -> "u" + x).toArray(String[]::new);
    String[] i = Arrays.stream(item).mapToObj(x -> "i" + x).toArray(String[]::new);
    long[] t = new long[user.length];
    String[] b = new String[user.length];
    Arrays.fill(b, "pv");
    Interactions log = Interactions.of("skewed", u, i, t, b);
    int[][] seen = log.itemsByUser();
    int[] uu = new int[log.size()];
    int[] ii = new int[log.size()];
    for (int r = 0; r < log.size(); r++) {
      uu[r] = log.user(r);
      ii[r] = log.item(r);
    }
    int[] pop = log.itemPopularity();
    for (NegativeSampler s : new NegativeSampler[] {NegativeSampler.uniform(), NegativeSampler.popularity(1),
        NegativeSampler.inBatch(64)}) {
      NegativeSampler.Drawn d = s.draw(uu, ii, seen, log.items(), 4, 7);
      NegativeSampler.Drawn again = s.draw(uu, ii, seen, log.items(), 4, 7);
      assertArrayEquals(d.item(), again.item(), s + " is seeded");
      assertTrue(d.item().length > 0.95 * 4 * uu.length, s + " drew " + d.item().length);
      int[] counts = new int[log.items()];
      for (int k = 0; k < d.item().length; k++) {
        int owner = uu[d.positive()[k]];
        assertTrue(Arrays.binarySearch(seen[owner], d.item()[k]) < 0, s + " proposed a seen item");
        assertTrue(d.q()[k] > 0 && d.q()[k] <= 1);
        counts[d.item()[k]]++;
      }
      if (s.kind() == NegativeSampler.Kind.UNIFORM) {
        for (double q : d.q()) {
          assertEquals(1.0 / log.items(), q, 1e-15);
        }
      } else if (s.kind() == NegativeSampler.Kind.POPULARITY) {
        double z = Arrays.stream(pop).sum();
        for (int k = 0; k < d.item().length; k++) {
          assertEquals(pop[d.item()[k]] / z, d.q()[k], 1e-12);
        }
        double corr = correlation(pop, counts);
        assertTrue(corr > 0.5, "popularity sampling should follow popularity, correlation " + corr);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> NegativeSampler.parse("zipf"));
  }

  @Test
  void inBatchNegativesComeFromTheirBatchWithTheBatchShareAsProbability() {
    int n = 10;
    int[] user = new int[n];
    int[] item = new int[n];
    int[][] seen = new int[n][];
    for (int r = 0; r < n; r++) {
      user[r] = r;
      item[r] = r % 3; // items 0, 1, 2 with shares 4/10, 3/10, 3/10 over the whole set
      seen[r] = new int[] {item[r]};
    }
    NegativeSampler.Drawn d = NegativeSampler.inBatch(n).draw(user, item, seen, 3, 2, 5);
    double[] share = {0.4, 0.3, 0.3};
    for (int k = 0; k < d.item().length; k++) {
      assertEquals(share[d.item()[k]], d.q()[k], 1e-12);
      assertTrue(d.item()[k] != item[d.positive()[k]]);
    }
  }

  @Test
  void trainingSamplesHaveOnePositivePerPairNegativesAndPurchaseGroundTruth() {
    Interactions log = toy();
    Samples s = ImplicitSamples.defaults().negatives(NegativeSampler.uniform(), 1).seed(3)
        .cleanPositives(log, "buy").build(log);
    // pairs: (u1,a) (u1,b) (u1,c) (u2,b) (u2,a) (u3,c); u1 saw every item, so it gets no negatives
    float[] y = s.labels();
    assertEquals(6, (int) sum(y));
    String[] users = s.strings(ImplicitSamples.USER);
    for (int r = 0; r < y.length; r++) {
      if (y[r] == 0) {
        assertTrue(!users[r].equals("u1"), "u1 has no unseen item");
      }
    }
    double[] corrupted = s.doubles("truth_corrupted");
    String[] items = s.strings(ImplicitSamples.ITEM);
    for (int r = 0; r < y.length; r++) {
      boolean bought = users[r].equals("u1") && items[r].equals("c");
      assertEquals(y[r] == 1 && !bought ? 1.0 : 0.0, corrupted[r], "row " + r);
    }
    assertEquals(java.util.List.of("user_id", "item_id"), s.schema().features());
    Samples w = ImplicitSamples.defaults().behaviourWeights(Map.of("pv", 1.0, "cart", 2.0, "buy", 4.0)).build(log);
    assertTrue(w.hasWeights());
    // (u2, a) has pv? no: cart only -> 2; (u1, c) buy -> 4
    assertEquals(4.0, w.weights()[2], 1e-6);
    assertEquals(2.0, w.weights()[4], 1e-6);
    assertThrows(IllegalArgumentException.class, () -> ImplicitSamples.defaults().cleanPositives(log, "order"));
  }

  @Test
  void realLogsHaveTheReadmeCounts() {
    Interactions beauty = ImplicitLogs.load(SharedData.file("amazon_beauty_s3rec"));
    assertEquals(198_502, beauty.size());
    assertEquals(22_363, beauty.users());
    assertEquals(12_101, beauty.items());
    Interactions taobao = ImplicitLogs.load(SharedData.file("taobao_userbehavior_sample"));
    assertEquals(4_321, taobao.size());
    assertEquals(43, taobao.users());
    assertEquals(3_276, taobao.items());
    assertEquals(Map.of("pv", 3926, "cart", 190, "fav", 128, "buy", 77), taobao.behaviourCounts());
    Interactions digi = ImplicitLogs.load(SharedData.file("diginetica_cikm2016"));
    // the README says 12,390 view rows; the file has 12,391 (its last line has no newline: wc -l undercounts)
    assertEquals(12_391 + 18_025, digi.size());
    assertEquals(Map.of("view", 12_391, "buy", 18_025), digi.behaviourCounts());
    Interactions yoo = ImplicitLogs.load(SharedData.file("yoochoose_rsc15_tiny"));
    assertEquals(500, yoo.size());
    assertEquals(125, yoo.users());
  }

  @Test
  void badInputNamesWhatWasExpected(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("UserBehavior.csv");
    Files.writeString(f, "1,2,3,click,5\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImplicitLogs.load(f));
    assertTrue(e.getMessage().contains(f + ":1:4 (behaviour): expected pv, buy, cart or fav"), e.getMessage());
    Path views = dir.resolve("train-item-views.csv");
    Files.writeString(views, "session_id;user_id;item_id;timeframe;eventdate\n1;;7;100;2016-13-01\n");
    e = assertThrows(IllegalArgumentException.class, () -> ImplicitLogs.load(views));
    assertTrue(e.getMessage().contains(views + ":2:5 (eventdate): expected a YYYY-MM-DD date, got '2016-13-01'"),
        e.getMessage());
    Path clicks = dir.resolve("yoochoose-clicks.dat");
    Files.writeString(clicks, "1,2014-04-07T10:51:09.277Z,214536502,0\n1,yesterday,214536500,0\n");
    e = assertThrows(IllegalArgumentException.class, () -> ImplicitLogs.load(clicks));
    assertTrue(e.getMessage().contains(clicks + ":2:2 (timestamp): expected an ISO-8601 timestamp"), e.getMessage());
    Path beauty = dir.resolve("Beauty.txt");
    Files.writeString(beauty, "u1 i1 i2\nu2\n");
    e = assertThrows(IllegalArgumentException.class, () -> ImplicitLogs.load(beauty));
    assertTrue(e.getMessage().contains(beauty + ":2:2 (item): expected 'user item item ...'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ImplicitLogs.load(dir.resolve("missing")));
  }

  private static double sum(float[] x) {
    double s = 0;
    for (float v : x) {
      s += v;
    }
    return s;
  }

  private static double correlation(int[] a, int[] b) {
    double ma = Arrays.stream(a).average().orElse(0);
    double mb = Arrays.stream(b).average().orElse(0);
    double c = 0;
    double va = 0;
    double vb = 0;
    for (int i = 0; i < a.length; i++) {
      c += (a[i] - ma) * (b[i] - mb);
      va += (a[i] - ma) * (a[i] - ma);
      vb += (b[i] - mb) * (b[i] - mb);
    }
    return c / Math.sqrt(va * vb);
  }
}
