package siebench.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortingTest {
  @Test
  void stableIndexSortsMatchTheJdkStableSort() {
    for (int seed = 0; seed < 100; seed++) {
      Random r = new Random(seed);
      int n = r.nextInt(200);
      double[] key = new double[n];
      for (int i = 0; i < n; i++) {
        key[i] = r.nextInt(4) == 0 ? -0.0 : r.nextInt(7) - 3;
      }
      int[] rows = Subsets.of(r, n);
      Integer[] up = Arrays.stream(rows).boxed().toArray(Integer[]::new);
      Arrays.sort(up, (a, b) -> Double.compare(key[a], key[b])); // a stable merge sort in the JDK
      Integer[] down = Arrays.stream(rows).boxed().toArray(Integer[]::new);
      Arrays.sort(down, (a, b) -> Double.compare(key[b], key[a]));
      assertArrayEquals(Arrays.stream(up).mapToInt(Integer::intValue).toArray(), Sorting.ascending(key, rows));
      assertArrayEquals(Arrays.stream(down).mapToInt(Integer::intValue).toArray(), Sorting.descending(key, rows));
    }
  }

  /** Random distinct row subsets in random order. */
  private static final class Subsets {
    static int[] of(Random r, int n) {
      int[] p = siebench.data.Samples.permutation(n, r.nextLong());
      return Arrays.copyOf(p, r.nextInt(n + 1));
    }
  }
}
