package siebench.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Independent reference implementations for the metric tests: AUC by enumerating every positive/negative
 * pair, ranking metrics by enumerating every ordering of a group that is consistent with the scores (all
 * orders of tied rows, equally likely) and evaluating each order by its literal definition.
 */
final class BruteForce {
  private BruteForce() {}

  static double auc(float[] y, double[] s, double[] w, List<Integer> rows) {
    double num = 0;
    double wp = 0;
    double wn = 0;
    for (int i : rows) {
      double wi = w == null ? 1 : w[i];
      if (y[i] == 1) {
        wp += wi;
      } else {
        wn += wi;
      }
    }
    for (int i : rows) {
      for (int j : rows) {
        if (y[i] == 1 && y[j] == 0) {
          double wij = (w == null ? 1 : w[i]) * (w == null ? 1 : w[j]);
          num += wij * (s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0);
        }
      }
    }
    return wp == 0 || wn == 0 ? Double.NaN : num / (wp * wn);
  }

  static List<Integer> all(int n) {
    List<Integer> r = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      r.add(i);
    }
    return r;
  }

  static Map<String, List<Integer>> groups(String[] keys) {
    Map<String, List<Integer>> m = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      m.computeIfAbsent(keys[i], k -> new ArrayList<>()).add(i);
    }
    return m;
  }

  /** Mean of {@code metric} over every permutation of {@code rows} whose scores are non-increasing. */
  static double overTieOrders(List<Integer> rows, double[] s, ToDoubleFunction<List<Integer>> metric) {
    List<List<Integer>> perms = new ArrayList<>();
    permute(new ArrayList<>(rows), 0, perms);
    double sum = 0;
    int count = 0;
    for (List<Integer> p : perms) {
      boolean sorted = true;
      for (int i = 1; i < p.size(); i++) {
        if (s[p.get(i)] > s[p.get(i - 1)]) {
          sorted = false;
          break;
        }
      }
      if (sorted) {
        sum += metric.applyAsDouble(p);
        count++;
      }
    }
    return sum / count;
  }

  private static void permute(List<Integer> a, int from, List<List<Integer>> out) {
    if (from == a.size()) {
      out.add(new ArrayList<>(a));
      return;
    }
    for (int i = from; i < a.size(); i++) {
      java.util.Collections.swap(a, from, i);
      permute(a, from + 1, out);
      java.util.Collections.swap(a, from, i);
    }
  }

  static double dcg(List<Integer> order, double[] rel, int k) {
    double d = 0;
    for (int p = 0; p < Math.min(k, order.size()); p++) {
      d += (Math.pow(2, rel[order.get(p)]) - 1) / (Math.log(p + 2) / Math.log(2));
    }
    return d;
  }

  static double idcg(List<Integer> rows, double[] rel, int k) {
    List<Integer> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> Double.compare(rel[b], rel[a]));
    return dcg(sorted, rel, k);
  }
}
