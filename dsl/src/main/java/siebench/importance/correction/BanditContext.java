package siebench.importance.correction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The context {@code x_i} of each row of a {@link BanditLog}, in the Open Bandit Dataset layout (Saito, Aihara,
 * Matsutani &amp; Narita 2021, "Open Bandit Dataset and Pipeline", NeurIPS Datasets and Benchmarks): hashed
 * categorical user features ({@code user_feature_*}, coded 0, 1, ... per feature in order of first appearance)
 * and user-item affinities ({@code user-item_affinity_<item>}, one column per item id 0, 1, ...). A reward
 * model such as {@link RewardRegression} reads them; the estimators do not.
 *
 * @param featureNames names of the categorical user features
 * @param features per row, the code of each user feature ({@code rows x featureNames.size()})
 * @param vocabularySizes number of distinct values of each user feature
 * @param affinity per row, the affinity to each item ({@code rows x items}; zero columns when absent)
 */
public record BanditContext(List<String> featureNames, int[][] features, int[] vocabularySizes,
    double[][] affinity) {

  public BanditContext {
    featureNames = List.copyOf(featureNames);
    if (features.length != affinity.length || vocabularySizes.length != featureNames.size()) {
      throw new IllegalArgumentException(features.length + " feature rows, " + affinity.length
          + " affinity rows, " + vocabularySizes.length + " vocabularies for " + featureNames.size() + " features");
    }
  }

  /** No context for {@code rows} rows. */
  public static BanditContext none(int rows) {
    return new BanditContext(List.of(), new int[rows][0], new int[0], new double[rows][0]);
  }

  public int rows() {
    return features.length;
  }

  /** Number of items with an affinity column (0 when the log has none). */
  public int affinityItems() {
    return affinity.length == 0 ? 0 : affinity[0].length;
  }

  /** Collects the context columns of a bandit log while {@link BanditLog#read} parses it. */
  static final class Reader {
    private static final String FEATURE = "user_feature_";
    private static final String AFFINITY = "user-item_affinity_";
    private final Path file;
    private final String[] names;
    private final List<Integer> featureColumns = new ArrayList<>();
    private final int[] affinityColumns;
    private final List<Map<String, Integer>> codes = new ArrayList<>();
    private final List<int[]> features = new ArrayList<>();
    private final List<double[]> affinity = new ArrayList<>();

    Reader(Path file, String[] names) {
      this.file = file;
      this.names = names;
      TreeMap<Integer, Integer> byItem = new TreeMap<>();
      for (int c = 0; c < names.length; c++) {
        String h = names[c].trim();
        if (h.startsWith(FEATURE)) {
          featureColumns.add(c);
          codes.add(new HashMap<>());
        } else if (h.startsWith(AFFINITY)) {
          int item;
          try {
            item = Integer.parseInt(h.substring(AFFINITY.length()));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":1:" + (c + 1) + ": affinity column '" + h
                + "' does not end with an item id");
          }
          if (byItem.put(item, c) != null) {
            throw new IllegalArgumentException(file + ":1:" + (c + 1) + ": duplicate column '" + h + "'");
          }
        }
      }
      if (!byItem.isEmpty() && (byItem.firstKey() != 0 || byItem.lastKey() != byItem.size() - 1)) {
        throw new IllegalArgumentException(file + ":1: affinity columns cover items " + byItem.keySet()
            + "; expected one per item 0.." + (byItem.size() - 1));
      }
      affinityColumns = byItem.values().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Adds the context of one data line {@code f} (line number {@code ln}). */
    void add(String[] f, int ln) {
      int[] x = new int[featureColumns.size()];
      for (int k = 0; k < x.length; k++) {
        String v = f[featureColumns.get(k)].trim();
        Map<String, Integer> m = codes.get(k);
        x[k] = m.computeIfAbsent(v, key -> m.size());
      }
      double[] a = new double[affinityColumns.length];
      for (int j = 0; j < a.length; j++) {
        a[j] = BanditLog.number(f, affinityColumns[j], names, file, ln);
        if (!Double.isFinite(a[j])) {
          throw BanditLog.bad(file, ln, affinityColumns[j], names, f[affinityColumns[j]], "a finite affinity");
        }
      }
      features.add(x);
      affinity.add(a);
    }

    BanditContext build() {
      List<String> fn = new ArrayList<>();
      for (int c : featureColumns) {
        fn.add(names[c].trim());
      }
      return new BanditContext(fn, features.toArray(int[][]::new), codes.stream().mapToInt(Map::size).toArray(),
          affinity.toArray(double[][]::new));
    }
  }
}
