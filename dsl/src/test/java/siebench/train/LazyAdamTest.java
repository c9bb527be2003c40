package siebench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.features.EncodedData;
import siebench.features.FeatureLayout;
import siebench.model.Models;

/** Lazy Adam against a plain-Java reference, and against DJL's dense Adam where every row is in every batch. */
class LazyAdamTest {
  /** Plain-Java lazy Adam on a row-major [rows, k] table (the reference). */
  private static void reference(float[] w, float[] g, float[] m, float[] v, int k, long[] rows, int t, double lr) {
    double lrT = lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
    for (long r : rows) {
      for (int j = 0; j < k; j++) {
        int i = (int) r * k + j;
        m[i] = (float) (0.9 * m[i] + 0.1 * g[i]);
        v[i] = (float) (0.999 * v[i] + 0.001 * g[i] * g[i]);
        w[i] = (float) (w[i] - lrT * m[i] / (Math.sqrt(v[i]) + 1e-8));
      }
    }
  }

  @Test
  void updatesOnlyTheBatchRowsAsThePlainJavaReference() {
    int n = 7;
    int k = 3;
    Random r = new Random(4);
    float[] w = new float[n * k];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) r.nextGaussian();
    }
    float[] m = new float[n * k];
    float[] v = new float[n * k];
    long[][] batches = {{0, 2, 5}, {2, 3}, {0, 6}, {2}};
    try (NDManager root = NDManager.newBaseManager()) {
      NDArray weight = root.create(w.clone(), new Shape(n, k));
      LazyAdam adam = new LazyAdam(0.01f, 0f, root);
      for (int t = 1; t <= batches.length; t++) {
        float[] g = new float[n * k];
        for (long row : batches[t - 1]) {
          for (int j = 0; j < k; j++) {
            g[(int) row * k + j] = (float) r.nextGaussian();
          }
        }
        adam.update("e", weight, root.create(g, new Shape(n, k)), root.create(batches[t - 1]));
        reference(w, g, m, v, k, batches[t - 1], t, 0.01);
        assertArrayEquals(w, weight.toFloatArray(), 1e-6f, "step " + t);
      }
      // row 1 and 4 never occurred: unchanged from the start
      float[] now = weight.toFloatArray();
      Random again = new Random(4);
      for (int i = 0; i < n * k; i++) {
        float init = (float) again.nextGaussian();
        if (i / k == 1 || i / k == 4) {
          assertEquals(init, now[i], 0f);
        }
      }
    }
  }

  /** Two fields of 3 values; every batch (the whole set) holds every value. */
  private static EncodedData everyRowInEveryBatch() {
    int n = 60;
    FeatureLayout layout = new FeatureLayout(List.of("a", "b"), new int[] {3, 3}, List.of("x"));
    long[] cat = new long[n * 2];
    float[] x = new float[n];
    float[] y = new float[n];
    float[] w = new float[n];
    long[] ids = new long[n];
    Random r = new Random(2);
    for (int i = 0; i < n; i++) {
      cat[2 * i] = i % 3;
      cat[2 * i + 1] = 3 + (i / 3) % 3;
      x[i] = (float) r.nextGaussian();
      y[i] = r.nextDouble() < 0.3 + 0.2 * (i % 3) ? 1 : 0;
      w[i] = 1;
      ids[i] = i;
    }
    return new EncodedData(layout, n, cat, x, y, w, ids);
  }

  @Test
  void equalsDenseAdamWhenEveryRowIsInEveryBatch() {
    EncodedData d = everyRowInEveryBatch();
    CtrTask base = CtrTask.ctr().model(Models.deepFm().embeddingDim(4).hidden(8)).epochs(20).batchSize(60)
        .learningRate(0.05).earlyStopping(0).seed(3);
    TrainingLoop.Run dense = TrainingLoop.train(base.embeddingUpdates(EmbeddingUpdates.DENSE), null, d, null, null);
    TrainingLoop.Run lazy = TrainingLoop.train(base.embeddingUpdates(EmbeddingUpdates.LAZY), null, d, null, null);
    double[] a = dense.model().logits(d);
    double[] b = lazy.model().logits(d);
    assertArrayEquals(a, b, 1e-4);
    TrainingLoop.Run init = TrainingLoop.train(base.epochs(1).embeddingUpdates(EmbeddingUpdates.DENSE), null, d,
        null, null);
    double moved = 0;
    double[] c = init.model().logits(d);
    for (int i = 0; i < a.length; i++) {
      moved = Math.max(moved, Math.abs(a[i] - c[i]));
    }
    assertTrue(moved > 0.05, "20 epochs moved the logits by only " + moved);
    dense.model().close();
    lazy.model().close();
    init.model().close();
  }

  @Test
  void autoIsLazyForLargeTablesOfCtrNetworksOnly() {
    FeatureLayout small = new FeatureLayout(List.of("a"), new int[] {1000}, List.of());
    FeatureLayout large = new FeatureLayout(List.of("a"), new int[] {200_000}, List.of());
    assertFalse(EmbeddingUpdates.AUTO.lazy(Models.deepFm().build(small), small));
    assertTrue(EmbeddingUpdates.AUTO.lazy(Models.deepFm().build(large), large));
    assertFalse(EmbeddingUpdates.DENSE.lazy(Models.deepFm().build(large), large));
    assertTrue(EmbeddingUpdates.LAZY.lazy(Models.deepFm().build(small), small));
  }
}
