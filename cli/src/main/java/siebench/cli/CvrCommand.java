package siebench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import siebench.core.Progress;
import siebench.cvr.ConversionSplit;
import siebench.cvr.CvrComparison;
import siebench.cvr.CvrComparisonResult;
import siebench.cvr.CvrObjective;
import siebench.cvr.CvrObjectives;
import siebench.cvr.CvrTask;
import siebench.data.synthetic.Synthetic;

/**
 * {@code siebench cvr}: post-click conversion rate under selection bias. Trains the shared-embedding CTR/CVR
 * network with each objective (naive; ESMM, Ma et al. 2018, SIGIR; Multi-IPS and Multi-DR, Zhang et al. 2020,
 * WWW) on the same splits and seeds and prints the metrics with 95% CIs and the paired differences to the first
 * objective.
 */
@Command(name = "cvr", mixinStandardHelpOptions = true,
    description = {"Conversion rate under selection bias: naive CVR, ESMM, Multi-IPS and Multi-DR on the same "
        + "splits and seeds;", "metrics on held-out impressions, and on synthetic data against the true CVR of "
        + "every impression."})
final class CvrCommand implements Callable<Integer> {
  @Option(names = "--data", defaultValue = "synthetic", paramLabel = "SOURCE",
      description = "synthetic (default; the generator with purchases, regenerated for every seed) or "
          + "ali-ccp:DIR (a directory with *train*.csv and *test*.csv).")
  String source;

  @Option(names = "--rows", defaultValue = "100000",
      description = "Synthetic training impressions (test: a quarter as many) (default ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--position-feature",
      description = "Synthetic data: the display position is a feature (default: it is not, so the CTR tower "
          + "cannot see the examination bias that drives the click propensity).")
  boolean positionFeature;

  @Option(names = "--seeds", defaultValue = "5", description = "Seeds (repeats) (default ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--first-seed", defaultValue = "1", description = "First seed (default ${DEFAULT-VALUE}).")
  long firstSeed;

  @Option(names = "--objectives", defaultValue = "naive,esmm,ips,dr",
      description = "Comma-separated; the first is the baseline of the differences (default ${DEFAULT-VALUE}).")
  String objectives;

  @Option(names = "--clip", defaultValue = "0.05",
      description = "IPS and DR: propensity floor, weights <= 1/clip (default ${DEFAULT-VALUE}).")
  double clip;

  @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "2048", description = "Batch size (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--embedding-dim", defaultValue = "16",
      description = "Shared embedding size (default ${DEFAULT-VALUE}).")
  int embeddingDim;

  @Option(names = "--hidden", defaultValue = "64,32", split = ",",
      description = "Hidden widths of every tower (default ${DEFAULT-VALUE}).")
  int[] hidden;

  @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--quiet", description = "Print only the tables, not every model's metrics.")
  boolean quiet;

  @Option(names = "--csv", description = "Write every measurement (seed, objective, metric, value) to this CSV file.")
  Path csv;

  @Override
  public Integer call() {
    List<CvrObjective> list = CvrObjectives.parse(objectives, clip);
    CvrTask task = CvrTask.cvr().epochs(epochs).batchSize(batchSize).learningRate(learningRate)
        .embeddingDim(embeddingDim).hidden(hidden).device(device);
    CvrComparison comparison = CvrComparison.of(list).task(task).seeds(seeds).firstSeed(firstSeed)
        .progress(quiet ? Progress.silent() : Progress.printingTo(System.out));
    LongFunction<ConversionSplit> splits = data(); // a bad --data fails here, before any output
    java.util.Map<String, Object> settings = task.describe();
    settings.remove("objective");
    settings.remove("seed");
    System.out.println("objectives " + list.stream().map(CvrObjective::name).toList() + "; every model: " + settings);
    CvrComparisonResult r = comparison.run(splits);
    System.out.println();
    System.out.print(r.print());
    if (csv != null) {
      r.table().write().csv(csv.toFile());
      System.out.println("measurements written to " + csv);
    }
    return 0;
  }

  private LongFunction<ConversionSplit> data() {
    if (source.equals("synthetic")) {
      return seed -> ConversionSplit.synthetic(Synthetic.ecommerce().rows(rows).seed(seed).purchases(true)
          .positionFeature(positionFeature).generate());
    }
    if (source.startsWith("ali-ccp:")) {
      ConversionSplit split = ConversionSplit.aliCcp(DataOptions.existing(source.substring("ali-ccp:".length())));
      return seed -> split;
    }
    throw new IllegalArgumentException("unknown --data source '" + source + "'; expected synthetic or ali-ccp:DIR"
        + " (the other sources have no conversion labels)");
  }
}
