package siebench.mnar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import siebench.data.RatingData;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureLayout;

/**
 * One-hot encoding of user-item cells for the propensity models: the user id, the item id (optional) and the
 * user and item feature columns, each a field of the shared-table layout of {@link EncodedData}. A user's
 * (item's) feature values are read from any row of the train or test samples that has the user (item); a user
 * or item never seen gets the value "(unseen)".
 */
final class CellFeatures {
  private static final String UNSEEN = "(unseen)";

  private final FeatureLayout layout;
  private final boolean ids;
  private final int users;
  private final int items;
  /** Per feature field: the local index of every user's (or item's) value. */
  private final List<int[]> userCodes = new ArrayList<>();
  private final List<int[]> itemCodes = new ArrayList<>();

  CellFeatures(RatingData data, boolean ids) {
    this.ids = ids;
    this.users = data.users();
    this.items = data.items();
    List<String> names = new ArrayList<>();
    List<Integer> vocab = new ArrayList<>();
    if (ids) {
      names.add(RatingData.USER);
      vocab.add(users);
      names.add(RatingData.ITEM);
      vocab.add(items);
    }
    for (String col : RatingData.featureColumns(data.train())) {
      boolean user = col.startsWith(RatingData.USER_FEATURE_PREFIX);
      int[] codes = codes(data, col, user ? RatingData.USER : RatingData.ITEM, user ? users : items, vocab);
      (user ? userCodes : itemCodes).add(codes);
      names.add(col);
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(data.source() + " has no user or item feature columns; encode the ids");
    }
    int[] sizes = vocab.stream().mapToInt(Integer::intValue).toArray();
    this.layout = new FeatureLayout(names, sizes, List.of());
  }

  /** Local codes of one feature column per user (or item), appending its vocabulary size to {@code vocab}. */
  private static int[] codes(RatingData data, String col, String key, int n, List<Integer> vocab) {
    String[] value = new String[n];
    for (Samples s : List.of(data.train(), data.test())) {
      if (!s.table().columnNames().contains(col)) {
        continue;
      }
      double[] k = s.doubles(key);
      String[] v = s.strings(col);
      for (int r = 0; r < k.length; r++) {
        value[(int) k[r]] = v[r];
      }
    }
    Map<String, Integer> index = new HashMap<>();
    int[] codes = new int[n];
    for (int j = 0; j < n; j++) {
      String v = value[j] == null ? UNSEEN : value[j];
      codes[j] = index.computeIfAbsent(v, x -> index.size());
    }
    vocab.add(index.size());
    return codes;
  }

  FeatureLayout layout() {
    return layout;
  }

  /** The cells {@code (users[j], items[j])} encoded, with the given 0/1 labels. */
  EncodedData encode(int[] us, int[] is, float[] labels) {
    int n = us.length;
    int f = layout.fields();
    long[] offsets = layout.offsets();
    long[] cat = new long[n * f];
    for (int j = 0; j < n; j++) {
      int c = 0;
      if (ids) {
        cat[j * f + c] = offsets[c] + us[j];
        c++;
        cat[j * f + c] = offsets[c] + is[j];
        c++;
      }
      for (int[] codes : userCodes) {
        cat[j * f + c] = offsets[c] + codes[us[j]];
        c++;
      }
      for (int[] codes : itemCodes) {
        cat[j * f + c] = offsets[c] + codes[is[j]];
        c++;
      }
    }
    float[] w = new float[n];
    java.util.Arrays.fill(w, 1f);
    long[] rowIds = new long[n];
    for (int j = 0; j < n; j++) {
      rowIds[j] = (long) us[j] * items + is[j];
    }
    return new EncodedData(layout, n, cat, new float[0], labels, w, rowIds);
  }
}
