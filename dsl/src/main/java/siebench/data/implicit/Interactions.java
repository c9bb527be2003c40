package siebench.data.implicit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A positives-only interaction log (implicit feedback, Hu, Koren &amp; Volinsky 2008, "Collaborative Filtering
 * for Implicit Feedback Datasets"): one row per user-item event with its time and behaviour type (e.g. Taobao
 * {@code pv}, {@code cart}, {@code fav}, {@code buy}; Diginetica {@code view}, {@code buy}). Users and items
 * are dense indices into {@link #userIds()} and {@link #itemIds()}, shared by every subset of the log, so the
 * item corpus of a split is the corpus of the whole log. Immutable; the arrays are owned by this object.
 */
public final class Interactions {
  private final String name;
  private final List<String> userIds;
  private final List<String> itemIds;
  private final int[] user;
  private final int[] item;
  private final long[] time;
  private final String[] behaviour;

  /**
   * A log over the given id lists. {@code user[r]} and {@code item[r]} index the id lists; {@code time[r]}
   * orders a user's events (ties keep row order); {@code behaviour[r]} is the event type.
   */
  public Interactions(String name, List<String> userIds, List<String> itemIds, int[] user, int[] item, long[] time,
      String[] behaviour) {
    int n = user.length;
    if (item.length != n || time.length != n || behaviour.length != n) {
      throw new IllegalArgumentException("user, item, time and behaviour arrays must have one entry per event; got "
          + n + ", " + item.length + ", " + time.length + ", " + behaviour.length);
    }
    for (int r = 0; r < n; r++) {
      if (user[r] < 0 || user[r] >= userIds.size() || item[r] < 0 || item[r] >= itemIds.size()) {
        throw new IllegalArgumentException("event " + r + " has user " + user[r] + " / item " + item[r]
            + " outside the id lists (" + userIds.size() + " users, " + itemIds.size() + " items)");
      }
      if (behaviour[r] == null) {
        throw new IllegalArgumentException("event " + r + " has no behaviour type");
      }
    }
    this.name = name;
    this.userIds = List.copyOf(userIds);
    this.itemIds = List.copyOf(itemIds);
    this.user = user;
    this.item = item;
    this.time = time;
    this.behaviour = behaviour;
  }

  /**
   * Builds a log from raw string ids, assigning dense indices in order of first appearance.
   */
  public static Interactions of(String name, String[] users, String[] items, long[] time, String[] behaviour) {
    Map<String, Integer> u = new HashMap<>();
    Map<String, Integer> it = new HashMap<>();
    List<String> uIds = new ArrayList<>();
    List<String> iIds = new ArrayList<>();
    int[] ui = new int[users.length];
    int[] ii = new int[users.length];
    for (int r = 0; r < users.length; r++) {
      ui[r] = u.computeIfAbsent(users[r], k -> {
        uIds.add(k);
        return uIds.size() - 1;
      });
      ii[r] = it.computeIfAbsent(items[r], k -> {
        iIds.add(k);
        return iIds.size() - 1;
      });
    }
    return new Interactions(name, uIds, iIds, ui, ii, time, behaviour);
  }

  public String name() {
    return name;
  }

  /** Events in the log. */
  public int size() {
    return user.length;
  }

  /** Users of the whole log (also of every subset). */
  public int users() {
    return userIds.size();
  }

  /** Items of the whole log: the ranking corpus. */
  public int items() {
    return itemIds.size();
  }

  public List<String> userIds() {
    return userIds;
  }

  public List<String> itemIds() {
    return itemIds;
  }

  public int user(int r) {
    return user[r];
  }

  public int item(int r) {
    return item[r];
  }

  public long time(int r) {
    return time[r];
  }

  public String behaviour(int r) {
    return behaviour[r];
  }

  /** The events at {@code rows}, in that order, over the same id lists. */
  public Interactions rows(int[] rows) {
    int[] u = new int[rows.length];
    int[] i = new int[rows.length];
    long[] t = new long[rows.length];
    String[] b = new String[rows.length];
    for (int k = 0; k < rows.length; k++) {
      u[k] = user[rows[k]];
      i[k] = item[rows[k]];
      t[k] = time[rows[k]];
      b[k] = behaviour[rows[k]];
    }
    return new Interactions(name, userIds, itemIds, u, i, t, b);
  }

  /** This log followed by {@code other}'s events (same id lists required). */
  public Interactions concat(Interactions other) {
    if (!other.userIds.equals(userIds) || !other.itemIds.equals(itemIds)) {
      throw new IllegalArgumentException("concat needs logs over the same user and item id lists");
    }
    int n = size();
    int m = other.size();
    int[] u = Arrays.copyOf(user, n + m);
    int[] i = Arrays.copyOf(item, n + m);
    long[] t = Arrays.copyOf(time, n + m);
    String[] b = Arrays.copyOf(behaviour, n + m);
    System.arraycopy(other.user, 0, u, n, m);
    System.arraycopy(other.item, 0, i, n, m);
    System.arraycopy(other.time, 0, t, n, m);
    System.arraycopy(other.behaviour, 0, b, n, m);
    return new Interactions(name, userIds, itemIds, u, i, t, b);
  }

  /** The events whose behaviour is one of {@code types}. */
  public Interactions withBehaviours(String... types) {
    Set<String> keep = Set.of(types);
    return rows(java.util.stream.IntStream.range(0, size()).filter(r -> keep.contains(behaviour[r])).toArray());
  }

  /** Each user's distinct items, as sorted arrays indexed by user. */
  public int[][] itemsByUser() {
    List<Set<Integer>> s = new ArrayList<>();
    for (int u = 0; u < users(); u++) {
      s.add(new HashSet<>());
    }
    for (int r = 0; r < size(); r++) {
      s.get(user[r]).add(item[r]);
    }
    int[][] out = new int[users()][];
    for (int u = 0; u < out.length; u++) {
      out[u] = s.get(u).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    return out;
  }

  /** Each item's number of distinct users who interacted with it (its popularity in this log). */
  public int[] itemPopularity() {
    int[] c = new int[items()];
    for (int[] its : itemsByUser()) {
      for (int i : its) {
        c[i]++;
      }
    }
    return c;
  }

  /** Event counts per behaviour type. */
  public Map<String, Integer> behaviourCounts() {
    Map<String, Integer> m = new java.util.TreeMap<>();
    for (String b : behaviour) {
      m.merge(b, 1, Integer::sum);
    }
    return m;
  }

  @Override
  public String toString() {
    return name + ": " + size() + " events, " + users() + " users, " + items() + " items " + behaviourCounts();
  }
}
