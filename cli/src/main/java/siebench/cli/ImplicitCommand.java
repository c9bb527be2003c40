package siebench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import siebench.core.Progress;
import siebench.data.implicit.ImplicitLogs;
import siebench.data.implicit.Interactions;
import siebench.data.implicit.NegativeSampler;
import siebench.model.ModelSpec;
import siebench.model.Models;
import siebench.recommend.ImplicitBenchmark;

/**
 * {@code siebench implicit}: GMF / NeuMF on a positives-only log with sampled negatives, normal training against
 * T-CE and R-CE (Wang et al. 2021), full-ranking Recall / NDCG / HitRate beside popularity and random, mean and
 * 95% CI over seeds ({@link ImplicitBenchmark}).
 */
@Command(name = "implicit", mixinStandardHelpOptions = true,
    description = {"Implicit-feedback recommendation: pointwise models on positives plus sampled negatives, normal",
        "training vs T-CE / R-CE (Wang et al. 2021), full-ranking Recall@K / NDCG@K / HitRate@K with the user's",
        "training items excluded, beside popularity and random; mean and 95%% CI over seeds."})
final class ImplicitCommand implements Callable<Integer> {
  @Option(names = "--data", required = true,
      description = "Log file or folder: Beauty.txt, UserBehavior*.csv, *item-views.csv (Diginetica), yoochoose-clicks*.dat.")
  Path data;

  @Option(names = "--models", split = ",", defaultValue = "gmf,neumf",
      description = "Models: gmf, neumf, two-tower (default ${DEFAULT-VALUE}).")
  List<String> models;

  @Option(names = "--factors", defaultValue = "32", description = "Predictive factors (default ${DEFAULT-VALUE}).")
  int factors;

  @Option(names = "--mlp-layers", defaultValue = "3", description = "NeuMF MLP layers (default ${DEFAULT-VALUE}).")
  int mlpLayers;

  @Option(names = "--trainings", split = ",", defaultValue = "normal,tce,rce",
      description = "normal, tce, rce, bpr (default ${DEFAULT-VALUE}).")
  List<String> trainings;

  @Option(names = "--split", defaultValue = "loo", description = "loo or time:FRACTION (default ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--seeds", defaultValue = "3", description = "Seeds (default ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "1024", description = "Batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--negatives", defaultValue = "1", description = "Negatives per positive (default ${DEFAULT-VALUE}).")
  int negatives;

  @Option(names = "--sampler", defaultValue = "uniform",
      description = "uniform, popularity[:ALPHA] or in-batch[:B] (default ${DEFAULT-VALUE}).")
  String sampler;

  @Option(names = "--k", split = ",", defaultValue = "20,50", description = "Cutoffs (default ${DEFAULT-VALUE}).")
  int[] ks;

  @Option(names = "--eval-users", defaultValue = "0",
      description = "Evaluate a seeded sample of this many users (0 = all; default ${DEFAULT-VALUE}).")
  int evalUsers;

  @Option(names = "--max-drop-rate", defaultValue = "0.2", description = "T-CE maximal drop rate (default ${DEFAULT-VALUE}).")
  double maxDrop;

  @Option(names = "--ramp-steps", defaultValue = "-1",
      description = "T-CE steps to reach the maximal drop rate (-1 = 3 epochs; default ${DEFAULT-VALUE}).")
  long ramp;

  @Option(names = "--beta", defaultValue = "0.25", description = "R-CE exponent (default ${DEFAULT-VALUE}).")
  double beta;

  @Option(names = "--paper-text-losses", description = "T-CE drop rate relative to the batch's positives and R-CE on "
      + "positives only (the paper's text) instead of the authors' released code.")
  boolean paperText;

  @Option(names = "--clean-test", description = "Keep only test events with this behaviour (e.g. buy).")
  String cleanTest;

  @Option(names = "--gains", description = "Run the cleaning gain protocol instead, with injected noise: random:FRACTION "
      + "or burst:FRACTION:TARGETS (e.g. random:0.2, burst:0.1:20), or natural:buy (clicks without purchase are the noisy "
      + "positives); uses the first of --models.")
  String gains;

  @Option(names = "--estimators", split = ",", defaultValue = "random,loss,el2n,grand,aum,forgetting,adt",
      description = "Estimators for --gains (default ${DEFAULT-VALUE}).")
  List<String> estimators;

  @Option(names = "--out", description = "Also write the report to this file (with the command in its header).")
  Path out;

  @Override
  public Integer call() throws IOException {
    Interactions log = ImplicitLogs.load(data);
    List<ModelSpec> specs = new ArrayList<>();
    for (String m : models) {
      ModelSpec spec = Models.named(m).embeddingDim(factors);
      specs.add(spec instanceof siebench.model.Ncf n && n.kind() == siebench.model.NcfNetwork.Kind.NEUMF
          ? n.layers(mlpLayers) : spec);
    }
    String report;
    String cmd;
    if (gains != null) {
      String[] g = gains.split(":");
      if (g.length < 2 || (g[0].equals("burst") && g.length != 3)) {
        throw new IllegalArgumentException("--gains expects random:FRACTION, burst:FRACTION:TARGETS or "
            + "natural:BEHAVIOUR, got " + gains);
      }
      boolean natural = g[0].equals("natural");
      siebench.benchmark.ImplicitGains.Config gc = new siebench.benchmark.ImplicitGains.Config(natural ? gains : g[0],
          natural ? 0 : Double.parseDouble(g[1]), g.length > 2 ? Integer.parseInt(g[2]) : 0, specs.get(0), estimators, seeds, epochs,
          batch, lr, negatives, ks[0], evalUsers);
      report = siebench.benchmark.ImplicitGains.run(log, gc, Progress.console());
      cmd = "siebench implicit --data " + data + " --gains " + gains + " --models " + models.get(0) + " --factors "
          + factors + " --estimators " + String.join(",", estimators) + " --seeds " + seeds + " --epochs " + epochs
          + " --batch-size " + batch + " --lr " + lr + " --negatives " + negatives + " --k " + ks[0] + " --eval-users "
          + evalUsers;
    } else {
      ImplicitBenchmark.Config c = new ImplicitBenchmark.Config(split, specs, trainings, seeds, epochs, batch, lr,
          negatives, NegativeSampler.parse(sampler), ks, evalUsers, maxDrop, ramp, beta, !paperText, cleanTest);
      report = ImplicitBenchmark.run(log, c, Progress.console()).format();
      cmd = "siebench implicit --data " + data + " --models " + String.join(",", models) + " --factors " + factors
          + " --mlp-layers " + mlpLayers
          + " --trainings " + String.join(",", trainings) + " --split " + split + " --seeds " + seeds + " --epochs "
          + epochs + " --batch-size " + batch + " --lr " + lr + " --negatives " + negatives + " --sampler " + sampler
          + " --k " + java.util.Arrays.toString(ks).replaceAll("[\\[\\] ]", "") + " --eval-users " + evalUsers
          + " --max-drop-rate " + maxDrop + " --ramp-steps " + ramp + " --beta " + beta
          + (paperText ? " --paper-text-losses" : "") + (cleanTest == null ? "" : " --clean-test " + cleanTest);
    }
    System.out.print(report);
    if (out != null) {
      Files.writeString(out, "# command: " + cmd + "\n" + report);
    }
    return 0;
  }
}
