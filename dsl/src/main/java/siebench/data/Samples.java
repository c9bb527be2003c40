package siebench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * An immutable set of training examples: a Tablesaw {@link Table} plus a {@link Schema} that says which
 * column is the label, which are features and which carry structure (user, item, query, position, time,
 * group, weight).
 *
 * <p>Every row carries a stable id in column {@value #ROW_ID}, assigned once when the samples are first
 * created and kept through splits, subsets and reweighting, so that importance scores can always be joined
 * back to the original rows.
 *
 * <pre>{@code
 * Samples clicks = Samples.from(table).label("click").categorical("brand").numeric("price");
 * Split split = clicks.split(0.8, 7);
 * TrainResult r = split.train().train(ctr().model(deepFm()).epochs(3));
 * }</pre>
 */
public final class Samples {
  /** Name of the stable row-id column. */
  public static final String ROW_ID = "row_id";
  /** Name of the column that {@link #withWeights(double[])} writes. */
  public static final String SAMPLE_WEIGHT = "sample_weight";
  /** Prefix of ground-truth columns (never features), as written by the synthetic generator. */
  public static final String TRUTH_PREFIX = "truth_";

  private static final List<String> LABEL_NAMES =
      List.of("click", "clk", "label", "clicked", "purchase", "conversion", "target", "y");
  private static final Map<Role, List<String>> ROLE_NAMES = Map.of(
      Role.USER, List.of("user_id", "userid", "user", "uid"),
      Role.ITEM, List.of("item_id", "itemid", "movieid", "item", "adgroup_id", "iid"),
      Role.QUERY, List.of("query_id", "queryid", "search_id", "session_id", "sessionid", "qid"),
      Role.POSITION, List.of("position", "pos", "display_position", "rank"),
      Role.TIMESTAMP, List.of("timestamp", "time_stamp", "ts", "time", "event_time"),
      Role.HISTORY, List.of("history", "click_sequence", "hist_item_ids", "item_history", "behavior_sequence"));

  private final Table table;
  private final Schema schema;
  private final String origin;

  private Samples(Table table, Schema schema, String origin) {
    this.table = table;
    this.schema = schema;
    this.origin = origin;
  }

  /**
   * Wraps a table, inferring the schema: a label named like click/clk/label/purchase; user, item, query,
   * position and timestamp columns by their usual names; text and id-like integer columns as categorical,
   * other numbers as numeric; {@code truth_*} columns ignored. Override with {@link #label}, {@link
   * #categorical}, {@link #numeric}, {@link #ignore} and the role setters.
   */
  public static Samples from(Table table) {
    Objects.requireNonNull(table, "table");
    Table t = table;
    if (!t.columnNames().contains(ROW_ID)) {
      t = t.copy();
      LongColumn ids = LongColumn.create(ROW_ID, t.rowCount());
      for (int i = 0; i < t.rowCount(); i++) {
        ids.set(i, i);
      }
      t.insertColumn(0, ids);
    } else if (!(t.column(ROW_ID) instanceof NumericColumn<?>)) {
      throw new IllegalArgumentException(
          "column '" + ROW_ID + "' is reserved for integer row ids but has type " + t.column(ROW_ID).type());
    } else {
      checkRowIds(t);
    }
    return new Samples(t, infer(t), t.name());
  }

  /** An existing row-id column must hold distinct, non-missing integers: they identify rows for importance. */
  private static void checkRowIds(Table t) {
    NumericColumn<?> c = (NumericColumn<?>) t.column(ROW_ID);
    Map<Long, Integer> seen = new HashMap<>();
    for (int i = 0; i < c.size(); i++) {
      double v = c.isMissing(i) ? Double.NaN : c.getDouble(i);
      if (Double.isNaN(v) || v != Math.rint(v)) {
        throw new IllegalArgumentException("column '" + ROW_ID + "' of " + t.name() + " must hold integer row ids, but"
            + " row " + i + " has " + (c.isMissing(i) ? "<missing>" : c.getString(i)));
      }
      Integer before = seen.putIfAbsent((long) v, i);
      if (before != null) {
        throw new IllegalArgumentException("column '" + ROW_ID + "' of " + t.name() + " must hold distinct row ids,"
            + " but rows " + before + " and " + i + " both have " + (long) v);
      }
    }
  }

  private static Schema infer(Table t) {
    String label = null;
    for (String name : LABEL_NAMES) {
      label = find(t, name);
      if (label != null) {
        break;
      }
    }
    Map<Role, String> roles = new HashMap<>();
    for (Map.Entry<Role, List<String>> e : ROLE_NAMES.entrySet()) {
      for (String name : e.getValue()) {
        String c = find(t, name);
        if (c != null && !c.equals(label)) {
          roles.put(e.getKey(), c);
          break;
        }
      }
    }
    List<String> cat = new ArrayList<>();
    List<String> num = new ArrayList<>();
    List<String> ign = new ArrayList<>();
    for (Column<?> c : t.columns()) {
      String name = c.name();
      if (name.equals(ROW_ID) || name.equals(label) || name.equals(SAMPLE_WEIGHT)) {
        continue;
      }
      if (name.startsWith(TRUTH_PREFIX)) {
        ign.add(name);
        continue;
      }
      if (name.equals(roles.get(Role.QUERY)) || name.equals(roles.get(Role.TIMESTAMP))
          || name.equals(roles.get(Role.POSITION)) || name.equals(roles.get(Role.HISTORY))) {
        continue; // structure, not a feature unless the user says so
      }
      ColumnType type = c.type();
      // equals, not ==: Tablesaw can hold two instances of a column type (class-initialization order)
      if (type.equals(ColumnType.STRING) || type.equals(ColumnType.BOOLEAN)) {
        cat.add(name);
      } else if (type.equals(ColumnType.INTEGER) || type.equals(ColumnType.LONG) || type.equals(ColumnType.SHORT)) {
        if (idLike(name) || roles.containsValue(name)) {
          cat.add(name);
        } else {
          num.add(name);
        }
      } else if (type.equals(ColumnType.DOUBLE) || type.equals(ColumnType.FLOAT)) {
        num.add(name);
      }
      // dates and times are not features by default
    }
    if (t.columnNames().contains(SAMPLE_WEIGHT) && t.column(SAMPLE_WEIGHT) instanceof NumericColumn<?>) {
      roles.put(Role.WEIGHT, SAMPLE_WEIGHT); // written by withWeights: read back as the weight, not dropped
    }
    return new Schema(label, cat, num, roles, Set.copyOf(ign));
  }

  private static boolean idLike(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith("id") || n.endsWith("_id") || n.matches("c\\d+") || n.contains("category")
        || n.contains("brand") || n.endsWith("_cat") || n.startsWith("cat");
  }

  private static String find(Table t, String lowerName) {
    for (String c : t.columnNames()) {
      if (c.toLowerCase(Locale.ROOT).equals(lowerName)) {
        return c;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- schema overrides

  /** Declares the label column (0/1). */
  public Samples label(String column) {
    return with(schema.withLabel(require(column)));
  }

  /** Declares categorical feature columns. */
  public Samples categorical(String... columns) {
    return with(schema.withCategorical(requireAll(columns)));
  }

  /** Declares numeric feature columns. */
  public Samples numeric(String... columns) {
    return with(schema.withNumeric(requireAll(columns)));
  }

  /** Excludes columns from the features. */
  public Samples ignore(String... columns) {
    return with(schema.withIgnored(requireAll(columns)));
  }

  /** Keeps only the given feature columns (in that order); all other features are ignored. */
  public Samples features(String... columns) {
    List<String> keep = requireAll(columns);
    List<String> drop = new ArrayList<>(schema.features());
    drop.removeAll(keep);
    return with(schema.withIgnored(drop));
  }

  /** Sets the user-id column (GAUC group, user splits). */
  public Samples user(String column) {
    return role(Role.USER, column);
  }

  /** Sets the item-id column. */
  public Samples item(String column) {
    return role(Role.ITEM, column);
  }

  /** Sets the query / search-session column. */
  public Samples query(String column) {
    return role(Role.QUERY, column);
  }

  /** Sets the display-position column (1 = top). */
  public Samples position(String column) {
    return role(Role.POSITION, column);
  }

  /** Sets the timestamp column (time splits). */
  public Samples timestamp(String column) {
    return role(Role.TIMESTAMP, column);
  }

  /** Sets an explicit group column for per-group metrics. */
  public Samples group(String column) {
    return role(Role.GROUP, column);
  }

  /** Sets the behavior-history column (item ids, oldest first) used by sequence models. */
  public Samples history(String column) {
    return role(Role.HISTORY, column);
  }

  /** Declares an existing per-row training-weight column. */
  public Samples weight(String column) {
    return role(Role.WEIGHT, column);
  }

  /** Declares an existing per-row propensity column (values in (0, 1]; see {@link Role#PROPENSITY}). */
  public Samples propensity(String column) {
    return role(Role.PROPENSITY, column);
  }

  /** Sets any structural role. */
  public Samples role(Role role, String column) {
    return with(schema.withRole(role, column == null ? null : require(column)));
  }

  private Samples with(Schema s) {
    return new Samples(table, s, origin);
  }

  private String require(String column) {
    if (!table.columnNames().contains(column)) {
      throw new IllegalArgumentException("no column '" + column + "' in " + describe()
          + "; columns are " + table.columnNames());
    }
    return column;
  }

  private List<String> requireAll(String... columns) {
    List<String> list = new ArrayList<>();
    for (String c : columns) {
      list.add(require(c));
    }
    return list;
  }

  // ---------------------------------------------------------------- access

  /** The underlying table (including the row-id column). Treat as read-only. */
  public Table table() {
    return table;
  }

  /** The schema. */
  public Schema schema() {
    return schema;
  }

  /** Where these samples came from (file name or generator), for messages. */
  public String origin() {
    return origin;
  }

  /** Number of rows. */
  public int size() {
    return table.rowCount();
  }

  /** Stable row ids, one per row. */
  public long[] rowIds() {
    NumericColumn<?> c = (NumericColumn<?>) table.column(ROW_ID);
    long[] ids = new long[c.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (long) c.getDouble(i);
    }
    return ids;
  }

  /** The labels as 0/1 values; fails with the row id of the first value that is not 0 or 1. */
  public float[] labels() {
    String name = schema.label();
    if (name == null) {
      throw new IllegalStateException("no label column in " + describe()
          + "; declare one with .label(\"click\") (columns: " + table.columnNames() + ")");
    }
    Column<?> c = table.column(name);
    float[] y = new float[c.size()];
    long[] ids = null;
    for (int i = 0; i < y.length; i++) {
      double v;
      if (c.isMissing(i)) {
        v = Double.NaN;
      } else if (c instanceof BooleanColumn b) {
        v = b.get(i) ? 1 : 0;
      } else if (c instanceof NumericColumn<?> n) {
        v = n.getDouble(i);
      } else {
        String s = c.getString(i).trim();
        v = s.equals("1") || s.equalsIgnoreCase("true") ? 1 : s.equals("0") || s.equalsIgnoreCase("false") ? 0
            : Double.NaN;
      }
      if (v != 0 && v != 1) {
        ids = ids == null ? rowIds() : ids;
        throw new IllegalStateException("label column '" + name + "' of " + describe() + " must be 0/1, but row_id "
            + ids[i] + " has '" + (c.isMissing(i) ? "<missing>" : c.getString(i)) + "'");
      }
      y[i] = (float) v;
    }
    return y;
  }

  /** True when a weight column is declared. */
  public boolean hasWeights() {
    return schema.column(Role.WEIGHT).isPresent();
  }

  /** Per-row training weights; all ones when no weight column is declared. */
  public float[] weights() {
    float[] w = new float[size()];
    Optional<String> col = schema.column(Role.WEIGHT);
    if (col.isEmpty()) {
      Arrays.fill(w, 1f);
      return w;
    }
    NumericColumn<?> c = (NumericColumn<?>) table.column(col.get());
    for (int i = 0; i < w.length; i++) {
      double v = c.getDouble(i);
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalStateException("weight column '" + col.get() + "' of " + describe()
            + " must be finite and >= 0, but row_id " + rowIds()[i] + " has " + v);
      }
      w[i] = (float) v;
    }
    return w;
  }

  /**
   * The per-row propensities of the {@link Role#PROPENSITY} column; fails when none is declared, or names the
   * row id of the first value outside (0, 1].
   */
  public double[] propensities() {
    String col = schema.column(Role.PROPENSITY).orElseThrow(() -> new IllegalStateException("no propensity column"
        + " in " + describe() + "; declare one with .propensity(\"col\") (columns: " + table.columnNames() + ")"));
    double[] p = doubles(col);
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] > 0 && p[i] <= 1)) {
        throw new IllegalStateException("propensity column '" + col + "' of " + describe() + " must hold values in "
            + "(0, 1], but row_id " + rowIds()[i] + " has " + p[i]);
      }
    }
    return p;
  }

  /**
   * The same samples with per-row propensities (in row order) in column {@code column}, declared as the
   * {@link Role#PROPENSITY} role; fails when the column exists already or a value is outside (0, 1].
   */
  public Samples withPropensities(String column, double[] propensities) {
    if (propensities.length != size()) {
      throw new IllegalArgumentException("got " + propensities.length + " propensities for " + size() + " rows");
    }
    for (int i = 0; i < propensities.length; i++) {
      if (!(propensities[i] > 0 && propensities[i] <= 1)) {
        throw new IllegalArgumentException("propensity at position " + i + " (row_id " + rowIds()[i] + ") is "
            + propensities[i] + "; propensities must lie in (0, 1]");
      }
    }
    return withColumns(DoubleColumn.create(column, propensities)).propensity(column);
  }

  /** A column as doubles (numbers as they are, booleans as 0/1); missing values are NaN. */
  public double[] doubles(String column) {
    Column<?> c = table.column(require(column));
    double[] out = new double[c.size()];
    for (int i = 0; i < out.length; i++) {
      if (c.isMissing(i)) {
        out[i] = Double.NaN;
      } else if (c instanceof NumericColumn<?> n) {
        out[i] = n.getDouble(i);
      } else if (c instanceof BooleanColumn b) {
        out[i] = b.get(i) ? 1 : 0;
      } else {
        throw new IllegalArgumentException("column '" + column + "' of " + describe() + " is " + c.type()
            + ", expected a number");
      }
    }
    return out;
  }

  /** A column as strings (missing values as null). */
  public String[] strings(String column) {
    Column<?> c = table.column(require(column));
    String[] out = new String[c.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = c.isMissing(i) ? null : c.getString(i);
    }
    return out;
  }

  // ---------------------------------------------------------------- subsets and splits

  /**
   * The rows at the given positions (0-based, in this order), with their row ids kept. A position given twice
   * gives the row twice (with the same row id).
   */
  public Samples rows(int[] positions) {
    return new Samples(subset(table, positions), schema, origin);
  }

  /**
   * The rows of {@code t} at {@code positions}, in that order (Tablesaw's {@code Table.rows} would sort them
   * and drop repeats).
   */
  static Table subset(Table t, int[] positions) {
    int n = t.rowCount();
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] < 0 || positions[i] >= n) {
        throw new IndexOutOfBoundsException("row position " + positions[i] + " (at index " + i + ") is outside 0.."
            + (n - 1) + " of " + (t.name() == null ? "the table" : t.name()));
      }
    }
    Table out = Table.create(t.name());
    for (Column<?> c : t.columns()) {
      out.addColumns(c.subset(positions));
    }
    return out;
  }

  /** Seeded random split: {@code trainFraction} of the rows go to train, the rest to test. */
  public Split split(double trainFraction, long seed) {
    checkFraction(trainFraction);
    int[] perm = permutation(size(), seed);
    int cut = (int) Math.round(trainFraction * size());
    return new Split(rows(Arrays.copyOfRange(perm, 0, cut)), null, rows(Arrays.copyOfRange(perm, cut, size())));
  }

  /** Seeded random three-way split into train, validation and test. */
  public Split split(double trainFraction, double validationFraction, long seed) {
    checkFraction(trainFraction);
    checkFraction(validationFraction);
    if (trainFraction + validationFraction >= 1) {
      throw new IllegalArgumentException("train + validation fractions must be < 1");
    }
    int[] perm = permutation(size(), seed);
    int a = (int) Math.round(trainFraction * size());
    int b = (int) Math.round((trainFraction + validationFraction) * size());
    return new Split(rows(Arrays.copyOfRange(perm, 0, a)), rows(Arrays.copyOfRange(perm, a, b)),
        rows(Arrays.copyOfRange(perm, b, size())));
  }

  /** Time split: the earliest {@code trainFraction} of rows (by the timestamp column) train, the rest test. */
  public Split splitByTime(double trainFraction) {
    checkFraction(trainFraction);
    String col = schema.column(Role.TIMESTAMP).orElseThrow(() -> new IllegalStateException(
        "splitByTime needs a timestamp column; declare one with .timestamp(\"col\")"));
    Column<?> c = table.column(col);
    Integer[] order = new Integer[size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    if (c instanceof NumericColumn<?> n) {
      Arrays.sort(order, (x, y) -> Double.compare(n.getDouble(x), n.getDouble(y)));
    } else {
      Arrays.sort(order, (x, y) -> c.getString(x).compareTo(c.getString(y)));
    }
    int[] idx = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    int cut = (int) Math.round(trainFraction * size());
    return new Split(rows(Arrays.copyOfRange(idx, 0, cut)), null, rows(Arrays.copyOfRange(idx, cut, size())));
  }

  /** User split: a seeded {@code trainFraction} of users go to train; no user appears on both sides. */
  public Split splitByUser(double trainFraction, long seed) {
    String col = schema.column(Role.USER).orElseThrow(() -> new IllegalStateException(
        "splitByUser needs a user column; declare one with .user(\"col\")"));
    return splitByKey(col, trainFraction, seed);
  }

  /** Group split (e.g. by query): no value of {@code column} appears on both sides. */
  public Split splitByKey(String column, double trainFraction, long seed) {
    checkFraction(trainFraction);
    String[] keys = strings(column);
    Map<String, Integer> index = new HashMap<>();
    List<String> distinct = new ArrayList<>();
    for (String k : keys) {
      if (index.putIfAbsent(k, distinct.size()) == null) {
        distinct.add(k);
      }
    }
    int[] perm = permutation(distinct.size(), seed);
    boolean[] inTrain = new boolean[distinct.size()];
    int cut = (int) Math.round(trainFraction * distinct.size());
    for (int i = 0; i < cut; i++) {
      inTrain[perm[i]] = true;
    }
    int[] train = new int[keys.length];
    int[] test = new int[keys.length];
    int nTrain = 0;
    int nTest = 0;
    for (int i = 0; i < keys.length; i++) {
      if (inTrain[index.get(keys[i])]) {
        train[nTrain++] = i;
      } else {
        test[nTest++] = i;
      }
    }
    return new Split(rows(Arrays.copyOf(train, nTrain)), null, rows(Arrays.copyOf(test, nTest)));
  }

  private static void checkFraction(double f) {
    if (!(f > 0 && f < 1)) {
      throw new IllegalArgumentException("fraction must be in (0, 1), got " + f);
    }
  }

  /** A seeded Fisher-Yates permutation of 0..n-1. */
  public static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    Random r = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /**
   * The same samples with other 0/1 labels (in row order), e.g. with injected label noise; the label column is
   * replaced by an integer column of the same name and the schema is kept.
   */
  public Samples withLabels(float[] labels) {
    String name = schema.label();
    if (name == null) {
      throw new IllegalStateException("no label column in " + describe());
    }
    if (labels.length != size()) {
      throw new IllegalArgumentException("got " + labels.length + " labels for " + size() + " rows");
    }
    IntColumn col = IntColumn.create(name, labels.length);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 0f && labels[i] != 1f) {
        throw new IllegalArgumentException("label at row " + i + " is " + labels[i] + "; labels must be 0 or 1");
      }
      col.set(i, (int) labels[i]);
    }
    Table t = table.copy();
    t.replaceColumn(name, col);
    return new Samples(t, schema, origin);
  }

  /**
   * The same samples and schema with extra columns (each as long as the samples; not features until declared
   * with {@link #categorical} or {@link #numeric}). Fails when a column name exists already.
   */
  public Samples withColumns(Column<?>... columns) {
    Table t = table.copy();
    for (Column<?> c : columns) {
      if (t.columnNames().contains(c.name())) {
        throw new IllegalArgumentException("column '" + c.name() + "' exists already in " + describe());
      }
      if (c.size() != size()) {
        throw new IllegalArgumentException("column '" + c.name() + "' has " + c.size() + " values for " + size()
            + " rows");
      }
      t.addColumns(c);
    }
    return new Samples(t, schema, origin);
  }

  // ---------------------------------------------------------------- weights and training

  /**
   * The same samples with per-row training weights (in row order), written to column {@value
   * #SAMPLE_WEIGHT} and declared as the weight role. Weights must be finite and non-negative.
   */
  public Samples withWeights(double[] weights) {
    if (weights.length != size()) {
      throw new IllegalArgumentException("got " + weights.length + " weights for " + size() + " rows");
    }
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("weight at position " + i + " (row_id " + rowIds()[i] + ") is " + weights[i]
            + "; weights must be finite, >= 0");
      }
    }
    Table t = table.copy();
    if (t.columnNames().contains(SAMPLE_WEIGHT)) {
      t.removeColumns(SAMPLE_WEIGHT);
    }
    t.addColumns(DoubleColumn.create(SAMPLE_WEIGHT, weights));
    return new Samples(t, schema.withRole(Role.WEIGHT, SAMPLE_WEIGHT), origin);
  }

  /**
   * Cleaning: the same samples without the {@code round(fraction * size())} rows that {@code importance}
   * considers most suspicious (read through the scores' meaning: low value, high hardness or low weight).
   */
  public Samples clean(RowImportance importance, double fraction) {
    return importance.withoutMostSuspicious(this, fraction);
  }

  /**
   * Cleaning by importance resampling (sampling-importance-resampling, Rubin 1987): keeps each row
   * independently with probability {@code w / max(w)}, where {@code w} are the importance's {@link
   * RowImportance#trainingWeights training weights}. Unlike {@link #clean}, which drops the most suspicious rows
   * outright, it drops rows in proportion to how suspicious they are, so that in a region of the feature space
   * where a third of the clicks are fake, about a third of the clicks go, not all of them. Deterministic for a
   * seed.
   */
  public Samples resample(RowImportance importance, long seed) {
    double[] w = importance.trainingWeights(this);
    double max = Arrays.stream(w).max().orElse(0);
    SplittableRandom r = new SplittableRandom(seed);
    int[] keep = new int[w.length];
    int n = 0;
    for (int i = 0; i < w.length; i++) {
      if (max > 0 && r.nextDouble() * max < w[i]) {
        keep[n++] = i;
      }
    }
    return rows(Arrays.copyOf(keep, n));
  }

  /**
   * Data pruning: keeps the {@code round(keptFraction * size())} most valuable rows. Other strategies (Data
   * Diet's "keep the hardest") are {@code siebench.importance.PruningStrategy#prune}.
   */
  public Samples prune(RowImportance importance, double keptFraction) {
    return importance.keepMostValuable(this, keptFraction);
  }

  /**
   * The same samples with training weights from {@code importance} (the most suspicious rows down-weighted,
   * mean 1). Other weighting schemes are {@code siebench.importance.Reweighting#reweight}.
   */
  public Samples reweight(RowImportance importance) {
    return withWeights(importance.trainingWeights(this));
  }

  /** Estimates importance with {@code estimator} on these samples and returns them {@link #reweight reweighted}. */
  public Samples weightBy(RowScorer<?> estimator) {
    return reweight(estimator.estimate(this));
  }

  /** Estimates the importance of every row with {@code estimator}. */
  public <S extends RowImportance> S importance(RowScorer<S> estimator) {
    return estimator.estimate(this);
  }

  /** Fits {@code task} on these samples, e.g. {@code train(ctr())} (the task splits off its own validation rows). */
  public <R> R train(Learner<R> task) {
    return task.fit(this);
  }

  /** Human-readable origin and size, for messages. */
  public String describe() {
    return (origin == null || origin.isEmpty() ? "samples" : origin) + " (" + size() + " rows)";
  }

  @Override
  public String toString() {
    return "Samples[" + describe() + ", " + schema + "]";
  }
}
