package siebench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The bounded combiner against a plain map: same sums, however small the capacity (flushes) and the table. */
class RowSumsTest {
  @Test
  void partialSumsAddUpToTheSumsOfAPlainMap() {
    for (int capacity : new int[] {1, 7, 5000, 1 << 20}) {
      SplittableRandom r = new SplittableRandom(capacity);
      long[] ids = new long[100_000];
      double[] v = new double[ids.length];
      Map<Long, Double> expected = new HashMap<>();
      for (int i = 0; i < ids.length; i++) {
        ids[i] = r.nextLong(30_000) * 1_000_003L; // repeats, spread over the long range
        v[i] = r.nextInt(1000) / 8.0; // exact in binary: sums do not depend on the order
        expected.merge(ids[i], v[i], Double::sum);
      }
      int[] at = {-1};
      RowSums.Source source = new RowSums.Source() {
        @Override
        public boolean hasNext() {
          return at[0] + 1 < ids.length;
        }

        @Override
        public long nextId() {
          return ids[++at[0]];
        }

        @Override
        public double value() {
          return v[at[0]];
        }
      };
      Map<Long, Double> got = new HashMap<>();
      int rows = 0;
      for (Iterator<Row> it = RowSums.combine(source, capacity); it.hasNext(); rows++) {
        Row row = it.next();
        got.merge(row.getLong(0), row.getDouble(1), Double::sum);
      }
      assertEquals(expected, got, "capacity " + capacity);
      if (capacity >= 30_000) {
        assertEquals(expected.size(), rows, "one row per id when all ids fit");
      }
    }
  }
}
