package siebench.data.synthetic;

import java.util.Random;
import siebench.core.Numerics;
import siebench.data.Samples;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Seeded synthetic impressions whose clicks depend on the user's recent behavior, for sequence models (DIN,
 * BST). Each user browses in sessions: a session has a current interest category (drawn from the user's
 * long-term category preferences, switching at session boundaries), and the user views items of that
 * category; those views form the history column {@code history} (item ids, oldest first, the most recent
 * {@code historyLength}). Each view step also produces one impression of a candidate item (half from the
 * current interest, half at random) with click probability {@code sigmoid(alpha * cos(target, mean of the
 * last 5 viewed items) + user bias + item quality - offset)}: the short-term context, not the user id, carries
 * most of the signal, which is what sequence models can use and id-based models cannot.
 *
 * <p>Ground truth per row: {@code truth_click_prob}. Columns: {@code user_id, item_id, category, price,
 * history, timestamp, click}.
 */
public final class BehaviorSequences {
  private final int rows;
  private final int users;
  private final int items;
  private final int categories;
  private final int historyLength;
  private final double alpha;
  private final long seed;

  private BehaviorSequences(int rows, int users, int items, int categories, int historyLength, double alpha,
      long seed) {
    this.rows = rows;
    this.users = users;
    this.items = items;
    this.categories = categories;
    this.historyLength = historyLength;
    this.alpha = alpha;
    this.seed = seed;
  }

  /** 100,000 rows, 2,000 users, 600 items in 40 categories, histories of 20, seed 7. */
  public static BehaviorSequences defaults() {
    return new BehaviorSequences(100_000, 2_000, 600, 40, 20, 4.0, 7);
  }

  public BehaviorSequences rows(int n) {
    return new BehaviorSequences(n, users, items, categories, historyLength, alpha, seed);
  }

  public BehaviorSequences users(int n) {
    return new BehaviorSequences(rows, n, items, categories, historyLength, alpha, seed);
  }

  public BehaviorSequences items(int n) {
    return new BehaviorSequences(rows, users, n, categories, historyLength, alpha, seed);
  }

  public BehaviorSequences categories(int n) {
    return new BehaviorSequences(rows, users, items, n, historyLength, alpha, seed);
  }

  /** How many recent items the history column keeps. */
  public BehaviorSequences historyLength(int n) {
    return new BehaviorSequences(rows, users, items, categories, n, alpha, seed);
  }

  /** Strength of the short-term-context effect on the click logit. */
  public BehaviorSequences contextStrength(double a) {
    return new BehaviorSequences(rows, users, items, categories, historyLength, a, seed);
  }

  public BehaviorSequences seed(long s) {
    return new BehaviorSequences(rows, users, items, categories, historyLength, alpha, s);
  }

  /** Generates the samples (roles: user, item, history, timestamp; label click). */
  public Samples generate() {
    Random r = new Random(seed);
    int dim = 8;
    double[][] centroid = new double[categories][dim];
    for (double[] c : centroid) {
      for (int j = 0; j < dim; j++) {
        c[j] = r.nextGaussian();
      }
    }
    int[] itemCat = new int[items];
    double[][] itemVec = new double[items][dim];
    double[] quality = new double[items];
    double[] price = new double[items];
    int[][] byCat = new int[categories][];
    int[] catCount = new int[categories];
    for (int i = 0; i < items; i++) {
      itemCat[i] = r.nextInt(categories);
      catCount[itemCat[i]]++;
      for (int j = 0; j < dim; j++) {
        itemVec[i][j] = centroid[itemCat[i]][j] + 0.5 * r.nextGaussian();
      }
      quality[i] = 0.3 * r.nextGaussian();
      price[i] = Math.exp(3 + 0.8 * r.nextGaussian());
    }
    for (int c = 0; c < categories; c++) {
      byCat[c] = new int[Math.max(1, catCount[c])];
      catCount[c] = 0;
    }
    for (int i = 0; i < items; i++) {
      byCat[itemCat[i]][catCount[itemCat[i]]++] = i;
    }
    double[] userBias = new double[users];
    int[][] userCats = new int[users][3]; // three favourite categories
    for (int u = 0; u < users; u++) {
      userBias[u] = 0.3 * r.nextGaussian();
      for (int j = 0; j < 3; j++) {
        userCats[u][j] = r.nextInt(categories);
      }
    }
    int[][] recent = new int[users][historyLength];
    int[] recentLen = new int[users];
    int[] interest = new int[users];
    for (int u = 0; u < users; u++) {
      interest[u] = userCats[u][0];
    }
    IntColumn user = IntColumn.create("user_id", rows);
    IntColumn item = IntColumn.create("item_id", rows);
    IntColumn cat = IntColumn.create("category", rows);
    DoubleColumn pr = DoubleColumn.create("price", rows);
    StringColumn hist = StringColumn.create("history");
    LongColumn ts = LongColumn.create("timestamp", rows);
    IntColumn click = IntColumn.create("click", rows);
    DoubleColumn truth = DoubleColumn.create("truth_click_prob", rows);
    StringBuilder sb = new StringBuilder();
    for (int row = 0; row < rows; row++) {
      int u = r.nextInt(users);
      if (r.nextDouble() < 0.25) { // a new session: the current interest may move
        interest[u] = r.nextDouble() < 0.8 ? userCats[u][r.nextInt(3)] : r.nextInt(categories);
      }
      int[] pool = byCat[interest[u]];
      int viewed = pool[r.nextInt(pool.length)];
      int target = r.nextBoolean() ? pool[r.nextInt(pool.length)] : r.nextInt(items);
      double ctx = recentLen[u] == 0 ? 0 : cosineToRecent(itemVec, recent[u], recentLen[u], itemVec[target], dim);
      double logit = alpha * ctx + userBias[u] + quality[target] - 2.0;
      double p = Numerics.sigmoid(logit);
      sb.setLength(0);
      for (int j = 0; j < recentLen[u]; j++) {
        if (j > 0) {
          sb.append('|');
        }
        sb.append(recent[u][j]);
      }
      user.set(row, u);
      item.set(row, target);
      cat.set(row, itemCat[target]);
      pr.set(row, Math.round(price[target] * 100) / 100.0);
      hist.append(sb.toString());
      ts.set(row, 1_700_000_000L + row);
      click.set(row, r.nextDouble() < p ? 1 : 0);
      truth.set(row, p);
      // the view enters the history (oldest dropped)
      if (recentLen[u] < historyLength) {
        recent[u][recentLen[u]++] = viewed;
      } else {
        System.arraycopy(recent[u], 1, recent[u], 0, historyLength - 1);
        recent[u][historyLength - 1] = viewed;
      }
    }
    Table t = Table.create("synthetic behavior sequences (seed " + seed + ")", user, item, cat, pr, hist, ts,
        click, truth);
    return Samples.from(t).label("click").user("user_id").item("item_id").history("history")
        .timestamp("timestamp").categorical("user_id", "item_id", "category").numeric("price");
  }

  private static double cosineToRecent(double[][] vec, int[] recent, int len, double[] target, int dim) {
    double[] mean = new double[dim];
    int from = Math.max(0, len - 5);
    for (int j = from; j < len; j++) {
      for (int d = 0; d < dim; d++) {
        mean[d] += vec[recent[j]][d];
      }
    }
    double dot = 0;
    double nm = 0;
    double nt = 0;
    for (int d = 0; d < dim; d++) {
      dot += mean[d] * target[d];
      nm += mean[d] * mean[d];
      nt += target[d] * target[d];
    }
    return dot / Math.sqrt(nm * nt + 1e-12);
  }
}
