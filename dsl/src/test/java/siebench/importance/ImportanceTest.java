package siebench.importance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.data.Samples;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class ImportanceTest {
  @TempDir
  Path dir;

  static Importance imp(double... scores) {
    long[] ids = new long[scores.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = 100 + i;
    }
    return new Importance("test", Map.of("k", 3), ids, scores, Importance.Cost.NONE);
  }

  static double[] random(Random r, int n, boolean ties) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = ties ? r.nextInt(5) : r.nextGaussian() * 3 + (r.nextInt(10) == 0 ? 20 * r.nextDouble() : 0);
    }
    return s;
  }

  static double mean(double[] w) {
    return Arrays.stream(w).average().orElseThrow();
  }

  // ------------------------------------------------------------------ toWeights

  @Test
  void weightsHaveMeanOneAndStayWithinTheBounds() {
    for (int seed = 0; seed < 200; seed++) {
      Random r = new Random(seed);
      int n = 1 + r.nextInt(300);
      double lo = r.nextInt(3) == 0 ? 0 : r.nextDouble();
      double hi = 1 + (r.nextInt(4) == 0 ? Double.POSITIVE_INFINITY : r.nextDouble() * 10);
      double t = Math.exp(r.nextGaussian() * 2);
      double[] s = random(r, n, r.nextBoolean());
      double[] w = imp(s).toWeights(new WeightOptions(t, lo, hi)).scores();
      assertEquals(1.0, mean(w), 1e-12, "seed " + seed);
      for (int i = 0; i < n; i++) {
        assertTrue(w[i] >= lo && w[i] <= hi, "seed " + seed + ": weight " + w[i] + " outside [" + lo + ", " + hi + "]");
        for (int j = 0; j < n; j++) {
          if (s[i] < s[j]) {
            assertTrue(w[i] <= w[j], "monotone, seed " + seed);
          } else if (s[i] == s[j]) {
            assertEquals(w[i], w[j], 0, "equal scores, equal weights, seed " + seed);
          }
        }
      }
    }
  }

  @Test
  void withoutActiveClippingWeightsAreNTimesTheSoftmax() {
    double[] s = {1, 2, 3, 4, 6};
    double t = 2;
    double m = 16.0 / 5;
    double sd = Math.sqrt(((1 - m) * (1 - m) + (2 - m) * (2 - m) + (3 - m) * (3 - m) + (4 - m) * (4 - m)
        + (6 - m) * (6 - m)) / 5);
    double z = 0;
    double[] e = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      e[i] = Math.exp((s[i] - m) / sd / t);
      z += e[i];
    }
    double[] w = imp(s).toWeights(new WeightOptions(t, 0, Double.POSITIVE_INFINITY)).scores();
    for (int i = 0; i < s.length; i++) {
      assertEquals(s.length * e[i] / z, w[i], 1e-12);
    }
  }

  @Test
  void clippingSolvesForTheMeanInsteadOfCuttingAfterwards() {
    // one huge score: the softmax puts nearly all mass on it; with max 3 it is capped and the rest share
    // (n - 3) equally up to their small differences
    double[] s = {0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 100};
    double[] w = imp(s).toWeights(new WeightOptions(0.05, 0.2, 3)).scores();
    assertEquals(3, w[9], 0);
    assertEquals(1.0, mean(w), 1e-12);
    assertTrue(Arrays.stream(w).min().orElseThrow() >= 0.2);
    // temperature near 0, min 0 and max 4 on 8 distinct scores: hard selection of the top 2
    double[] hard = imp(1, 2, 3, 4, 5, 6, 7, 8).toWeights(new WeightOptions(1e-4, 0, 4)).scores();
    assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 4, 4}, hard, 1e-9);
  }

  @Test
  void largeTemperatureGivesNearUniformWeightsAndConstantScoresGiveOnes() {
    Random r = new Random(3);
    double[] w = imp(random(r, 500, false)).toWeights(WeightOptions.defaults().temperature(1e6)).scores();
    for (double v : w) {
      assertEquals(1, v, 1e-4);
    }
    assertArrayEquals(new double[] {1, 1, 1}, imp(2, 2, 2).toWeights().scores(), 0);
    Importance weights = imp(1, 2).toWeights();
    assertEquals("test:weights", weights.estimator());
    assertEquals(1.0, weights.parameters().get("weights.temperature"));
    assertEquals(3, weights.parameters().get("k"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> imp(1, Double.POSITIVE_INFINITY).toWeights());
    assertTrue(e.getMessage().contains("row_id 101"), e.getMessage());
  }

  @Test
  void weightOptionsRejectBadValues() {
    assertThrows(IllegalArgumentException.class, () -> new WeightOptions(0, 0.1, 10));
    assertThrows(IllegalArgumentException.class, () -> new WeightOptions(Double.NaN, 0.1, 10));
    assertThrows(IllegalArgumentException.class, () -> WeightOptions.defaults().clip(1.5, 10));
    assertThrows(IllegalArgumentException.class, () -> WeightOptions.defaults().clip(0.1, 0.9));
    assertEquals(new WeightOptions(2, 0.5, 4), WeightOptions.defaults().temperature(2).clip(0.5, 4));
  }

  // ------------------------------------------------------------------ selection

  @Test
  void keepTopAndBottomSizesTiesAndPartition() {
    Importance a = imp(5, 1, 5, 3, 1, 5);
    // ranked: 100, 102, 105 (score 5, by row id), 103 (3), 101, 104 (1)
    assertArrayEquals(new long[] {100, 102, 105, 103, 101, 104}, a.rankedRowIds());
    assertArrayEquals(new long[] {100, 102}, a.keepTop(1.0 / 3).rowIds());
    assertArrayEquals(new long[] {100, 102, 105, 103}, a.keepTop(0.7).rowIds()); // round(4.2) = 4
    assertArrayEquals(new long[] {104}, a.keepBottom(0.1).rowIds()); // round(0.6) = 1
    assertEquals(0, a.keepTop(0).size());
    assertEquals(6, a.keepBottom(1).size());
    assertThrows(IllegalArgumentException.class, () -> a.keepTop(1.2));
    assertThrows(IllegalArgumentException.class, () -> a.keepBottom(Double.NaN));
    for (int seed = 0; seed < 50; seed++) {
      Random r = new Random(seed);
      Importance b = imp(random(r, 1 + r.nextInt(40), true));
      double f = r.nextDouble();
      Set<Long> top = new HashSet<>();
      Arrays.stream(b.keepTop(f).rowIds()).forEach(top::add);
      Set<Long> bottom = new HashSet<>();
      Arrays.stream(b.keepBottom(1 - f).rowIds()).forEach(bottom::add);
      assertEquals(Math.round(f * b.size()), top.size());
      Set<Long> union = new HashSet<>(top);
      union.addAll(bottom);
      assertEquals(b.size(), union.size(), "top f and bottom 1-f cover all rows");
      assertEquals(b.size(), top.size() + bottom.size(), "and are disjoint");
      double minTop = Double.POSITIVE_INFINITY;
      double maxBottom = Double.NEGATIVE_INFINITY;
      double[] s = b.scores();
      long[] ids = b.rowIds();
      for (int i = 0; i < s.length; i++) {
        if (top.contains(ids[i])) {
          minTop = Math.min(minTop, s[i]);
        } else {
          maxBottom = Math.max(maxBottom, s[i]);
        }
      }
      assertTrue(minTop >= maxBottom, "every kept row scores at least as high as every dropped row");
    }
  }

  @Test
  void negateFlipsScoresAndName() {
    Importance a = imp(3, 1, 2);
    Importance n = a.negate();
    assertArrayEquals(new double[] {-3, -1, -2}, n.scores(), 0);
    assertEquals("-test", n.estimator());
    assertEquals("test", n.negate().estimator());
    assertArrayEquals(a.scores(), n.negate().scores(), 0);
    assertArrayEquals(a.keepBottom(1.0 / 3).rowIds(), n.keepTop(1.0 / 3).rowIds());
    assertArrayEquals(a.rowIds(), n.rowIds());
  }

  // ------------------------------------------------------------------ comparison

  /** Average ranks by counting, independent of {@code Ranks}. */
  static double[] countRanks(double[] x) {
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int less = 0;
      int equal = 0;
      for (double v : x) {
        less += v < x[i] ? 1 : 0;
        equal += v == x[i] ? 1 : 0;
      }
      r[i] = less + (equal + 1) / 2.0;
    }
    return r;
  }

  @Test
  void spearmanMatchesTheClosedFormAndABruteForceOnTies() {
    // no ties: rho = 1 - 6 sum d^2 / (n (n^2 - 1)); ranks (1,2,3,4,5) vs (2,1,4,3,5): sum d^2 = 4
    Importance a = imp(10, 20, 30, 40, 50);
    Importance b = imp(2, 1, 4, 3, 5);
    assertEquals(1 - 6.0 * 4 / (5 * 24), a.spearman(b), 1e-12);
    for (int seed = 0; seed < 100; seed++) {
      Random r = new Random(seed);
      int n = 3 + r.nextInt(30);
      double[] x = random(r, n, true);
      double[] y = random(r, n, r.nextBoolean());
      long[] idsX = new long[n];
      long[] idsY = new long[n];
      for (int i = 0; i < n; i++) {
        idsX[i] = i;
        idsY[i] = n - 1 - i + (i < 2 ? 1000 : 0); // reversed order, two ids only on one side
      }
      Importance ix = new Importance("x", Map.of(), idsX, x, Importance.Cost.NONE);
      Importance iy = new Importance("y", Map.of(), idsY, y, Importance.Cost.NONE);
      // pairs on common ids: id k (2 <= n-1-k... ) -> collect
      double[][] pairs = new double[n][];
      int m = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (idsX[i] == idsY[j]) {
            pairs[m++] = new double[] {x[i], y[j]};
          }
        }
      }
      double[] px = new double[m];
      double[] py = new double[m];
      for (int i = 0; i < m; i++) {
        px[i] = pairs[i][0];
        py[i] = pairs[i][1];
      }
      double[] rx = countRanks(px);
      double[] ry = countRanks(py);
      double mx = Arrays.stream(rx).average().orElseThrow();
      double my = Arrays.stream(ry).average().orElseThrow();
      double sxy = 0;
      double sxx = 0;
      double syy = 0;
      for (int i = 0; i < m; i++) {
        sxy += (rx[i] - mx) * (ry[i] - my);
        sxx += (rx[i] - mx) * (rx[i] - mx);
        syy += (ry[i] - my) * (ry[i] - my);
      }
      double expected = sxy / Math.sqrt(sxx * syy);
      assertEquals(expected, ix.spearman(iy), 1e-12, "seed " + seed);
      assertEquals(expected, iy.spearman(ix), 1e-12, "symmetric, seed " + seed);
    }
  }

  // ------------------------------------------------------------------ samples

  static Samples samples(int n) {
    IntColumn item = IntColumn.create("item_id", n);
    DoubleColumn price = DoubleColumn.create("price", n);
    IntColumn click = IntColumn.create("click", n);
    for (int i = 0; i < n; i++) {
      item.set(i, i % 3);
      price.set(i, i * 1.5);
      click.set(i, i % 2);
    }
    return Samples.from(Table.create("toy", item, price, click));
  }

  @Test
  void alignToFollowsTheSamplesOrderAndNamesAMissingRowId() {
    Samples s = samples(4);
    Importance a = new Importance("x", Map.of(), new long[] {3, 1, 0, 2}, new double[] {30, 10, 0, 20},
        Importance.Cost.NONE);
    assertArrayEquals(new double[] {0, 10, 20, 30}, a.alignTo(s), 0);
    Samples sub = s.rows(new int[] {2, 0});
    assertArrayEquals(new double[] {20, 0}, a.alignTo(sub), 0);
    Importance partial = new Importance("x", Map.of(), new long[] {0, 1, 3}, new double[] {1, 2, 3},
        Importance.Cost.NONE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> partial.alignTo(s));
    assertTrue(e.getMessage().contains("row_id 2") && e.getMessage().contains("'x'"), e.getMessage());
  }

  @Test
  void duplicateRowIdsAndNaNAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Importance("x", Map.of(), new long[] {1, 2, 1}, new double[] {1, 2, 3}, Importance.Cost.NONE));
    assertTrue(e.getMessage().contains("row_id 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Importance("x", Map.of(), new long[] {1, 2}, new double[] {1, Double.NaN}, Importance.Cost.NONE));
    assertTrue(e.getMessage().contains("row_id 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new Importance("x", Map.of(), new long[] {1, 2}, new double[] {1}, Importance.Cost.NONE));
  }

  @Test
  void joinToAddsImportanceAndCompetitionRank() {
    Samples s = samples(5);
    Importance a = Importance.of("x", s, new double[] {0.5, 0.9, 0.5, 0.1, 0.7});
    Table t = a.joinTo(s);
    assertEquals(s.table().columnCount() + 2, t.columnCount());
    assertArrayEquals(new double[] {0.5, 0.9, 0.5, 0.1, 0.7}, t.doubleColumn("importance").asDoubleArray(), 0);
    assertArrayEquals(new int[] {3, 1, 3, 5, 2}, t.intColumn("rank").asIntArray());
    Table top = a.top(s, 3);
    assertArrayEquals(new double[] {0.9, 0.7, 0.5}, top.doubleColumn("importance").asDoubleArray(), 0);
    assertEquals(0L, ((Number) top.column(Samples.ROW_ID).get(2)).longValue(), "tie broken by row id");
    Table bottom = a.bottom(s, 2);
    assertArrayEquals(new double[] {0.1, 0.5}, bottom.doubleColumn("importance").asDoubleArray(), 0);
    assertEquals(5, a.top(s, 99).rowCount());
    // an existing column called rank (a display position) is kept; the new one gets a suffix
    Table withRank = s.table().copy();
    withRank.addColumns(IntColumn.create("rank", new int[] {1, 2, 3, 4, 5}));
    Samples s2 = Samples.from(withRank);
    Table j = a.joinTo(s2);
    assertArrayEquals(new int[] {1, 2, 3, 4, 5}, j.intColumn("rank").asIntArray());
    assertArrayEquals(new int[] {3, 1, 3, 5, 2}, j.intColumn("rank_2").asIntArray());
  }

  @Test
  void histogramCountsSumToN() {
    Importance a = imp(0, 1, 2, 3, 4, 10);
    Table h = a.histogram(5);
    assertEquals(5, h.rowCount());
    assertArrayEquals(new int[] {2, 2, 1, 0, 1}, h.intColumn("count").asIntArray()); // width 2: [0,2) [2,4) ...
    assertEquals(0, h.doubleColumn("from").get(0), 0);
    assertEquals(10, h.doubleColumn("to").get(4), 1e-12);
    for (int seed = 0; seed < 50; seed++) {
      Random r = new Random(seed);
      Importance b = imp(random(r, 1 + r.nextInt(100), r.nextBoolean()));
      int bins = 1 + r.nextInt(20);
      assertEquals(b.size(), (int) b.histogram(bins).intColumn("count").sum());
    }
    assertEquals(1, (int) imp(7, 7).histogram(3).intColumn("count").get(0) / 2);
    assertThrows(IllegalArgumentException.class, () -> a.histogram(0));
  }

  @Test
  void rowSelectionSelectsAndRemovesInSamplesOrder() {
    Samples s = samples(6);
    Importance a = Importance.of("x", s, new double[] {6, 5, 4, 3, 2, 1});
    Samples kept = s.keepTop(a, 0.5);
    assertArrayEquals(new long[] {0, 1, 2}, kept.rowIds());
    assertArrayEquals(new long[] {3, 4, 5}, a.keepTop(0.5).remove(s).rowIds());
    Samples shuffled = s.rows(new int[] {5, 1, 3, 0});
    assertArrayEquals(new long[] {1, 0}, a.keepTop(0.5).select(shuffled).rowIds());
  }

  // ------------------------------------------------------------------ files

  @Test
  void saveLoadRoundTrip() throws Exception {
    Random r = new Random(8);
    double[] s = new double[50];
    long[] ids = new long[50];
    for (int i = 0; i < s.length; i++) {
      s[i] = r.nextGaussian() * Math.pow(10, r.nextInt(20) - 10);
      ids[i] = r.nextLong();
    }
    s[3] = Double.NEGATIVE_INFINITY;
    s[4] = -0.0;
    Importance a = new Importance("grand", Map.of("epochs", 3, "seed", 7L), ids, s,
        new Importance.Cost(1234, 5678, 2, 99));
    Path f = dir.resolve("grand.csv");
    a.save(f);
    Importance b = Importance.load(f);
    assertEquals("grand", b.estimator());
    assertArrayEquals(ids, b.rowIds());
    assertArrayEquals(s, b.scores(), 0);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(b.scores()[4]));
    assertEquals(new Importance.Cost(1234, 5678, 2, 99), b.cost());
    assertEquals("3", b.parameters().get("epochs"));
    assertEquals("7", b.parameters().get("seed"));
    // metadata with line breaks, '=' and backslashes survives on one line each
    Importance odd = new Importance("a\nb", Map.of("x=y", "1\n2\\n3 ", "path", "C:\\data"), new long[] {1},
        new double[] {2}, Importance.Cost.NONE);
    Path o = dir.resolve("odd.csv");
    odd.save(o);
    Importance oddBack = Importance.load(o);
    assertEquals("a\nb", oddBack.estimator());
    assertEquals(Map.of("x=y", "1\n2\\n3 ", "path", "C:\\data"), oddBack.parameters());
    // hand-written file with free comments, blank lines and no estimator line
    Path g = dir.resolve("mine.csv");
    Files.writeString(g, "# written by hand\n#no space=ok\n# dir=C:\\tmp\n\nrow_id,importance\n5,0.5\n\n7,-1e3\n# trailing\n");
    Importance c = Importance.load(g);
    assertEquals("mine.csv", c.estimator());
    assertEquals("ok", c.parameters().get("no space"));
    assertEquals("C:\\tmp", c.parameters().get("dir"), "unknown escapes are kept as written");
    assertArrayEquals(new long[] {5, 7}, c.rowIds());
    assertArrayEquals(new double[] {0.5, -1000}, c.scores(), 0);
  }

  private String loadError(String content) throws Exception {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, content);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Importance.load(f));
    return e.getMessage();
  }

  @Test
  void badFilesNameFileLineAndExpectation() throws Exception {
    String m = loadError("# estimator=x\nid,score\n1,2\n");
    assertTrue(m.contains("bad.csv:2:") && m.contains("expected header"), m);
    m = loadError("row_id,importance\n1,2\n3\n");
    assertTrue(m.contains("bad.csv:3:") && m.contains("expected 2 fields"), m);
    m = loadError("row_id,importance\n1,2\nx,3\n");
    assertTrue(m.contains("bad.csv:3:1:") && m.contains("integer row_id"), m);
    m = loadError("row_id,importance\n1,2\n2,abc\n");
    assertTrue(m.contains("bad.csv:3:2:") && m.contains("expected a number"), m);
    m = loadError("row_id,importance\n1,NaN\n");
    assertTrue(m.contains("bad.csv:2:2:"), m);
    m = loadError("row_id,importance\n1,2\n4,5\n1,3\n");
    assertTrue(m.contains("bad.csv:4:1:") && m.contains("line 2"), m);
    m = loadError("# cost=1,2\nrow_id,importance\n1,2\n");
    assertTrue(m.contains("bad.csv:1:") && m.contains("cost"), m);
    m = loadError("# only comments\n\n");
    assertTrue(m.contains("bad.csv") && m.contains("no 'row_id,importance' header"), m);
    assertNotEquals(null, m);
  }
}
