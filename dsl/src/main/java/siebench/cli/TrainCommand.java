package siebench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import siebench.data.Samples;
import siebench.model.ModelSpec;
import siebench.model.Models;
import siebench.model.SequenceSpec;
import siebench.train.CtrTask;
import siebench.train.EmbeddingUpdates;
import siebench.train.Progress;
import siebench.train.TrainResult;

/** {@code siebench train}: trains a CTR model and prints the test metrics. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Trains a CTR model on a data source and prints test metrics, throughput and device.")
final class TrainCommand implements Callable<Integer> {
  @Mixin
  DataOptions data;

  @Option(names = "--model", defaultValue = "deepfm",
      description = {"lr, fm, deepfm, dcnv2, mlp, din or bst (default ${DEFAULT-VALUE}); din and bst on the default",
          "data train on synthetic-sequences (generated behaviour histories); gmf / neumf / two-tower for implicit:PATH",
          "data."})
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

  @Override
  public Integer call() {
    ModelSpec spec = Models.named(model).embeddingDim(embeddingDim);
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
        .testFraction(testFraction).device(device).progress(Progress.console()).embeddingUpdates(embeddingUpdates);
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
}
