package siebench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class SamplesTest {
  /** 20 rows: 5 users, 4 items, a price, an int count, a time stamp, a position and a truth column. */
  static Table table() {
    int n = 20;
    StringColumn user = StringColumn.create("user_id", n);
    IntColumn item = IntColumn.create("item_id", n);
    IntColumn brand = IntColumn.create("brand", n);
    IntColumn count = IntColumn.create("views", n);
    DoubleColumn price = DoubleColumn.create("price", n);
    LongColumn ts = LongColumn.create("timestamp", n);
    IntColumn pos = IntColumn.create("position", n);
    IntColumn click = IntColumn.create("click", n);
    IntColumn truth = IntColumn.create("truth_noisy", n);
    for (int i = 0; i < n; i++) {
      user.set(i, "u" + (i * 7 % 5));
      item.set(i, i % 4);
      brand.set(i, i % 3);
      count.set(i, i * 3);
      price.set(i, 1.5 * i);
      ts.set(i, 1000 + (i * 13) % 20); // a permutation of 1000..1019
      pos.set(i, 1 + i % 5);
      click.set(i, i % 3 == 0 ? 1 : 0);
      truth.set(i, i % 2);
    }
    return Table.create("toy", user, item, brand, count, price, ts, pos, click, truth);
  }

  @Test
  void inferSchemaOnAHandMadeTable() {
    Samples s = Samples.from(table());
    Schema sc = s.schema();
    assertEquals("click", sc.label());
    assertEquals(List.of("user_id", "item_id", "brand"), sc.categorical());
    assertEquals(List.of("views", "price"), sc.numeric());
    assertEquals(Set.of("truth_noisy"), sc.ignored());
    assertEquals(Optional.of("user_id"), sc.column(Role.USER));
    assertEquals(Optional.of("item_id"), sc.column(Role.ITEM));
    assertEquals(Optional.of("timestamp"), sc.column(Role.TIMESTAMP));
    assertEquals(Optional.of("position"), sc.column(Role.POSITION));
    assertFalse(sc.features().contains("timestamp") || sc.features().contains("position")
        || sc.features().contains(Samples.ROW_ID) || sc.features().contains("click"));
    assertEquals(Samples.ROW_ID, s.table().columnNames().get(0));
    long[] ids = new long[20];
    for (int i = 0; i < 20; i++) {
      ids[i] = i;
    }
    assertArrayEquals(ids, s.rowIds());
    assertEquals(20, s.size());
    assertEquals(Optional.of("user_id"), sc.groupColumn());
  }

  @Test
  void overrides() {
    Samples s = Samples.from(table()).numeric("brand").categorical("views").ignore("price").label("truth_noisy")
        .query("user_id").group("item_id");
    Schema sc = s.schema();
    assertEquals("truth_noisy", sc.label());
    assertTrue(sc.numeric().contains("brand") && !sc.categorical().contains("brand"));
    assertTrue(sc.categorical().contains("views") && !sc.numeric().contains("views"));
    assertFalse(sc.features().contains("price"));
    assertTrue(sc.ignored().contains("price"));
    assertEquals(Optional.of("item_id"), sc.groupColumn());
    assertEquals(List.of("user_id", "price"), Samples.from(table()).features("user_id", "price").schema().features());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Samples.from(table()).label("clicks"));
    assertTrue(e.getMessage().contains("'clicks'") && e.getMessage().contains("toy"), e.getMessage());
  }

  @Test
  void rowIdsAreStableThroughRowsSplitAndWeights() {
    Samples s = Samples.from(table());
    Samples sub = s.rows(new int[] {7, 3, 3, 19});
    assertArrayEquals(new long[] {7, 3, 3, 19}, sub.rowIds(), "order and repeats kept");
    assertArrayEquals(new double[] {10.5, 4.5, 4.5, 28.5}, sub.doubles("price"), 0, "rows move with their ids");
    Split sp = s.split(0.7, 3);
    Samples train = sp.train();
    double[] price = train.doubles("price");
    long[] ids = train.rowIds();
    for (int i = 0; i < ids.length; i++) {
      assertEquals(1.5 * ids[i], price[i], 0);
    }
    double[] w = new double[train.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = i * 0.5;
    }
    Samples weighted = train.withWeights(w);
    assertArrayEquals(ids, weighted.rowIds());
    assertTrue(weighted.hasWeights());
    float[] got = weighted.weights();
    for (int i = 0; i < w.length; i++) {
      assertEquals(w[i], got[i], 0);
    }
    assertFalse(weighted.schema().features().contains(Samples.SAMPLE_WEIGHT));
    // reweighting replaces the column instead of adding a second one
    Samples again = weighted.withWeights(new double[w.length]);
    assertEquals(weighted.table().columnCount(), again.table().columnCount());
    // re-wrapping a weighted table keeps the ids and reads the weights back as weights
    Samples rewrapped = Samples.from(weighted.table());
    assertArrayEquals(ids, rewrapped.rowIds());
    assertTrue(rewrapped.hasWeights());
    assertFalse(rewrapped.schema().features().contains(Samples.SAMPLE_WEIGHT));
    assertThrows(IndexOutOfBoundsException.class, () -> s.rows(new int[] {20}));
  }

  @Test
  void splitSizesAndDisjointness() {
    Samples s = Samples.from(table());
    for (long seed = 0; seed < 20; seed++) {
      Split two = s.split(0.7, seed);
      assertEquals(14, two.train().size());
      assertEquals(6, two.test().size());
      assertFalse(two.hasValidation());
      assertPartition(s, two.train(), two.test());
      Split three = s.split(0.6, 0.15, seed);
      assertEquals(12, three.train().size());
      assertEquals(3, three.validation().size()); // round(0.75 * 20) - 12
      assertEquals(5, three.test().size());
      assertPartition(s, three.train(), three.validation(), three.test());
    }
    assertArrayEquals(s.split(0.5, 9).train().rowIds(), s.split(0.5, 9).train().rowIds(), "seeded");
    assertNotEquals(Arrays.toString(s.split(0.5, 9).train().rowIds()), Arrays.toString(s.split(0.5, 10).train().rowIds()));
    assertThrows(IllegalArgumentException.class, () -> s.split(1.0, 1));
    assertThrows(IllegalArgumentException.class, () -> s.split(0.6, 0.4, 1));
  }

  private static void assertPartition(Samples all, Samples... parts) {
    Set<Long> seen = new HashSet<>();
    int total = 0;
    for (Samples p : parts) {
      for (long id : p.rowIds()) {
        assertTrue(seen.add(id), "row_id " + id + " in two parts");
      }
      total += p.size();
    }
    assertEquals(all.size(), total);
    assertEquals(all.size(), seen.size());
  }

  @Test
  void splitByUserKeepsEveryUserOnOneSide() {
    Samples s = Samples.from(table());
    for (long seed = 0; seed < 20; seed++) {
      Split sp = s.splitByUser(0.6, seed);
      Set<String> train = new HashSet<>(Arrays.asList(sp.train().strings("user_id")));
      Set<String> test = new HashSet<>(Arrays.asList(sp.test().strings("user_id")));
      assertEquals(3, train.size(), "round(0.6 * 5) users train");
      assertEquals(2, test.size());
      train.retainAll(test);
      assertTrue(train.isEmpty(), "users on both sides: " + train);
      assertPartition(s, sp.train(), sp.test());
    }
    Samples noUser = Samples.from(table().removeColumns("user_id"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> noUser.splitByUser(0.5, 1));
    assertTrue(e.getMessage().contains(".user("), e.getMessage());
  }

  @Test
  void splitByTimeTrainsOnTheEarliestRows() {
    Samples s = Samples.from(table());
    Split sp = s.splitByTime(0.75);
    assertEquals(15, sp.train().size());
    double maxTrain = Arrays.stream(sp.train().doubles("timestamp")).max().orElseThrow();
    double minTest = Arrays.stream(sp.test().doubles("timestamp")).min().orElseThrow();
    assertEquals(1014, maxTrain, 0);
    assertEquals(1015, minTest, 0);
    double[] t = sp.train().doubles("timestamp");
    for (int i = 1; i < t.length; i++) {
      assertTrue(t[i - 1] <= t[i], "train in time order");
    }
    assertPartition(s, sp.train(), sp.test());
    assertThrows(IllegalStateException.class, () -> Samples.from(table()).timestamp(null).splitByTime(0.5));
  }

  @Test
  void labelsAreZeroOneAndBadValuesNameTheRowId() {
    Samples s = Samples.from(table());
    float[] y = s.labels();
    for (int i = 0; i < y.length; i++) {
      assertEquals(i % 3 == 0 ? 1f : 0f, y[i]);
    }
    Table t = table();
    t.intColumn("click").set(5, 2);
    Samples bad = Samples.from(t).rows(new int[] {9, 5, 1});
    IllegalStateException e = assertThrows(IllegalStateException.class, bad::labels);
    assertTrue(e.getMessage().contains("row_id 5") && e.getMessage().contains("'2'"), e.getMessage());
    Table missing = table();
    missing.intColumn("click").setMissing(4);
    e = assertThrows(IllegalStateException.class, () -> Samples.from(missing).labels());
    assertTrue(e.getMessage().contains("row_id 4") && e.getMessage().contains("<missing>"), e.getMessage());
    Table text = table();
    StringColumn yes = StringColumn.create("click", 20);
    for (int i = 0; i < 20; i++) {
      yes.set(i, i == 0 ? "true" : i == 1 ? "1" : i == 2 ? "yes" : "0");
    }
    text.replaceColumn("click", yes);
    e = assertThrows(IllegalStateException.class, () -> Samples.from(text).labels());
    assertTrue(e.getMessage().contains("row_id 2") && e.getMessage().contains("'yes'"), e.getMessage());
    Samples noLabel = Samples.from(table().removeColumns("click"));
    e = assertThrows(IllegalStateException.class, noLabel::labels);
    assertTrue(e.getMessage().contains(".label("), e.getMessage());
  }

  @Test
  void withWeightsRejectsNegativeNaNAndWrongLength() {
    Samples s = Samples.from(table()).rows(new int[] {4, 8, 12});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.withWeights(new double[] {1, -0.5, 1}));
    assertTrue(e.getMessage().contains("row_id 8") && e.getMessage().contains("-0.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.withWeights(new double[] {1, 1, Double.NaN}));
    assertTrue(e.getMessage().contains("row_id 12") && e.getMessage().contains("NaN"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> s.withWeights(new double[] {1, Double.POSITIVE_INFINITY, 1}));
    assertThrows(IllegalArgumentException.class, () -> s.withWeights(new double[] {1, 1}));
    Table t = table();
    t.addColumns(DoubleColumn.create("w", new double[20]));
    t.doubleColumn("w").set(6, -1);
    IllegalStateException w = assertThrows(IllegalStateException.class, () -> Samples.from(t).weight("w").weights());
    assertTrue(w.getMessage().contains("row_id 6"), w.getMessage());
  }

  @Test
  void existingRowIdColumnMustHoldDistinctIntegers() {
    Table t = table();
    LongColumn ids = LongColumn.create(Samples.ROW_ID, 20);
    for (int i = 0; i < 20; i++) {
      ids.set(i, 100 + i);
    }
    t.addColumns(ids);
    assertEquals(119, Samples.from(t).rowIds()[19]);
    ids.set(7, 103);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Samples.from(t));
    assertTrue(e.getMessage().contains("103") && e.getMessage().contains("rows 3 and 7"), e.getMessage());
    Table s = table();
    s.addColumns(StringColumn.create(Samples.ROW_ID, 20));
    assertThrows(IllegalArgumentException.class, () -> Samples.from(s));
  }
}
