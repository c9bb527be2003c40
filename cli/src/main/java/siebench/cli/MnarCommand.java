package siebench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import siebench.data.RatingData;
import siebench.data.io.RatingMatrices;
import siebench.data.synthetic.MnarRatings;
import siebench.mnar.MnarExperiment;
import siebench.mnar.MnarResult;
import siebench.mnar.RatingObjective;
import siebench.mnar.PropensityEstimator;
import siebench.mnar.PropensityEstimators;
import siebench.mnar.RatingTask;
import siebench.model.MatrixFactorization;

/** {@code siebench mnar}: debiasing of explicit ratings missing not at random, evaluated on MAR ratings. */
@Command(name = "mnar", mixinStandardHelpOptions = true,
    description = {"Trains matrix factorization on ratings missing not at random (naive, IPS, SNIPS, doubly robust)",
        "with true or estimated propensities and prints MAR-test MSE, MAE, AUC and NDCG@k, mean ± 95%% CI over seeds."})
final class MnarCommand implements Callable<Integer> {
  @Option(names = "--data", defaultValue = "synthetic", paramLabel = "SOURCE",
      description = "synthetic (default) or coat:DIR / yahoo:DIR / mnar:DIR (train.ascii, test.ascii, ...).")
  String source;

  @Option(names = "--seeds", defaultValue = "5", description = "Seeds 1..N (default ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--propensity", split = ",", paramLabel = "NAME",
      description = "true, naive-bayes, logistic (comma-separated; default: all that apply).")
  List<String> propensities;

  @Option(names = "--objectives", split = ",", defaultValue = "ips,snips,dr",
      description = "Debiasing objectives besides naive: ips, snips, dr (default ${DEFAULT-VALUE}).")
  List<String> objectives;

  @Option(names = "--users", defaultValue = "300", description = "Synthetic: users (default ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--items", defaultValue = "300", description = "Synthetic: items (default ${DEFAULT-VALUE}).")
  int items;

  @Option(names = "--density", defaultValue = "0.05",
      description = "Synthetic: expected share of observed cells (default ${DEFAULT-VALUE}).")
  double density;

  @Option(names = "--alpha", defaultValue = "0.25",
      description = "Synthetic: observation-rate factor per rating step below 4 (default ${DEFAULT-VALUE}).")
  double alpha;

  @Option(names = "--popularity-skew", defaultValue = "0.5",
      description = "Synthetic: Zipf exponent of item popularity in observation (default ${DEFAULT-VALUE}).")
  double popularitySkew;

  @Option(names = "--factors", defaultValue = "8", description = "MF latent factors (default ${DEFAULT-VALUE}).")
  int factors;

  @Option(names = "--epochs", defaultValue = "40", description = "Epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "512", description = "Batch size (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--lr", defaultValue = "0.01", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--weight-decay", defaultValue = "0.001", description = "L2 weight decay (default ${DEFAULT-VALUE}).")
  double weightDecay;

  @Option(names = "--propensity-floor", defaultValue = "0",
      description = "Propensities below this are raised to it (default ${DEFAULT-VALUE} = no clipping).")
  double floor;

  @Option(names = "--mar-sample", defaultValue = "0.05",
      description = "Share of the MAR test ratings set aside for naive-Bayes P(r) (default ${DEFAULT-VALUE}).")
  double marSample;

  @Option(names = "--k", defaultValue = "5", description = "NDCG cut-off (default ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--out", description = "Write the per-run table to this CSV file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    RatingTask task = RatingTask.ratings().model(new MatrixFactorization(factors))
        .imputation(new MatrixFactorization(factors)).epochs(epochs).batchSize(batchSize).learningRate(learningRate)
        .weightDecay(weightDecay).propensityFloor(floor).device(device);
    MnarExperiment experiment = experiment();
    if (propensities != null) {
      List<PropensityEstimator> list = new ArrayList<>();
      propensities.forEach(p -> list.add(PropensityEstimators.named(p)));
      experiment = experiment.propensities(list.toArray(new PropensityEstimator[0]));
    }
    experiment = experiment.objectives(objectives.stream().map(RatingObjective::parse).toArray(RatingObjective[]::new))
        .task(task).seeds(seeds).marSampleFraction(marSample).k(k).log(System.out);
    MnarResult result = experiment.run();
    System.out.println();
    System.out.print(result.print());
    if (out != null) {
      result.table().write().csv(out.toFile());
      System.out.println("runs written to " + out);
    }
    return 0;
  }

  private MnarExperiment experiment() {
    String kind = source.contains(":") ? source.substring(0, source.indexOf(':')) : source;
    String path = source.contains(":") ? source.substring(source.indexOf(':') + 1) : null;
    switch (kind) {
      case "synthetic" -> {
        return MnarExperiment.synthetic(MnarRatings.generator().users(users).items(items).density(density)
            .alpha(alpha).popularitySkew(popularitySkew));
      }
      case "coat", "yahoo", "mnar" -> {
        Path dir = DataOptions.existing(path);
        if (!Files.isDirectory(dir)) {
          throw new IllegalArgumentException(kind + ":DIR needs a directory with train.ascii and test.ascii, got " + dir);
        }
        RatingData data = RatingMatrices.read(dir);
        System.out.println("data: " + data.source() + ", " + data.users() + " users x " + data.items() + " items, "
            + data.train().size() + " training and " + data.test().size() + " MAR test ratings");
        return MnarExperiment.on(data);
      }
      default -> throw new IllegalArgumentException("unknown --data source '" + source
          + "'; expected synthetic, coat:DIR, yahoo:DIR or mnar:DIR");
    }
  }
}
