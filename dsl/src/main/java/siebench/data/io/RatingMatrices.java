package siebench.data.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import siebench.data.RatingData;
import siebench.data.Samples;
import tech.tablesaw.api.StringColumn;

/**
 * Reads the dense-matrix layout of the standard MNAR rating benchmarks, Coat (Schnabel, Swaminathan, Singh,
 * Chandak &amp; Joachims 2016, "Recommendations as Treatments: Debiasing Learning and Evaluation", ICML) and
 * Yahoo! R3 (Marlin &amp; Zemel 2009, "Collaborative prediction and ranking with non-random missing data",
 * RecSys), into {@link RatingData}.
 *
 * <p>The directory holds {@code train.ascii} and {@code test.ascii}: users &times; items, whitespace-separated
 * integers, 1..5 a rating and 0 unobserved, one line per user. Optional, in the directory or its {@code
 * user_item_features/} subdirectory:
 *
 * <ul>
 *   <li>{@code propensities.ascii}, the same shape, the observation probability of every cell (a number in
 *       (0, 1] wherever {@code train.ascii} has a rating); it becomes the train column {@value
 *       RatingData#PROPENSITY}.
 *   <li>{@code user_features.ascii} (users &times; F, 0/1) with {@code user_features_map.txt} (F lines {@code
 *       group:value}, naming the columns), and the same for items. Each group of one-hot columns becomes one
 *       categorical column {@code user_<group>} ({@code item_<group>}) holding the value whose column is 1, or
 *       {@value #NONE} when none is; two 1s in one group are an error.
 * </ul>
 *
 * <p>Every row of both sides gets the user and item feature values of its user and item. Errors are {@link
 * LoadException}s naming file, line and column (1-based field number) and what was expected.
 *
 * <pre>{@code
 * RatingData coat = RatingMatrices.read(Path.of("coat"));
 * }</pre>
 */
public final class RatingMatrices {
  /** The value of a feature group in which no one-hot column is set. */
  public static final String NONE = "(none)";
  private static final String FEATURE_DIR = "user_item_features";

  private RatingMatrices() {}

