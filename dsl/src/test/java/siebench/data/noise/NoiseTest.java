package siebench.data.noise;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import siebench.data.Samples;
import siebench.data.noise.Corruption;
import siebench.data.synthetic.Synthetic;
import siebench.data.synthetic.SyntheticData;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every injector against its definition, row by row, on hand-made samples and on the synthetic search log. */
class NoiseTest {
  private static final String FLAG = Corruption.TRUTH_CORRUPTED;
  private static final String KIND = Corruption.TRUTH_CORRUPTION;
  /** 5,000 clean rows with query_id, position (1..10), item_id, user_id, device, hour and the truth columns. */
  private static final Samples ECO = Synthetic.ecommerce().rows(5000).seed(1).generate().samples();

  /**
   * 200 hand-made rows without truth columns: 20 sessions of 10 rows (query_id), 0-based positions 0..9, 30
   * items, 5 users, 4 hours; every third row a click.
   */
  static Samples toy() {
    int n = 200;
    IntColumn query = IntColumn.create("query_id", n);
    IntColumn position = IntColumn.create("position", n);
    IntColumn item = IntColumn.create("item_id", n);
    StringColumn user = StringColumn.create("user_id", n);
    IntColumn hour = IntColumn.create("hour", n);
    IntColumn click = IntColumn.create("click", n);
    for (int i = 0; i < n; i++) {
      query.set(i, i / 10);
      position.set(i, i % 10);
      item.set(i, (i * 7) % 30);
      user.set(i, "u" + (i / 10) % 5);
      hour.set(i, (i / 10) % 4);
      click.set(i, i % 3 == 0 ? 1 : 0);
    }
    return Samples.from(Table.create("toy", query, position, item, user, hour, click));
  }

  // ---------------------------------------------------------------- helpers

  private static long hash(Samples s) {
    long h = 1125899906842597L;
    for (Column<?> c : s.table().columns()) {
      h = 31 * h + c.name().hashCode();
      for (int i = 0; i < c.size(); i++) {
        h = 31 * h + c.getString(i).hashCode();
      }
    }
    return h;
  }

  private static Map<Long, Integer> byRowId(Samples s) {
    Map<Long, Integer> m = new HashMap<>();
    long[] ids = s.rowIds();
    for (int i = 0; i < ids.length; i++) {
      assertEquals(null, m.put(ids[i], i), "duplicate row id " + ids[i]);
    }
    return m;
  }

  private static int count(Samples s, String kind) {
    int c = 0;
    for (String k : s.strings(KIND)) {
      c += k.equals(kind) ? 1 : 0;
    }
    return c;
  }

