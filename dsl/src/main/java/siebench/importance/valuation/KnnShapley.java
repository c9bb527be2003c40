package siebench.importance.valuation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import siebench.core.CostMeter;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/**
 * KNN-Shapley: the exact Shapley value of every training point for the K-nearest-neighbour classifier, by the
 * closed-form recursion of Jia, Dao, Wang, Hubis, Gurel, Li, Zhang, Spanos and Song (2019), "Efficient
 * Task-Specific Data Valuation for Nearest Neighbor Algorithms" (PVLDB 12(11), Theorem 1).
 *
 * <p>For one validation point (x_t, y_t), the utility of a training subset S is {@code U(S) = (1/K) *
 * sum_{k <= min(K, |S|)} 1[y of the k-th nearest point of S = y_t]} (U(empty) = 0). Sort the N training
 * points by distance to x_t, nearest first, ties broken by row position (so the order is total and
 * deterministic): alpha_1 .. alpha_N. Then
 *
 * <pre>
 *   s(alpha_N) = 1[y_{alpha_N} = y_t] / N        (in general 1[..] * min(K, N) / (K N), for K > N)
 *   s(alpha_i) = s(alpha_{i+1}) + (1[y_{alpha_i} = y_t] - 1[y_{alpha_{i+1}} = y_t]) / K * min(K, i) / i
 * </pre>
 *
 * and the value of a point is the average of s over the validation points (the Shapley value of the averaged
 * utility, by linearity). Cost per validation point: O(N d) distances and an O(N) stable radix sort of the float
 * distance bits (ties keep row order) and the validation points are spread over {@code threads} threads.
 *
 * <p><b>Sign:</b> higher = more valuable. A point whose label agrees with the labels of the validation points
 * near it gets a positive value, a point surrounded by validation points of the other label (e.g. a flipped
 * label) a negative one. Values sum to the average validation utility of the full training set.
 *
 * <p><b>Space.</b> {@link #onFeatures()} (default): the encoded features, one-hot categorical fields plus
 * standardized dense columns (squared distance = 2 x mismatching fields + dense squared distance). {@link
 * #onEmbeddings()}: the last hidden representation of the context task's CTR model, trained on the training
 * rows (or of the model given to {@link #onEmbeddings(TrainedModel)}).
 *
 * <p><b>Validation points.</b> {@code context.validation()}, subsampled (seeded) to at most {@link
 * #maxValidation(int)} rows; without one, two-fold cross-valuation (see {@link CrossValuation}): each half
 * of the training rows is valued against the other half.
 */
public final class KnnShapley implements ImportanceEstimator {
  /** Which points the distances are measured between. */
  public enum Space {
    FEATURES, EMBEDDINGS
  }

  private final int k;
  private final Space space;
  private final TrainedModel model;
  private final int maxValidation;
  private final int threads;

