package siebench.features;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted {@link FeatureEncoder} as a versioned, line-based UTF-8 text file: options, feature columns,
 * numeric statistics (written with {@link Double#toString}, which reads back to the same double), bucket edges,
 * the history column and every vocabulary entry with its index, so that a loaded encoder gives exactly the
 * same {@link EncodedData} as the one that was saved. Tabs, newlines and backslashes in names and values are
 * escaped.
 *
 * <pre>
 * siebench-encoder	1
 * options	minCount	hashBuckets	numeric	buckets	historyLength
 * categorical	C1	C2 ...
 * dense	I1	mean	std          (one line per dense column)
 * bucketized	I2	edge1	edge2 ... (one line per bucketized column)
 * history	column	itemField    (only with a behavior history)
 * vocab	field	index	value    (one line per vocabulary entry)
 * </pre>
 */
public final class EncoderFormat {
  /** The magic word on the first line. */
  public static final String MAGIC = "siebench-encoder";
  /** The version this code writes and reads. */
  public static final int VERSION = 1;

  private EncoderFormat() {}

  /** Writes {@code encoder} to {@code file}. */
  public static void write(FeatureEncoder encoder, Path file) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      line(w, MAGIC, "" + VERSION);
      EncoderOptions o = encoder.options;
      line(w, "options", "" + o.minCount(), "" + o.hashBuckets(), o.numeric().name(), "" + o.buckets(),
          "" + o.historyLength());
      List<String> cat = new ArrayList<>(List.of("categorical"));
      cat.addAll(encoder.categorical);
      line(w, cat.toArray(String[]::new));
      for (int j = 0; j < encoder.dense.size(); j++) {
        line(w, "dense", encoder.dense.get(j), Double.toString(encoder.mean[j]), Double.toString(encoder.std[j]));
      }
      for (int b = 0; b < encoder.bucketized.size(); b++) {
        List<String> l = new ArrayList<>(List.of("bucketized", encoder.bucketized.get(b)));
        for (double e : encoder.bucketEdges.get(b)) {
          l.add(Double.toString(e));
        }
        line(w, l.toArray(String[]::new));
      }
      if (encoder.historyColumn != null) {
        line(w, "history", encoder.historyColumn, "" + encoder.layout().historyField());
      }
      for (int f = 0; f < encoder.vocabularies.size(); f++) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(encoder.vocabularies.get(f).entrySet());
        entries.sort(Map.Entry.comparingByValue());
        for (Map.Entry<String, Integer> e : entries) {
          line(w, "vocab", "" + f, "" + e.getValue(), e.getKey());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write encoder to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads an encoder written by {@link #write}; fails naming the file (and line) when it is missing, has another
   * format version or is malformed.
   */
  public static FeatureEncoder read(Path file) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = r.readLine();
      String[] head = first == null ? new String[0] : first.split("\t", -1);
      if (head.length != 2 || !head[0].equals(MAGIC)) {
        throw new IllegalArgumentException(file + ": not a SIEBench encoder file (first line should be '" + MAGIC
            + "<TAB>" + VERSION + "', got '" + first + "')");
      }
      if (!head[1].equals("" + VERSION)) {
        throw new IllegalArgumentException(file + ": encoder format version " + head[1] + ", expected " + VERSION);
      }
      EncoderOptions options = null;
      List<String> categorical = null;
      List<String> dense = new ArrayList<>();
      List<Double> mean = new ArrayList<>();
      List<Double> std = new ArrayList<>();
      List<String> bucketized = new ArrayList<>();
      List<double[]> edges = new ArrayList<>();
      String history = null;
      int historyField = -1;
      List<Map<String, Integer>> vocabs = new ArrayList<>();
      String s;
      int lineNo = 1;
      while ((s = r.readLine()) != null) {
        lineNo++;
        String[] t = s.split("\t", -1);
        for (int i = 0; i < t.length; i++) {
          t[i] = unescape(t[i]);
        }
        String where = file + ":" + lineNo;
        try {
          switch (t[0]) {
            case "options" -> {
              need(t, 6, where);
              options = new EncoderOptions(Integer.parseInt(t[1]), Integer.parseInt(t[2]),
                  NumericTransform.valueOf(t[3]), Integer.parseInt(t[4]), Integer.parseInt(t[5]));
            }
            case "categorical" -> {
              categorical = List.of(Arrays.copyOfRange(t, 1, t.length));
              for (int f = 0; f < categorical.size(); f++) {
                vocabs.add(new HashMap<>());
              }
            }
            case "dense" -> {
              need(t, 4, where);
              dense.add(t[1]);
              mean.add(Double.parseDouble(t[2]));
              std.add(Double.parseDouble(t[3]));
            }
            case "bucketized" -> {
              bucketized.add(t[1]);
              double[] e = new double[t.length - 2];
              for (int i = 0; i < e.length; i++) {
                e[i] = Double.parseDouble(t[i + 2]);
              }
              edges.add(e);
            }
            case "history" -> {
              need(t, 3, where);
              history = t[1];
              historyField = Integer.parseInt(t[2]);
            }
            case "vocab" -> {
              need(t, 4, where);
              int f = Integer.parseInt(t[1]);
              if (f < 0 || f >= vocabs.size()) {
                throw new IllegalArgumentException(where + ": vocabulary of field " + f + ", but "
                    + vocabs.size() + " categorical fields were declared before it");
              }
              vocabs.get(f).put(t[3], Integer.parseInt(t[2]));
            }
            default -> throw new IllegalArgumentException(where + ": unknown record '" + t[0] + "'");
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(where + ": expected a number: " + e.getMessage());
        }
      }
      if (options == null || categorical == null) {
        throw new IllegalArgumentException(file + ": incomplete encoder file (no 'options' or 'categorical' line)");
      }
      double[] m = mean.stream().mapToDouble(Double::doubleValue).toArray();
      double[] sd = std.stream().mapToDouble(Double::doubleValue).toArray();
      return new FeatureEncoder(options, categorical, dense, bucketized, vocabs, m, sd, edges, history,
          historyField);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("missing encoder file " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read encoder " + file + ": " + e.getMessage(), e);
    }
  }

  private static void need(String[] t, int n, String where) {
    if (t.length != n) {
      throw new IllegalArgumentException(where + ": '" + t[0] + "' needs " + (n - 1) + " fields, got " + (t.length - 1));
    }
  }

  private static void line(BufferedWriter w, String... fields) throws IOException {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        w.write('\t');
      }
      w.write(escape(fields[i]));
    }
    w.write('\n');
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(switch (n) {
          case 't' -> '\t';
          case 'n' -> '\n';
          case 'r' -> '\r';
          default -> n;
        });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
