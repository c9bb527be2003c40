package siebench.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A bounded map-side combiner for per-row sums: adds the values of equal row ids in an open-addressing table of
 * primitive longs and doubles (grown by doubling from 4,096 slots, at most half full) and emits {@code (row id,
 * sum)} rows, flushing whenever the table holds {@code capacity} ids, so memory stays bounded however many
 * distinct ids a task sees. The emitted partial sums add up to the full sums; a later group-by adds them.
 */
final class RowSums {
  /** A stream of (row id, value) pairs: {@link #nextId} advances, {@link #value} is the current pair's value. */
  interface Source {
    boolean hasNext();

    long nextId();

    double value();
  }

  private long[] ids = new long[1 << 12];
  private double[] sums = new double[1 << 12];
  private boolean[] used = new boolean[1 << 12];
  private int size;

  private RowSums() {}

  static Iterator<Row> combine(Source source, int capacity) {
    RowSums table = new RowSums();
    return new Iterator<>() {
      final List<Row> ready = new ArrayList<>();
      int at;

      @Override
      public boolean hasNext() {
        while (at >= ready.size()) {
          ready.clear();
          at = 0;
          if (!source.hasNext()) {
            return false;
          }
          while (table.size < capacity && source.hasNext()) {
            long id = source.nextId();
            table.add(id, source.value());
          }
          table.flush(ready);
        }
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.get(at++);
      }
    };
  }

  private void add(long id, double v) {
    if (2 * (size + 1) > ids.length) {
      grow();
    }
    int mask = ids.length - 1;
    int h = (int) (mix(id) & mask);
    while (used[h] && ids[h] != id) {
      h = (h + 1) & mask;
    }
    if (!used[h]) {
      used[h] = true;
      ids[h] = id;
      sums[h] = 0;
      size++;
    }
    sums[h] += v;
  }

  private void grow() {
    long[] oldIds = ids;
    double[] oldSums = sums;
    boolean[] oldUsed = used;
    ids = new long[2 * oldIds.length];
    sums = new double[2 * oldIds.length];
    used = new boolean[2 * oldIds.length];
    size = 0;
    for (int i = 0; i < oldIds.length; i++) {
      if (oldUsed[i]) {
        add(oldIds[i], oldSums[i]);
      }
    }
  }

  /** Moves every (id, sum) into {@code out} and empties the table (keeping its size). */
  private void flush(List<Row> out) {
    for (int i = 0; i < ids.length; i++) {
      if (used[i]) {
        out.add(RowFactory.create(ids[i], sums[i]));
        used[i] = false;
      }
    }
    size = 0;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
