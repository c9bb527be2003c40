package siebench.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.data.Role;
import siebench.data.Samples;
import tech.tablesaw.api.ColumnType;

/**
 * The generic reader on tiny hand-written files whose expected content is written out in each test (the
 * reference), and its errors on broken files: every message must name the file, the line and the column.
 */
class CsvReadingTest {
  @TempDir
  Path dir;

  private Path write(String name, String content) {
    Path p = dir.resolve(name);
    try {
      Files.writeString(p, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return p;
  }

  private static LoadException fails(Runnable r) {
    return assertThrows(LoadException.class, r::run);
  }

  // ------------------------------------------------------------------ parsing

  @Test
  void quotedFieldsCrlfBomAndTypes() throws IOException {
    Path f = write("q.csv", "\uFEFFclick,title,price,n,code,when\r\n"
        + "1,\"Toy Story, \"\"the\"\" film\",1.5,3,007,2017-05-06 00:00:01\r\n"
        + "0,\"two\nlines\",2e1,-4,010,2017-05-06\r\n"
        + "0,plain,,5,,2019-11-24 00:01:03.979311+00:00\r\n");
    Loaded l = Loaders.read(f, CsvOptions.csv());
    Samples s = l.samples();
    assertEquals(3, s.size());
    assertArrayEquals(new String[] {"Toy Story, \"the\" film", "two\nlines", "plain"}, s.strings("title"));
    assertEquals(ColumnType.DOUBLE, s.table().column("price").type());
    assertArrayEquals(new double[] {1.5, 20, Double.NaN}, s.doubles("price"));
    assertEquals(ColumnType.INTEGER, s.table().column("n").type());
    // zero-padded codes stay text
    assertArrayEquals(new String[] {"007", "010", null}, s.strings("code"));
    assertEquals("DATETIME", l.report().types().get("when"));
    assertEquals(Optional.of("when"), s.schema().column(Role.TIMESTAMP));
    assertFalse(s.schema().features().contains("when"));
    assertArrayEquals(new double[] {
        Instant.parse("2017-05-06T00:00:01Z").toEpochMilli(), Instant.parse("2017-05-06T00:00:00Z").toEpochMilli(),
        Instant.parse("2019-11-24T00:01:03.979Z").toEpochMilli()}, s.doubles("when"));
    assertEquals("click", s.schema().label());
    assertArrayEquals(new float[] {1, 0, 0}, s.labels());
    assertEquals(1, l.report().missing("price"));
    assertEquals(1, l.report().missing("code"));
    assertEquals(0, l.report().missing("title"));
    assertArrayEquals(new long[] {0, 1, 2}, s.rowIds());
  }

  @Test
  void hugeIntegerIdsAndHexStayText() throws IOException {
    Path f = write("ids.csv", "id,h,x\n10000169349117863715,1fbe01fe,12e4\n1,12345678,1\n");
    Samples s = Loaders.csv(f);
    assertEquals(ColumnType.STRING, s.table().column("id").type());
    assertArrayEquals(new String[] {"10000169349117863715", "1"}, s.strings("id"));
    assertEquals(ColumnType.STRING, s.table().column("h").type());
    assertEquals(ColumnType.DOUBLE, s.table().column("x").type()); // 12e4 is a number when all values are
  }

  @Test
  void tsvWithoutHeaderWithNamesTypesAndRoles() throws IOException {
    Path f = write("t.tsv", "u1\t5\t1\n\nu2\t6\t0\n");
    CsvOptions o = CsvOptions.tsv().header(false).names("user", "item", "y").type("item", FieldType.STRING)
        .label("y").role(Role.ITEM, "item").categorical("item");
    Loaded l = Loaders.read(f, o);
    Samples s = l.samples();
    assertEquals(2, s.size());
    assertEquals("y", s.schema().label());
    assertEquals(Optional.of("user"), s.schema().column(Role.USER));
    assertEquals(Optional.of("item"), s.schema().column(Role.ITEM));
    assertEquals(ColumnType.STRING, s.table().column("item").type());
    assertTrue(s.schema().categorical().containsAll(List.of("user", "item")));
    assertTrue(l.report().notes().stream().anyMatch(n -> n.contains("1 empty line")));
    // without names the columns are numbered
    Samples unnamed = Loaders.csv(f, CsvOptions.tsv().header(false));
    assertEquals(List.of("row_id", "column_1", "column_2", "column_3"), unnamed.table().columnNames());
  }

  @Test
  void missingTokensAreConfigurable() throws IOException {
    Path f = write("m.csv", "click,a,b\n1,NA,-\n0,x,3\n");
    Loaded def = Loaders.read(f, CsvOptions.csv());
    assertEquals(1, def.report().missing("a"));
    assertEquals(0, def.report().missing("b")); // '-' is a value by default
    Loaded dash = Loaders.read(f, CsvOptions.csv().missingTokens("", "-"));
    assertEquals(0, dash.report().missing("a"));
    assertEquals(1, dash.report().missing("b"));
    assertEquals(ColumnType.INTEGER, dash.samples().table().column("b").type());
  }

  @Test
  void skippedColumnsAndTypeOverrides() throws IOException {
    Path f = write("s.csv", "click,secret,price\n1,abc,3\n0,def,4\n");
    Loaded l = Loaders.read(f, CsvOptions.csv().type("secret", FieldType.SKIP).type("price", FieldType.DOUBLE));
    assertFalse(l.samples().table().columnNames().contains("secret"));
    assertEquals(ColumnType.DOUBLE, l.samples().table().column("price").type());
    assertTrue(l.report().notes().stream().anyMatch(n -> n.contains("secret")));
  }

  @Test
  void integerColumnsAcceptIntegralDecimals() throws IOException {
    Path f = write("i.csv", "click,n\n1,260.0\n0,-3\n");
    Samples s = Loaders.csv(f, CsvOptions.csv().type("n", FieldType.INTEGER));
    assertEquals(ColumnType.INTEGER, s.table().column("n").type());
    assertArrayEquals(new double[] {260, -3}, s.doubles("n"));
  }

  // ------------------------------------------------------------------ errors

  @Test
  void tooFewFieldsNamesLineAndColumn() throws IOException {
    Path f = write("short.csv", "click,a,b\n1,x,2\n0,y\n");
    LoadException e = fails(() -> Loaders.csv(f));
    assertTrue(e.getMessage().startsWith("short.csv:3:3 (b): expected 3 fields"), e.getMessage());
    assertEquals(3, e.line());
    assertEquals(3, e.column());
    assertEquals(f, e.file());
  }

  @Test
  void tooManyFieldsNamesLineAndColumn() throws IOException {
    Path f = write("long.csv", "click,a\n1,x\n0,y\n1,z,extra\n");
    LoadException e = fails(() -> Loaders.csv(f));
    assertTrue(e.getMessage().startsWith("long.csv:4:3: expected 2 fields"), e.getMessage());
    assertTrue(e.getMessage().contains("got 3"), e.getMessage());
  }

  @Test
  void lineNumbersCountQuotedLineBreaks() throws IOException {
    Path f = write("ml.csv", "click,a\n1,\"x\ny\"\n0\n");
    LoadException e = fails(() -> Loaders.csv(f));
    assertEquals(4, e.line(), e.getMessage());
  }

  @Test
  void nonNumericInDeclaredIntegerColumn() throws IOException {
    Path f = write("criteo_bad.csv", "Label,I1,I2\n0,1,2\n1,3,4\n0,5,abc\n");
    LoadException e = fails(() -> Loaders.csv(f, CsvOptions.csv().types(FieldType.INTEGER, "I1", "I2")));
    assertEquals("criteo_bad.csv:4:3 (I2): expected an integer, got 'abc'", e.getMessage());
    LoadException d = fails(() -> Loaders.csv(f, CsvOptions.csv().type("I2", FieldType.DOUBLE)));
    assertEquals("criteo_bad.csv:4:3 (I2): expected a number, got 'abc'", d.getMessage());
    LoadException frac = fails(() -> Loaders.csv(write("frac.csv", "label,n\n0,2.5\n"),
        CsvOptions.csv().type("n", FieldType.INTEGER)));
    assertEquals("frac.csv:2:2 (n): expected an integer, got '2.5'", frac.getMessage());
  }

  @Test
  void labelNotZeroOne() throws IOException {
    Path f = write("lab.csv", "a,click\nx,1\ny,2\n");
    LoadException e = fails(() -> Loaders.csv(f));
    assertTrue(e.getMessage().startsWith("lab.csv:3:2 (click): expected a 0/1 label, got '2' (the column was taken"),
        e.getMessage());
    Path g = write("lab2.csv", "a,target\nx,yes\n");
    LoadException e2 = fails(() -> Loaders.csv(g, CsvOptions.csv().label("target")));
    assertEquals("lab2.csv:2:2 (target): expected a 0/1 label, got 'yes'", e2.getMessage());
  }

  @Test
  void missingLabelIsAnErrorUnlessDropped() throws IOException {
    Path f = write("ml.csv", "a,click\nx,1\ny,\nz,0\n");
    LoadException e = fails(() -> Loaders.csv(f));
    assertTrue(e.getMessage().startsWith("ml.csv:3:2 (click): the label is missing"), e.getMessage());
    Loaded l = Loaders.read(f, CsvOptions.csv().missing(MissingValues.DROP));
    assertEquals(2, l.samples().size());
    assertEquals(1, l.report().dropped().get("missing label"));
    assertArrayEquals(new long[] {0, 2}, l.samples().rowIds()); // row ids keep the file rows
  }

  @Test
  void missingFileAndDirectory() {
    Path f = dir.resolve("nope.csv");
    LoadException e = fails(() -> Loaders.csv(f));
    assertTrue(e.getMessage().startsWith("nope.csv: no such file: "), e.getMessage());
    assertTrue(e.getMessage().contains(f.toAbsolutePath().toString()));
    assertEquals(0, e.line());
    for (Runnable r : List.<Runnable>of(() -> Loaders.criteo(f), () -> Loaders.avazu(f),
        () -> Loaders.movieLens(f, 4), () -> Loaders.taobaoUserBehavior(f), () -> Loaders.openBandit(f))) {
      assertTrue(fails(r).getMessage().contains("no such file"));
    }
    assertTrue(fails(() -> Loaders.movieLens(dir, 4)).getMessage().startsWith("ratings.csv: no such file"));
    assertTrue(fails(() -> Loaders.csv(dir)).getMessage().contains("is a directory"));
  }

  @Test
  void unknownColumnsInOptions() throws IOException {
    Path f = write("u.csv", "click,a\n1,x\n");
    assertTrue(fails(() -> Loaders.csv(f, CsvOptions.csv().label("clk"))).getMessage()
        .contains("label column 'clk' is not in the file"));
    assertTrue(fails(() -> Loaders.csv(f, CsvOptions.csv().type("b", FieldType.STRING))).getMessage()
        .contains("'b'"));
  }

  @Test
  void duplicateHeaderUnterminatedQuoteAndEmptyFile() throws IOException {
    LoadException dup = fails(() -> Loaders.csv(write("d.csv", "click,a,a\n1,2,3\n")));
    assertTrue(dup.getMessage().startsWith("d.csv:1:3 (a): duplicate column name"), dup.getMessage());
    LoadException q = fails(() -> Loaders.csv(write("q.csv", "click,a\n1,x\n0,\"open\n1,y\n")));
    assertTrue(q.getMessage().startsWith("q.csv:3:2: unterminated quoted field"), q.getMessage());
    LoadException empty = fails(() -> Loaders.csv(write("e.csv", "")));
    assertTrue(empty.getMessage().startsWith("e.csv:1: empty file"), empty.getMessage());
  }

  @Test
  void datasetLoadersCheckTheirColumns() throws IOException {
    // Criteo: a non-integer in I2 on line 3
    StringBuilder sb = new StringBuilder("Label");
    for (int i = 1; i <= 13; i++) {
      sb.append(",I").append(i);
    }
    for (int i = 1; i <= 26; i++) {
      sb.append(",C").append(i);
    }
    String header = sb.append('\n').toString();
    String good = "0,1,2,3,4,5,6,7,8,9,10,11,12,13" + ",a".repeat(26) + "\n";
    String bad = "1,1,abc,3,4,5,6,7,8,9,10,11,12,13" + ",a".repeat(26) + "\n";
    LoadException c = fails(() -> Loaders.criteo(write("criteo.csv", header + good + bad)));
    assertEquals("criteo.csv:3:3 (I2): expected an integer, got 'abc'", c.getMessage());
    LoadException cl = fails(() -> Loaders.criteo(write("criteo2.csv", header + good.replaceFirst("0", "7"))));
    assertEquals("criteo2.csv:2:1 (label): expected a 0/1 label, got '7'", cl.getMessage());
    LoadException ch = fails(() -> Loaders.criteo(write("criteo3.csv", header.replace("C7", "X7") + good)));
    assertTrue(ch.getMessage().startsWith("criteo3.csv:1:21 (X7): unexpected Criteo column"), ch.getMessage());
    // Criteo: the raw tab-separated train.txt layout without a header
    Samples raw = Loaders.criteo(write("train.txt", good.replace(',', '\t') + bad.replace(',', '\t')
        .replace("abc", "")));
    assertEquals(2, raw.size());
    assertArrayEquals(new float[] {0, 1}, raw.labels());

    // Avazu: a bad hour
    Path av = write("avazu.csv", "id,click,hour,C1,banner_pos,site_id\n1,0,14102100,1005,0,a\n2,1,14132100,1005,1,b\n");
    LoadException a = fails(() -> Loaders.avazu(av));
    assertEquals("avazu.csv:3:3 (hour): expected an hour as YYMMDDHH, got '14132100'", a.getMessage());

    // Taobao: an unknown behaviour
    Path tb = write("ub.csv", "1,2,3,pv,1511544070\n1,2,3,click,1511544071\n");
    LoadException t = fails(() -> Loaders.taobaoUserBehavior(tb));
    assertEquals("ub.csv:2:4 (behavior_type): expected one of [pv, buy, cart, fav], got 'click'", t.getMessage());
    Path tb2 = write("ub2.csv", "1,2,3,pv,1511544070\n1,2,3,buy\n");
    assertTrue(fails(() -> Loaders.taobaoUserBehavior(tb2)).getMessage().startsWith("ub2.csv:2:5 (timestamp):"));

    // MovieLens: a non-numeric rating
    Path mlDir = Files.createDirectories(dir.resolve("ml"));
    Files.writeString(mlDir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,9\n1,2,good,9\n");
    LoadException m = fails(() -> Loaders.movieLens(mlDir, 4));
    assertEquals("ratings.csv:3:3 (rating): expected a number, got 'good'", m.getMessage());

    // Open Bandit: a propensity of 0
    Path ob = write("men.csv", ",timestamp,item_id,position,click,propensity_score,user_feature_0\n"
        + "0,2019-11-24 00:01:03.979311+00:00,2,2,0,0.04,u\n1,2019-11-24 00:01:04+00:00,3,1,1,0,u\n");
    LoadException o = fails(() -> Loaders.openBandit(ob));
    assertEquals("men.csv:3:6 (propensity): expected a propensity in (0, 1], got '0.0'", o.getMessage());
    Samples ok = Loaders.openBandit(write("men2.csv", ",timestamp,item_id,position,click,propensity_score\n"
        + "0,2019-11-24 00:01:03.979311+00:00,2,2,0,0.04\n"));
    assertEquals(1, ok.size());
  }

  @Test
  void movieLensWithoutMoviesFileHasNoGenre() throws IOException {
    Path mlDir = Files.createDirectories(dir.resolve("ml2"));
    Files.writeString(mlDir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,9\n1,2,3.5,10\n2,3,5,11\n");
    Loaded l = Loaders.readMovieLens(mlDir, 4.0, MissingValues.KEEP);
    assertArrayEquals(new float[] {1, 0, 1}, l.samples().labels());
    assertEquals(List.of("userId", "movieId"), l.samples().schema().categorical());
    // with a movies file lacking movie 3: its genre is missing and counted
    Files.writeString(mlDir.resolve("movies.csv"), "movieId,title,genres\n1,\"A, the\",Comedy|Drama\n2,B,(no genres listed)\n");
    Loaded g = Loaders.readMovieLens(mlDir.resolve("ratings.csv"), 3.5, MissingValues.KEEP);
    assertArrayEquals(new float[] {1, 1, 1}, g.samples().labels());
    assertArrayEquals(new String[] {"Comedy", "(no genres listed)", null}, g.samples().strings("genre"));
    assertEquals(1, g.report().missing("genre"));
    assertTrue(g.samples().origin().contains("rating >= 3.5"));
  }

  @Test
  void taobaoPositivesMustBeKnown() throws IOException {
    Path tb = write("ub.csv", "1,2,3,pv,1511544070\n");
    assertThrows(IllegalArgumentException.class, () -> Loaders.taobaoUserBehavior(tb, Set.of("click")));
  }

  @Test
  void progressIsReportedAndCancellationStopsTheRead() {
    StringBuilder sb = new StringBuilder("click,x\n");
    for (int i = 0; i < 250_000; i++) {
      sb.append(i % 2).append(',').append(i).append('\n');
    }
    Path f = write("big.csv", sb.toString());
    List<Long> done = new java.util.ArrayList<>();
    siebench.core.Progress p = new siebench.core.Progress() {
      @Override
      public void update(String task, long d, long total, String message) {
        done.add(d);
      }
    };
    Samples s = Loaders.csv(f, CsvOptions.csv().progress(p));
    assertEquals(250_000, s.size());
    assertEquals(List.of(100_000L, 200_000L, 250_000L), done);
    siebench.core.Progress cancelled = siebench.core.Progress.silent();
    cancelled.cancel();
    assertThrows(java.util.concurrent.CancellationException.class,
        () -> Loaders.csv(f, CsvOptions.csv().progress(cancelled)));
  }
}
