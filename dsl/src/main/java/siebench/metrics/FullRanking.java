package siebench.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Top-K evaluation of a recommender over the <em>whole item corpus</em>: for every evaluated user, all items
 * except the user's training items are ranked by score, and Recall@K ({@code hits / |relevant|}), NDCG@K
 * (binary gains, {@code DCG / IDCG} with {@code IDCG} over {@code min(K, |relevant|)} hits) and HitRate@K
 * ({@code hits > 0}) are averaged over users with at least one relevant item that is not a training item
 * (the full-ranking protocol of Wang et al. 2021, "Denoising Implicit Feedback for Recommendation", and of
 * Krichene &amp; Rendle 2020, "On Sampled Metrics for Item Recommendation", KDD).
 *
 * <p>{@link #sampled(int, long)} is the explicitly named alternative that ranks each relevant item only
 * against {@code m} sampled non-training items (the NCF protocol of He et al. 2017). Krichene &amp; Rendle show
 * such sampled metrics can rank models inconsistently with the full ranking, so it is never the default.
 *
 * <p>An item's position is the number of candidate items with a strictly higher score, plus those with an
 * equal score and a smaller index (ties broken by item index, deterministically); this equals its 0-based
 * index in the sorted list without materializing it.
 */
public final class FullRanking {
  /** Scores of every corpus item for a block of users. */
  public interface Scorer {
    /** Row-major {@code [users.length][corpus]} scores (higher = recommended first). */
    float[] scores(int[] users);
  }

  private final int[] ks;
  private final int sampledNegatives;
  private final long seed;
  private final int block;

  private FullRanking(int[] ks, int sampledNegatives, long seed, int block) {
    for (int k : ks) {
      if (k < 1) {
        throw new IllegalArgumentException("cutoffs K must be >= 1, got " + Arrays.toString(ks));
      }
    }
    if (ks.length == 0) {
      throw new IllegalArgumentException("at least one cutoff K is needed");
    }
    this.ks = ks.clone();
    this.sampledNegatives = sampledNegatives;
    this.seed = seed;
    this.block = block;
  }

  /** Full ranking at the given cutoffs. */
  public static FullRanking at(int... ks) {
    return new FullRanking(ks, 0, 0, 256);
  }

  /**
   * The sampled-metric mode (Krichene &amp; Rendle 2020 warn against it): each user's relevant items compete
   * only with {@code m} seeded uniformly sampled non-training, non-relevant items.
   */
  public FullRanking sampled(int m, long seed) {
    if (m < 1) {
      throw new IllegalArgumentException("sampled ranking needs m >= 1 sampled items, got " + m);
    }
    return new FullRanking(ks, m, seed, block);
  }

  /** Users scored per {@link Scorer} call (memory: block x corpus floats). */
  public FullRanking usersPerBlock(int b) {
    if (b < 1) {
      throw new IllegalArgumentException("usersPerBlock must be >= 1, got " + b);
    }
    return new FullRanking(ks, sampledNegatives, seed, b);
  }

  /** True in the sampled-metric mode. */
  public boolean isSampled() {
    return sampledNegatives > 0;
  }

  /**
   * Per-user metrics. {@code seen[u]} and {@code relevant[u]} are the sorted training and test items of user
   * {@code u} (null or empty: none); {@code users} are the users to evaluate (e.g. all, or a seeded sample).
   */
  public Result evaluate(Scorer scorer, int corpus, int[][] seen, int[][] relevant, int[] users) {
    List<Integer> evaluated = new ArrayList<>();
    List<int[]> rel = new ArrayList<>();
    for (int u : users) {
      int[] r = relevant[u] == null ? new int[0] : relevant[u];
      int[] s = seen[u] == null ? new int[0] : seen[u];
      int[] kept = Arrays.stream(r).filter(i -> Arrays.binarySearch(s, i) < 0).toArray();
      if (kept.length > 0) {
        evaluated.add(u);
        rel.add(kept);
      }
    }
    int n = evaluated.size();
    double[][] recall = new double[ks.length][n];
    double[][] ndcg = new double[ks.length][n];
    double[][] hit = new double[ks.length][n];
    Random rng = new Random(seed);
    for (int start = 0; start < n; start += block) {
      int end = Math.min(n, start + block);
      int[] chunk = new int[end - start];
      for (int j = 0; j < chunk.length; j++) {
        chunk[j] = evaluated.get(start + j);
      }
      float[] sc = scorer.scores(chunk);
      if (sc.length != (long) chunk.length * corpus) {
        throw new IllegalStateException("scorer returned " + sc.length + " scores for " + chunk.length + " users x "
            + corpus + " items");
      }
      for (int j = 0; j < chunk.length; j++) {
        int u = chunk[j];
        int[] s = seen[u] == null ? new int[0] : seen[u];
        int[] r = rel.get(start + j);
        int[] candidates = isSampled() ? sample(rng, corpus, s, r) : null;
        int[] pos = new int[r.length];
        for (int a = 0; a < r.length; a++) {
          pos[a] = position(sc, j * corpus, corpus, r[a], s, candidates);
        }
        for (int k = 0; k < ks.length; k++) {
          int hits = 0;
          double dcg = 0;
          for (int p : pos) {
            if (p < ks[k]) {
              hits++;
              dcg += 1 / log2(p + 2);
            }
          }
          double idcg = 0;
          for (int p = 0; p < Math.min(ks[k], r.length); p++) {
            idcg += 1 / log2(p + 2);
          }
          recall[k][start + j] = hits / (double) r.length;
          ndcg[k][start + j] = dcg / idcg;
          hit[k][start + j] = hits > 0 ? 1 : 0;
        }
      }
    }
    return new Result(ks.clone(), evaluated.stream().mapToInt(Integer::intValue).toArray(), recall, ndcg, hit,
        isSampled());
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /** 0-based rank of {@code item} among the candidates (all items not seen, or the sampled ones plus relevant). */
  private static int position(float[] sc, int off, int corpus, int item, int[] seen, int[] candidates) {
    float v = sc[off + item];
    if (Float.isNaN(v)) {
      throw new IllegalArgumentException("NaN score for item " + item);
    }
    int before = 0;
    if (candidates == null) {
      for (int i = 0; i < corpus; i++) {
        float w = sc[off + i];
        if ((w > v || (w == v && i < item)) && Arrays.binarySearch(seen, i) < 0) {
          before++;
        }
      }
    } else {
      for (int i : candidates) {
        float w = sc[off + i];
        if (i != item && (w > v || (w == v && i < item))) {
          before++;
        }
      }
    }
    return before;
  }

  /** m distinct uniform non-seen, non-relevant items, plus the relevant ones (all competing together). */
  private int[] sample(Random rng, int corpus, int[] seen, int[] relevant) {
    int available = corpus - seen.length - relevant.length;
    int m = Math.min(sampledNegatives, Math.max(0, available));
    java.util.Set<Integer> chosen = new java.util.LinkedHashSet<>();
    while (chosen.size() < m) {
      int i = rng.nextInt(corpus);
      if (Arrays.binarySearch(seen, i) < 0 && Arrays.binarySearch(relevant, i) < 0) {
        chosen.add(i);
      }
    }
    int[] out = new int[m + relevant.length];
    int c = 0;
    for (int i : chosen) {
      out[c++] = i;
    }
    for (int i : relevant) {
      out[c++] = i;
    }
    return out;
  }

  /**
   * Per-user metric values ({@code recall[k][j]} for cutoff {@code ks[k]} and evaluated user {@code
   * users[j]}) and their means.
   */
  public record Result(int[] ks, int[] users, double[][] recall, double[][] ndcg, double[][] hitRate,
      boolean sampled) {
    /** Means by name: {@code recall@K}, {@code ndcg@K}, {@code hit@K} (prefix {@code sampled-} when sampled). */
    public Map<String, Double> means() {
      Map<String, Double> m = new LinkedHashMap<>();
      String p = sampled ? "sampled-" : "";
      for (int k = 0; k < ks.length; k++) {
        m.put(p + "recall@" + ks[k], mean(recall[k]));
        m.put(p + "ndcg@" + ks[k], mean(ndcg[k]));
        m.put(p + "hit@" + ks[k], mean(hitRate[k]));
      }
      return m;
    }

    private static double mean(double[] x) {
      return x.length == 0 ? Double.NaN : Arrays.stream(x).average().orElse(Double.NaN);
    }
  }

  /** Scores by training popularity (number of training users per item): the popularity baseline. */
  public static Scorer popularity(int[][] seen, int corpus) {
    float[] pop = new float[corpus];
    for (int[] s : seen) {
      if (s != null) {
        for (int i : s) {
          pop[i]++;
        }
      }
    }
    return users -> {
      float[] out = new float[users.length * corpus];
      for (int j = 0; j < users.length; j++) {
        System.arraycopy(pop, 0, out, j * corpus, corpus);
      }
      return out;
    };
  }

  /** Seeded uniform random scores: the random baseline. */
  public static Scorer random(int corpus, long seed) {
    Random rng = new Random(seed);
    return users -> {
      float[] out = new float[users.length * corpus];
      for (int i = 0; i < out.length; i++) {
        out[i] = rng.nextFloat();
      }
      return out;
    };
  }
}