  /**
   * Checks a label injection row by row (matched by row id): same rows and schema; the rows this injection
   * flagged are exactly the rows whose label changed, there are exactly round(rate * n) of them, each changed
   * in the allowed direction; earlier flags are kept; every other column is unchanged.
   */
  private static int[] checkLabelNoise(Samples before, Samples after, Noise noise, boolean bothWays) {
    int n = before.size();
    assertEquals(n, after.size());
    assertEquals(before.schema().label(), after.schema().label());
    assertEquals(before.schema().categorical(), after.schema().categorical());
    assertEquals(before.schema().numeric(), after.schema().numeric());
    assertEquals(before.schema().roles(), after.schema().roles());
    Map<Long, Integer> at = byRowId(after);
    long[] ids = before.rowIds();
    float[] y0 = before.labels();
    float[] y1 = after.labels();
    boolean hadTruth = before.table().columnNames().contains(FLAG);
    double[] flag0 = hadTruth ? before.doubles(FLAG) : new double[n];
    String[] kind0 = hadTruth ? before.strings(KIND) : null;
    double[] flag1 = after.doubles(FLAG);
    String[] kind1 = after.strings(KIND);
    int changed = 0;
    int[] where = new int[n];
    for (int i = 0; i < n; i++) {
      int j = at.get(ids[i]);
      boolean labelChanged = y0[i] != y1[j];
      if (flag0[i] == 1) {
        assertFalse(labelChanged, "row " + ids[i] + " was flagged before and must not change");
        assertEquals(1.0, flag1[j]);
        assertEquals(kind0[i], kind1[j], "earlier corruption label kept");
        continue;
      }
      assertEquals(labelChanged, kind1[j].equals(noise.corruptionLabel()), "row " + ids[i]);
      assertEquals(labelChanged ? 1.0 : 0.0, flag1[j], "row " + ids[i]);
      assertEquals(labelChanged ? noise.corruptionLabel() : "none", kind1[j], "row " + ids[i]);
      if (labelChanged) {
        if (!bothWays) {
          assertEquals(0f, y0[i], "only non-clicks become clicks");
        }
        where[changed++] = j;
      }
    }
    assertEquals(Math.round(noise.rate() * n), changed, noise + ": corrupted rows");
    assertEquals(changed, count(after, noise.corruptionLabel()) - (hadTruth ? count(before,
        noise.corruptionLabel()) : 0));
    for (Column<?> c : before.table().columns()) {
      String name = c.name();
      if (name.equals(before.schema().label()) || name.equals(FLAG) || name.equals(KIND)) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        assertEquals(c.getString(i), after.table().column(name).getString(at.get(ids[i])), name + " of row " + ids[i]);
      }
    }
    return java.util.Arrays.copyOf(where, changed);
  }

  private static Set<String> valuesAt(Samples s, String column, String kind) {
    String[] v = s.strings(column);
    String[] k = s.strings(KIND);
    Set<String> out = new HashSet<>();
    for (int i = 0; i < v.length; i++) {
      if (k[i].equals(kind)) {
        out.add(v[i]);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- label injectors

  @Test
  void fakeClicksTurnExactlyRateTimesNNonClicksIntoClicks() {
    FakeClicks noise = Noise.fakeClicks(0.1);
    Samples noisy = noise.inject(ECO, 3);
    checkLabelNoise(ECO, noisy, noise, false);
    assertEquals(500, count(noisy, "fake_click"));
    assertEquals(ECO.table().columnNames(), noisy.table().columnNames(), "existing truth columns replaced in place");

    Samples toy = toy();
    Samples noisyToy = Noise.fakeClicks(0.2).inject(toy, 3);
    checkLabelNoise(toy, noisyToy, Noise.fakeClicks(0.2), false);
    assertTrue(noisyToy.schema().ignored().containsAll(List.of(FLAG, KIND)), "new truth columns are not features");
    assertFalse(noisyToy.schema().features().contains(FLAG));
  }

  @Test
  void flippedLabelsGoBothWays() {
    Samples toy = toy();
    Noise noise = Noise.flippedLabels(0.3);
    Samples noisy = noise.inject(toy, 5);
    int[] rows = checkLabelNoise(toy, noisy, noise, true);
    assertEquals(60, rows.length);
    float[] y0 = toy.labels();
    int up = 0;
    int down = 0;
    for (int j : rows) {
      up += y0[j] == 0 ? 1 : 0;
      down += y0[j] == 1 ? 1 : 0;
    }
    assertTrue(up > 0 && down > 0, up + " up, " + down + " down");
    checkLabelNoise(ECO, Noise.flippedLabels(0.05).inject(ECO, 5), Noise.flippedLabels(0.05), true);
  }

  @Test
  void injectionsStackOnEarlierCorruptionsWithoutTouchingThem() {
    Samples corrupted = Synthetic.ecommerce().rows(5000).seed(1).flippedLabels(0.05).duplicates(0.02).generate()
        .samples();
    Noise noise = Noise.fakeClicks(0.1);
    Samples noisy = noise.inject(corrupted, 9);
    checkLabelNoise(corrupted, noisy, noise, false);
    assertEquals(250, count(noisy, "flipped"));
    assertEquals(100, count(noisy, "duplicate"));
    assertEquals(500, count(noisy, "fake_click"));
    double flagged = 0;
    for (double f : noisy.doubles(FLAG)) {
      flagged += f;
    }
    assertEquals(850, flagged);
    // and a second injection on top of the first
    Samples twice = Noise.accidentalClicks(0.02).inject(noisy, 1);
    checkLabelNoise(noisy, twice, Noise.accidentalClicks(0.02), false);
    assertEquals(500, count(twice, "fake_click"));
    assertEquals(100, count(twice, "accidental_click"));
  }

  @Test
  void clickFraudConcentratesOnAFewRandomItems() {
    // 20,000 rows: about 10 per item, so that an item can carry several fake clicks
    Samples eco = Synthetic.ecommerce().rows(20_000).seed(1).generate().samples();
    double rate = 0.05;
    ClickFraud fraud = Noise.clickFraud(rate);
    Samples noisy = fraud.inject(eco, 11);
    checkLabelNoise(eco, noisy, fraud, false);
    Samples uniform = Noise.fakeClicks(rate).inject(eco, 11);
    Set<String> fraudItems = valuesAt(noisy, "item_id", "click_fraud");
    Set<String> uniformItems = valuesAt(uniform, "item_id", "fake_click");
    System.out.printf("click fraud on %d items, uniform fake clicks on %d items%n", fraudItems.size(),
        uniformItems.size());
    assertTrue(fraudItems.size() * 5 < uniformItems.size(), fraudItems.size() + " vs " + uniformItems.size());

    // about half (the concentration) of the targeted items' clean non-clicks became fake clicks
    String[] item = eco.strings("item_id");
    float[] y = eco.labels();
    int targetedNonClicks = 0;
    int targetedClicksBefore = 0;
    int targetedRows = 0;
    for (int i = 0; i < item.length; i++) {
      if (fraudItems.contains(item[i])) {
        targetedRows++;
        targetedNonClicks += y[i] == 0 ? 1 : 0;
        targetedClicksBefore += y[i] == 1 ? 1 : 0;
      }
    }
    double share = 1000.0 / targetedNonClicks;
    assertTrue(share > 0.3 && share <= 0.5 + 1e-9, "share of targeted non-clicks faked " + share);
    // the targeted items now look far more clickable: the ranking a model learns changes
    double ctrBefore = targetedClicksBefore / (double) targetedRows;
    double ctrAfter = (targetedClicksBefore + 1000) / (double) targetedRows;
    assertTrue(ctrAfter > ctrBefore + 0.3, ctrBefore + " -> " + ctrAfter);
  }

  @Test
  void clickFraudOnOtherColumnsAndCombinations() {
    Samples byHour = Noise.clickFraud(0.1).on("hour").inject(ECO, 2);
    checkLabelNoise(ECO, byHour, Noise.clickFraud(0.1).on("hour"), false);
    Set<String> hours = valuesAt(byHour, "hour", "click_fraud");
    Set<String> uniformHours = valuesAt(Noise.fakeClicks(0.1).inject(ECO, 2), "hour", "fake_click");
    assertTrue(hours.size() <= 8 && uniformHours.size() >= 20, hours + " vs " + uniformHours);

    ClickFraud combo = Noise.clickFraud(0.05).on("hour", "device").concentration(0.8);
    Samples c = combo.inject(ECO, 2);
    checkLabelNoise(ECO, c, combo, false);
    Set<String> pairs = new HashSet<>();
    String[] h = c.strings("hour");
    String[] d = c.strings("device");
    String[] k = c.strings(KIND);
    for (int i = 0; i < k.length; i++) {
      if (k[i].equals("click_fraud")) {
        pairs.add(h[i] + "/" + d[i]);
      }
    }
    assertTrue(pairs.size() <= 10, "hour/device pairs hit: " + pairs);
    assertEquals("click-fraud(0.05 on hour+device, concentration 0.80)", combo.toString());
  }

  @Test
  void accidentalClicksOnlyAtTheTopPositions() {
    Noise noise = Noise.accidentalClicks(0.1);
    Samples noisy = noise.inject(ECO, 4);
    checkLabelNoise(ECO, noisy, noise, false);
    double[] pos = noisy.doubles("position");
    String[] kind = noisy.strings(KIND);
    Set<Double> hit = new HashSet<>();
    for (int i = 0; i < pos.length; i++) {
      if (kind[i].equals("accidental_click")) {
        assertTrue(pos[i] >= 1 && pos[i] <= 3, "position " + pos[i]);
        hit.add(pos[i]);
      }
    }
    assertEquals(Set.of(1.0, 2.0, 3.0), hit);

    // 0-based positions: the top 2 are 0 and 1
    Samples toy = toy();
    AccidentalClicks top2 = Noise.accidentalClicks(0.1).topPositions(2);
    Samples t = top2.inject(toy, 4);
    int[] rows = checkLabelNoise(toy, t, top2, false);
    double[] p = t.doubles("position");
    for (int j : rows) {
      assertTrue(p[j] <= 1, "position " + p[j]);
    }
    assertEquals("accidental-clicks(0.10 top 2)", top2.toString());
  }

  @Test
  void accidentalClicksFailWhenTheTopHasTooFewNonClicks() {
    // toy: 20 rows at position 0, of which 13 non-clicks (i % 3 != 0 for i = 0, 10, ..., 190)
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Noise.accidentalClicks(0.1).topPositions(1).inject(toy(), 1));
    assertTrue(e.getMessage().contains("needs 20 rows") && e.getMessage().contains("only 13 of toy (200 rows)")
        && e.getMessage().contains("top 1 positions (<= 0)"), e.getMessage());
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
        () -> Noise.fakeClicks(0.45).inject(Noise.flippedLabels(0.4).inject(toy(), 1), 1));
    assertTrue(f.getMessage().contains("needs 90 rows") && f.getMessage().contains("unflagged non-clicks"),
        f.getMessage());
  }

  // ---------------------------------------------------------------- duplicated sessions

  @Test
  void duplicatedSessionsAreExactCopiesOfWholeSessionsWithNewIds() {
    double rate = 0.1;
    Samples noisy = Noise.duplicatedSessions(rate).inject(ECO, 6);
    int n = ECO.size();
    int total = noisy.size();
    int copies = total - n;
    int maxSession = 10;
    assertTrue(Math.abs(copies / (double) total - rate) <= maxSession / 2.0 / total + 1e-12,
        copies + " copies of " + total);
    assertEquals(copies, count(noisy, "duplicated_session"));

    long[] ids0 = ECO.rowIds();
    long maxId = java.util.Arrays.stream(ids0).max().getAsLong();
    long[] ids = noisy.rowIds();
    assertEquals(total, new HashSet<>(java.util.Arrays.stream(ids).boxed().toList()).size(), "unique row ids");
    String[] kind = noisy.strings(KIND);
    double[] flag = noisy.doubles(FLAG);
    double[] source = noisy.doubles(Corruption.TRUTH_SOURCE_ROW);
    String[] query = noisy.strings("query_id");
    Map<Long, Integer> original = byRowId(ECO);
    Map<String, Integer> copiedRows = new HashMap<>();
    int j0 = 0;
    for (int j = 0; j < total; j++) {
      if (kind[j].equals("duplicated_session")) {
        assertTrue(ids[j] > maxId, "fresh id");
        assertEquals(1.0, flag[j]);
        int src = original.get((long) source[j]);
        // an exact copy of its source row: every column but the bookkeeping ones
        for (Column<?> c : ECO.table().columns()) {
          String name = c.name();
          if (!Set.of(Samples.ROW_ID, FLAG, KIND, Corruption.TRUTH_SOURCE_ROW).contains(name)) {
            assertEquals(c.getString(src), noisy.table().column(name).getString(j), name + " of copy " + ids[j]);
          }
        }
        copiedRows.merge(query[j], 1, Integer::sum);
      } else {
        // the original rows, unchanged and in their order
        assertEquals(ids0[j0], ids[j]);
        for (Column<?> c : ECO.table().columns()) {
          assertEquals(c.getString(j0), noisy.table().column(c.name()).getString(j), c.name() + " of row " + ids[j]);
        }
        j0++;
      }
    }
    assertEquals(n, j0);
    // whole sessions: every copied session is copied completely, once
    Map<String, Integer> sessionSize = new HashMap<>();
    for (String q : ECO.strings("query_id")) {
      sessionSize.merge(q, 1, Integer::sum);
    }
    assertFalse(copiedRows.isEmpty());
    copiedRows.forEach((q, c) -> assertEquals(sessionSize.get(q), c, "copies of session " + q));
    // the copies follow the last row of their session
    for (int j = 1; j < total; j++) {
      if (kind[j].equals("duplicated_session") && !kind[j - 1].equals("duplicated_session")) {
        assertEquals(query[j - 1], query[j], "copy block after its session");
      }
    }
    assertEquals(ECO.schema().roles(), noisy.schema().roles());
    assertEquals(ECO.schema().features(), noisy.schema().features());
  }

  @Test
  void duplicatedSessionsFallBackToGroupThenUserAndFailWithoutAKey() {
    Samples toy = toy().query(null);
    Samples byUser = Noise.duplicatedSessions(0.2).inject(toy, 1);
    // 5 users of 40 rows each: target 0.2 * 200 / 0.8 = 50 rows -> one user (40) is closer than two (80)
    assertEquals(240, byUser.size());
    assertEquals(1, valuesAt(byUser, "user_id", "duplicated_session").size());
    assertTrue(byUser.schema().ignored().contains(Corruption.TRUTH_SOURCE_ROW));

    Samples byGroup = Noise.duplicatedSessions(0.2).inject(toy.group("hour"), 1);
    assertEquals(1, valuesAt(byGroup, "hour", "duplicated_session").size());

    Samples none = toy.user(null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Noise.duplicatedSessions(0.1).inject(none, 1));
    assertTrue(e.getMessage().contains("QUERY, GROUP or USER") && e.getMessage().contains("toy (200 rows)"),
        e.getMessage());
  }

  // ---------------------------------------------------------------- all injectors

  private static List<Noise> all() {
    return List.of(Noise.fakeClicks(0.1), Noise.flippedLabels(0.1), Noise.clickFraud(0.1),
        Noise.clickFraud(0.1).on("device"), Noise.accidentalClicks(0.1), Noise.duplicatedSessions(0.1));
  }

  @Test
  void deterministicForASeedDifferentForAnotherAndTheInputIsUntouched() {
    long before = hash(ECO);
    for (Noise noise : all()) {
      Samples a = noise.inject(ECO, 1);
      Samples b = noise.inject(ECO, 1);
      Samples c = noise.inject(ECO, 2);
      assertEquals(hash(a), hash(b), noise + " same seed");
      assertNotEquals(hash(a), hash(c), noise + " other seed");
      assertArrayEquals(a.strings(KIND), b.strings(KIND));
      assertEquals(before, hash(ECO), noise + " modified its input");
    }
  }

  @Test
  void namesParseAndPrint() {
    assertEquals(List.of("fake-clicks", "flipped-labels", "click-fraud", "accidental-clicks", "duplicated-sessions"),
        Noise.names());
    for (String name : Noise.names()) {
      Noise n = Noise.named(name, 0.1);
      assertEquals(name, n.name());
      assertEquals(0.1, n.rate());
      assertEquals(n, Noise.named(name.toUpperCase().replace('-', '_'), 0.1));
    }
    assertEquals("fake-clicks(0.10)", Noise.fakeClicks(0.1).toString());
    assertEquals("flipped-labels(0.005)", Noise.flippedLabels(0.005).toString());
    assertEquals("click-fraud(0.10 on item role)", Noise.clickFraud(0.1).toString());
    assertEquals("click-fraud(0.10 on item_id)", Noise.clickFraud(0.1).on("item_id").toString());
    assertEquals("accidental-clicks(0.05 top 3)", Noise.accidentalClicks(0.05).toString());
    assertEquals("duplicated-sessions(0.20)", Noise.duplicatedSessions(0.2).toString());
    assertEquals(Noise.clickFraud(0.1).on("hour"), Noise.clickFraud(0.1).on("hour"));
    assertNotEquals(Noise.clickFraud(0.1).on("hour"), Noise.clickFraud(0.1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Noise.named("bots", 0.1));
    assertEquals("unknown noise 'bots'; valid names are fake-clicks, flipped-labels, click-fraud, accidental-clicks,"
        + " duplicated-sessions", e.getMessage());
  }

  @Test
  void ratesOutsideTheOpenIntervalAreRejected() {
    for (double r : new double[] {0, -0.1, 0.5, 0.7, Double.NaN}) {
      for (String name : Noise.names()) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Noise.named(name, r));
        assertEquals(name + ": rate must lie in (0, 0.5), got " + r, e.getMessage());
      }
    }
    IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class,
        () -> Noise.fakeClicks(0.001).inject(toy(), 1));
    assertTrue(tiny.getMessage().contains("rounds to 0 corrupted rows of 200"), tiny.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Noise.accidentalClicks(0.1).topPositions(0));
    assertThrows(IllegalArgumentException.class, () -> Noise.clickFraud(0.1).concentration(0));
  }

  @Test
  void missingRolesAreNamed() {
    Samples noPosition = toy().position(null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Noise.accidentalClicks(0.1).inject(noPosition, 1));
    assertTrue(e.getMessage().startsWith("accidental-clicks(0.10 top 3) needs the POSITION role, but toy (200 rows)"
        + " declares none"), e.getMessage());

    Samples noItem = toy().item(null);
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
        () -> Noise.clickFraud(0.1).inject(noItem, 1));
    assertTrue(f.getMessage().contains("needs the ITEM role, but toy (200 rows)") && f.getMessage().contains(".on("),
        f.getMessage());
    // with an explicit column the item role is not needed
    Samples ok = Noise.clickFraud(0.1).on("hour").inject(noItem, 1);
    assertEquals(20, count(ok, "click_fraud"));
    IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
        () -> Noise.clickFraud(0.1).on("seller").inject(noItem, 1));
    assertTrue(g.getMessage().contains("no column 'seller'"), g.getMessage());

    Samples noLabel = Samples.from(Table.create("nolabel", IntColumn.create("item_id", new int[] {1, 2, 3})));
    IllegalArgumentException h = assertThrows(IllegalArgumentException.class,
        () -> Noise.fakeClicks(0.4).inject(noLabel, 1));
    assertTrue(h.getMessage().contains("needs the LABEL role"), h.getMessage());
  }

  // ---------------------------------------------------------------- the generator

  @Test
  void theGeneratorInjectsNoiseOnceAndCountsIt() {
    var g = Synthetic.ecommerce().rows(5000).seed(1).fakeClicks(0.02).noise(Noise.clickFraud(0.05));
    SyntheticData d = g.generate();
    assertSame(d.samples(), d.samples());
    assertEquals(hash(d.samples()), hash(g.generate().samples()), "deterministic");
    assertEquals(250, count(d.samples(), "click_fraud"));
    assertEquals(100, count(d.samples(), "fake_click"));
    assertEquals(250, d.corruptionLabelCounts().get("click_fraud"));
    assertEquals(100, d.corruptionCounts().get(Corruption.FAKE_CLICK));
    assertEquals(4650, d.corruptionCounts().get(Corruption.NONE));
    assertEquals(0.07, d.corruptionRate(), 1e-12);
    assertEquals("click-fraud(0.05 on item role)", d.parameters().get("noise"));
    assertEquals("none", Synthetic.ecommerce().parameters().get("noise"));
    // the generator's own corruptions are as without the noise
    SyntheticData plain = Synthetic.ecommerce().rows(5000).seed(1).fakeClicks(0.02).generate();
    String[] k0 = plain.samples().strings(KIND);
    String[] k1 = d.samples().strings(KIND);
    for (int i = 0; i < k0.length; i++) {
      if (!k0[i].equals("none")) {
        assertEquals(k0[i], k1[i]);
      }
    }
    assertEquals(hash(plain.test()), hash(d.test()), "test samples stay clean");
    assertTrue(d.summary().stringColumn("figure").contains("rows click_fraud"));
  }

  @Test
  void generatedDuplicatedSessionsKeepRowIdsUniqueAcrossTrainAndTest() {
    SyntheticData d = Synthetic.ecommerce().rows(5000).testRows(500).seed(1).noise(Noise.duplicatedSessions(0.1))
        .generate();
    Samples train = d.samples();
    assertTrue(train.size() > 5000);
    long maxTrain = java.util.Arrays.stream(train.rowIds()).max().getAsLong();
    assertEquals(train.size() - 1, maxTrain);
    assertEquals(maxTrain + 1, d.test().rowIds()[0]);
    assertEquals(train.size() - 5000, d.corruptionLabelCounts().get("duplicated_session"));
    assertEquals((train.size() - 5000) / (double) train.size(), d.corruptionRate(), 1e-12);
    assertEquals(0.1, d.corruptionRate(), 5.0 / train.size());
  }
}
