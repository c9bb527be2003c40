package siebench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.HashMap;
import java.util.Map;

/**
 * Lazy (sparse) Adam for embedding tables: the Adam update of Kingma and Ba (2015), "Adam: A Method for
 * Stochastic Optimization" (ICLR), applied only to the table rows that occur in the minibatch, as in
 * TensorFlow's {@code LazyAdamOptimizer} and PyTorch's {@code SparseAdam}. Rows that do not occur keep their
 * weights and moment estimates unchanged (dense Adam would keep moving them by their decaying momentum); the
 * bias correction uses the global step count. Where every row occurs in every step, the result equals dense
 * Adam. With realistic vocabularies a batch touches a small share of the rows, so the update costs {@code
 * O(rows in the batch)} instead of {@code O(table size)}.
 *
 * <p>Hyper-parameters are those of DJL's Adam: {@code beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8}, step size
 * {@code lr sqrt(1 - beta2^t) / (1 - beta1^t)}, L2 weight decay added to the gradient.
 */
final class LazyAdam {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private final float learningRate;
  private final float weightDecay;
  private final NDManager manager;
  private final Map<String, NDArray[]> moments = new HashMap<>();
  private final Map<String, Integer> steps = new HashMap<>();

  LazyAdam(float learningRate, float weightDecay, NDManager manager) {
    this.learningRate = learningRate;
    this.weightDecay = weightDecay;
    this.manager = manager;
  }

  /**
   * Updates the rows {@code rows} (distinct int64 row indices) of {@code weight} from the full-table gradient
   * {@code grad}, whose non-zero rows must all be in {@code rows}; zeroes those rows of {@code grad}, as DJL's
   * optimizers leave the gradient for the next backward pass.
   */
  void update(String id, NDArray weight, NDArray grad, NDArray rows) {
    try (NDManager sm = manager.newSubManager()) {
      NDIndex at = new NDIndex("{}", rows);
      NDArray g = grad.get(at);
      g.attach(sm);
      updateRows(id, weight, rows, g);
      grad.set(at, 0f);
    }
  }

  /** Updates the rows {@code rows} (distinct int64 row indices) of {@code weight} with their gradient rows. */
  void updateRows(String id, NDArray weight, NDArray rows, NDArray rowGrad) {
    int t = steps.merge(id, 1, Integer::sum);
    NDArray[] mv = moments.computeIfAbsent(id, k -> {
      NDArray m = weight.zerosLike();
      NDArray v = weight.zerosLike();
      m.attach(manager);
      v.attach(manager);
      return new NDArray[] {m, v};
    });
    double lrT = learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
    try (NDManager sm = manager.newSubManager()) {
      NDIndex at = new NDIndex("{}", rows);
      NDArray w = weight.get(at);
      NDArray m0 = mv[0].get(at);
      NDArray v0 = mv[1].get(at);
      for (NDArray a : new NDArray[] {w, m0, v0}) {
        a.attach(sm);
      }
      w = w.stopGradient();
      NDArray g = rowGrad;
      if (weightDecay != 0) {
        g = g.add(w.mul(weightDecay));
      }
      NDArray m = m0.mul(BETA1).add(g.mul(1 - BETA1));
      NDArray v = v0.mul(BETA2).add(g.square().mul(1 - BETA2));
      m.attach(sm);
      v.attach(sm);
      NDArray step = m.div(v.sqrt().add(EPSILON)).mul((float) lrT);
      mv[0].set(at, m);
      mv[1].set(at, v);
      weight.set(at, w.sub(step));
    }
  }
}
