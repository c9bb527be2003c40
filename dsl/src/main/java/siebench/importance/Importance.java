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
 * <p><b>Sign convention.</b> Unless the producing estimator says otherwise in its Javadoc, a higher score
 * means a more valuable (or more influential) sample; for "hardness" estimators such as GraNd, EL2N and loss,
 * higher means harder / more informative, which is also where mislabeled rows concentrate. {@link #negate()}
 * flips the view. {@link #meaning()} records which reading applies, so that protocols and {@link #toWeights()}
 * treat the scores the right way round.
 */
public final class Importance {
  /** What a high score means. */
  public enum Meaning {
    /** Higher = more valuable to the model (data valuation, proponents); corrupted rows should score low. */
    VALUE,
    /** Higher = harder / more surprising (GraNd, EL2N, loss, forgetting); corrupted rows concentrate high. */
    HARDNESS,
    /**
     * The scores are training weights already (IPS, density ratio, class balance): {@link #toWeights()} only
     * normalizes them to mean 1 and clips, without the softmax transform.
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
   * Suspicion of label noise: the scores for {@link Meaning#HARDNESS}, their negation otherwise (low value =
   * suspicious).
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

  /** Flips the sign: the lowest-valued rows become the highest. */
  public Importance negate() {
    double[] s = new double[scores.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = -scores[i];
    }
    Meaning m = meaning == Meaning.VALUE ? Meaning.HARDNESS : meaning == Meaning.HARDNESS ? Meaning.VALUE : meaning;
    return new Importance("-" + estimator, parameters, rowIds, s, cost, m);
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

  /** The original rows joined with their score (column {@code importance}) and rank (1 = highest). */
  public Table joinTo(Samples samples) {
    double[] s = alignTo(samples);
    double[] r = Ranks.ranks(s);
    IntColumn rank = IntColumn.create("rank", s.length);
    for (int i = 0; i < s.length; i++) {
      rank.set(i, (int) Math.round(s.length + 1 - r[i]));
    }
    Table t = samples.table().copy();
    t.addColumns(DoubleColumn.create("importance", s), rank);
    return t.setName(estimator + " on " + samples.origin());
  }

  /** The k highest-scored rows of {@code samples}, best first. */
  public Table top(Samples samples, int k) {
    Table t = joinTo(samples).sortDescendingOn("importance");
    return t.first(Math.min(k, t.rowCount()));
  }

  /** The k lowest-scored rows of {@code samples}, worst first. */
  public Table bottom(Samples samples, int k) {
    Table t = joinTo(samples).sortAscendingOn("importance");
    return t.first(Math.min(k, t.rowCount()));
  }

  /** Row ids ordered by score, highest first (ties broken by row id, so the order is deterministic). */
  public long[] rankedRowIds() {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Double.compare(scores[b], scores[a]);
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

  /** Training weights with the defaults of {@link WeightOptions}: mean 1, temperature 1, clipped to [0.1, 10]. */
  public Importance toWeights() {
    return toWeights(WeightOptions.defaults());
  }

  /**
   * Training weights: standardized scores are passed through {@code exp(z / temperature)}, clipped to the
   * option's range relative to the mean, and normalized to mean 1. Scores that are weights already ({@link
   * Meaning#WEIGHT}) are only clipped and normalized. A temperature near 0 approaches hard
   * selection; a large one approaches uniform weights.
   */
  public Importance toWeights(WeightOptions o) {
    int n = scores.length;
    double mean = Arrays.stream(scores).average().orElse(0);
    double var = 0;
    for (double s : scores) {
      var += (s - mean) * (s - mean);
    }
    double sd = Math.sqrt(var / Math.max(1, n));
    double[] w = new double[n];
    if (meaning == Meaning.WEIGHT) {
      for (int i = 0; i < n; i++) {
        if (scores[i] < 0) {
          throw new IllegalStateException(estimator + " gave a negative weight " + scores[i] + " for row_id "
              + rowIds[i]);
        }
        w[i] = scores[i];
      }
      clipAndNormalize(w, o);
    } else if (sd == 0) {
      Arrays.fill(w, 1);
    } else {
      double maxZ = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        w[i] = (scores[i] - mean) / sd / o.temperature();
        maxZ = Math.max(maxZ, w[i]);
      }
      for (int i = 0; i < n; i++) {
        w[i] = Math.exp(w[i] - maxZ);
      }
      clipAndNormalize(w, o);
    }
    Map<String, Object> p = new LinkedHashMap<>(parameters);
    p.put("weights.temperature", o.temperature());
    p.put("weights.min", o.min());
    p.put("weights.max", o.max());
    return new Importance(estimator + ":weights", p, rowIds, w, cost, Meaning.WEIGHT);
  }

  /** Alternates mean-1 normalization and clipping to the option's range until both hold. */
  private static void clipAndNormalize(double[] w, WeightOptions o) {
    for (int it = 0; it < 50; it++) {
      normalizeMean(w);
      boolean clipped = false;
      for (int i = 0; i < w.length; i++) {
        if (w[i] < o.min()) {
          w[i] = o.min();
          clipped = true;
        } else if (w[i] > o.max()) {
          w[i] = o.max();
          clipped = true;
        }
      }
      if (!clipped) {
        break;
      }
    }
    normalizeMean(w);
  }

  private static void normalizeMean(double[] w) {
    double m = Arrays.stream(w).average().orElse(1);
    for (int i = 0; i < w.length; i++) {
      w[i] /= m;
    }
  }

  /** The row ids of the top {@code fraction} by score (ties broken by row id). */
  public RowSelection keepTop(double fraction) {
    return new RowSelection(Arrays.copyOf(rankedRowIds(), count(fraction)));
  }

  /** The row ids of the bottom {@code fraction} by score. */
  public RowSelection keepBottom(double fraction) {
    long[] ranked = rankedRowIds();
    int k = count(fraction);
    return new RowSelection(Arrays.copyOfRange(ranked, ranked.length - k, ranked.length));
  }

  private int count(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in [0, 1], got " + fraction);
    }
    return (int) Math.round(fraction * scores.length);
  }

  /** Writes {@code row_id,importance} with the estimator name and parameters as {@code #} comment lines. */
  public void save(Path file) {
    StringBuilder sb = new StringBuilder();
    sb.append("# estimator=").append(estimator).append('\n');
    sb.append("# meaning=").append(meaning).append('\n');
    parameters.forEach((k, v) -> sb.append("# ").append(k).append('=').append(v).append('\n'));
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

  /** Reads a file written by {@link #save(Path)}; errors name the file and line. */
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
    boolean header = false;
    for (int ln = 1; ln <= lines.size(); ln++) {
      String line = lines.get(ln - 1);
      if (line.startsWith("# ")) {
        String kv = line.substring(2);
        int eq = kv.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String k = kv.substring(0, eq);
        String v = kv.substring(eq + 1);
        if (k.equals("estimator")) {
          name = v;
        } else if (k.equals("meaning")) {
          try {
            meaning = Meaning.valueOf(v);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ":" + ln + ": expected meaning VALUE, HARDNESS or WEIGHT, got '"
                + v + "'");
          }
        } else if (k.equals("cost")) {
          String[] c = v.split(",");
          cost = new Cost(Long.parseLong(c[0]), Long.parseLong(c[1]), Integer.parseInt(c[2]), Long.parseLong(c[3]));
        } else {
          params.put(k, v);
        }
        continue;
      }
      if (!header) {
        if (!line.equals(Samples.ROW_ID + ",importance")) {
          throw new IllegalArgumentException(file + ":" + ln + ": expected header 'row_id,importance', got '" + line + "'");
        }
        header = true;
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 2) {
        throw new IllegalArgumentException(file + ":" + ln + ": expected 2 fields (row_id,importance), got " + f.length);
      }
      try {
        ids.add(Long.parseLong(f[0].trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + ":" + ln + ":1: expected an integer row_id, got '" + f[0] + "'");
      }
      try {
        vals.add(Double.parseDouble(f[1].trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + ":" + ln + ":2: expected a number, got '" + f[1] + "'");
      }
    }
    if (!header) {
      throw new IllegalArgumentException(file + ": no 'row_id,importance' header found");
    }
    return new Importance(name, params, ids.stream().mapToLong(Long::longValue).toArray(),
        vals.stream().mapToDouble(Double::doubleValue).toArray(), cost, meaning);
  }

  @Override
  public String toString() {
    return "Importance[" + estimator + ", " + scores.length + " rows, " + cost.wallMillis() + " ms]";
  }
}
