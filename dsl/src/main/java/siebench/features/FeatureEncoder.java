package siebench.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import siebench.data.Role;
import siebench.data.Samples;
import siebench.data.Schema;

/**
 * Turns {@link Samples} into {@link EncodedData}. Fitted on the training split only, then applied unchanged
 * to validation and test splits, so nothing about held-out rows leaks into training.
 *
 * <p>Categorical fields: a vocabulary (index 0 = out of vocabulary, 1 = missing, 2.. = values seen at least
 * {@code minCount} times, most frequent first) or, with hashing, index 0 = missing and 1..B = hash buckets.
 * Numeric columns: standardized, log-transformed then standardized, or bucketized into one more categorical
 * field. Missing numeric values become the training mean (0 after standardization); every fill and every
 * out-of-vocabulary value is counted in {@link #report()}.
 */
public final class FeatureEncoder {
  /** Index of the out-of-vocabulary bucket in vocabulary fields. */
  public static final int OOV = 0;
  /** Index of the missing-value bucket in vocabulary fields. */
  public static final int MISSING = 1;

  // package-private for EncoderFormat (saving and loading a fitted encoder)
  final EncoderOptions options;
  final List<String> categorical;
  final List<String> dense;
  final List<String> bucketized;
  final List<Map<String, Integer>> vocabularies;
  final double[] mean;
  final double[] std;
  final List<double[]> bucketEdges;
  private final FeatureLayout layout;
  final String historyColumn;
  private final Map<String, Long> report = new LinkedHashMap<>();

  FeatureEncoder(EncoderOptions options, List<String> categorical, List<String> dense,
      List<String> bucketized, List<Map<String, Integer>> vocabularies, double[] mean, double[] std,
      List<double[]> bucketEdges, String historyColumn, int historyField) {
    this.options = options;
    this.categorical = categorical;
    this.dense = dense;
    this.bucketized = bucketized;
    this.vocabularies = vocabularies;
    this.mean = mean;
    this.std = std;
    this.bucketEdges = bucketEdges;
    List<String> fields = new ArrayList<>(categorical);
    fields.addAll(bucketized);
    int[] sizes = new int[fields.size()];
    for (int f = 0; f < categorical.size(); f++) {
      sizes[f] = options.hashBuckets() > 0 ? options.hashBuckets() + 1 : vocabularies.get(f).size() + 2;
    }
    for (int b = 0; b < bucketized.size(); b++) {
      sizes[categorical.size() + b] = bucketEdges.get(b).length + 2; // missing + (edges+1) buckets
    }
    this.historyColumn = historyColumn;
    this.layout = historyColumn == null ? new FeatureLayout(fields, sizes, dense)
        : new FeatureLayout(fields, sizes, dense, options.historyLength(), historyField);
  }

  /** Fits with default options. */
  public static FeatureEncoder fit(Samples train) {
    return fit(train, EncoderOptions.defaults());
  }

  /** Fits vocabularies and numeric statistics on {@code train}. */
  public static FeatureEncoder fit(Samples train, EncoderOptions options) {
    Schema s = train.schema();
    List<Map<String, Integer>> vocabs = new ArrayList<>();
    for (String c : s.categorical()) {
      vocabs.add(options.hashBuckets() > 0 ? Map.of() : vocabulary(train.strings(c), options.minCount()));
    }
    List<String> dense = new ArrayList<>();
    List<String> bucketized = new ArrayList<>();
    List<double[]> edges = new ArrayList<>();
    List<double[]> stats = new ArrayList<>();
    for (String c : s.numeric()) {
      double[] x = train.doubles(c);
      if (options.numeric() == NumericTransform.BUCKETIZE) {
        bucketized.add(c);
        edges.add(quantileEdges(x, options.buckets()));
      } else {
        dense.add(c);
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (double v : x) {
          if (!Double.isNaN(v)) {
            double t = transform(v, options.numeric());
            sum += t;
            sq += t * t;
            n++;
          }
        }
        double m = n == 0 ? 0 : sum / n;
        double var = n == 0 ? 0 : sq / n - m * m;
        stats.add(new double[] {m, var > 1e-12 ? Math.sqrt(var) : 1});
      }
    }
    double[] mean = new double[dense.size()];
    double[] std = new double[dense.size()];
    for (int j = 0; j < dense.size(); j++) {
      mean[j] = stats.get(j)[0];
      std[j] = stats.get(j)[1];
    }
    String history = s.column(Role.HISTORY).orElse(null);
    int historyField = -1;
    if (history != null) {
      String item = s.column(Role.ITEM).orElse(null);
      historyField = item == null ? -1 : s.categorical().indexOf(item);
      if (historyField < 0) {
        throw new IllegalArgumentException("history column '" + history + "' of " + train.describe()
            + " is encoded with the item vocabulary, so it needs a categorical item column; declare one with"
            + " .item(\"item_id\").categorical(\"item_id\")");
      }
      if (options.hashBuckets() > 0) {
        throw new IllegalArgumentException("behavior histories need vocabulary encoding, not hashing");
      }
    }
    return new FeatureEncoder(options, List.copyOf(s.categorical()), dense, bucketized, vocabs, mean, std, edges,
        history, historyField);
  }

