package siebench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import siebench.benchmark.Benchmark;
import siebench.benchmark.BenchmarkResult;
import siebench.benchmark.Protocol;
import siebench.benchmark.Protocols;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.noise.Noise;
import siebench.importance.catalog.Estimators;
import siebench.importance.ImportanceEstimator;
import siebench.importance.Reweighting;
import siebench.importance.valuation.Budgeted;
import siebench.importance.valuation.FitBudget;
import siebench.importance.valuation.TaskLearner;
import siebench.model.Models;
import siebench.report.BenchmarkReport;
import siebench.train.CtrTask;

/** {@code siebench bench}: benchmarks importance estimators and writes CSV, JSON and an HTML report. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks importance estimators on one data set: every estimator scores the training rows",
        "of every repeat, every protocol judges the scores; prints progress and the summary, and writes",
        "results.csv, summary.csv, ranks.csv, results.json, PNG plots and a self-contained report.html."})
final class BenchCommand implements Callable<Integer> {
  @Mixin
  DataOptions data;

  @Option(names = "--estimators", split = ",", defaultValue = "grand,el2n,loss,knn-shapley,noise-reweighting,random",
      description = "Comma-separated estimator names (default ${DEFAULT-VALUE}); available: " + Estimators.NAMES
          + ", ips:COLUMN (position-bias correction with the propensities of a column), influence-OPT[-OPT...] and "
          + "tracin-OPT[-OPT...] with OPT from " + Estimators.INFLUENCE_OPTIONS + " (e.g. influence-lissa).")
  List<String> estimators;

  @Option(names = "--protocols", split = ",", defaultValue = "detection,cleaning,reweighting",
      description = "Comma-separated: detection, cleaning, pruning, removal, reweighting, debiasing, cost, "
          + "stability (default ${DEFAULT-VALUE}; cost is always added).")
  List<String> protocols;

  @Option(names = "--noise-type", paramLabel = "TYPE",
      description = {"Noise injected into every repeat's training rows, with ground truth: fake-clicks,",
          "flipped-labels, click-fraud[:COLUMN[+COLUMN]] (default: the item), accidental-clicks or",
          "duplicated-sessions. Default: the data's own",
          "ground truth (synthetic: 10%% generator fake clicks), else fake-clicks where a protocol needs it.",
          "Given for synthetic data without --fake-clicks, the generator adds no fake clicks of its own."})
  String noiseType;

  @Option(names = "--noise", defaultValue = "0.1", paramLabel = "RATE",
      description = "Share of training rows the injected noise corrupts (default ${DEFAULT-VALUE}).")
  double noise;

  @Option(names = "--reweighting", defaultValue = "soft-cleaning", paramLabel = "SCHEME",
      description = "How the reweighting protocol turns scores into weights: soft-cleaning or softmax "
          + "(default ${DEFAULT-VALUE}).")
  String reweighting;

  @Option(names = "--repeats", defaultValue = "3",
      description = "Repeats with seeds seed..seed+n-1 (default ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--model", defaultValue = "deepfm",
      description = "Model that estimators observe and protocols retrain (default ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--epochs", defaultValue = "2", description = "Training epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "2048", description = "Batch size (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--lr", defaultValue = "0.002", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--max-fits", paramLabel = "N",
      description = "Most model fits TMC-Shapley, Data Banzhaf and Data-OOB may plan before they refuse "
          + "(default 1000000).")
  Long maxFits;

  @Option(names = "--max-seconds", paramLabel = "S",
      description = "Most seconds of fitting they may extrapolate before they refuse (default 3600).")
  Double maxSeconds;

  @Option(names = "--out", defaultValue = "report", description = "Output directory (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--learner", paramLabel = "LEARNER", defaultValue = "java-lr",
      description = {"Model that tmc-shapley, beta-shapley, cs-shapley, banzhaf, loo, data-oob and",
          "confident-learning retrain: java-lr (the Java logistic regression, default), ctr (the --model CTR",
          "model trained afresh per fit) or ctr-warm[:EPOCHS] (the --model trained once on the training rows,",
          "every fit continuing from it for EPOCHS epochs, default 1; not for data-oob or confident-learning)."})
  String learner;

  @Override
  public Integer call() {
    List<ImportanceEstimator> est = new ArrayList<>();
    TaskLearner taskLearner = taskLearner(learner);
    for (String e : estimators) {
      ImportanceEstimator named = Estimators.named(e);
      if (taskLearner != null) {
        named = taskLearner.useIn(named, Models.named(model));
      }
      if (named instanceof Budgeted b) {
        FitBudget budget = b.budget();
        budget = maxFits == null ? budget : budget.withMaxFits(maxFits);
        budget = maxSeconds == null ? budget : budget.withMaxSeconds(maxSeconds);
        named = b.within(budget);
      }
      est.add(named);
    }
    List<Protocol> prot = new ArrayList<>();
    boolean cost = false;
    for (String p : protocols) {
      prot.add(p.trim().equalsIgnoreCase("reweighting") ? Protocols.reweightedTraining(weighting())
          : Protocols.named(p));
      cost |= p.trim().equalsIgnoreCase("cost");
    }
    if (!cost) {
      prot.add(Protocols.cost());
    }
    if (data.fakeClicks == null) {
      // generated data gets fake clicks only when a protocol scores against corruption ground truth
      boolean truthNeeded = prot.stream().anyMatch(Protocol::needsGroundTruth);
      data.fakeClicks = noiseType == null && truthNeeded ? 0.1 : 0.0;
    }
    if (data.rows == null) {
      data.rows = 100_000;
    }
    Samples samples = data.load();
    System.out.println("data: " + samples.describe());
    CtrTask task = CtrTask.ctr().model(Models.named(model)).epochs(epochs).batchSize(batchSize)
        .learningRate(learningRate);
    Benchmark bench = Benchmark.on(samples).estimators(est.toArray(ImportanceEstimator[]::new))
        .protocols(prot.toArray(Protocol[]::new)).task(task).repeats(repeats).seed(data.seed)
        .progress(Progress.console());
    if (noiseType != null) {
      bench = bench.noise(Noise.named(noiseType, noise));
    }
    BenchmarkResult r = bench.run();
    System.out.println(r);
    Path report = BenchmarkReport.save(r, out);
    System.out.println("report: " + report.toAbsolutePath());
    return 0;
  }

  /** The {@code --learner} value as a task learner, or null for the Java logistic regression. */
  static TaskLearner taskLearner(String name) {
    String n = name.trim().toLowerCase(java.util.Locale.ROOT);
    if (n.equals("java-lr")) {
      return null;
    }
    if (n.equals("ctr")) {
      return TaskLearner.cold();
    }
    if (n.equals("ctr-warm") || n.startsWith("ctr-warm:")) {
      String e = n.equals("ctr-warm") ? "1" : n.substring("ctr-warm:".length());
      try {
        return TaskLearner.warmStarted(Integer.parseInt(e));
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException("--learner ctr-warm:EPOCHS needs a whole number of epochs, got '" + e
            + "'");
      }
    }
    throw new IllegalArgumentException("unknown --learner '" + name + "'; expected java-lr, ctr or ctr-warm[:EPOCHS]");
  }

  private Reweighting weighting() {
    Reweighting.Scheme scheme = Reweighting.Scheme.named(reweighting);
    return scheme == Reweighting.Scheme.SOFTMAX ? Reweighting.softmax() : Reweighting.defaults();
  }
}
