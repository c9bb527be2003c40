package siebench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import siebench.data.Samples;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.Progress;
import siebench.train.TrainResult;

/** {@code siebench train}: trains a CTR model and prints the test metrics. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Trains a CTR model on a data source and prints test metrics, throughput and device.")
final class TrainCommand implements Callable<Integer> {
  @Mixin
  DataOptions data;

  @Option(names = "--model", defaultValue = "deepfm",
      description = "lr, fm, deepfm, dcnv2, mlp, or gmf / neumf for implicit:PATH data (default ${DEFAULT-VALUE}).")
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

  @Override
  public Integer call() {
    Samples samples = data.load();
    System.out.println("data: " + samples);
    CtrTask task = CtrTask.ctr().model(Models.named(model).embeddingDim(embeddingDim)).epochs(epochs)
        .batchSize(batchSize).learningRate(learningRate).seed(data.seed).earlyStopping(patience)
        .testFraction(testFraction).device(device).progress(Progress.console());
    TrainResult r = samples.train(task);
    System.out.println(r);
    System.out.printf("peak heap %.0f MiB%n", r.peakHeapBytes() / 1048576.0);
    if (out != null) {
      r.metrics().write().csv(out.toFile());
      System.out.println("metrics written to " + out);
    }
    return 0;
  }
}
