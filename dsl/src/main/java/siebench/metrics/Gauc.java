package siebench.metrics;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Group AUC: the AUC of each user's own impressions, averaged over users with a weight per user.
 *
 * <p>Zhou, Zhu, Song, Fan, Zhu, Ma, Yan, Jin, Li, Gai (2018), "Deep Interest Network for Click-Through Rate
 * Prediction", KDD, define {@code GAUC = sum_u w_u AUC_u / sum_u w_u} with {@code w_u} the number of
 * impressions (or clicks) of user {@code u}; a user whose impressions are all clicks or all non-clicks has no
 * AUC and is skipped. Ties inside a user count half, as in {@link Metrics#auc}.
 */
public final class Gauc {
  private Gauc() {}

  /** How each user's AUC is weighted in the average. */
  public enum Weighting {
    /** By the user's number of rows (impressions): the DIN / Alibaba definition, the default. */
    IMPRESSIONS,
    /** By the user's number of positives (clicks). */
    CLICKS,
    /** Every user counts once. */
    UNIFORM
  }

  /** GAUC with impression weights over string user ids. */
  public static GroupedMetric of(float[] labels, double[] scores, String[] users) {
    return compute(labels, scores, Groups.of(users), Weighting.IMPRESSIONS);
  }

  /** GAUC with impression weights over numeric user ids. */
  public static GroupedMetric of(float[] labels, double[] scores, long[] users) {
    return compute(labels, scores, Groups.of(users), Weighting.IMPRESSIONS);
  }

  /** GAUC with the given user weighting. */
  public static GroupedMetric of(float[] labels, double[] scores, Groups users, Weighting weighting) {
    return compute(labels, scores, users, weighting);
  }

  static GroupedMetric compute(float[] labels, double[] scores, Groups users, Weighting weighting) {
    Checks.labels(labels);
    Checks.scores("scores", scores, labels.length);
    users.checkRows(labels.length);
    double sum = 0;
    double total = 0;
    int used = 0;
    long rows = 0;
    for (int g = 0; g < users.count(); g++) {
      int[] m = users.membersView(g);
      double auc = Metrics.aucOf(labels, scores, null, Sorting.ascending(scores, m));
      if (Double.isNaN(auc)) {
        continue;
      }
      double w = switch (weighting) {
        case IMPRESSIONS -> m.length;
        case CLICKS -> positives(labels, m);
        case UNIFORM -> 1;
      };
      sum += w * auc;
      total += w;
      used++;
      rows += m.length;
    }
    return new GroupedMetric("gauc", used == 0 ? Double.NaN : sum / total, users.count(), used,
        users.count() - used, rows);
  }

  /** One row per user: key, impressions, clicks and AUC (NaN for a user with one class). */
  public static Table perUser(float[] labels, double[] scores, Groups users) {
    Checks.labels(labels);
    Checks.scores("scores", scores, labels.length);
    users.checkRows(labels.length);
    int n = users.count();
    StringColumn key = StringColumn.create("group", n);
    IntColumn imp = IntColumn.create("impressions", n);
    IntColumn clicks = IntColumn.create("clicks", n);
    DoubleColumn auc = DoubleColumn.create("auc", n);
    for (int g = 0; g < n; g++) {
      int[] m = users.membersView(g);
      key.set(g, users.key(g));
      imp.set(g, m.length);
      clicks.set(g, positives(labels, m));
      auc.set(g, Metrics.aucOf(labels, scores, null, Sorting.ascending(scores, m)));
    }
    return Table.create("auc per group", key, imp, clicks, auc);
  }

  private static int positives(float[] labels, int[] rows) {
    int c = 0;
    for (int r : rows) {
      if (labels[r] == 1f) {
        c++;
      }
    }
    return c;
  }
}
