package siebench.train;

import ai.djl.nn.Block;
import siebench.features.FeatureLayout;
import siebench.model.CtrNetwork;

/**
 * How the optimizer updates the embedding tables ({@code embedding} and the first-order {@code linear} table)
 * of a {@link CtrNetwork}: dense Adam over the whole table at every step, or {@link LazyAdam} over the rows in
 * the batch only (Kingma and Ba 2015; the lazy variant of TensorFlow's LazyAdam and PyTorch's SparseAdam).
 */
public enum EmbeddingUpdates {
  /** Lazy when the table has at least {@link #LAZY_FROM_ROWS} rows and the model is a {@link CtrNetwork}. */
  AUTO,
  /** Dense Adam over every row at every step. */
  DENSE,
  /** Lazy Adam over the batch's rows (for a {@link CtrNetwork}; other models fall back to dense). */
  LAZY;

  /** Table size from which {@link #AUTO} is lazy. */
  public static final long LAZY_FROM_ROWS = 100_000;

  /** Whether training {@code block} on {@code layout} uses lazy updates. */
  boolean lazy(Block block, FeatureLayout layout) {
    if (!(block instanceof CtrNetwork) || layout.fields() == 0) {
      return false;
    }
    return this == LAZY || (this == AUTO && layout.embeddingRows() >= LAZY_FROM_ROWS);
  }
}
