package siebench.metrics;

/**
 * Top-k ranking metrics averaged over groups (queries, search sessions or users): NDCG@k, Recall@k and
 * HitRate@k. Within each group the rows are ranked by descending score; the group averages are unweighted.
 *
 * <p><b>NDCG@k</b> (Järvelin and Kekäläinen 2002, "Cumulated gain-based evaluation of IR techniques", ACM
 * TOIS; gain convention of Burges et al. 2005, "Learning to rank using gradient descent", ICML): {@code
 * DCG@k = sum_{p=1..k} (2^rel_p - 1) / log2(p + 1)}, divided by the DCG@k of the ideal (relevance-sorted)
 * order. Relevance is graded ({@code double >= 0}) or binary (labels 0/1 give gains 0/1).
 *
 * <p><b>Recall@k</b> is the number of relevant rows (relevance > 0) in the top k divided by the number of
 * relevant rows in the group; <b>HitRate@k</b> is 1 when at least one relevant row is in the top k.
 *
 * <p><b>Ties.</b> Rows with equal scores are in no particular order, so every metric is the expected value
 * over all orders of tied rows, computed in closed form (McSherry and Najork 2008, "Computing information
 * retrieval performance measures efficiently in the presence of tied scores", ECIR): a tied block gets its
 * mean gain at each position it covers, Recall counts the expected number of relevant rows of a block cut by
 * position k, HitRate uses the hypergeometric probability that the cut part of the block holds a relevant
 * row. The result does not depend on the input row order.
 *
 * <p><b>Groups with no relevant row</b> have an ideal DCG of 0 and no relevant rows to recall, so the metric
 * is undefined for them. {@link EmptyGroups} says what to do: {@code SKIP} (default; they are left out of
 * the average and counted in {@link GroupedMetric#groupsSkipped()}), {@code ZERO} or {@code ONE} (they count
 * with that value, as some toolkits do). If every group is skipped the value is NaN.
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  /** What a group without any relevant row contributes. */
  public enum EmptyGroups {
    /** Left out of the average (counted as skipped). */
    SKIP,
    /** Counts as 0. */
    ZERO,
    /** Counts as 1 (LightGBM's convention for NDCG). */
    ONE
  }

  /** Binary relevance 0/1 from labels (checked to be 0/1). */
  public static double[] relevance(float[] labels) {
    Checks.labels(labels);
    double[] r = new double[labels.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = labels[i];
    }
    return r;
  }

  /** Mean NDCG@k over string-keyed groups, graded relevance, groups without a relevant row skipped. */
  public static GroupedMetric ndcg(double[] relevance, double[] scores, String[] groups, int k) {
    return ndcg(relevance, scores, Groups.of(groups), k, EmptyGroups.SKIP);
  }

  /** Mean NDCG@k over numerically keyed groups, graded relevance, groups without a relevant row skipped. */
  public static GroupedMetric ndcg(double[] relevance, double[] scores, long[] groups, int k) {
    return ndcg(relevance, scores, Groups.of(groups), k, EmptyGroups.SKIP);
  }

  /** Mean NDCG@k over groups, with gains {@code 2^rel - 1} and a {@code log2} discount. */
  public static GroupedMetric ndcg(double[] relevance, double[] scores, Groups groups, int k, EmptyGroups empty) {
    checkRelevance(relevance);
    Checks.scores("scores", scores, relevance.length);
    groups.checkRows(relevance.length);
    Checks.k(k);
    double[] gain = new double[relevance.length];
    for (int i = 0; i < gain.length; i++) {
      gain[i] = Math.pow(2, relevance[i]) - 1;
    }
    Acc acc = new Acc(groups.count());
    for (int g = 0; g < groups.count(); g++) {
      int[] m = groups.membersView(g);
      int[] ideal = Sorting.descending(gain, m);
      double idcg = 0;
      for (int p = 0; p < Math.min(k, ideal.length); p++) {
        idcg += gain[ideal[p]] * discount(p);
      }
      if (idcg == 0) {
        acc.empty(empty, m.length);
        continue;
      }
      int[] ranked = Sorting.descending(scores, m);
      double dcg = 0;
      int a = 0;
      while (a < ranked.length && a < k) {
        int b = blockEnd(scores, ranked, a);
        double mean = 0;
        for (int i = a; i < b; i++) {
          mean += gain[ranked[i]];
        }
        mean /= b - a;
        double disc = 0;
        for (int p = a; p < Math.min(b, k); p++) {
          disc += discount(p);
        }
        dcg += mean * disc;
        a = b;
      }
      acc.add(dcg / idcg, m.length);
    }
    return acc.result("ndcg@" + k);
  }

  /** Mean Recall@k over string-keyed groups with 0/1 labels, groups without a positive skipped. */
  public static GroupedMetric recall(float[] labels, double[] scores, String[] groups, int k) {
    return recall(labels, scores, Groups.of(groups), k, EmptyGroups.SKIP);
  }

  /** Mean Recall@k over numerically keyed groups with 0/1 labels, groups without a positive skipped. */
  public static GroupedMetric recall(float[] labels, double[] scores, long[] groups, int k) {
    return recall(labels, scores, Groups.of(groups), k, EmptyGroups.SKIP);
  }

  /** Mean Recall@k: expected relevant rows in the top k over relevant rows in the group. */
  public static GroupedMetric recall(float[] labels, double[] scores, Groups groups, int k, EmptyGroups empty) {
    return topK(labels, scores, groups, k, empty, false);
  }

  /** Mean HitRate@k over string-keyed groups with 0/1 labels, groups without a positive skipped. */
  public static GroupedMetric hitRate(float[] labels, double[] scores, String[] groups, int k) {
    return hitRate(labels, scores, Groups.of(groups), k, EmptyGroups.SKIP);
  }

  /** Mean HitRate@k over numerically keyed groups with 0/1 labels, groups without a positive skipped. */
  public static GroupedMetric hitRate(float[] labels, double[] scores, long[] groups, int k) {
    return hitRate(labels, scores, Groups.of(groups), k, EmptyGroups.SKIP);
  }

  /** Mean HitRate@k: probability that the top k of a group holds at least one relevant row. */
  public static GroupedMetric hitRate(float[] labels, double[] scores, Groups groups, int k, EmptyGroups empty) {
    return topK(labels, scores, groups, k, empty, true);
  }

  private static GroupedMetric topK(float[] labels, double[] scores, Groups groups, int k, EmptyGroups empty,
      boolean hit) {
    Checks.labels(labels);
    Checks.scores("scores", scores, labels.length);
    groups.checkRows(labels.length);
    Checks.k(k);
    Acc acc = new Acc(groups.count());
    for (int g = 0; g < groups.count(); g++) {
      int[] m = groups.membersView(g);
      int relevant = 0;
      for (int r : m) {
        relevant += labels[r] == 1f ? 1 : 0;
      }
      if (relevant == 0) {
        acc.empty(empty, m.length);
        continue;
      }
      int[] ranked = Sorting.descending(scores, m);
      double hits = 0;
      double missAll = 1; // probability that no relevant row is in the top k
      int a = 0;
      while (a < ranked.length && a < k) {
        int b = blockEnd(scores, ranked, a);
        int size = b - a;
        int rel = 0;
        for (int i = a; i < b; i++) {
          rel += labels[ranked[i]] == 1f ? 1 : 0;
        }
        int taken = Math.min(b, k) - a;
        hits += (double) rel * taken / size;
        // P(no relevant among `taken` drawn without replacement from `size` rows holding `rel` relevant)
        double none = 1;
        for (int i = 0; i < taken; i++) {
          none *= (double) (size - rel - i) / (size - i);
        }
        missAll *= Math.max(0, none);
        a = b;
      }
      acc.add(hit ? 1 - missAll : hits / relevant, m.length);
    }
    return acc.result((hit ? "hitrate@" : "recall@") + k);
  }

  private static int blockEnd(double[] scores, int[] ranked, int a) {
    int b = a + 1;
    while (b < ranked.length && scores[ranked[b]] == scores[ranked[a]]) {
      b++;
    }
    return b;
  }

  /** The DCG discount of 0-based position {@code p}: {@code 1 / log2(p + 2)}. */
  static double discount(int p) {
    return Math.log(2) / Math.log(p + 2);
  }

  private static void checkRelevance(double[] rel) {
    for (int i = 0; i < rel.length; i++) {
      if (!(rel[i] >= 0) || Double.isInfinite(rel[i])) {
        throw new IllegalArgumentException("relevance at index " + i + " is " + rel[i] + "; expected a finite value >= 0");
      }
    }
  }

  /** Running average over groups with the bookkeeping of a {@link GroupedMetric}. */
  private static final class Acc {
    final int groups;
    double sum;
    int used;
    long rows;

    Acc(int groups) {
      this.groups = groups;
    }

    void add(double v, int n) {
      sum += v;
      used++;
      rows += n;
    }

    void empty(EmptyGroups policy, int n) {
      switch (policy) {
        case ZERO -> add(0, n);
        case ONE -> add(1, n);
        case SKIP -> { }
      }
    }

    GroupedMetric result(String name) {
      return new GroupedMetric(name, used == 0 ? Double.NaN : sum / used, groups, used, groups - used, rows);
    }
  }
}
