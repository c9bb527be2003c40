package siebench.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A bounded map-side combiner for per-row sums: adds the values of equal row ids in an open-addressing table of
 * primitive longs and doubles and emits {@code (row id, sum)} rows, flushing whenever the table holds {@code
 * capacity} ids, so memory stays bounded however many distinct ids a task sees. The emitted partial sums add up to
 * the full sums; a later group-by adds them.
 */
final class RowSums {
  /** A stream of (row id, value) pairs: {@link #nextId} advances, {@link #value} is the current pair's value. */
  interface Source {
    boolean hasNext();

    long nextId();

    double value();
  }

  private RowSums() {}

  static Iterator<Row> combine(Source source, int capacity) {
    int slots = Integer.highestOneBit(Math.max(2, capacity)) * 2;
    long[] ids = new long[slots];
    double[] sums = new double[slots];
    boolean[] used = new boolean[slots];
    int mask = slots - 1;
    return new Iterator<>() {
      List<Row> ready = new ArrayList<>();
      int at;
      int size;

      @Override
      public boolean hasNext() {
        while (at >= ready.size()) {
          ready.clear();
          at = 0;
          if (!source.hasNext() && size == 0) {
            return false;
          }
          while (size < capacity && source.hasNext()) {
            long id = source.nextId();
            double v = source.value();
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
          for (int i = 0; i < slots; i++) {
            if (used[i]) {
              ready.add(RowFactory.create(ids[i], sums[i]));
            }
          }
          Arrays.fill(used, false);
          size = 0;
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

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
