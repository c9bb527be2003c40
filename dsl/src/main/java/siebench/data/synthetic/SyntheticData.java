package siebench.data.synthetic;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import siebench.core.Numerics;
import siebench.data.Samples;
import siebench.data.noise.Corruption;
import siebench.data.noise.Noise;
import siebench.metrics.Metrics;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The output of {@link EcommerceGenerator#generate()}: training samples (with the configured corruption), clean
 * test samples (from the shifted distribution when covariate shift is on) and the ground truth: the world,
 * the examination curve, the relevance intercept and per-row {@code truth_*} columns.
 *
 * <p>Observed columns: {@value #QUERY_ID}, {@value #TIMESTAMP} (epoch seconds), {@value #POSITION} (1 = top),
 * {@value #USER_ID}, {@value #USER_SEGMENT}, {@value #ITEM_ID}, {@value #CATEGORY}, {@value #BRAND}, {@value #QUERY_CATEGORY},
 * {@value #DEVICE}, {@value #HOUR}, {@value #PRICE}, {@value #ITEM_POPULARITY}, {@value #ITEM_RATING}, the label
 * {@value #CLICK} and, when purchases are on, {@value #PURCHASE} (declared ignored so it cannot leak into a
 * click model; use {@code samples().label("purchase")} for conversion models). Ground truth (never
 * features): {@value #TRUTH_RELEVANCE}, {@value #TRUTH_PROPENSITY}, {@value #TRUTH_CLICK_PROB}, {@value
 * #TRUTH_CLEAN_CLICK}, {@value Corruption#TRUTH_CORRUPTED}, {@value Corruption#TRUTH_CORRUPTION}, {@value Corruption#TRUTH_SOURCE_ROW},
 * {@value #TRUTH_FRAUD_ACTOR}, {@value #TRUTH_DENSITY_RATIO} and {@value #TRUTH_PURCHASE_PROB}.
 */
public final class SyntheticData {
  /** Search-session id (the QUERY role): the rows of one result list. */
  public static final String QUERY_ID = "query_id";
  /** Session time in epoch seconds (the TIMESTAMP role); test sessions follow the training days. */
  public static final String TIMESTAMP = "timestamp";
  /** Display position, 1 = top (the POSITION role; a feature only with positionFeature(true)). */
  public static final String POSITION = "position";
  /** User id (the USER role and a categorical feature). */
  public static final String USER_ID = "user_id";
  /** Item id (the ITEM role and a categorical feature). */
  public static final String ITEM_ID = "item_id";
  /** Observed user segment (demographic group), a categorical feature. */
  public static final String USER_SEGMENT = "user_segment";
  /** Item category, a categorical feature. */
  public static final String CATEGORY = "category";
  /** Item brand, a categorical feature. */
  public static final String BRAND = "brand";
  /** The category the user searched for, a categorical feature. */
  public static final String QUERY_CATEGORY = "query_category";
  /** Device of the session: mobile, desktop or app. */
  public static final String DEVICE = "device";
  /** Hour of day of the session, 0..23, a categorical feature. */
  public static final String HOUR = "hour";
  /** Item price, a numeric feature. */
  public static final String PRICE = "price";
  /** Observed log-popularity prior of the item, a numeric feature. */
  public static final String ITEM_POPULARITY = "item_popularity";
  /** 1 for a sponsored item (present only with {@link EcommerceGenerator#sponsored}), a categorical feature. */
  public static final String SPONSORED = "sponsored";
  /** Observed average rating of the item, 1..5, a numeric feature. */
  public static final String ITEM_RATING = "item_rating";
  /** The label: 1 when the result was clicked (after corruption). */
  public static final String CLICK = "click";
  /** 1 when the clicked item was bought; ignored as a feature. */
  public static final String PURCHASE = "purchase";
  /** True relevance {@code P(click | examined)}. */
  public static final String TRUTH_RELEVANCE = "truth_relevance";
  /** True examination probability of the row's display position. */
  public static final String TRUTH_PROPENSITY = "truth_propensity";
  /** True click probability, relevance times propensity. */
  public static final String TRUTH_CLICK_PROB = "truth_click_prob";
  /** The click drawn from the click model before any corruption. */
  public static final String TRUTH_CLEAN_CLICK = "truth_clean_click";
  /** 1 when the row's user or item is a fraud actor (the target of most fake clicks). */
  public static final String TRUTH_FRAUD_ACTOR = "truth_fraud_actor";
  /** Exact density ratio test/train of the row's covariates (1 without covariate shift). */
  public static final String TRUTH_DENSITY_RATIO = "truth_density_ratio";
  /** True purchase probability given a click. */
  public static final String TRUTH_PURCHASE_PROB = "truth_purchase_prob";

  private final EcommerceWorld world;
  private final PositionBias bias;
  private final double intercept;
  private final Samples train;
  private final Samples test;
  private final Map<Corruption, Integer> corruptionCounts;
  private final Map<String, Integer> corruptionLabelCounts;
  private final double corruptionRate;
  private final Map<String, Object> parameters;
  private final long generationMillis;

  SyntheticData(EcommerceWorld world, PositionBias bias, double intercept, RowBuffer train, RowBuffer test,
      boolean purchases, boolean positionFeature, Map<String, Object> parameters, long startNanos,
      Noise noise, long noiseSeed) {
    this.world = world;
    this.bias = bias;
    this.intercept = intercept;
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    Samples s = samples(table("synthetic-ecommerce train", train, 0, purchases), purchases, positionFeature);
    long firstTestId = train.size;
    if (noise != null) {
      s = noise.inject(s, noiseSeed);
      firstTestId = Math.max(firstTestId, maxRowId(s) + 1); // duplicated sessions add row ids
    }
    this.train = s;
    this.test = test == null ? null
        : samples(table("synthetic-ecommerce test", test, firstTestId, purchases), purchases, positionFeature);
    // the counts are read back from the final ground truth, so that they include the injected noise
    EnumMap<Corruption, Integer> counts = new EnumMap<>(Corruption.class);
    Map<String, Integer> labels = new LinkedHashMap<>();
    for (Corruption c : Corruption.values()) {
      counts.put(c, 0);
      labels.put(c.label(), 0);
    }
    for (String label : s.strings(Corruption.TRUTH_CORRUPTION)) {
      labels.merge(label, 1, Integer::sum);
    }
    for (Corruption c : Corruption.values()) {
      counts.put(c, labels.get(c.label()));
    }
    this.corruptionCounts = Collections.unmodifiableMap(counts);
    this.corruptionLabelCounts = Collections.unmodifiableMap(labels);
    this.corruptionRate = s.size() == 0 ? 0 : mean(s.doubles(Corruption.TRUTH_CORRUPTED));
    this.generationMillis = (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static long maxRowId(Samples s) {
    long max = -1;
    for (long id : s.rowIds()) {
      max = Math.max(max, id);
    }
    return max;
  }

  private Table table(String name, RowBuffer b, long firstRowId, boolean purchases) {
    int n = b.size;
    long[] rowId = new long[n];
    int[] segment = new int[n];
    int[] category = new int[n];
    int[] brand = new int[n];
    String[] device = new String[n];
    String[] corruption = new String[n];
    int[] corrupted = new int[n];
    long[] source = new long[n];
    int[] fraud = new int[n];
    Corruption[] kinds = Corruption.values();
    for (int i = 0; i < n; i++) {
      rowId[i] = firstRowId + i;
      segment[i] = world.userSegment[b.user[i]];
      category[i] = world.itemCategory[b.item[i]];
      brand[i] = world.itemBrand[b.item[i]];
      device[i] = EcommerceWorld.DEVICES[b.device[i]];
      corruption[i] = kinds[b.corruption[i]].label();
      corrupted[i] = b.corruption[i] == 0 ? 0 : 1;
      source[i] = b.source[i] < 0 ? -1 : firstRowId + b.source[i];
      fraud[i] = world.fraudUser[b.user[i]] || world.fraudItem[b.item[i]] ? 1 : 0;
    }
    Table t = Table.create(name,
        LongColumn.create(Samples.ROW_ID, rowId),
        LongColumn.create(QUERY_ID, b.session),
        LongColumn.create(TIMESTAMP, b.timestamp),
        IntColumn.create(POSITION, b.position),
        IntColumn.create(USER_ID, b.user),
        IntColumn.create(USER_SEGMENT, segment),
        IntColumn.create(ITEM_ID, b.item),
        IntColumn.create(CATEGORY, category),
        IntColumn.create(BRAND, brand),
        IntColumn.create(QUERY_CATEGORY, b.queryCategory),
        StringColumn.create(DEVICE, device),
        IntColumn.create(HOUR, b.hour),
        DoubleColumn.create(PRICE, b.price),
        DoubleColumn.create(ITEM_POPULARITY, b.popularity),
        DoubleColumn.create(ITEM_RATING, b.rating),
        IntColumn.create(CLICK, b.click));
    if (anySponsored()) {
      int[] sponsored = new int[b.size];
      for (int i = 0; i < b.size; i++) {
        sponsored[i] = world.sponsoredItem[b.item[i]] ? 1 : 0;
      }
      t.insertColumn(t.columnIndex(CLICK), IntColumn.create(SPONSORED, sponsored));
    }
    if (purchases) {
      t.addColumns(IntColumn.create(PURCHASE, b.purchase));
    }
    t.addColumns(
        DoubleColumn.create(TRUTH_RELEVANCE, b.relevance),
        DoubleColumn.create(TRUTH_PROPENSITY, b.propensity),
        DoubleColumn.create(TRUTH_CLICK_PROB, b.clickProbability),
        IntColumn.create(TRUTH_CLEAN_CLICK, b.cleanClick),
        IntColumn.create(Corruption.TRUTH_CORRUPTED, corrupted),
        StringColumn.create(Corruption.TRUTH_CORRUPTION, corruption),
        LongColumn.create(Corruption.TRUTH_SOURCE_ROW, source),
        IntColumn.create(TRUTH_FRAUD_ACTOR, fraud),
        DoubleColumn.create(TRUTH_DENSITY_RATIO, b.densityRatio));
    if (purchases) {
      t.addColumns(DoubleColumn.create(TRUTH_PURCHASE_PROB, b.purchaseProbability));
    }
    return t;
  }

  private static Samples samples(Table t, boolean purchases, boolean positionFeature) {
    Samples s = Samples.from(t).label(CLICK).user(USER_ID).item(ITEM_ID).query(QUERY_ID).position(POSITION)
        .timestamp(TIMESTAMP)
        .categorical(USER_ID, USER_SEGMENT, ITEM_ID, CATEGORY, BRAND, QUERY_CATEGORY, DEVICE, HOUR)
        .numeric(PRICE, ITEM_POPULARITY, ITEM_RATING);
    if (purchases) {
      s = s.ignore(PURCHASE);
    }
    if (positionFeature) {
      s = s.categorical(POSITION);
    }
    if (t.columnNames().contains(SPONSORED)) {
      s = s.categorical(SPONSORED);
    }
    return s;
  }

  private boolean anySponsored() {
    for (boolean b : world.sponsoredItem) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  /**
   * The training samples, with corruption and {@code truth_*} columns; label {@value #CLICK}. With {@link
   * EcommerceGenerator#noise(Noise)} the noise is injected (once, at generation) after the generator's own
   * corruptions; duplicated sessions then add rows, and the test row ids start after the largest training id.
   */
  public Samples samples() {
    return train;
  }

  /**
   * Clean held-out samples from the test distribution (shifted when covariate shift is on), with row ids
   * after the training ones. Fails when the generator was asked for zero test rows.
   */
  public Samples test() {
    if (test == null) {
      throw new IllegalStateException("no test samples were generated; set testRows(n) with n > 0");
    }
    return test;
  }

  /** The hidden users, items, categories and brands. */
  public EcommerceWorld world() {
    return world;
  }

  /** The true examination model. */
  public PositionBias positionBias() {
    return bias;
  }

  /** The true examination propensity per display position; element 0 is position 1. */
  public double[] propensities() {
    return bias.curve();
  }

  /** The true examination propensity of a 1-based display position. */
  public double propensity(int position) {
    return bias.propensity(position);
  }

  /** The relevance intercept (calibrated when a positive rate was requested). */
  public double intercept() {
    return intercept;
  }

  /**
   * True relevance {@code P(click | examined)} of {@code item} for {@code user} searching {@code
   * queryCategory} at {@code hour} on {@code device} (mobile, desktop or app).
   */
  public double relevance(int user, int item, int queryCategory, int hour, String device) {
    return Numerics.sigmoid(intercept + world.relevanceLogit(user, item, queryCategory, hour, device));
  }

  /**
   * Number of training rows per kind of corruption, read from {@value Corruption#TRUTH_CORRUPTION} (so injected {@link
   * siebench.data.noise.Noise} counts too: its {@code fake_click} and {@code flipped} rows under {@link
   * Corruption#FAKE_CLICK} and {@link Corruption#FLIPPED}, and {@link Corruption#NONE} is the number of clean
   * rows). Noise kinds without a {@link Corruption} (click_fraud, accidental_click, duplicated_session) are
   * counted by {@link #corruptionLabelCounts()} only.
   */
  public Map<Corruption, Integer> corruptionCounts() {
    return corruptionCounts;
  }

  /**
   * Number of training rows per {@value Corruption#TRUTH_CORRUPTION} label, every kind included: the {@link Corruption}
   * labels first (also when 0), then the labels of injected noise.
   */
  public Map<String, Integer> corruptionLabelCounts() {
    return corruptionLabelCounts;
  }

  /** Fraction of training rows that are corrupted ({@value Corruption#TRUTH_CORRUPTED} = 1), injected noise included. */
  public double corruptionRate() {
    return corruptionRate;
  }

  /** Observed click rate of the training samples (after corruption). */
  public double positiveRate() {
    return mean(train.doubles(CLICK));
  }

  /**
   * Key figures of the generated data as a two-column table (figure, value): sizes, observed and expected
   * positive rates, corruption counts, and the AUC of the true click probability against the observed clicks
   * (the ceiling any click model can reach) on the training and test samples.
   */
  public Table summary() {
    StringColumn name = StringColumn.create("figure");
    DoubleColumn value = DoubleColumn.create("value");
    java.util.function.BiConsumer<String, Double> add = (k, v) -> {
      name.append(k);
      value.append(v);
    };
    add.accept("train rows", (double) train.size());
    add.accept("test rows", test == null ? 0.0 : test.size());
    add.accept("train positive rate", positiveRate());
    add.accept("train expected clean positive rate", mean(train.doubles(TRUTH_CLICK_PROB)));
    add.accept("relevance intercept", intercept);
    for (Map.Entry<String, Integer> e : corruptionLabelCounts.entrySet()) {
      add.accept("rows " + e.getKey(), (double) e.getValue());
    }
    add.accept("train AUC of truth_click_prob", Metrics.auc(train.labels(), train.doubles(TRUTH_CLICK_PROB)));
    if (test != null) {
      add.accept("test positive rate", mean(test.doubles(CLICK)));
      add.accept("test AUC of truth_click_prob", Metrics.auc(test.labels(), test.doubles(TRUTH_CLICK_PROB)));
    }
    add.accept("generation ms", (double) generationMillis);
    return Table.create("synthetic e-commerce summary", name, value);
  }

  /** The generator's settings, for reports. */
  public Map<String, Object> parameters() {
    return parameters;
  }

  /** Wall time of {@link EcommerceGenerator#generate()} in milliseconds. */
  public long generationMillis() {
    return generationMillis;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return x.length == 0 ? Double.NaN : s / x.length;
  }

  @Override
  public String toString() {
    return String.format("SyntheticData[%d train rows, %s test rows, positive rate %.4f, corrupted %.2f%%, %s, "
            + "generated in %d ms]", train.size(), test == null ? "no" : String.valueOf(test.size()),
        positiveRate(), 100 * corruptionRate(), bias, generationMillis);
  }
}
