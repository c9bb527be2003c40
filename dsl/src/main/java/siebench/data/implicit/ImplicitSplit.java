package siebench.data.implicit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A per-user split of an {@link Interactions} log into training and test events (both over the whole log's id
 * lists, so the item corpus is shared).
 *
 * <ul>
 *   <li>{@link #leaveLastOut}: each user's latest event is the test event, the rest train (the leave-one-out
 *       protocol of He et al. 2017, "Neural Collaborative Filtering", Sec. 4.1, ranked here over the full
 *       corpus); users with a single event stay in training only.
 *   <li>{@link #byTime}: each user's earliest {@code fraction} of events (at least one) train, the rest test
 *       (the per-user temporal split used by Wang et al. 2021 for their test interactions).
 * </ul>
 * Ties in time keep the log's row order.
 *
 * @param train the training events
 * @param test the held-out events
 */
public record ImplicitSplit(Interactions train, Interactions test) {

  /** Leave-last-out per user. */
  public static ImplicitSplit leaveLastOut(Interactions log) {
    List<List<Integer>> byUser = ordered(log);
    List<Integer> tr = new ArrayList<>();
    List<Integer> te = new ArrayList<>();
    for (List<Integer> rows : byUser) {
      for (int k = 0; k < rows.size(); k++) {
        (k == rows.size() - 1 && rows.size() >= 2 ? te : tr).add(rows.get(k));
      }
    }
    return new ImplicitSplit(log.rows(toArray(tr)), log.rows(toArray(te)));
  }

  /** Per-user time split: the first {@code max(1, floor(fraction * n_u))} of a user's events train. */
  public static ImplicitSplit byTime(Interactions log, double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("training fraction must be in (0, 1), got " + fraction);
    }
    List<Integer> tr = new ArrayList<>();
    List<Integer> te = new ArrayList<>();
    for (List<Integer> rows : ordered(log)) {
      int cut = Math.max(1, (int) Math.floor(fraction * rows.size()));
      for (int k = 0; k < rows.size(); k++) {
        (k < cut ? tr : te).add(rows.get(k));
      }
    }
    return new ImplicitSplit(log.rows(toArray(tr)), log.rows(toArray(te)));
  }

  private static List<List<Integer>> ordered(Interactions log) {
    List<List<Integer>> byUser = new ArrayList<>();
    for (int u = 0; u < log.users(); u++) {
      byUser.add(new ArrayList<>());
    }
    for (int r = 0; r < log.size(); r++) {
      byUser.get(log.user(r)).add(r);
    }
    for (List<Integer> rows : byUser) {
      rows.sort(Comparator.<Integer>comparingLong(log::time).thenComparingInt(r -> r));
    }
    return byUser;
  }

  private static int[] toArray(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }
}
