package siebench.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Row-to-group assignment for per-group metrics (GAUC, NDCG@k, Recall@k): each row's group as a dense index
 * 0..count-1, numbered in order of first appearance, with the rows of each group listed in their original
 * order. Built from String or long keys aligned with the scores (user ids, query ids, session ids).
 */
public final class Groups {
  private final int[] groupOf;
  private final int[][] members;
  private final List<String> keys;

  private Groups(int[] groupOf, int count, List<String> keys) {
    this.groupOf = groupOf;
    this.keys = keys;
    int[] sizes = new int[count];
    for (int g : groupOf) {
      sizes[g]++;
    }
    members = new int[count][];
    for (int g = 0; g < count; g++) {
      members[g] = new int[sizes[g]];
    }
    int[] fill = new int[count];
    for (int i = 0; i < groupOf.length; i++) {
      int g = groupOf[i];
      members[g][fill[g]++] = i;
    }
  }

  /** Groups from string keys; a null key is an error (naming its index), never a silent group of its own. */
  public static Groups of(String[] keys) {
    Map<String, Integer> index = new HashMap<>();
    List<String> names = new ArrayList<>();
    int[] g = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] == null) {
        throw new IllegalArgumentException("group key at index " + i + " is missing (null)");
      }
      Integer id = index.get(keys[i]);
      if (id == null) {
        id = names.size();
        index.put(keys[i], id);
        names.add(keys[i]);
      }
      g[i] = id;
    }
    return new Groups(g, names.size(), names);
  }

  /** Groups from long keys (numeric user or query ids). */
  public static Groups of(long[] keys) {
    Map<Long, Integer> index = new HashMap<>();
    List<String> names = new ArrayList<>();
    int[] g = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      Integer id = index.get(keys[i]);
      if (id == null) {
        id = names.size();
        index.put(keys[i], id);
        names.add(Long.toString(keys[i]));
      }
      g[i] = id;
    }
    return new Groups(g, names.size(), names);
  }

  /** Number of rows. */
  public int rows() {
    return groupOf.length;
  }

  /** Number of distinct groups. */
  public int count() {
    return members.length;
  }

  /** The dense group index of row {@code i}. */
  public int groupOf(int i) {
    return groupOf[i];
  }

  /** The key of group {@code g} as text. */
  public String key(int g) {
    return keys.get(g);
  }

  /** The row positions of group {@code g}, ascending. */
  public int[] members(int g) {
    return members[g].clone();
  }

  int[] membersView(int g) {
    return members[g];
  }

  void checkRows(int n) {
    if (groupOf.length != n) {
      throw new IllegalArgumentException("groups have " + groupOf.length + " entries but there are " + n + " rows");
    }
  }
}
