package siebench.data.synthetic;

import static siebench.core.Numerics.dot;

import java.util.Random;
import siebench.data.Samples;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Seeded synthetic user-item clicks over a catalogue with Zipf-distributed item popularity, for retrieval
 * (two-tower) experiments. Users and items have latent vectors; items belong to categories. A click picks an
 * item with probability proportional to {@code popularity^beta * exp(gamma * <user, item>)}, so the logged
 * positives (and with them in-batch negatives) over-represent popular items: the setting in which the logQ
 * correction of sampled softmax matters. Columns: {@code user_id, item_id, category, popularity, click} (every
 * row is a click) plus {@code truth_affinity}.
 */
public final class PopularityInteractions {
  private final int rows;
  private final int users;
  private final int items;
  private final int categories;
  private final double zipf;
  private final double gamma;
  private final long seed;

  private PopularityInteractions(int rows, int users, int items, int categories, double zipf, double gamma,
      long seed) {
    this.rows = rows;
    this.users = users;
    this.items = items;
    this.categories = categories;
    this.zipf = zipf;
    this.gamma = gamma;
    this.seed = seed;
  }

  /** 50,000 clicks, 2,000 users, 1,000 items in 20 categories, Zipf exponent 1.0, seed 7. */
  public static PopularityInteractions defaults() {
    return new PopularityInteractions(50_000, 2_000, 1_000, 20, 1.0, 3.0, 7);
  }

  public PopularityInteractions rows(int n) {
    return new PopularityInteractions(n, users, items, categories, zipf, gamma, seed);
  }

  public PopularityInteractions users(int n) {
    return new PopularityInteractions(rows, n, items, categories, zipf, gamma, seed);
  }

  public PopularityInteractions items(int n) {
    return new PopularityInteractions(rows, users, n, categories, zipf, gamma, seed);
  }

  /** Zipf exponent of item popularity (0 = uniform). */
  public PopularityInteractions zipf(double s) {
    return new PopularityInteractions(rows, users, items, categories, s, gamma, seed);
  }

  public PopularityInteractions seed(long s) {
    return new PopularityInteractions(rows, users, items, categories, zipf, gamma, s);
  }

  /** Generates the clicks (roles: user, item, timestamp-free; label click = 1). */
  public Samples generate() {
    Random r = new Random(seed);
    int dim = 8;
    double[][] catVec = new double[categories][dim];
    for (double[] c : catVec) {
      for (int d = 0; d < dim; d++) {
        c[d] = r.nextGaussian();
      }
    }
    int[] itemCat = new int[items];
    double[][] itemVec = new double[items][dim];
    double[] pop = new double[items];
    int[] rankOf = Samples.permutation(items, seed + 1);
    for (int i = 0; i < items; i++) {
      itemCat[i] = r.nextInt(categories);
      for (int d = 0; d < dim; d++) {
        itemVec[i][d] = (catVec[itemCat[i]][d] + 0.5 * r.nextGaussian()) / Math.sqrt(dim);
      }
      pop[i] = Math.pow(rankOf[i] + 1, -zipf);
    }
    double[][] userVec = new double[users][dim];
    for (double[] u : userVec) {
      int c = r.nextInt(categories);
      for (int d = 0; d < dim; d++) {
        u[d] = (catVec[c][d] + 0.7 * r.nextGaussian()) / Math.sqrt(dim);
      }
    }
    IntColumn user = IntColumn.create("user_id", rows);
    IntColumn item = IntColumn.create("item_id", rows);
    IntColumn cat = IntColumn.create("category", rows);
    DoubleColumn popularity = DoubleColumn.create("popularity", rows);
    IntColumn click = IntColumn.create("click", rows);
    DoubleColumn affinity = DoubleColumn.create("truth_affinity", rows);
    double[] w = new double[items];
    double[][] cdfCache = new double[users][];
    for (int row = 0; row < rows; row++) {
      int u = r.nextInt(users);
      double[] cdf = cdfCache[u];
      if (cdf == null) {
        double total = 0;
        for (int i = 0; i < items; i++) {
          w[i] = pop[i] * Math.exp(gamma * dot(userVec[u], itemVec[i]));
          total += w[i];
        }
        cdf = new double[items];
        double acc = 0;
        for (int i = 0; i < items; i++) {
          acc += w[i] / total;
          cdf[i] = acc;
        }
        cdfCache[u] = cdf;
      }
      int i = java.util.Arrays.binarySearch(cdf, r.nextDouble() * cdf[items - 1]);
      i = Math.min(items - 1, i >= 0 ? i : -i - 1);
      user.set(row, u);
      item.set(row, i);
      cat.set(row, itemCat[i]);
      popularity.set(row, pop[i]);
      click.set(row, 1);
      affinity.set(row, dot(userVec[u], itemVec[i]));
    }
    Table t = Table.create("synthetic popularity-skewed clicks (seed " + seed + ")", user, item, cat, popularity,
        click, affinity);
    return Samples.from(t).label("click").user("user_id").item("item_id").categorical("user_id", "item_id",
        "category").ignore("popularity");
  }
}
