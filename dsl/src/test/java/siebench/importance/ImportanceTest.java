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

  static Reweighting anyWeighting(Random r, double lo, double hi) {
    double t = Math.exp(r.nextGaussian() * 2);
    return r.nextBoolean() ? new Reweighting(Reweighting.Scheme.SOFTMAX, t, 0.1, lo, hi)
        : new Reweighting(Reweighting.Scheme.SOFT_CLEANING, Math.min(1, t / 10), 0.01 + 0.9 * r.nextDouble(), lo, hi);
  }

  @Test
  void weightsHaveMeanOneStayWithinTheBoundsAndFallWithSuspicion() {
    for (int seed = 0; seed < 200; seed++) {
      Random r = new Random(seed);
      int n = 1 + r.nextInt(300);
      double lo = r.nextInt(3) == 0 ? 0 : r.nextDouble();
      double hi = 1 + (r.nextInt(4) == 0 ? Double.POSITIVE_INFINITY : r.nextDouble() * 10);
      Reweighting o = anyWeighting(r, lo, hi);
      Importance.Meaning meaning = r.nextBoolean() ? Importance.Meaning.VALUE : Importance.Meaning.HARDNESS;
      Importance imp = imp(random(r, n, r.nextBoolean())).withMeaning(meaning);
      double[] susp = imp.suspicion();
      double[] w = imp.toWeights(o).scores();
      assertEquals(1.0, mean(w), 1e-12, "seed " + seed);
      for (int i = 0; i < n; i++) {
        assertTrue(w[i] >= lo && w[i] <= hi, "seed " + seed + ": weight " + w[i] + " outside [" + lo + ", " + hi + "]");
        for (int j = 0; j < n; j++) {
          if (susp[i] > susp[j]) {
            assertTrue(w[i] <= w[j], "more suspicious, no larger weight, seed " + seed + " " + o);
          } else if (susp[i] == susp[j]) {
            assertEquals(w[i], w[j], 0, "equal scores, equal weights, seed " + seed);
          }
        }
      }
    }
  }

  @Test
  void hardnessIsDownWeightedAndValueUpWeighted() {
    double[] s = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double[] value = imp(s).toWeights(Reweighting.softmax()).scores();
    double[] hard = imp(s).withMeaning(Importance.Meaning.HARDNESS).toWeights(Reweighting.softmax()).scores();
    assertTrue(value[9] > value[0], "valuable rows get more weight");
    assertTrue(hard[9] < hard[0], "hard rows get less weight");
    for (int i = 0; i < s.length; i++) {
      assertEquals(value[i], hard[s.length - 1 - i], 1e-12, "mirror images");
    }
    // negate() changes the view, not the action
    Importance h = imp(s).withMeaning(Importance.Meaning.HARDNESS);
    assertArrayEquals(h.toWeights().scores(), h.negate().toWeights().scores(), 0);
  }

  @Test
  void withoutActiveClippingSoftmaxWeightsAreNTimesTheSoftmaxOfTheValue() {
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
    double[] w = imp(s).toWeights(Reweighting.softmax().temperature(t).clip(0, Double.POSITIVE_INFINITY)).scores();
    for (int i = 0; i < s.length; i++) {
      assertEquals(s.length * e[i] / z, w[i], 1e-12);
    }
  }

  @Test
  void softCleaningIsALogisticStepInTheSuspicionRank() {
    int n = 100;
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = Math.pow(i, 3); // heavy-tailed: the rank, not the scale, decides
    }
    Importance hard = imp(s).withMeaning(Importance.Meaning.HARDNESS);
    double[] w = hard.toWeights(Reweighting.softCleaning(0.1).clip(0, Double.POSITIVE_INFINITY)).scores();
    double[] sig = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double q = (i + 0.5) / n; // row i is the (i+1)-th least suspicious
      sig[i] = 1 / (1 + Math.exp(-(0.9 - q) / 0.02));
      sum += sig[i];
    }
    for (int i = 0; i < n; i++) {
      assertEquals(n * sig[i] / sum, w[i], 1e-9);
    }
    assertTrue(w[99] < 0.01 && w[0] > 1.1, "the most suspicious 10% fall towards 0, the rest share their mass");
  }

  @Test
  void clippingSolvesForTheMeanInsteadOfCuttingAfterwards() {
    // one huge score: the softmax puts nearly all mass on it; with max 3 it is capped and the rest share
    // (n - 3) equally up to their small differences
    double[] s = {0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 100};
    double[] w = imp(s).toWeights(Reweighting.softmax().temperature(0.05).clip(0.2, 3)).scores();
    assertEquals(3, w[9], 0);
    assertEquals(1.0, mean(w), 1e-12);
    assertTrue(Arrays.stream(w).min().orElseThrow() >= 0.2);
    // temperature near 0, min 0 and max 4 on 8 distinct scores: hard selection of the top 2
    double[] hard = imp(1, 2, 3, 4, 5, 6, 7, 8).toWeights(Reweighting.softmax().temperature(1e-4).clip(0, 4))
        .scores();
    assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 4, 4}, hard, 1e-9);
  }

  @Test
  void largeTemperatureGivesNearUniformWeightsAndConstantScoresGiveOnes() {
    Random r = new Random(3);
    double[] w = imp(random(r, 500, false)).toWeights(Reweighting.softmax().temperature(1e6)).scores();
    for (double v : w) {
      assertEquals(1, v, 1e-4);
    }
    assertArrayEquals(new double[] {1, 1, 1}, imp(2, 2, 2).toWeights().scores(), 0);
    Importance weights = imp(1, 2).toWeights();
    assertEquals("test:weights", weights.estimator());
    assertEquals(Reweighting.defaults().describe(), weights.parameters().get("weights"));
    assertEquals(3, weights.parameters().get("k"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> imp(1, Double.POSITIVE_INFINITY).toWeights());
    assertTrue(e.getMessage().contains("row_id 101"), e.getMessage());
  }

  @Test
  void reweightingRejectsBadValues() {
    assertThrows(IllegalArgumentException.class, () -> Reweighting.softmax().temperature(0));
    assertThrows(IllegalArgumentException.class, () -> Reweighting.softmax().temperature(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Reweighting.defaults().clip(1.5, 10));
    assertThrows(IllegalArgumentException.class, () -> Reweighting.defaults().clip(0.1, 0.9));
    assertThrows(IllegalArgumentException.class, () -> Reweighting.defaults().share(1));
    assertEquals(new Reweighting(Reweighting.Scheme.SOFTMAX, 2, 0.1, 0.5, 4),
        Reweighting.softmax().temperature(2).clip(0.5, 4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reweighting.Scheme.named("uniform"));
    assertTrue(e.getMessage().contains("soft-cleaning or softmax"), e.getMessage());
  }

  // ------------------------------------------------------------------ selection

  @Test
  void mostSuspiciousAndMostValuableSizesTiesAndPartition() {
    Importance a = imp(5, 1, 5, 3, 1, 5); // VALUE: low = suspicious
    // by suspicion: 101, 104 (score 1, by row id), 103 (3), 100, 102, 105 (5)
    assertArrayEquals(new long[] {101, 104, 103, 100, 102, 105}, a.bySuspicion());
    assertArrayEquals(new long[] {101, 104}, a.mostSuspicious(1.0 / 3).rowIds());
    assertArrayEquals(new long[] {101, 104, 103, 100}, a.mostSuspicious(0.7).rowIds()); // round(4.2) = 4
    assertArrayEquals(new long[] {105}, a.mostValuable(0.1).rowIds()); // round(0.6) = 1
    assertEquals(0, a.mostSuspicious(0).size());
    assertEquals(6, a.mostValuable(1).size());
    assertThrows(IllegalArgumentException.class, () -> a.mostSuspicious(1.2));
    assertThrows(IllegalArgumentException.class, () -> a.mostValuable(Double.NaN));
    for (int seed = 0; seed < 50; seed++) {
      Random r = new Random(seed);
      Importance b = imp(random(r, 1 + r.nextInt(40), true))
          .withMeaning(r.nextBoolean() ? Importance.Meaning.VALUE : Importance.Meaning.HARDNESS);
      double f = r.nextDouble();
      Set<Long> suspicious = new HashSet<>();
      Arrays.stream(b.mostSuspicious(f).rowIds()).forEach(suspicious::add);
      Set<Long> valuable = new HashSet<>();
      Arrays.stream(b.mostValuable(1 - f).rowIds()).forEach(valuable::add);
      assertEquals(Math.round(f * b.size()), suspicious.size());
      Set<Long> union = new HashSet<>(suspicious);
      union.addAll(valuable);
      assertEquals(b.size(), union.size(), "most suspicious f and most valuable 1-f cover all rows");
      assertEquals(b.size(), suspicious.size() + valuable.size(), "and are disjoint");
      double minSuspicious = Double.POSITIVE_INFINITY;
      double maxValuable = Double.NEGATIVE_INFINITY;
      double[] susp = b.suspicion();
      long[] ids = b.rowIds();
      for (int i = 0; i < susp.length; i++) {
        if (suspicious.contains(ids[i])) {
          minSuspicious = Math.min(minSuspicious, susp[i]);
        } else {
          maxValuable = Math.max(maxValuable, susp[i]);
        }
      }
      assertTrue(minSuspicious >= maxValuable, "every selected row is at least as suspicious as every other");
    }
  }

  @Test
  void negateFlipsScoresNameAndMeaningButNotTheAction() {
    Importance a = imp(3, 1, 2);
    Importance n = a.negate();
    assertArrayEquals(new double[] {-3, -1, -2}, n.scores(), 0);
    assertEquals("-test", n.estimator());
    assertEquals(Importance.Meaning.HARDNESS, n.meaning());
    assertEquals("test", n.negate().estimator());
    assertArrayEquals(a.scores(), n.negate().scores(), 0);
    assertArrayEquals(a.mostSuspicious(1.0 / 3).rowIds(), n.mostSuspicious(1.0 / 3).rowIds());
    assertArrayEquals(a.rowIds(), n.rowIds());
    Importance w = a.withMeaning(Importance.Meaning.WEIGHT);
    assertThrows(IllegalStateException.class, w::negate);
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
    Table top = a.mostValuable(s, 3);
    assertArrayEquals(new double[] {0.9, 0.7, 0.5}, top.doubleColumn("importance").asDoubleArray(), 0);
    assertEquals(2L, ((Number) top.column(Samples.ROW_ID).get(2)).longValue(), "the reverse of bySuspicion");
    Table bottom = a.mostSuspicious(s, 2);
    assertArrayEquals(new double[] {0.1, 0.5}, bottom.doubleColumn("importance").asDoubleArray(), 0);
    assertEquals(0L, ((Number) bottom.column(Samples.ROW_ID).get(1)).longValue(), "tie broken by row id");
    assertEquals(5, a.mostValuable(s, 99).rowCount());
    Table hardest = a.withMeaning(Importance.Meaning.HARDNESS).mostSuspicious(s, 1);
    assertEquals(0.9, hardest.doubleColumn("importance").get(0), 0, "for hardness, the highest score");
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
  void cleanPruneAndRowSelectionsActInSamplesOrder() {
    Samples s = samples(6);
    Importance a = Importance.of("x", s, new double[] {6, 5, 4, 3, 2, 1}); // VALUE: rows 3, 4, 5 suspicious
    assertArrayEquals(new long[] {0, 1, 2}, s.clean(a, 0.5).rowIds());
    assertArrayEquals(new long[] {0, 1, 2}, s.prune(a, 0.5).rowIds());
    assertArrayEquals(new long[] {3, 4, 5}, PruningStrategy.KEEP_HARDEST.prune(s, a, 0.5).rowIds());
    Importance hard = a.withMeaning(Importance.Meaning.HARDNESS); // now rows 0, 1, 2 are suspicious
    assertArrayEquals(new long[] {3, 4, 5}, s.clean(hard, 0.5).rowIds());
    assertArrayEquals(new long[] {3, 4, 5}, a.mostValuable(0.5).remove(s).rowIds());
    Samples shuffled = s.rows(new int[] {5, 1, 3, 0});
    assertArrayEquals(new long[] {1, 0}, a.mostValuable(0.5).select(shuffled).rowIds());
    // fractions count the samples' rows, not the importance's: 2 of the 4 shuffled rows
    assertArrayEquals(new long[] {1, 0}, shuffled.clean(a, 0.5).rowIds());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> samples(8).clean(a, 0.1));
    assertTrue(e.getMessage().contains("no score for row_id 6"), e.getMessage());
  }

  @Test
  void resampleKeepsRowsInProportionToTheirWeights() {
    int n = 30_000;
    Samples s = samples(n);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = i % 3 == 0 ? 2 : i % 3 == 1 ? 1 : 0; // keep probabilities 1, 1/2, 0
    }
    Importance weights = new Importance("w", Map.of(), s.rowIds(), w, Importance.Cost.NONE,
        Importance.Meaning.WEIGHT);
    Samples kept = s.resample(weights, 11);
    int[] count = new int[3];
    for (long id : kept.rowIds()) {
      count[(int) (id % 3)]++;
    }
    assertEquals(n / 3, count[0], "weight 2 = the maximum: always kept");
    assertEquals(0, count[2], "weight 0: never kept");
    assertEquals(n / 6.0, count[1], 4 * Math.sqrt(n / 3 * 0.25), "weight 1: kept with probability 1/2");
    assertArrayEquals(kept.rowIds(), s.resample(weights, 11).rowIds(), "deterministic for a seed");
    assertNotEquals(kept.size(), 0);
    assertTrue(!Arrays.equals(kept.rowIds(), s.resample(weights, 12).rowIds()), "another seed, another sample");
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
  }
}
