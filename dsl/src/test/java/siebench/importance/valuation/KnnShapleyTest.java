package siebench.importance.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.Split;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;

class KnnShapleyTest {

  /** U(S) for one validation point: (1/K) * matches among the K nearest of S, ties by position. */
  static double knnUtility(boolean[] in, double[] dist, int[] y, int yt, int k) {
    int n = dist.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> dist[a] != dist[b] ? Double.compare(dist[a], dist[b]) : Integer.compare(a, b));
    int taken = 0;
    double u = 0;
    for (int i = 0; i < n && taken < k; i++) {
      if (in[order[i]]) {
        taken++;
        u += y[order[i]] == yt ? 1 : 0;
      }
    }
    return u / k;
  }

  /** Shapley by enumerating all n! permutations of the averaged utility. */
  static double[] bruteForce(double[][] dist, int[] y, int[] yv, int k) {
    int n = y.length;
    double[] phi = new double[n];
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    long count = 0;
    do {
      boolean[] in = new boolean[n];
      double prev = avgUtility(in, dist, y, yv, k);
      for (int p : perm) {
        in[p] = true;
        double cur = avgUtility(in, dist, y, yv, k);
        phi[p] += cur - prev;
        prev = cur;
      }
      count++;
    } while (nextPermutation(perm));
    for (int i = 0; i < n; i++) {
      phi[i] /= count;
    }
    return phi;
  }

  static double avgUtility(boolean[] in, double[][] dist, int[] y, int[] yv, int k) {
    double s = 0;
    for (int v = 0; v < yv.length; v++) {
      s += knnUtility(in, dist[v], y, yv[v], k);
    }
    return s / yv.length;
  }

  static boolean nextPermutation(int[] a) {
    int i = a.length - 2;
    while (i >= 0 && a[i] >= a[i + 1]) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    int j = a.length - 1;
    while (a[j] <= a[i]) {
      j--;
    }
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
    for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
      t = a[l];
      a[l] = a[r];
      a[r] = t;
    }
    return true;
  }

  @Test
  void exactAgainstPermutationEnumeration() {
    Random r = new Random(11);
    for (int trial = 0; trial < 6; trial++) {
      int n = 5 + trial % 4; // 5..8 points
      int dim = 2;
      int m = 3;
      int k = trial == 5 ? 10 : 1 + trial % 4; // includes K > N
      float[] tp = new float[n * dim];
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        // integer coordinates on a small grid: exact float distances and plenty of ties
        tp[i * dim] = r.nextInt(3);
        tp[i * dim + 1] = r.nextInt(3);
        y[i] = r.nextInt(2);
      }
      float[] vp = new float[m * dim];
      int[] yv = new int[m];
      for (int v = 0; v < m; v++) {
        vp[v * dim] = r.nextInt(3);
        vp[v * dim + 1] = r.nextInt(3);
        yv[v] = r.nextInt(2);
      }
      double[][] dist = new double[m][n];
      for (int v = 0; v < m; v++) {
        for (int i = 0; i < n; i++) {
          double dx = tp[i * dim] - vp[v * dim];
          double dy = tp[i * dim + 1] - vp[v * dim + 1];
          dist[v][i] = dx * dx + dy * dy;
        }
      }
      double[] expected = bruteForce(dist, y, yv, k);
      double[] got = KnnShapley.values(PointSpace.dense(tp, vp, dim), y, yv, k, 2, Progress.silent());
      for (int i = 0; i < n; i++) {
        assertEquals(expected[i], got[i], 1e-9, "trial " + trial + " n=" + n + " k=" + k + " point " + i);
      }
      // efficiency: values sum to U(N) - U(empty)
      boolean[] all = new boolean[n];
      Arrays.fill(all, true);
      assertEquals(avgUtility(all, dist, y, yv, k), Arrays.stream(got).sum(), 1e-9);
    }
  }

  @Test
  void encodedSpaceCountsFieldMismatchesTwice() {
    // two fields (vocab 2 each) and one dense column
    siebench.features.FeatureLayout layout = new siebench.features.FeatureLayout(java.util.List.of("a", "b"),
        new int[] {2, 2}, java.util.List.of("x"));
    siebench.features.EncodedData t = new siebench.features.EncodedData(layout, 2, new long[] {0, 2, 1, 3},
        new float[] {0f, 3f}, new float[] {0, 1}, new float[] {1, 1}, new long[] {0, 1});
    siebench.features.EncodedData v = new siebench.features.EncodedData(layout, 1, new long[] {0, 3},
        new float[] {1f}, new float[] {1}, new float[] {1}, new long[] {9});
    float[] d = new float[2];
    PointSpace.encoded(t, v).distances(0, d);
    assertEquals(2 * 1 + 1, d[0], 0); // field b differs, dense 1
    assertEquals(2 * 1 + 4, d[1], 0); // field a differs, dense 2
  }

  @Test
  void flippedLabelsGetTheLowestValues() {
    Samples s = Toys.blobs(400, 4, 5);
    Split sp = s.split(0.75, 3);
    Samples train = Toys.flip(sp.train(), 0, 1, 2, 3, 4);
    EstimationContext ctx = EstimationContext.defaults().validation(sp.test()).progress(Progress.silent());
    Importance imp = KnnShapley.defaults().k(5).estimate(train, ctx);
    long[] worst = Arrays.copyOf(imp.bySuspicion(), 10);
    long[] ids = train.rowIds();
    int found = 0;
    for (int f = 0; f < 5; f++) {
      for (long w : worst) {
        found += w == ids[f] ? 1 : 0;
      }
    }
    assertTrue(found >= 4, "flipped rows among the 10 lowest: " + found);
    assertTrue(imp.cost().gradientEvaluations() > 0);
    // without validation: two-fold cross-valuation still finds them
    Importance cross = KnnShapley.defaults().k(5).estimate(train, ctx.validation(null));
    assertEquals(train.size(), cross.size());
    double[] cv = cross.alignTo(train);
    double mean = Arrays.stream(cv).average().orElse(0);
    for (int f = 0; f < 5; f++) {
      assertTrue(cv[f] < mean, "flipped row " + f + " value " + cv[f] + " mean " + mean);
    }
  }
}