  private KnnShapley(int k, Space space, TrainedModel model, int maxValidation, int threads) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    if (maxValidation < 1 || threads < 1) {
      throw new IllegalArgumentException("maxValidation and threads must be >= 1");
    }
    this.k = k;
    this.space = space;
    this.model = model;
    this.maxValidation = maxValidation;
    this.threads = threads;
  }

  /** K = 10 on encoded features, at most 1,000 validation points, 2 threads. */
  public static KnnShapley defaults() {
    return new KnnShapley(10, Space.FEATURES, null, 1000, 2);
  }

  /** The number of neighbours K of the classifier being valued. */
  public KnnShapley k(int v) {
    return new KnnShapley(v, space, model, maxValidation, threads);
  }

  /** Distances between encoded features (one-hot categorical + standardized dense). The default. */
  public KnnShapley onFeatures() {
    return new KnnShapley(k, Space.FEATURES, null, maxValidation, threads);
  }

  /** Distances between the learned representations of the context task's model, trained on the rows. */
  public KnnShapley onEmbeddings() {
    return new KnnShapley(k, Space.EMBEDDINGS, null, maxValidation, threads);
  }

  /** Distances between the learned representations of an already trained model. */
  public KnnShapley onEmbeddings(TrainedModel trained) {
    return new KnnShapley(k, Space.EMBEDDINGS, trained, maxValidation, threads);
  }

  /** At most this many validation points (a seeded subsample when there are more). */
  public KnnShapley maxValidation(int v) {
    return new KnnShapley(k, space, model, v, threads);
  }

  /** Threads sharing the validation points. */
  public KnnShapley threads(int v) {
    return new KnnShapley(k, space, model, maxValidation, v);
  }

  @Override
  public String name() {
    return "knn-shapley";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("k", k);
    p.put("space", space.name().toLowerCase());
    p.put("maxValidation", maxValidation);
    p.put("threads", threads);
    return p;
  }

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    CostMeter meter = new CostMeter();
    Progress progress = context.progress();
    CrossValuation.Rows data = model != null ? CrossValuation.Rows.encode(model.encoder(), train, context)
        : CrossValuation.Rows.encode(train, context);
    Map<String, Object> params = data.describeInto(parameters());
    double[] values;
    if (space == Space.FEATURES) {
      values = data.run(context.seed(), (rows, t, v) -> {
        EncodedData vs = subsample(v, context.seed());
        meter.evaluations((long) t.rows() * vs.rows());
        double[] r = values(PointSpace.encoded(t, vs), ints(t.labels()), ints(vs.labels()), k, threads, progress);
        meter.sample();
        return r;
      });
    } else {
      TrainedModel m = model;
      if (m == null) {
        progress.update("knn-shapley: training embedding model", 0, 0, context.task().model().name());
        m = TrainingLoop.train(context.task().progress(progress), data.encoder(), data.train(), data.validation(),
            null).model();
        meter.training();
      }
      float[][] trainRep = m.representations(data.train());
      int dim = trainRep.length == 0 ? 1 : trainRep[0].length;
      float[] trainPts = flatten(trainRep, dim);
      float[][] validRep = data.validation() == null ? null : m.representations(data.validation());
      if (model == null) {
        m.close();
      }
      meter.sample();
      values = data.run(context.seed(), (rows, t, v) -> {
        float[] tp = gather(trainPts, dim, rows);
        float[] vp;
        EncodedData vs;
        if (validRep != null) {
          int[] pick = subsampleRows(v.rows(), context.seed());
          vs = v.subset(pick);
          vp = new float[pick.length * dim];
          for (int i = 0; i < pick.length; i++) {
            System.arraycopy(validRep[pick[i]], 0, vp, i * dim, dim);
          }
        } else { // cross-valuation: the validation half is the complement of rows
          int[] other = complement(rows, trainPts.length / dim);
          int[] pick = subsampleRows(other.length, context.seed());
          int[] otherPick = new int[pick.length];
          for (int i = 0; i < pick.length; i++) {
            otherPick[i] = other[pick[i]];
          }
          vs = data.train().subset(otherPick);
          vp = gather(trainPts, dim, otherPick);
        }
        meter.evaluations((long) rows.length * vs.rows());
        double[] r = values(PointSpace.dense(tp, vp, dim), ints(t.labels()), ints(vs.labels()), k, threads, progress);
        meter.sample();
        return r;
      });
    }
    return new Importance(name(), params, train.rowIds(), values, Importance.Cost.of(meter));
  }

  private EncodedData subsample(EncodedData v, long seed) {
    return v.rows() <= maxValidation ? v : v.subset(subsampleRows(v.rows(), seed));
  }

  private int[] subsampleRows(int m, long seed) {
    if (m <= maxValidation) {
      return CrossValuation.identity(m);
    }
    int[] pick = Arrays.copyOf(Samples.permutation(m, seed + 31), maxValidation);
    Arrays.sort(pick);
    return pick;
  }

  private static int[] complement(int[] rows, int n) {
    boolean[] in = new boolean[n];
    for (int r : rows) {
      in[r] = true;
    }
    int[] out = new int[n - rows.length];
    int c = 0;
    for (int i = 0; i < n; i++) {
      if (!in[i]) {
        out[c++] = i;
      }
    }
    return out;
  }

  private static float[] flatten(float[][] rows, int dim) {
    float[] out = new float[rows.length * dim];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * dim, dim);
    }
    return out;
  }

  private static float[] gather(float[] pts, int dim, int[] rows) {
    float[] out = new float[rows.length * dim];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(pts, rows[i] * dim, out, i * dim, dim);
    }
    return out;
  }

  static int[] ints(float[] labels) {
    int[] y = new int[labels.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.round(labels[i]);
    }
    return y;
  }

  /**
   * The exact KNN-Shapley values of the training points of {@code space} (labels {@code trainLabels}) averaged
   * over its validation points (labels {@code validLabels}), computed on {@code threads} threads.
   */
  public static double[] values(PointSpace space, int[] trainLabels, int[] validLabels, int k, int threads,
      Progress progress) {
    int n = space.trainSize();
    int m = space.validationSize();
    if (trainLabels.length != n || validLabels.length != m) {
      throw new IllegalArgumentException("labels do not match the points: " + trainLabels.length + " vs " + n
          + " training, " + validLabels.length + " vs " + m + " validation");
    }
    double[] total = new double[n];
    if (n == 0 || m == 0) {
      return total;
    }
    int nThreads = Math.max(1, Math.min(threads, m));
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    long reportEvery = Math.max(1, m / 20);
    List<double[]> partials = new ArrayList<>();
    Runnable[] workers = new Runnable[nThreads];
    for (int t = 0; t < nThreads; t++) {
      double[] acc = new double[n];
      partials.add(acc);
      workers[t] = () -> {
        float[] dist = new float[n];
        Buffers buf = new Buffers(n);
        int v;
        while ((v = next.getAndIncrement()) < m) {
          progress.checkCancelled();
          space.distances(v, dist);
          accumulate(dist, buf, trainLabels, validLabels[v], k, acc);
          int d = done.incrementAndGet();
          if (d % reportEvery == 0 || d == m) {
            synchronized (progress) { // progress sinks need not be thread-safe
              progress.update("knn-shapley", d, m, "validation points");
            }
          }
        }
      };
    }
    if (nThreads == 1) {
      workers[0].run();
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(nThreads, r -> {
        Thread th = new Thread(r, "knn-shapley");
        th.setDaemon(true);
        return th;
      });
      try {
        List<Future<?>> fs = new ArrayList<>();
        for (Runnable w : workers) {
          fs.add(pool.submit(w));
        }
        for (Future<?> f : fs) {
          f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    for (double[] p : partials) {
      for (int i = 0; i < n; i++) {
        total[i] += p[i];
      }
    }
    for (int i = 0; i < n; i++) {
      total[i] /= m;
    }
    return total;
  }

  /** Per-thread sort buffers. */
  private static final class Buffers {
    final int[] bits;
    final int[] idx;
    final int[] bits2;
    final int[] idx2;
    final int[] count = new int[1 << RADIX];

    Buffers(int n) {
      bits = new int[n];
      idx = new int[n];
      bits2 = new int[n];
      idx2 = new int[n];
    }
  }

  private static final int RADIX = 11;

  /**
   * Sorts the training points by distance (ties by position) with a stable LSD radix sort on the float bit
   * patterns (non-negative floats order like their bits), leaving the order in {@code b.idx}.
   */
  static void sortByDistance(float[] dist, Buffers b) {
    int n = dist.length;
    int[] bits = b.bits;
    int[] idx = b.idx;
    int[] bits2 = b.bits2;
    int[] idx2 = b.idx2;
    for (int i = 0; i < n; i++) {
      float d = dist[i];
      if (!(d >= 0) || Float.isInfinite(d)) {
        throw new IllegalArgumentException("distance " + d + " to training point " + i + " is not a finite number >= 0");
      }
      bits[i] = Float.floatToIntBits(d + 0f); // + 0f maps -0f to +0f
      idx[i] = i;
    }
    int mask = (1 << RADIX) - 1;
    for (int shift = 0; shift < 32; shift += RADIX) {
      int[] count = b.count;
      java.util.Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        count[(bits[i] >>> shift) & mask]++;
      }
      if (count[(bits[0] >>> shift) & mask] == n) {
        continue; // all keys share this digit
      }
      int sum = 0;
      for (int d = 0; d < count.length; d++) {
        int c = count[d];
        count[d] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        int pos = count[(bits[i] >>> shift) & mask]++;
        bits2[pos] = bits[i];
        idx2[pos] = idx[i];
      }
      int[] t = bits;
      bits = bits2;
      bits2 = t;
      t = idx;
      idx = idx2;
      idx2 = t;
    }
    if (idx != b.idx) {
      System.arraycopy(idx, 0, b.idx, 0, n);
    }
  }

  /** Adds the recursion's values for one validation point (label {@code yt}) into {@code acc}. */
  private static void accumulate(float[] dist, Buffers buf, int[] y, int yt, int k, double[] acc) {
    int n = dist.length;
    sortByDistance(dist, buf);
    int[] order = buf.idx;
    int last = order[n - 1];
    int matchNext = y[last] == yt ? 1 : 0;
    double s = (double) matchNext * Math.min(k, n) / ((double) k * n); // = match / N when N >= K
    acc[last] += s;
    for (int rank = n - 1; rank >= 1; rank--) { // 1-based rank i = rank, order[rank - 1]
      int idx = order[rank - 1];
      int match = y[idx] == yt ? 1 : 0;
      s += (double) (match - matchNext) / k * Math.min(k, rank) / rank;
      acc[idx] += s;
      matchNext = match;
    }
  }
}
