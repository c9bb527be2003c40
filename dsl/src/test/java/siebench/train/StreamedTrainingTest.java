package siebench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.SharedData;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.io.CriteoRows;
import siebench.data.io.Loaders;
import siebench.features.EncodedCache;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.metrics.Metrics;
import siebench.model.Models;

/**
 * The streamed loop ({@link TrainingLoop#trainStreamed}) against the in-memory loop: with one chunk it gives the
 * same model from the binary cache as {@link TrainingLoop#train} from {@link EncodedData}; with several chunks its
 * approximate shuffle visits every row once per epoch, keeps batches inside chunks and changes order between
 * epochs.
 */
class StreamedTrainingTest {
  @TempDir
  Path tmp;

  private static CtrTask task(EmbeddingUpdates updates) {
    return CtrTask.ctr().model(Models.deepFm().embeddingDim(4)).epochs(2).batchSize(128).learningRate(1e-2)
        .seed(11).earlyStopping(0).progress(Progress.silent()).embeddingUpdates(updates);
  }

  @Test
  void trainingFromTheCacheGivesTheModelOfTrainingFromEncodedData() {
    Path file = SharedData.file("criteo_display_ads_sample/criteo_train_tiny.csv");
    Samples samples = Loaders.criteo(file);
    FeatureEncoder encoder = FeatureEncoder.fit(samples);
    EncodedData data = encoder.encode(samples);
    for (EmbeddingUpdates u : List.of(EmbeddingUpdates.DENSE, EmbeddingUpdates.LAZY)) {
      try (EncodedCache cache = EncodedCache.open(CriteoRows.file(file), encoder, tmp.resolve("c"),
              Progress.silent());
          TrainedModel memory = TrainingLoop.train(task(u), encoder, data, null, null).model();
          TrainedModel streamed = TrainingLoop.trainStreamed(task(u), encoder, cache, null, null).model()) {
        List<Parameter> a = memory.parameters();
        List<Parameter> b = streamed.parameters();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
          assertArrayEquals(a.get(i).getArray().toFloatArray(), b.get(i).getArray().toFloatArray(), 0f,
              u + ": parameter " + a.get(i).getName());
        }
        assertArrayEquals(memory.predict(data), streamed.predict(cache), 0.0, "predictions from the cache");
      }
    }
  }

  @Test
  void chunkedShuffleVisitsEveryRowOnceKeepsChunksTogetherAndChangesPerEpoch() {
    int n = 1000;
    int chunk = 128;
    int chunks = (n + chunk - 1) / chunk;
    int[][] visits = new int[3][];
    for (int epoch = 1; epoch <= 3; epoch++) {
      long seed = 7 * 1_000_003L + epoch;
      int[] order = TrainingLoop.chunkOrder(chunks, seed);
      int[] sortedOrder = order.clone();
      Arrays.sort(sortedOrder);
      for (int c = 0; c < chunks; c++) {
        assertEquals(c, sortedOrder[c], "every chunk once");
      }
      int[] visit = new int[n];
      int k = 0;
      for (int c : order) {
        int m = Math.min(chunk, n - c * chunk);
        for (int p : TrainingLoop.rowOrder(m, c, seed)) {
          visit[k++] = c * chunk + p;
        }
      }
      assertEquals(n, k);
      int[] sorted = visit.clone();
      Arrays.sort(sorted);
      for (int i = 0; i < n; i++) {
        assertEquals(i, sorted[i], "every row exactly once");
      }
      // consecutive visits stay within one chunk until it is exhausted
      for (int i = 0, done = 0; i < order.length; i++) {
        int m = Math.min(chunk, n - order[i] * chunk);
        for (int j = done; j < done + m; j++) {
          assertEquals(order[i], visit[j] / chunk);
        }
        done += m;
      }
      visits[epoch - 1] = visit;
    }
    assertFalse(Arrays.equals(visits[0], visits[1]));
    assertFalse(Arrays.equals(TrainingLoop.chunkOrder(chunks, 7 * 1_000_003L + 1),
        TrainingLoop.chunkOrder(chunks, 7 * 1_000_003L + 2)), "chunk order changes between epochs");
    // one chunk: exactly the in-memory loop's epoch permutation
    assertArrayEquals(Samples.permutation(n, 99), TrainingLoop.rowOrder(n, TrainingLoop.chunkOrder(1, 99)[0], 99));
  }

  @Test
  void aCancelledStreamedRunStops() {
    Path file = SharedData.file("criteo_display_ads_sample/criteo_train_tiny.csv");
    Samples samples = Loaders.criteo(file);
    FeatureEncoder encoder = FeatureEncoder.fit(samples);
    EncodedData data = encoder.encode(samples);
    Progress stopped = Progress.silent();
    stopped.cancel();
    org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
        () -> TrainingLoop.trainStreamed(task(EmbeddingUpdates.AUTO).progress(stopped), encoder, data, null, null));
  }

  @Test
  void severalChunksTrainAModelThatBeatsTheBaseRate() {
    Path file = SharedData.file("criteo_display_ads_sample/criteo_train_tiny.csv");
    Samples samples = Loaders.criteo(file);
    FeatureEncoder encoder = FeatureEncoder.fit(samples);
    EncodedData data = encoder.encode(samples);
    CtrTask t = task(EmbeddingUpdates.AUTO).epochs(3);
    TrainingLoop.Run run = TrainingLoop.trainStreamed(t, encoder, data, null, null, 256);
    try (TrainedModel m = run.model()) {
      // 1999 rows in chunks of 256: 7 full chunks of 2 batches and one of 207 rows (2 batches): 16 steps per epoch
      assertEquals(3 * 16, run.steps());
      assertTrue(run.history().get(2).trainLoss() < run.history().get(0).trainLoss(), run.history().toString());
      double[] p = m.predict(data);
      float[] y = data.labels();
      double rate = 0;
      for (float v : y) {
        rate += v / y.length;
      }
      double[] base = new double[y.length];
      Arrays.fill(base, rate);
      assertTrue(Metrics.logLoss(y, p) < Metrics.logLoss(y, base), "training log loss below the base rate's");
    }
  }
}
