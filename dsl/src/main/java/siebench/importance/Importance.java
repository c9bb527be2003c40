package siebench.importance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import siebench.core.Numerics;
import siebench.data.RowImportance;
import siebench.data.Samples;
import siebench.metrics.Ranks;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * One importance score per training row, keyed by the stable {@link Samples#ROW_ID row id}, plus what it cost
 * to compute. Immutable.
 *
 * <p><b>Orientation contract.</b> Every importance states what a higher score means ({@link #meaning()}):
 * {@link Meaning#VALUE} (data valuation: higher = more valuable, corrupted rows score low), {@link
 * Meaning#HARDNESS} (GraNd, EL2N, loss, forgetting: higher = harder, where mislabeled rows concentrate) or
 * {@link Meaning#WEIGHT} (IPS, density ratios: the scores are weights already). Every action reads the scores
 * through that meaning, by one path: {@link #suspicion()} orders the rows from most suspicious to most
 * valuable, {@link #mostSuspicious(double)} and {@link #mostValuable(double)} select by it, and {@link
 * #toWeights(Reweighting)} gives suspicious rows the smallest weights. {@code Samples.clean}, {@code
 * Samples.prune}, {@code Samples.reweight} and {@code Samples.weightBy} are built on these, so they do the
 * right thing for every estimator; the raw {@link #scores()} are for display and export. {@link #negate()}
 * flips the scores and the meaning together, so it changes the view, never the action.
 */
public final class Importance implements RowImportance {
  /** What a high score means. */
  public enum Meaning {
    /** Higher = more valuable to the model (data valuation, proponents); corrupted rows should score low. */
    VALUE,
    /** Higher = harder / more surprising (GraNd, EL2N, loss, forgetting); corrupted rows concentrate high. */
    HARDNESS,
    /**
     * The scores are training weights already (IPS, density ratio, class balance): {@link #toWeights()} only
     * normalizes them to mean 1 and clips; a low weight reads as suspicious.
     */
    WEIGHT
  }

  private final String estimator;
  private final Map<String, Object> parameters;
  private final long[] rowIds;
  private final double[] scores;
  private final Cost cost;
  private final Meaning meaning;

  /**
   * What an estimate cost: wall time, peak heap growth while it ran, how many models were trained and how
   * many per-sample gradient (or loss) evaluations were made.
   */
  public record Cost(long wallMillis, long peakMemoryBytes, int trainings, long gradientEvaluations) {
    public static final Cost NONE = new Cost(0, 0, 0, 0);

    /** What {@code meter} measured so far: wall time, peak heap growth, trainings and evaluations. */
    public static Cost of(siebench.core.CostMeter meter) {
      long peakGrowth = meter.peakHeapGrowthBytes();
      return new Cost(meter.wallMillis(), peakGrowth, meter.trainings(), meter.evaluations());
    }
  }

  public Importance(String estimator, Map<String, Object> parameters, long[] rowIds, double[] scores, Cost cost) {
    this(estimator, parameters, rowIds, scores, cost, Meaning.VALUE);
  }

  public Importance(String estimator, Map<String, Object> parameters, long[] rowIds, double[] scores, Cost cost,
      Meaning meaning) {
    if (rowIds.length != scores.length) {
      throw new IllegalArgumentException(rowIds.length + " row ids but " + scores.length + " scores");
    }
    for (int i = 0; i < scores.length; i++) {
      if (Double.isNaN(scores[i])) {
        throw new IllegalArgumentException(estimator + " produced NaN for row_id " + rowIds[i]);
      }
    }
    java.util.Set<Long> seen = new java.util.HashSet<>(rowIds.length * 2);
    for (long id : rowIds) {
      if (!seen.add(id)) {
        throw new IllegalArgumentException(estimator + " has more than one score for row_id " + id);
      }
    }
    this.estimator = Objects.requireNonNull(estimator);
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    this.rowIds = rowIds.clone();
    this.scores = scores.clone();
    this.cost = Objects.requireNonNull(cost);
    this.meaning = Objects.requireNonNull(meaning);
  }

  /** Scores for the rows of {@code samples}, in their order. */
  public static Importance of(String estimator, Samples samples, double[] scores) {
    return new Importance(estimator, Map.of(), samples.rowIds(), scores, Cost.NONE);
  }

  public String estimator() {
    return estimator;
  }

  public Map<String, Object> parameters() {
    return parameters;
  }

  public Cost cost() {
    return cost;
  }

  /** What a high score means. */
  public Meaning meaning() {
    return meaning;
  }

  /** The same scores with another meaning (estimators set it on what they return). */
  public Importance withMeaning(Meaning m) {
    return new Importance(estimator, parameters, rowIds, scores, cost, m);
  }

  /**
   * Suspicion of label noise, in {@link #rowIds()} order: the scores for {@link Meaning#HARDNESS}, their
   * negation otherwise (low value, or low weight, = suspicious). The one orientation every action uses.
   */
  public double[] suspicion() {
    double[] s = scores.clone();
    if (meaning != Meaning.HARDNESS) {
      for (int i = 0; i < s.length; i++) {
        s[i] = -s[i];
      }
    }
    return s;
  }

  public int size() {
    return scores.length;
  }

  public long[] rowIds() {
    return rowIds.clone();
  }

  public double[] scores() {
    return scores.clone();
  }

  /** The same importance with another cost record (used by estimators that time themselves). */
  public Importance withCost(Cost c) {
    return new Importance(estimator, parameters, rowIds, scores, c, meaning);
  }

  /** The same importance with other parameters recorded. */
  public Importance withParameters(Map<String, Object> p) {
    return new Importance(estimator, p, rowIds, scores, cost, meaning);
  }

  /**
   * Flips the sign of the scores and the meaning with it (VALUE and HARDNESS swap; WEIGHT cannot be negated):
   * the same rows stay the most suspicious, so actions are unchanged; only the view (e.g. AUM instead of
   * minus AUM) differs. To act on the opposite reading, use {@link #withMeaning(Meaning)}. The name gains a
   * leading {@code -} (or loses it, so negating twice gives back the original name).
   */
  public Importance negate() {
    if (meaning == Meaning.WEIGHT) {
      throw new IllegalStateException("'" + estimator + "' holds training weights; negating them would give "
          + "negative weights");
    }
    double[] s = new double[scores.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = -scores[i];
    }
    String name = estimator.startsWith("-") ? estimator.substring(1) : "-" + estimator;
    Meaning m = meaning == Meaning.VALUE ? Meaning.HARDNESS : meaning == Meaning.HARDNESS ? Meaning.VALUE : meaning;
    return new Importance(name, parameters, rowIds, s, cost, m);
  }

  /** Scores in the row order of {@code samples}; fails naming the first row id that has no score. */
  public double[] alignTo(Samples samples) {
    Map<Long, Integer> pos = index();
    long[] ids = samples.rowIds();
    double[] out = new double[ids.length];
    for (int i = 0; i < ids.length; i++) {
      Integer p = pos.get(ids[i]);
      if (p == null) {
        throw new IllegalArgumentException("importance '" + estimator + "' has no score for row_id " + ids[i]
            + " of " + samples.describe());
      }
      out[i] = scores[p];
    }
    return out;
  }

  /**
   * The scores of exactly the rows of {@code samples}, in their order (same estimator, meaning, parameters and
   * cost); fails naming the first row id that has no score. Actions on samples use it, so fractions count the
   * samples' rows.
   */
  public Importance on(Samples samples) {
    return new Importance(estimator, parameters, samples.rowIds(), alignTo(samples), cost, meaning);
  }

  private Map<Long, Integer> index() {
    Map<Long, Integer> pos = new HashMap<>(rowIds.length * 2);
    for (int i = 0; i < rowIds.length; i++) {
      pos.put(rowIds[i], i);
    }
    return pos;
  }

  /** A two-column table: row_id, score. */
  public Table table() {
    return Table.create(estimator, LongColumn.create(Samples.ROW_ID, rowIds),
        DoubleColumn.create("importance", scores));
  }

  /**
   * The original rows joined with their score (column {@code importance}) and rank (column {@code rank}, 1 =
   * highest; tied scores share the best rank of their block, i.e. 1 + the number of rows scored strictly
   * higher). When the table already has a column of that name (e.g. a display position called {@code rank}),
   * the new column gets a numeric suffix ({@code rank_2}, ...) instead; nothing is overwritten.
   */
  public Table joinTo(Samples samples) {
    double[] s = alignTo(samples);
    Table t = samples.table().copy();
    IntColumn rank = IntColumn.create(freeName(t, "rank"), s.length);
    int[] higher = strictlyHigherCounts(s);
    for (int i = 0; i < s.length; i++) {
      rank.set(i, higher[i] + 1);
    }
    t.addColumns(DoubleColumn.create(freeName(t, IMPORTANCE), s), rank);
    return t.setName(estimator + " on " + samples.origin());
  }

  private static final String IMPORTANCE = "importance";

  private static String freeName(Table t, String base) {
    String name = base;
    for (int k = 2; t.columnNames().contains(name); k++) {
      name = base + "_" + k;
    }
    return name;
  }

  private static int[] strictlyHigherCounts(double[] s) {
    Integer[] order = new Integer[s.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
    int[] out = new int[s.length];
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j < order.length && s[order[j]] == s[order[i]]) {
        out[order[j]] = i;
        j++;
      }
      i = j;
    }
    return out;
  }

  /**
   * The k most suspicious rows of {@code samples} (by {@link #suspicion()}: highest hardness, lowest value or
   * lowest weight), most suspicious first, joined with their score and rank as in {@link #joinTo}.
   */
  public Table mostSuspicious(Samples samples, int k) {
    return ordered(samples, k, bySuspicion());
  }

  /** The k most valuable (least suspicious) rows of {@code samples}, most valuable first. */
  public Table mostValuable(Samples samples, int k) {
    long[] ranked = bySuspicion();
    long[] reversed = new long[ranked.length];
    for (int i = 0; i < ranked.length; i++) {
      reversed[i] = ranked[ranked.length - 1 - i];
    }
    return ordered(samples, k, reversed);
  }

  private Table ordered(Samples samples, int k, long[] rankedIds) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, got " + k);
    }
    Table joined = joinTo(samples);
    Map<Long, Integer> pos = new HashMap<>();
    long[] ids = samples.rowIds();
    for (int i = 0; i < ids.length; i++) {
      pos.put(ids[i], i);
    }
    int[] rows = new int[Math.min(k, ids.length)];
    int n = 0;
    for (int i = 0; i < rankedIds.length && n < rows.length; i++) {
      Integer p = pos.get(rankedIds[i]);
      if (p != null) {
        rows[n++] = p;
      }
    }
    Table out = Table.create(joined.name());
    int[] keep = Arrays.copyOf(rows, n);
    for (tech.tablesaw.columns.Column<?> c : joined.columns()) {
      out.addColumns(c.subset(keep)); // Table.rows(...) would lose the order
    }
    return out;
  }

  /**
   * Row ids from the most suspicious to the most valuable (descending {@link #suspicion()}; ties broken by
   * ascending row id, so the order is deterministic).
   */
  public long[] bySuspicion() {
    double[] susp = suspicion();
    Integer[] order = new Integer[susp.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Double.compare(susp[b], susp[a]);
      return c != 0 ? c : Long.compare(rowIds[a], rowIds[b]);
    });
    long[] out = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = rowIds[order[i]];
    }
    return out;
  }

  /** A histogram of the scores: {@code bins} equal-width bins with columns from, to, count. */
  public Table histogram(int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    double min = Arrays.stream(scores).min().orElse(0);
    double max = Arrays.stream(scores).max().orElse(0);
    double width = max > min ? (max - min) / bins : 1;
    int[] counts = new int[bins];
    for (double s : scores) {
      counts[Math.min(bins - 1, (int) ((s - min) / width))]++;
    }
    DoubleColumn from = DoubleColumn.create("from", bins);
    DoubleColumn to = DoubleColumn.create("to", bins);
    IntColumn count = IntColumn.create("count", counts);
    for (int b = 0; b < bins; b++) {
      from.set(b, min + b * width);
      to.set(b, min + (b + 1) * width);
    }
    return Table.create(estimator + " histogram", from, to, count);
  }

  /** Spearman rank correlation with another importance over the row ids both contain. */
  public double spearman(Importance other) {
    Map<Long, Integer> pos = other.index();
    List<double[]> pairs = new ArrayList<>();
    for (int i = 0; i < rowIds.length; i++) {
      Integer p = pos.get(rowIds[i]);
      if (p != null) {
        pairs.add(new double[] {scores[i], other.scores[p]});
      }
    }
    double[] a = new double[pairs.size()];
    double[] b = new double[pairs.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = pairs.get(i)[0];
      b[i] = pairs.get(i)[1];
    }
    return Ranks.spearman(a, b);
  }

  /** Training weights with {@link Reweighting#defaults()}: soft cleaning of the most suspicious 10%, mean 1. */
  public Importance toWeights() {
    return toWeights(Reweighting.defaults());
  }

  /**
   * Training weights, read through the meaning: every scheme first gives each row a log-weight {@code a} that
   * falls as its {@link #suspicion()} rises ({@link Reweighting.Scheme#SOFT_CLEANING}: {@code log sigmoid((1 -
   * share - q) / temperature)} with {@code q} the suspicion quantile, mid-rank for ties; {@link
   * Reweighting.Scheme#SOFTMAX}: minus the standardized suspicion over the temperature; {@link Meaning#WEIGHT}
   * scores: {@code log(score)}, whatever the scheme). The weights are {@code clip(exp(a + t), min, max)} with
   * the single shift {@code t} chosen so that they have mean exactly 1 (it exists because {@code min <= 1 <=
   * max}; found by bisection, then the unclipped weights are rescaled to close the last rounding gap). Weights
   * are therefore non-increasing in suspicion, equal for equal scores, within the bounds and of mean 1.
   * Constant scores give all-ones weights. Infinite scores are rejected (naming the row id).
   */
  public Importance toWeights(Reweighting o) {
    int n = scores.length;
    for (int i = 0; i < n; i++) {
      if (Double.isInfinite(scores[i])) {
        throw new IllegalArgumentException("cannot turn '" + estimator + "' into weights: row_id " + rowIds[i]
            + " has score " + scores[i]);
      }
      if (meaning == Meaning.WEIGHT && !(scores[i] >= 0)) {
        throw new IllegalStateException(estimator + " gave a negative weight " + scores[i] + " for row_id "
            + rowIds[i]);
      }
    }
    double[] w = new double[n];
    double[] a = meaning == Meaning.WEIGHT ? logWeights() : o.scheme() == Reweighting.Scheme.SOFTMAX
        ? softmaxLogits(o.temperature()) : softCleaningLogits(o.share(), o.temperature());
    if (a == null) {
      Arrays.fill(w, 1); // constant scores: nothing to prefer
    } else {
      meanOneClipped(a, o.min(), o.max(), w);
    }
    Map<String, Object> p = new LinkedHashMap<>(parameters);
    p.put("weights", meaning == Meaning.WEIGHT ? "as given, [" + o.min() + ", " + o.max() + "]" : o.describe());
    return new Importance(estimator + ":weights", p, rowIds, w, cost, Meaning.WEIGHT);
  }

  private double[] logWeights() {
    double[] a = new double[scores.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.log(Math.max(scores[i], 1e-300));
    }
    return a;
  }

  /** Minus the standardized suspicion over {@code temperature}; null for constant scores. */
  private double[] softmaxLogits(double temperature) {
    double[] susp = suspicion();
    int n = susp.length;
    double mean = Arrays.stream(susp).average().orElse(0);
    double var = 0;
    for (double s : susp) {
      var += (s - mean) * (s - mean);
    }
    double sd = Math.sqrt(var / Math.max(1, n));
    if (sd == 0 || n == 0) {
      return null;
    }
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = -(susp[i] - mean) / sd / temperature;
    }
    return a;
  }

  /** {@code log sigmoid((1 - share - q) / temperature)}, q = mid-rank suspicion quantile; null if constant. */
  private double[] softCleaningLogits(double share, double temperature) {
    double[] susp = suspicion();
    int n = susp.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(susp[x], susp[y]));
    if (n == 0 || susp[order[0]] == susp[order[n - 1]]) {
      return null;
    }
    double[] a = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j < n && susp[order[j]] == susp[order[i]]) {
        j++;
      }
      double q = (i + j) / 2.0 / n; // the tie block's mid-rank, as a quantile in (0, 1)
      double z = (1 - share - q) / temperature;
      double logSigmoid = Numerics.logSigmoid(z);
      for (int k = i; k < j; k++) {
        a[order[k]] = logSigmoid;
      }
      i = j;
    }
    return a;
  }

  /** Fills {@code w} with {@code clip(exp(a + t), min, max)}, the shift t chosen so that the mean is 1. */
  private static void meanOneClipped(double[] a, double min, double max, double[] w) {
    int n = a.length;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : a) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    // at tHigh every exp(a + t) is >= 1, so (max >= 1) the clipped mean is >= 1; at tLow all are <= 1 and
    // (min <= 1) the clipped mean is <= 1
    double tHigh = -lo;
    double tLow = -hi;
    for (int it = 0; it < 2000 && tHigh - tLow > 0; it++) {
      double mid = 0.5 * (tLow + tHigh);
      if (mid <= tLow || mid >= tHigh) {
        break;
      }
      if (clippedMean(a, mid, min, max, w) < 1) {
        tLow = mid;
      } else {
        tHigh = mid;
      }
    }
    clippedMean(a, tHigh, min, max, w);
    // rescale the free (unclipped) weights so that the mean is 1 up to rounding
    double clippedSum = 0;
    double freeSum = 0;
    for (double v : w) {
      if (v > min && v < max) {
        freeSum += v;
      } else {
        clippedSum += v;
      }
    }
    if (freeSum > 0) {
      double f = (n - clippedSum) / freeSum;
      for (int i = 0; i < n; i++) {
        if (w[i] > min && w[i] < max) {
          w[i] = Math.min(max, Math.max(min, w[i] * f));
        }
      }
    }
  }

  /** Fills {@code w} with {@code clip(exp(a + t))} and returns its mean. */
  private static double clippedMean(double[] a, double t, double min, double max, double[] w) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      w[i] = Math.min(max, Math.max(min, Math.exp(a[i] + t)));
      sum += w[i];
    }
    return sum / a.length;
  }

  /** Cleaning: {@code samples} without its {@link #mostSuspicious(double) most suspicious} {@code fraction}. */
  @Override
  public Samples withoutMostSuspicious(Samples samples, double fraction) {
    return on(samples).mostSuspicious(fraction).remove(samples);
  }

  /** Pruning: the {@link #mostValuable(double) most valuable} {@code keptFraction} of {@code samples}. */
  @Override
  public Samples keepMostValuable(Samples samples, double keptFraction) {
    return PruningStrategy.KEEP_VALUABLE.prune(samples, this, keptFraction);
  }

  /** The {@link #toWeights() default training weights} of {@code samples}' rows. */
  @Override
  public double[] trainingWeights(Samples samples) {
    return on(samples).toWeights().scores();
  }

  /**
   * The {@code round(fraction * size())} most suspicious rows (by {@link #bySuspicion()}): what cleaning
   * removes, and what Data Diet's "keep the hardest" pruning keeps.
   */
  public RowSelection mostSuspicious(double fraction) {
    return new RowSelection(Arrays.copyOf(bySuspicion(), count(fraction)));
  }

  /** The {@code round(fraction * size())} most valuable (least suspicious) rows: what pruning keeps. */
  public RowSelection mostValuable(double fraction) {
    long[] ranked = bySuspicion();
    int k = count(fraction);
    return new RowSelection(Arrays.copyOfRange(ranked, ranked.length - k, ranked.length));
  }

  private int count(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in [0, 1], got " + fraction);
    }
    return (int) Math.round(fraction * scores.length);
  }

  /**
   * Writes {@code row_id,importance} with the estimator name, parameters ({@code # key=value}, values as text;
   * backslash, line breaks and {@code =} in keys escaped so every entry stays on its line) and cost as
   * {@code #} comment lines. Scores are written in full precision and read back exactly.
   */
  public void save(Path file) {
    StringBuilder sb = new StringBuilder();
    sb.append("# estimator=").append(escape(estimator)).append('\n');
    sb.append("# meaning=").append(meaning).append('\n');
    parameters.forEach((k, v) -> sb.append("# ").append(escape(k).replace("=", "\\e")).append('=')
        .append(escape(String.valueOf(v))).append('\n'));
    sb.append("# cost=").append(cost.wallMillis()).append(',').append(cost.peakMemoryBytes()).append(',')
        .append(cost.trainings()).append(',').append(cost.gradientEvaluations()).append('\n');
    sb.append(Samples.ROW_ID).append(",importance\n");
    for (int i = 0; i < scores.length; i++) {
      sb.append(rowIds[i]).append(',').append(Double.toString(scores[i])).append('\n');
    }
    try {
      Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Reads a file written by {@link #save(Path)}: {@code #} comment lines (of which {@code # estimator=},
   * {@code # cost=} and {@code # key=value} are read back; parameter values come back as strings), blank
   * lines, the header {@code row_id,importance}, then one {@code id,score} line per row. Errors name the file,
   * the line (and the field) and what was expected; a row id given twice is an error.
   */
  public static Importance load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String name = file.getFileName().toString();
    Map<String, Object> params = new LinkedHashMap<>();
    Cost cost = Cost.NONE;
    Meaning meaning = Meaning.VALUE;
    List<Long> ids = new ArrayList<>();
    List<Double> vals = new ArrayList<>();
    Map<Long, Integer> lineOf = new HashMap<>();
    boolean header = false;
    for (int ln = 1; ln <= lines.size(); ln++) {
      String line = lines.get(ln - 1);
      if (line.startsWith("#")) {
        String kv = line.substring(1).stripLeading();
        int eq = kv.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String k = kv.substring(0, eq).trim();
        String v = kv.substring(eq + 1);
        if (k.equals("estimator")) {
          name = unescape(v);
        } else if (k.equals("meaning")) {
          try {
            meaning = Meaning.valueOf(v.trim());
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ":" + ln + ": expected meaning VALUE, HARDNESS or WEIGHT, got '"
                + v + "'");
          }
        } else if (k.equals("cost")) {
          cost = parseCost(file, ln, v);
        } else {
          params.put(unescape(k), unescape(v));
        }
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      if (!header) {
        if (!line.trim().equals(Samples.ROW_ID + ",importance")) {
          throw new IllegalArgumentException(file + ":" + ln + ": expected header 'row_id,importance', got '" + line + "'");
        }
        header = true;
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 2) {
        throw new IllegalArgumentException(file + ":" + ln + ": expected 2 fields (row_id,importance), got " + f.length);
      }
      long id;
      try {
        id = Long.parseLong(f[0].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + ":" + ln + ":1: expected an integer row_id, got '" + f[0] + "'");
      }
      double v;
      try {
        v = Double.parseDouble(f[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + ":" + ln + ":2: expected a number, got '" + f[1] + "'");
      }
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException(file + ":" + ln + ":2: expected a number, got NaN");
      }
      Integer before = lineOf.putIfAbsent(id, ln);
      if (before != null) {
        throw new IllegalArgumentException(file + ":" + ln + ":1: row_id " + id + " already given on line " + before);
      }
      ids.add(id);
      vals.add(v);
    }
    if (!header) {
      throw new IllegalArgumentException(file + ": no 'row_id,importance' header found");
    }
    return new Importance(name, params, ids.stream().mapToLong(Long::longValue).toArray(),
        vals.stream().mapToDouble(Double::doubleValue).toArray(), cost, meaning);
  }

  /** Keeps a metadata value on one line: backslash, newline and carriage return become \\, \n and \r. */
  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String unescape(String v) {
    StringBuilder sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      char d = i + 1 < v.length() ? v.charAt(i + 1) : 0;
      if (c == '\\' && (d == '\\' || d == 'n' || d == 'r' || d == 'e')) {
        sb.append(d == 'n' ? '\n' : d == 'r' ? '\r' : d == 'e' ? '=' : '\\');
        i++;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static Cost parseCost(Path file, int ln, String v) {
    String[] c = v.split(",");
    try {
      if (c.length != 4) {
        throw new NumberFormatException();
      }
      return new Cost(Long.parseLong(c[0].trim()), Long.parseLong(c[1].trim()), Integer.parseInt(c[2].trim()),
          Long.parseLong(c[3].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ":" + ln + ": expected '# cost=wallMillis,peakMemoryBytes,trainings,"
          + "gradientEvaluations' (4 integers), got '" + v + "'");
    }
  }

  @Override
  public String toString() {
    return "Importance[" + estimator + ", " + scores.length + " rows, " + cost.wallMillis() + " ms]";
  }
}
