package siebench.retrieval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import siebench.data.Samples;
import siebench.model.TwoTowerNetwork;

/**
 * A trained two-tower model: scores the whole item corpus (the items seen in training) for users and measures
 * Recall@k and NDCG@k (binary relevance) of held-out clicks, excluding items the user clicked in training.
 */
final class TwoTowerModel implements AutoCloseable {
  private final NDManager manager;
  private final TwoTowerNetwork net;
  private final long[] offsets;
  private final String userCol;
  private final String itemCol;
  private final Map<String, Integer> userIdx;
  private final Map<String, Integer> itemIdx;
  private final long[] itemCats;
  private final Map<String, Object> parameters;

  TwoTowerModel(NDManager manager, TwoTowerNetwork net, long[] offsets, String userCol, String itemCol,
      Map<String, Integer> userIdx, Map<String, Integer> itemIdx, long[] itemCats, Map<String, Object> parameters) {
    this.manager = manager;
    this.net = net;
    this.offsets = offsets;
    this.userCol = userCol;
    this.itemCol = itemCol;
    this.userIdx = userIdx;
    this.itemIdx = itemIdx;
    this.itemCats = itemCats;
    this.parameters = parameters;
  }

  public Map<String, Object> parameters() {
    return parameters;
  }

  /** Items in the retrieval corpus. */
  public int corpusSize() {
    return itemIdx.size();
  }

  /**
   * Recall@k and NDCG@k over the users of {@code test} that have clicks on corpus items, ranking the whole
   * corpus minus the items each user clicked in {@code train}. Keys: {@code recall@k}, {@code ndcg@k}, {@code
   * users}.
   */
  public Map<String, Double> evaluate(Samples train, Samples test, int k) {
    Map<String, Set<Integer>> seen = clicks(train);
    Map<String, Set<Integer>> relevant = clicks(test);
    List<String> users = new ArrayList<>();
    for (Map.Entry<String, Set<Integer>> e : relevant.entrySet()) {
      Set<Integer> rel = new HashSet<>(e.getValue());
      rel.removeAll(seen.getOrDefault(e.getKey(), Set.of()));
      if (!rel.isEmpty()) {
        users.add(e.getKey());
        relevant.put(e.getKey(), rel);
      }
    }
    double recall = 0;
    double ndcg = 0;
    int nItems = itemIdx.size();
    try (NDManager m = manager.newSubManager()) {
      long[] all = new long[nItems * 3];
      for (int i = 0; i < nItems; i++) {
        all[i * 3] = offsets[0];
        all[i * 3 + 1] = offsets[1] + i;
        all[i * 3 + 2] = offsets[2] + itemCats[i];
      }
      NDArray iv = TwoTower.normalized(net.itemVectors(null, m.create(all, new Shape(nItems, 3)), false));
      for (int start = 0; start < users.size(); start += 1024) {
        List<String> chunk = users.subList(start, Math.min(users.size(), start + 1024));
        long[] uix = new long[chunk.size() * 3];
        for (int j = 0; j < chunk.size(); j++) {
          uix[j * 3] = offsets[0] + userIdx.getOrDefault(chunk.get(j), 0);
          uix[j * 3 + 1] = offsets[1];
          uix[j * 3 + 2] = offsets[2];
        }
        NDArray uv = TwoTower.normalized(net.userVectors(null, m.create(uix, new Shape(chunk.size(), 3)), false));
        float[] scores = uv.matMul(iv.transpose()).toFloatArray();
        for (int j = 0; j < chunk.size(); j++) {
          String u = chunk.get(j);
          Set<Integer> excl = seen.getOrDefault(u, Set.of());
          Set<Integer> rel = relevant.get(u);
          int[] top = topK(scores, j * nItems, nItems, k, excl);
          int hits = 0;
          double dcg = 0;
          for (int r = 0; r < top.length; r++) {
            if (rel.contains(top[r])) {
              hits++;
              dcg += 1 / (Math.log(r + 2) / Math.log(2));
            }
          }
          double idcg = 0;
          for (int r = 0; r < Math.min(k, rel.size()); r++) {
            idcg += 1 / (Math.log(r + 2) / Math.log(2));
          }
          recall += hits / (double) rel.size();
          ndcg += dcg / idcg;
        }
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("recall@" + k, users.isEmpty() ? Double.NaN : recall / users.size());
    out.put("ndcg@" + k, users.isEmpty() ? Double.NaN : ndcg / users.size());
    out.put("users", (double) users.size());
    return out;
  }

  private Map<String, Set<Integer>> clicks(Samples s) {
    float[] y = s.labels();
    String[] u = s.strings(userCol);
    String[] it = s.strings(itemCol);
    Map<String, Set<Integer>> m = new HashMap<>();
    for (int i = 0; i < y.length; i++) {
      Integer idx = itemIdx.get(it[i]);
      if (y[i] > 0.5f && idx != null) {
        m.computeIfAbsent(u[i], x -> new HashSet<>()).add(idx);
      }
    }
    return m;
  }

  /** Indices of the k best scores in {@code s[off, off+n)}, skipping {@code excluded}, best first. */
  static int[] topK(float[] s, int off, int n, int k, Set<Integer> excluded) {
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> {
      int c = Float.compare(s[off + b], s[off + a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] out = new int[Math.min(k, n)];
    int c = 0;
    for (int i = 0; i < n && c < out.length; i++) {
      if (!excluded.contains(order[i])) {
        out[c++] = order[i];
      }
    }
    return java.util.Arrays.copyOf(out, c);
  }

  @Override
  public void close() {
    manager.close();
  }
}
