package siebench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.io.RawRows;
import siebench.features.EncodedCache;
import siebench.features.EncoderOptions;
import siebench.features.FeatureEncoder;
import siebench.metrics.Metrics;
import siebench.model.ModelSpec;
import siebench.model.Models;
import siebench.model.SequenceSpec;
import siebench.train.CtrTask;
import siebench.train.EmbeddingUpdates;
import siebench.train.EpochStats;
import siebench.train.TrainResult;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code siebench train}: trains a CTR model and prints the test metrics; with {@code --stream}, from a binary cache
 * of a Criteo file larger than memory ({@link EncodedCache}, {@link TrainingLoop#trainStreamed}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Trains a CTR model on a data source and prints test metrics, throughput and device.")
final class TrainCommand implements Callable<Integer> {
  @Mixin
  DataOptions data;

  @Option(names = "--model", defaultValue = "deepfm",
      description = {"lr, fm, deepfm, dcnv2, mlp, din or bst (default ${DEFAULT-VALUE}); din and bst on the default",
          "data train on synthetic-sequences (generated behaviour histories); gmf / neumf / two-tower for",
          "implicit:PATH data."})
  String model;

  @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "4096", description = "Batch size (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--embedding-dim", defaultValue = "16", description = "Embedding size (default ${DEFAULT-VALUE}).")
  int embeddingDim;

  @Option(names = "--early-stopping", defaultValue = "2",
      description = "Patience in epochs on validation AUC; 0 disables (default ${DEFAULT-VALUE}).")
  int patience;

  @Option(names = "--test-fraction", defaultValue = "0.2",
      description = "Held-out test fraction, seeded random split (default ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--out", description = "Write the metrics table to this CSV file.")
  Path out;

  @Option(names = "--save", paramLabel = "DIR",
      description = "Save the trained model (spec, encoder, parameters) to this directory, for siebench score.")
  Path save;

  @Option(names = "--weights", paramLabel = "FILE[:COLUMN]",
      description = {"Per-row training weights from a CSV with a row_id column (e.g. siebench score output),",
          "read from COLUMN (default: the last column); every row must have exactly one weight."})
  String weights;

  @Option(names = "--embedding-updates", defaultValue = "auto",
      description = {"Adam on the embedding tables: auto (lazy from 100,000 embedding rows), dense, or lazy",
          "(only the rows in the batch; default ${DEFAULT-VALUE})."})
  EmbeddingUpdates embeddingUpdates;

  @Option(names = "--test", paramLabel = "SOURCE",
      description = "Test on this data source (same forms as --data) instead of a random split of --data.")
  String test;

  @Option(names = "--min-count", defaultValue = "1",
      description = "Categorical values seen fewer times in training go to the out-of-vocabulary bucket "
          + "(default ${DEFAULT-VALUE}).")
  int minCount;

  @Option(names = "--hash-buckets", defaultValue = "0",
      description = "Hash categorical values into this many buckets per field instead of a vocabulary; 0 keeps "
          + "vocabularies (default ${DEFAULT-VALUE}).")
  int hashBuckets;

  @Override
  public Integer call() {
    ModelSpec spec = Models.named(model).embeddingDim(embeddingDim);
    EncoderOptions encoding = EncoderOptions.defaults().minCount(minCount).hashing(hashBuckets);
    if (data.stream) {
      return streamed(spec, encoding);
    }
    boolean sequenceModel = spec instanceof SequenceSpec;
    if (sequenceModel && "synthetic".equals(data.source)) {
      data.source = "synthetic-sequences";
      System.out.println("data: " + spec.name() + " needs behaviour histories; using --data synthetic-sequences");
    }
    Samples samples = data.load();
    System.out.println("data: " + samples);
    if (weights != null) {
      samples = samples.withWeights(WeightsFile.read(weights, samples));
      System.out.println("weights: " + weights);
    }
    CtrTask task = CtrTask.ctr().model(spec).epochs(epochs)
        .batchSize(batchSize).learningRate(learningRate).seed(data.seed).earlyStopping(patience)
        .testFraction(testFraction).device(device).progress(Progress.console()).embeddingUpdates(embeddingUpdates)
        .encoder(encoding);
    if (test != null) {
      DataOptions t = data.withSource(test);
      Samples testSamples = t.load();
      System.out.println("test: " + testSamples);
      task = task.testOn(testSamples);
    }
    TrainResult r = samples.train(task);
    System.out.println(r);
    System.out.printf("peak heap %.0f MiB%n", r.peakHeapBytes() / 1048576.0);
    if (out != null) {
      r.metrics().write().csv(out.toFile());
      System.out.println("metrics written to " + out);
    }
    if (save != null) {
      r.model().save(save);
      System.out.println("model saved to " + save);
    }
    return 0;
  }

  /**
   * --stream: fits the encoder in one pass over the file (or reuses the cached fit), encodes it into the binary
   * cache (or reuses it) and trains from the cache range by range on every row.
   */
  private int streamed(ModelSpec spec, EncoderOptions encoding) {
    if (weights != null) {
      throw new IllegalArgumentException("--weights is not read with --stream (the weights would be joined in "
          + "memory); load the data as a table");
    }
    if (spec instanceof SequenceSpec) {
      throw new IllegalArgumentException(spec.name() + " needs behaviour histories, which --stream does not read");
    }
    Progress progress = Progress.console();
    RawRows.Source rows = data.rows();
    Path dir = data.cacheDirectory();
    long t0 = System.nanoTime();
    FeatureEncoder encoder = EncodedCache.encoder(rows, encoding, dir, progress);
    try (EncodedCache cache = EncodedCache.open(rows, encoder, dir, progress)) {
      double encodeSecs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("data: %s, %,d rows, %s; encoder fit and cache %s in %.1fs (%,.0f rows/s)%n", rows.path(),
          cache.size(), encoder.layout(), cache.reused() ? "reused" : "built", encodeSecs,
          cache.size() / Math.max(encodeSecs, 1e-9));
      CtrTask task = CtrTask.ctr().model(spec).epochs(epochs).batchSize(batchSize).learningRate(learningRate)
          .seed(data.seed).device(device).progress(progress).embeddingUpdates(embeddingUpdates).encoder(encoding);
      TrainingLoop.Run run = TrainingLoop.trainStreamed(task, encoder, cache, null, null);
      try (TrainedModel m = run.model()) {
        EpochStats last = run.history().get(run.history().size() - 1);
        Table metrics = Table.create("streamed training").addColumns(StringColumn.create("metric"),
            DoubleColumn.create("value"));
        add(metrics, "rows", cache.size());
        add(metrics, "train_loss", last.trainLoss());
        add(metrics, "train_samples_per_s", cache.size() * (double) run.history().size() / run.seconds());
        System.out.printf("trained %s: %d epoch(s), %,d steps in %.1fs, %,.0f samples/s, final train loss %.5f%n",
            spec.name(), run.history().size(), run.steps(), run.seconds(),
            cache.size() * (double) run.history().size() / run.seconds(), last.trainLoss());
        if (test != null) {
          DataOptions t = data.withSource(test);
          try (EncodedCache testCache = EncodedCache.open(t.rows(), encoder, t.cacheDirectory(), progress)) {
            double[] p = m.predict(testCache);
            float[] y = new float[p.length];
            for (long s = 0; s < p.length; s += TrainedModel.SOURCE_RANGE) {
              float[] ys = testCache.read(s, (int) Math.min(TrainedModel.SOURCE_RANGE, p.length - s)).labels();
              System.arraycopy(ys, 0, y, (int) s, ys.length);
            }
            add(metrics, "test_auc", Metrics.auc(y, p));
            add(metrics, "test_logloss", Metrics.logLoss(y, p));
            System.out.printf("test %s: %,d rows, AUC %.4f, logloss %.5f%n", test, p.length, Metrics.auc(y, p),
                Metrics.logLoss(y, p));
          }
        }
        if (out != null) {
          metrics.write().csv(out.toFile());
          System.out.println("metrics written to " + out);
        }
        if (save != null) {
          m.save(save);
          System.out.println("model saved to " + save);
        }
      }
    }
    return 0;
  }

  private static void add(Table t, String metric, double value) {
    t.stringColumn("metric").append(metric);
    t.doubleColumn("value").append(value);
  }
}