  private static Map<String, Integer> vocabulary(String[] values, int minCount) {
    Map<String, int[]> counts = new HashMap<>();
    for (String v : values) {
      if (v != null) {
        counts.computeIfAbsent(v, k -> new int[1])[0]++;
      }
    }
    return vocabulary(counts, minCount);
  }

  /**
   * The vocabulary of a field from its value counts: values seen at least {@code minCount} times, most frequent
   * first (ties by value), numbered from 2.
   */
  static Map<String, Integer> vocabulary(Map<String, int[]> counts, int minCount) {
    List<Map.Entry<String, int[]>> entries = new ArrayList<>(counts.entrySet());
    entries.removeIf(e -> e.getValue()[0] < minCount);
    entries.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Integer.compare(b.getValue()[0], a.getValue()[0])
        : a.getKey().compareTo(b.getKey()));
    Map<String, Integer> vocab = new HashMap<>(entries.size() * 2);
    for (int i = 0; i < entries.size(); i++) {
      vocab.put(entries.get(i).getKey(), i + 2);
    }
    return vocab;
  }

  private static double[] quantileEdges(double[] x, int buckets) {
    double[] v = Arrays.stream(x).filter(d -> !Double.isNaN(d)).sorted().toArray();
    if (v.length == 0) {
      return new double[0];
    }
    double[] edges = new double[buckets - 1];
    int n = 0;
    for (int b = 1; b < buckets; b++) {
      double e = v[(int) Math.min(v.length - 1, (long) b * v.length / buckets)];
      if (n == 0 || e > edges[n - 1]) {
        edges[n++] = e;
      }
    }
    return Arrays.copyOf(edges, n);
  }

  static double transform(double v, NumericTransform t) {
    if (t == NumericTransform.LOG && v > 2) {
      double l = Math.log(v);
      return l * l;
    }
    return v;
  }

  /** The layout that models are built for. */
  public FeatureLayout layout() {
    return layout;
  }

  public EncoderOptions options() {
    return options;
  }

  /** The categorical input columns, in field order (the first fields of {@link #layout()}). */
  public List<String> categoricalColumns() {
    return List.copyOf(categorical);
  }

  /** The numeric input columns: the dense ones, then the bucketized ones (the layout's last fields). */
  public List<String> numericColumns() {
    List<String> out = new ArrayList<>(dense);
    out.addAll(bucketized);
    return List.copyOf(out);
  }

  /** The behavior-history input column, or null when the layout has none. */
  public String historyColumn() {
    return historyColumn;
  }

  /**
   * Counts from the encodings done so far: {@code missing:<column>} (values filled or put in the missing
   * bucket) and {@code oov:<column>} (categorical values not in the training vocabulary).
   */
  public synchronized Map<String, Long> report() {
    return Map.copyOf(report);
  }

  /** Encodes any samples with the same feature columns (train, validation or test). */
  public EncodedData encode(Samples samples) {
    int n = samples.size();
    int nf = layout.fields();
    int nd = layout.dense();
    long[] offsets = layout.offsets();
    long[] cat = new long[n * nf];
    for (int f = 0; f < categorical.size(); f++) {
      String col = categorical.get(f);
      String[] values = samples.strings(col);
      Map<String, Integer> vocab = vocabularies.get(f);
      long missing = 0;
      long oov = 0;
      for (int i = 0; i < n; i++) {
        String v = values[i];
        int idx = categoricalIndex(vocab, v);
        if (v == null) {
          missing++;
        } else if (idx == OOV && options.hashBuckets() == 0) {
          oov++;
        }
        cat[i * nf + f] = offsets[f] + idx;
      }
      count("missing:" + col, missing);
      count("oov:" + col, oov);
    }
    for (int b = 0; b < bucketized.size(); b++) {
      int f = categorical.size() + b;
      String col = bucketized.get(b);
      double[] x = samples.doubles(col);
      double[] edges = bucketEdges.get(b);
      long missing = 0;
      for (int i = 0; i < n; i++) {
        missing += Double.isNaN(x[i]) ? 1 : 0;
        cat[i * nf + f] = offsets[f] + bucketIndex(edges, x[i]);
      }
      count("missing:" + col, missing);
    }
    float[] den = new float[n * nd];
    for (int j = 0; j < nd; j++) {
      String col = dense.get(j);
      double[] x = samples.doubles(col);
      long missing = 0;
      for (int i = 0; i < n; i++) {
        missing += Double.isNaN(x[i]) ? 1 : 0;
        den[i * nd + j] = denseValue(j, x[i]);
      }
      count("missing:" + col, missing);
    }
    long[] hist = historyColumn == null ? new long[0] : encodeHistory(samples.strings(historyColumn), offsets);
    return new EncodedData(layout, n, cat, den, samples.labels(), samples.weights(), samples.rowIds(), hist);
  }

  /**
   * The field-local index of categorical value {@code v} (null when missing) in a field with vocabulary {@code
   * vocab}: with hashing 0 = missing and 1..B the value's bucket, else {@link #MISSING}, {@link #OOV} or the
   * value's vocabulary index.
   */
  int categoricalIndex(Map<String, Integer> vocab, String v) {
    if (options.hashBuckets() > 0) {
      return v == null ? 0 : 1 + Math.floorMod(v.hashCode() * 0x9E3779B1, options.hashBuckets());
    }
    if (v == null) {
      return MISSING;
    }
    Integer k = vocab.get(v);
    return k == null ? OOV : k;
  }

  /** The field-local index of numeric value {@code x} in a bucketized field: 0 = missing, then the bucket. */
  static int bucketIndex(double[] edges, double x) {
    if (Double.isNaN(x)) {
      return 0;
    }
    int pos = Arrays.binarySearch(edges, x);
    return 1 + (pos >= 0 ? pos + 1 : -pos - 1);
  }

  /** Dense feature {@code j} of raw value {@code v}: transformed and standardized, 0 (the mean) when missing. */
  float denseValue(int j, double v) {
    return Double.isNaN(v) ? 0f : (float) ((transform(v, options.numeric()) - mean[j]) / std[j]);
  }

  /** Adds encoding counts ({@code missing:<column>}, {@code oov:<column>}) to {@link #report()}. */
  void countAll(Map<String, Long> counts) {
    counts.forEach(this::count);
  }

  /** The most recent {@code L} history items per row, oldest first, left-padded with the padding row. */
  private long[] encodeHistory(String[] values, long[] offsets) {
    int len = layout.historyLength();
    int field = layout.historyField();
    Map<String, Integer> vocab = vocabularies.get(field);
    long pad = layout.paddingRow();
    long[] out = new long[values.length * len];
    Arrays.fill(out, pad);
    long oov = 0;
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null || values[i].isBlank()) {
        continue;
      }
      String[] tokens = values[i].trim().split("[|^,\\s]+");
      int take = Math.min(len, tokens.length);
      for (int j = 0; j < take; j++) {
        Integer k = vocab.get(tokens[tokens.length - take + j]);
        if (k == null) {
          oov++;
        }
        out[i * len + (len - take) + j] = offsets[field] + (k == null ? OOV : k);
      }
    }
    count("oov:" + historyColumn, oov);
    return out;
  }

  private synchronized void count(String key, long v) {
    if (v > 0) {
      report.merge(key, v, Long::sum);
    }
  }
}
