package siebench.importance;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import siebench.data.Samples;

/** A set of row ids chosen by importance (e.g. {@link Importance#mostSuspicious(double)}), applicable to samples. */
public final class RowSelection {
  private final long[] rowIds;

  public RowSelection(long[] rowIds) {
    this.rowIds = rowIds.clone();
  }

  public long[] rowIds() {
    return rowIds.clone();
  }

  public int size() {
    return rowIds.length;
  }

  /** The rows of {@code samples} whose id is selected, in the samples' order. */
  public Samples select(Samples samples) {
    return filter(samples, true);
  }

  /** The rows of {@code samples} whose id is not selected. */
  public Samples remove(Samples samples) {
    return filter(samples, false);
  }

  private Samples filter(Samples samples, boolean keep) {
    Set<Long> set = new HashSet<>(rowIds.length * 2);
    for (long id : rowIds) {
      set.add(id);
    }
    long[] ids = samples.rowIds();
    int[] pos = new int[ids.length];
    int n = 0;
    for (int i = 0; i < ids.length; i++) {
      if (set.contains(ids[i]) == keep) {
        pos[n++] = i;
      }
    }
    return samples.rows(Arrays.copyOf(pos, n));
  }
}
