package siebench.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import siebench.SharedData;
import siebench.data.Role;
import siebench.data.Samples;
import siebench.data.Schema;

/**
 * The loaders on the real samples in shared/data. References: the row and click counts stated in each folder's
 * README, and, for missing values and label counts, a deliberately naive second reader in this test (String.split
 * on files that contain no quotes), so the streaming parser is checked against an independent implementation.
 */
class RealDataLoadersTest {

  /** Naive reference reader: lines split on the delimiter, keeping empty trailing fields. */
  private static List<String[]> naive(Path file, String delimiter, boolean header) throws IOException {
    List<String[]> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = header ? 1 : 0; i < lines.size(); i++) {
      if (!lines.get(i).isEmpty()) {
        rows.add(lines.get(i).split(delimiter, -1));
      }
    }
    return rows;
  }

  private static Map<String, Long> naiveEmptyCounts(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String[] names = lines.get(0).split(",", -1);
    Map<String, Long> m = new LinkedHashMap<>();
    for (String n : names) {
      m.put(n, 0L);
    }
    for (String[] r : naive(file, ",", true)) {
      for (int j = 0; j < names.length; j++) {
        if (r[j].isEmpty()) {
          m.merge(names[j], 1L, Long::sum);
        }
      }
    }
    return m;
  }

  private static int sum(float[] y) {
    int s = 0;
    for (float v : y) {
      s += (int) v;
    }
    return s;
  }

  private static List<String> range(String prefix, int from, int to) {
    List<String> l = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      l.add(prefix + i);
    }
    return l;
  }

  @Test
  void criteoTinyWithIdAndCapitalLabel() throws IOException {
    Path f = SharedData.file("criteo_display_ads_sample/criteo_train_tiny.csv");
    Loaded l = Loaders.readCriteo(f, MissingValues.KEEP);
    Samples s = l.samples();
    assertEquals(1999, s.size()); // README
    assertEquals(418, sum(s.labels())); // README: 418 clicks
    Schema sc = s.schema();
    assertEquals("label", sc.label());
    assertEquals(range("I", 1, 13), sc.numeric());
    assertEquals(range("C", 1, 26), sc.categorical());
    assertTrue(sc.ignored().contains("id"));
    // missing values per column equal the naive count of empty fields (header names Label/Id renamed)
    Map<String, Long> ref = naiveEmptyCounts(f);
    for (Map.Entry<String, Long> e : ref.entrySet()) {
      String col = e.getKey().equals("Label") ? "label" : e.getKey().equals("Id") ? "id" : e.getKey();
      assertEquals(e.getValue(), l.report().missing(col), col);
    }
    assertEquals(889, l.report().missing("I1")); // also checked once against Python's csv module
    assertEquals(1631, l.report().missing("C22"));
    assertEquals(1999, l.report().rowsRead());
    assertEquals(0, l.report().rowsDropped());
    // integer features are numbers, missing ones NaN
    double[] i2 = s.doubles("I2");
    assertEquals(1.0, i2[0]);
    assertTrue(Double.isNaN(s.doubles("I12")[0]));
    assertTrue(s.origin().startsWith("criteo_train_tiny.csv [Criteo"), s.origin());
  }

  @Test
  void criteoDeepCtrWithLowercaseLabelAndFloatIntegers() throws IOException {
    Path f = SharedData.file("criteo_display_ads_sample/criteo_sample_deepctr.csv");
    Loaded l = Loaders.readCriteo(f, MissingValues.KEEP);
    Samples s = l.samples();
    assertEquals(200, s.size());
    assertEquals(49, sum(s.labels()));
    assertEquals(range("I", 1, 13), s.schema().numeric());
    assertEquals(range("C", 1, 26), s.schema().categorical());
    assertFalse(s.table().columnNames().contains("id"));
    Map<String, Long> ref = naiveEmptyCounts(f);
    ref.forEach((c, n) -> assertEquals(n, l.report().missing(c), c));
    // "260.0" in an integer column is the integer 260
    assertEquals(260.0, s.doubles("I3")[0]);
    // both Criteo files have the same feature columns, so one encoder fits both
    Samples tiny = Loaders.criteo(SharedData.file("criteo_display_ads_sample/criteo_train_tiny.csv"));
    assertEquals(tiny.schema().features(), s.schema().features());
  }

  @Test
  void avazu() throws IOException {
    Path f = SharedData.file("avazu_ctr_sample/avazu_sample.csv");
    Loaded l = Loaders.readAvazu(f, MissingValues.KEEP);
    Samples s = l.samples();
    assertEquals(2994, s.size());
    assertEquals(522, sum(s.labels()));
    Schema sc = s.schema();
    assertEquals("click", sc.label());
    assertEquals(Optional.of("hour"), sc.column(Role.TIMESTAMP));
    assertEquals(Optional.of("banner_pos"), sc.column(Role.POSITION));
    assertTrue(sc.categorical().contains("banner_pos"));
    assertTrue(sc.ignored().contains("id"));
    assertFalse(sc.features().contains("id"));
    assertFalse(sc.features().contains("hour"));
    assertEquals(21, sc.categorical().size()); // 24 columns minus id, click and hour
    assertTrue(sc.numeric().isEmpty());
    assertEquals(0, l.report().totalMissing());
    // the 20-digit ids are kept exactly as text
    List<String[]> ref = naive(f, ",", true);
    String[] ids = s.strings("id");
    for (int i = 0; i < ref.size(); i++) {
      assertEquals(ref.get(i)[0], ids[i]);
    }
    double[] pos = s.doubles("banner_pos");
    for (int i = 0; i < ref.size(); i++) {
      assertEquals(Double.parseDouble(ref.get(i)[4]), pos[i]);
    }
  }

  @Test
  void movieLensRatingsWithGenres() throws IOException {
    Path dir = SharedData.file("movielens_latest_small");
    Loaded l = Loaders.readMovieLens(dir, 4.0, MissingValues.KEEP);
    Samples s = l.samples();
    assertEquals(100_836, s.size()); // README
    int positives = 0;
    for (String[] r : naive(dir.resolve("ratings.csv"), ",", true)) {
      positives += Double.parseDouble(r[2]) >= 4.0 ? 1 : 0;
    }
    assertEquals(positives, sum(s.labels()));
    assertEquals(48_580, positives); // also counted with awk
    Schema sc = s.schema();
    assertEquals(Optional.of("userId"), sc.column(Role.USER));
    assertEquals(Optional.of("movieId"), sc.column(Role.ITEM));
    assertEquals(Optional.of("timestamp"), sc.column(Role.TIMESTAMP));
    assertEquals(List.of("userId", "movieId", "genre"), sc.categorical());
    assertTrue(sc.ignored().contains("rating"));
    assertFalse(sc.features().contains("rating"));
    assertTrue(s.origin().contains("rating >= 4.0"), s.origin());
    assertTrue(l.report().description().contains("rating >= 4.0"));
    // every rated movie is in movies.csv (checked with Python), so no genre is missing
    assertEquals(0, l.report().missing("genre"));
    // Toy Story (movieId 1) is Adventure|Animation|...; user 1 rated it first
    assertEquals("Adventure", s.strings("genre")[0]);
    assertEquals(610, new java.util.HashSet<>(List.of(s.strings("userId"))).size());
    System.out.printf("MovieLens ratings+movies: %s%n", l.report());
    // a lower threshold labels more rows positive: 3.5 -> 61,716 (awk)
    assertEquals(61_716, sum(Loaders.movieLens(dir, 3.5).labels()));
  }

  @Test
  void taobaoUserBehavior() throws IOException {
    Path f = SharedData.file("taobao_userbehavior_sample/UserBehavior_head.csv");
    Loaded l = Loaders.readTaobaoUserBehavior(f, Set.of("buy"), MissingValues.KEEP);
    Samples s = l.samples();
    assertEquals(4321, s.size()); // README
    assertEquals(77, sum(s.labels())); // README: buy 77
    assertEquals(190 + 128 + 77, sum(Loaders.taobaoUserBehavior(f, Set.of("cart", "fav", "buy")).labels()));
    Schema sc = s.schema();
    assertEquals(Optional.of("user_id"), sc.column(Role.USER));
    assertEquals(Optional.of("item_id"), sc.column(Role.ITEM));
    assertEquals(Optional.of("timestamp"), sc.column(Role.TIMESTAMP));
    assertEquals(List.of("user_id", "item_id", "category_id"), sc.categorical());
    assertTrue(sc.ignored().contains("behavior_type"));
    assertEquals("pv", s.strings("behavior_type")[0]);
    assertEquals(43, new java.util.HashSet<>(List.of(s.strings("user_id"))).size()); // README: 43 users
    assertEquals(1511544070.0, s.doubles("timestamp")[0]); // first official line
  }

  @Test
  void openBanditRandomAndBts() throws IOException {
    Path random = SharedData.file("open_bandit_dataset_zozotown/random/men.csv");
    Path bts = SharedData.file("open_bandit_dataset_zozotown/bts/men.csv");
    Loaded r = Loaders.readOpenBandit(random, null, MissingValues.KEEP);
    Samples s = r.samples();
    assertEquals(10_000, s.size());
    assertEquals(46, sum(s.labels())); // README
    assertEquals(69, sum(Loaders.openBandit(bts).labels())); // README
    Schema sc = s.schema();
    assertEquals("click", sc.label());
    assertEquals(Optional.of("position"), sc.column(Role.POSITION));
    assertEquals(Optional.of("timestamp"), sc.column(Role.TIMESTAMP));
    assertEquals(Optional.of("item_id"), sc.column(Role.ITEM));
    assertTrue(sc.ignored().contains("propensity"));
    assertTrue(sc.ignored().contains("index"));
    assertEquals(List.of("item_id", "user_feature_0", "user_feature_1", "user_feature_2", "user_feature_3"),
        sc.categorical());
    assertEquals(range("user-item_affinity_", 0, 33), sc.numeric());
    // uniform random policy: propensity 1/34 on every row (README)
    for (double p : s.doubles("propensity")) {
      assertEquals(1.0 / 34, p, 1e-12);
    }
    // positions 1..3 and timestamps in 2019-11-24 .. 2019-11-30 (epoch ms)
    for (double p : s.doubles("position")) {
      assertTrue(p >= 1 && p <= 3);
    }
    long from = java.time.Instant.parse("2019-11-24T00:00:00Z").toEpochMilli();
    long to = java.time.Instant.parse("2019-12-01T00:00:00Z").toEpochMilli();
    double[] ts = s.doubles("timestamp");
    for (double t : ts) {
      assertTrue(t >= from && t < to, "timestamp " + t);
    }
    // first row: 2019-11-24 00:03:13.442536+00:00
    assertEquals(java.time.Instant.parse("2019-11-24T00:03:13.442Z").toEpochMilli(), (long) ts[0]);
    assertEquals(0, r.report().totalMissing());
    // the propensity column against the naive reader
    List<String[]> ref = naive(random, ",", true);
    double[] prop = s.doubles("propensity");
    for (int i = 0; i < ref.size(); i++) {
      assertEquals(Double.parseDouble(ref.get(i)[5]), prop[i]);
    }
  }

  @Test
  void openBanditWithItemContext() throws IOException {
    Path bts = SharedData.file("open_bandit_dataset_zozotown/bts/men.csv");
    Path ctx = SharedData.file("open_bandit_dataset_zozotown/bts/item_context_men.csv");
    Loaded l = Loaders.readOpenBandit(bts, ctx, MissingValues.KEEP);
    Samples s = l.samples();
    assertEquals(10_000, s.size());
    assertEquals(69, sum(s.labels()));
    assertTrue(s.schema().numeric().contains("item_feature_0"));
    assertTrue(s.schema().categorical().containsAll(List.of("item_feature_1", "item_feature_2", "item_feature_3")));
    assertEquals(0, l.report().missing("item_feature_1")); // all 34 items are in the context file
    // the joined value equals the context file's row for that item (naive lookup)
    Map<String, String[]> byItem = new LinkedHashMap<>();
    for (String[] r : naive(ctx, ",", true)) {
      byItem.put(r[1], r);
    }
    String[] items = s.strings("item_id");
    double[] f0 = s.doubles("item_feature_0");
    String[] f1 = s.strings("item_feature_1");
    for (int i = 0; i < items.length; i++) {
      assertEquals(Double.parseDouble(byItem.get(items[i])[2]), f0[i]);
      assertEquals(byItem.get(items[i])[3], f1[i]);
    }
  }

  @Test
  void genericCsvOnTaobaoAdAliCcpAndAliExpress() {
    Samples ad = Loaders.csv(SharedData.file("taobao_ad_display_click_tiny/train_sample.csv"));
    assertEquals(100, ad.size());
    assertEquals("clk", ad.schema().label());
    assertEquals(4, sum(ad.labels()));
    assertEquals(Optional.of("time_stamp"), ad.schema().column(Role.TIMESTAMP));
    assertEquals(Optional.of("userid"), ad.schema().column(Role.USER));
    assertEquals(Optional.of("adgroup_id"), ad.schema().column(Role.ITEM));
    assertTrue(ad.schema().numeric().contains("price"));
    assertTrue(ad.schema().categorical().contains("pid"));
    assertEquals(4, sum(Loaders.csv(SharedData.file("taobao_ad_display_click_tiny/valid_sample.csv")).labels()));
    Loaded adl = Loaders.read(SharedData.file("taobao_ad_display_click_tiny/train_sample.csv"), CsvOptions.csv());
    assertTrue(adl.report().missing("pvalue_level") > 0);
    assertEquals("DATETIME", adl.report().types().get("time_stamp"));

    CsvOptions ccp = CsvOptions.csv().label("click").ignore("purchase");
    int[] rows = {100, 50, 50};
    int[] clicks = {7, 3, 2};
    String[] files = {"train", "val", "test"};
    for (int k = 0; k < 3; k++) {
      Samples s = Loaders.csv(SharedData.file("ali_ccp_tiny/ali_ccp_" + files[k] + "_sample.csv"), ccp);
      assertEquals(rows[k], s.size(), files[k]);
      assertEquals(clicks[k], sum(s.labels()), files[k]);
      assertFalse(s.schema().features().contains("purchase"));
      assertEquals(1, sum(s.label("purchase").labels()), files[k]); // README: 1 purchase in each
    }

    CsvOptions ae = CsvOptions.csv().label("click").ignore("conversion");
    Samples train = Loaders.csv(SharedData.file("aliexpress_search_tiny/train.csv"), ae);
    assertEquals(100, train.size());
    assertEquals(3, sum(train.labels()));
    assertEquals(2, sum(train.label("conversion").labels()));
    assertEquals(Optional.of("search_id"), train.schema().column(Role.QUERY));
    assertEquals(51, new java.util.HashSet<>(List.of(train.strings("search_id"))).size()); // README: 51 search pages
    Samples test = Loaders.csv(SharedData.file("aliexpress_search_tiny/test.csv"), ae);
    assertEquals(100, test.size());
    assertEquals(6, sum(test.labels()));
    assertEquals(1, sum(test.label("conversion").labels()));
    assertEquals(63, train.schema().numeric().size());
  }

  @Test
  void genericCsvOnSemicolonAndHeaderlessSessionLogs() throws IOException {
    // Diginetica views: ';'-separated, "NA" user ids are missing, eventdate is a date (the timestamp)
    Path views = SharedData.file("diginetica_cikm2016/sample_train-item-views.csv");
    Loaded d = Loaders.read(views, CsvOptions.csv().delimiter(';'));
    // 12,391 data rows by the naive reader and by Python's csv module (the folder README says 12,390: its count is
    // one short; the last line has no final newline)
    List<String[]> ref = naive(views, ";", true);
    assertEquals(ref.size(), d.samples().size());
    assertEquals(12_391, d.samples().size());
    long na = ref.stream().filter(r -> r[1].equals("NA")).count();
    assertEquals(na, d.report().missing("user_id"));
    assertEquals("INTEGER", d.report().types().get("user_id"));
    assertEquals("DATETIME", d.report().types().get("eventdate"));
    assertEquals(Optional.of("eventdate"), d.samples().schema().column(Role.TIMESTAMP));
    assertEquals(Optional.of("session_id"), d.samples().schema().column(Role.QUERY));
    assertEquals(2986, new java.util.HashSet<>(List.of(d.samples().strings("session_id"))).size()); // README
    assertEquals(null, d.samples().schema().label());

    // YOOCHOOSE clicks: no header, ISO-8601 UTC timestamps with milliseconds
    Path yc = SharedData.file("yoochoose_rsc15_tiny/yoochoose-clicks-sample.dat");
    Loaded y = Loaders.read(yc, CsvOptions.csv().header(false).names("session_id", "time", "item_id", "category")
        .type("category", FieldType.STRING));
    assertEquals(500, y.samples().size()); // README
    assertEquals(125, new java.util.HashSet<>(List.of(y.samples().strings("session_id"))).size()); // README
    assertEquals(java.time.Instant.parse("2014-04-07T10:51:09.277Z").toEpochMilli(),
        (long) y.samples().doubles("time")[0]);
    assertEquals(Optional.of("time"), y.samples().schema().column(Role.TIMESTAMP));
  }
}