  /** Reads the layout in {@code dir}; see the class comment. */
  public static RatingData read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new LoadException(dir, 0, 0, null, "expected a directory with train.ascii and test.ascii");
    }
    Path trainFile = dir.resolve("train.ascii");
    Path testFile = dir.resolve("test.ascii");
    double[][] train = readMatrix(trainFile, -1, -1, true);
    int users = train.length;
    int items = train[0].length;
    double[][] test = readMatrix(testFile, users, items, true);
    Path propFile = optional(dir, "propensities.ascii");
    double[][] prop = propFile == null ? null : readMatrix(propFile, users, items, false);
    Features userFeatures = features(dir, "user", users);
    Features itemFeatures = features(dir, "item", items);
    if (prop != null) {
      for (int u = 0; u < users; u++) {
        for (int i = 0; i < items; i++) {
          if (train[u][i] != 0 && !(prop[u][i] > 0 && prop[u][i] <= 1)) {
            throw new LoadException(propFile, u + 1, i + 1, null, "expected a propensity in (0, 1] for the rating "
                + (int) train[u][i] + " observed in train.ascii, got " + prop[u][i]);
          }
        }
      }
    }
    String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
    Samples trainSamples = samples(name + "/train.ascii", train, prop, userFeatures, itemFeatures);
    Samples testSamples = samples(name + "/test.ascii", test, null, userFeatures, itemFeatures);
    if (trainSamples.size() == 0) {
      throw new LoadException(trainFile, 0, 0, null, "no observed rating (every cell is 0)");
    }
    if (testSamples.size() == 0) {
      throw new LoadException(testFile, 0, 0, null, "no observed rating (every cell is 0)");
    }
    return new RatingData(trainSamples, testSamples, users, items, name);
  }

  private static Samples samples(String name, double[][] m, double[][] prop, Features uf, Features itf) {
    List<Integer> us = new ArrayList<>();
    List<Integer> is = new ArrayList<>();
    for (int u = 0; u < m.length; u++) {
      for (int i = 0; i < m[u].length; i++) {
        if (m[u][i] != 0) {
          us.add(u);
          is.add(i);
        }
      }
    }
    int n = us.size();
    int[] users = new int[n];
    int[] items = new int[n];
    int[] ratings = new int[n];
    double[] p = prop == null ? null : new double[n];
    for (int r = 0; r < n; r++) {
      users[r] = us.get(r);
      items[r] = is.get(r);
      ratings[r] = (int) m[users[r]][items[r]];
      if (p != null) {
        p[r] = prop[users[r]][items[r]];
      }
    }
    List<StringColumn> cols = new ArrayList<>();
    if (uf != null) {
      cols.addAll(uf.columns(users));
    }
    if (itf != null) {
      cols.addAll(itf.columns(items));
    }
    return RatingData.samples(name, users, items, ratings, p, cols);
  }

  private static Path optional(Path dir, String file) {
    for (Path p : List.of(dir.resolve(file), dir.resolve(FEATURE_DIR).resolve(file))) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Reads a whitespace-separated matrix. With {@code ratings} every value must be an integer 0..5, else a
   * finite number. {@code rows} / {@code cols} of -1 take the shape from the file.
   */
  static double[][] readMatrix(Path file, int rows, int cols, boolean ratings) {
    if (!Files.isRegularFile(file)) {
      throw new LoadException(file, 0, 0, null, "no such file; expected a " + (ratings ? "rating" : "propensity")
          + " matrix" + (rows > 0 ? " of " + rows + " x " + cols : ""));
    }
    List<double[]> out = new ArrayList<>();
    int width = cols;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long lineNo = 0;
      long blankSince = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String s = line.strip();
        if (s.isEmpty()) {
          blankSince = blankSince == 0 ? lineNo : blankSince;
          continue;
        }
        if (blankSince != 0) {
          throw new LoadException(file, blankSince, 0, null, "empty line inside the matrix; expected one line of "
              + width + " values per " + (ratings ? "user" : "row"));
        }
        String[] tok = s.split("\\s+");
        if (width < 0) {
          width = tok.length;
        }
        if (tok.length != width) {
          throw new LoadException(file, lineNo, Math.min(tok.length, width) + 1, null, "expected " + width
              + " values on every line (one per item), got " + tok.length);
        }
        double[] row = new double[width];
        for (int c = 0; c < width; c++) {
          row[c] = ratings ? rating(file, lineNo, c + 1, tok[c]) : number(file, lineNo, c + 1, tok[c]);
        }
        out.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (out.isEmpty()) {
      throw new LoadException(file, 0, 0, null, "empty file; expected a matrix of whitespace-separated values");
    }
    if (rows >= 0 && out.size() != rows) {
      throw new LoadException(file, out.size() + 1L, 0, null, "expected " + rows + " lines (one per user, as in"
          + " train.ascii), got " + out.size());
    }
    return out.toArray(new double[0][]);
  }

  private static double rating(Path file, long line, int col, String tok) {
    int v;
    try {
      v = Integer.parseInt(tok);
    } catch (NumberFormatException e) {
      throw new LoadException(file, line, col, null, "expected a rating 1..5 or 0 (unobserved), got '" + tok + "'");
    }
    if (v < 0 || v > 5) {
      throw new LoadException(file, line, col, null, "expected a rating 1..5 or 0 (unobserved), got " + v);
    }
    return v;
  }

  private static double number(Path file, long line, int col, String tok) {
    try {
      double v = Double.parseDouble(tok);
      if (Double.isFinite(v) && v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new LoadException(file, line, col, null, "expected a probability (a number in [0, 1]), got '" + tok + "'");
  }

  /** One-hot feature groups of users or items. */
  private record Features(String prefix, Map<String, String[]> byGroup) {
    List<StringColumn> columns(int[] index) {
      List<StringColumn> cols = new ArrayList<>();
      byGroup.forEach((group, values) -> {
        StringColumn c = StringColumn.create(prefix + group);
        for (int k : index) {
          c.append(values[k]);
        }
        cols.add(c);
      });
      return cols;
    }
  }

  private static Features features(Path dir, String kind, int n) {
    Path matrix = optional(dir, kind + "_features.ascii");
    Path map = optional(dir, kind + "_features_map.txt");
    if (matrix == null && map == null) {
      return null;
    }
    if (matrix == null || map == null) {
      Path present = matrix == null ? map : matrix;
      throw new LoadException(present, 0, 0, null, "found without its companion " + (matrix == null
          ? kind + "_features.ascii" : kind + "_features_map.txt") + "; both are needed");
    }
    List<String[]> names = readMap(map);
    double[][] x = readMatrix(matrix, n, names.size(), false);
    Map<String, String[]> groups = new LinkedHashMap<>();
    Map<String, Integer> setAt = new LinkedHashMap<>();
    for (String[] gv : names) {
      groups.computeIfAbsent(gv[0], g -> {
        String[] v = new String[n];
        java.util.Arrays.fill(v, NONE);
        return v;
      });
    }
    for (int r = 0; r < n; r++) {
      setAt.clear();
      for (int c = 0; c < names.size(); c++) {
        double v = x[r][c];
        if (v != 0 && v != 1) {
          throw new LoadException(matrix, r + 1, c + 1, null, "expected a one-hot value 0 or 1 ("
              + names.get(c)[0] + ":" + names.get(c)[1] + "), got " + v);
        }
        if (v == 1) {
          String group = names.get(c)[0];
          Integer before = setAt.put(group, c);
          if (before != null) {
            throw new LoadException(matrix, r + 1, c + 1, null, "expected one 1 in group '" + group + "', but columns "
                + (before + 1) + " (" + names.get(before)[1] + ") and " + (c + 1) + " (" + names.get(c)[1]
                + ") are both 1");
          }
          groups.get(group)[r] = names.get(c)[1];
        }
      }
    }
    return new Features(kind.equals("user") ? RatingData.USER_FEATURE_PREFIX : RatingData.ITEM_FEATURE_PREFIX,
        groups);
  }

  private static List<String[]> readMap(Path map) {
    List<String[]> names = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(map, StandardCharsets.UTF_8);
      for (int k = 0; k < lines.size(); k++) {
        String s = lines.get(k).strip();
        if (s.isEmpty()) {
          continue;
        }
        int colon = s.indexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
          throw new LoadException(map, k + 1, 1, null, "expected 'group:value' naming one one-hot column, got '"
              + s + "'");
        }
        names.add(new String[] {s.substring(0, colon).strip(), s.substring(colon + 1).strip()});
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + map, e);
    }
    if (names.isEmpty()) {
      throw new LoadException(map, 0, 0, null, "empty; expected one 'group:value' line per feature column");
    }
    return names;
  }
}
