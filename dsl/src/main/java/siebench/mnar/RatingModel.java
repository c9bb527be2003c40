package siebench.mnar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import siebench.data.RatingData;
import siebench.data.Samples;

/**
 * A trained rating model ({@link siebench.model.MatrixFactorization}): predicts the rating of any user-item
 * cell, clipped to the rating scale 1..5. Holds native memory; {@link #close()} frees it.
 */
public final class RatingModel implements AutoCloseable {
  private static final int BATCH = 65536;

  private final Block block;
  private final NDManager manager;
  private final ParameterStore store;
  private final int users;
  private final int items;
  private final String description;

  RatingModel(Block block, NDManager manager, int users, int items, String description) {
    this.block = block;
    this.manager = manager;
    this.store = new ParameterStore(manager, false);
    this.users = users;
    this.items = items;
    this.description = description;
  }

  /** The DJL block. */
  public Block block() {
    return block;
  }

  /** What was trained and how, e.g. {@code mf{factors=8}, ips}. */
  public String description() {
    return description;
  }

  /** Predicted ratings of the cells {@code (users[j], items[j])}, clipped to [1, 5]. */
  public double[] predict(int[] us, int[] is) {
    double[] raw = raw(us, is);
    for (int j = 0; j < raw.length; j++) {
      raw[j] = Math.max(1, Math.min(5, raw[j]));
    }
    return raw;
  }

  /** Predicted ratings of {@code samples}' rows (rating-data layout), clipped to [1, 5]. */
  public double[] predict(Samples samples) {
    return predict(RatingData.users(samples), RatingData.items(samples));
  }

  /** MSE, MAE, AUC and NDCG@k on {@code test} (e.g. the MAR test set). */
  public RatingEvaluation evaluate(Samples test, int k) {
    return RatingEvaluation.of(test, predict(test), k);
  }

  /** Unclipped model outputs. */
  double[] raw(int[] us, int[] is) {
    if (us.length != is.length) {
      throw new IllegalArgumentException(us.length + " users for " + is.length + " items");
    }
    double[] out = new double[us.length];
    for (int start = 0; start < us.length; start += BATCH) {
      int end = Math.min(us.length, start + BATCH);
      try (NDManager m = manager.newSubManager()) {
        NDList in = inputs(m, us, is, start, end, users, items);
        float[] z = block.forward(store, in, false).get(0).toFloatArray();
        for (int j = 0; j < z.length; j++) {
          out[start + j] = z[j];
        }
      }
    }
    return out;
  }

  /** The model input of cells {@code start..end-1}: global embedding rows (user, users + item), no dense values. */
  static NDList inputs(NDManager m, int[] us, int[] is, int start, int end, int users, int items) {
    int n = end - start;
    long[] idx = new long[2 * n];
    for (int j = 0; j < n; j++) {
      int u = us[start + j];
      int i = is[start + j];
      if (u < 0 || u >= users || i < 0 || i >= items) {
        throw new IllegalArgumentException("cell (" + u + ", " + i + ") is outside " + users + " x " + items);
      }
      idx[2 * j] = u;
      idx[2 * j + 1] = (long) users + i;
    }
    NDArray cat = m.create(idx, new Shape(n, 2));
    NDArray dense = m.create(new float[0], new Shape(n, 0));
    return new NDList(cat, dense);
  }

  @Override
  public void close() {
    manager.close();
  }

  @Override
  public String toString() {
    return "RatingModel[" + description + ", " + users + " users x " + items + " items]";
  }
}
