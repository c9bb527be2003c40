package siebench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import siebench.benchmark.PositionBiasExperiment;
import siebench.core.Progress;
import siebench.data.synthetic.Synthetic;
import siebench.train.CtrTask;
import siebench.train.Objective;

/** {@code siebench debias}: unbiased learning to rank on generated search sessions ({@link PositionBiasExperiment}). */
@Command(name = "debias", mixinStandardHelpOptions = true,
    description = {"Position-bias correction on generated search sessions with known relevance: each model trained",
        "on the raw clicks and with an unbiased objective on true, regression-EM and result-randomization",
        "propensities; NDCG@10 against the true relevance on whole held-out sessions, mean and 95%% CI over seeds,",
        "beside two references: the naive model on logs shown in random order (what the bias costs) and on",
        "full-information clicks (the ceiling)."})
final class DebiasCommand implements Callable<Integer> {
  @Option(names = "--rows", defaultValue = "100000", description = "Training rows per seed (default ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--seeds", defaultValue = "5", description = "Seeds 1..n (default ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--models", split = ",", defaultValue = "lr,deepfm",
      description = "Models (default ${DEFAULT-VALUE}).")
  List<String> models;

  @Option(names = "--propensities", split = ",", defaultValue = "true,regression-em,randomized",
      description = "Propensity sources: true, regression-em, randomized (default ${DEFAULT-VALUE}).")
  List<String> propensities;

  @Option(names = "--objective", defaultValue = "ips",
      description = "ips, ips-squared, ips-nonneg, ips-nonneg-squared, snips, snips-squared, pairwise-ips or "
          + "listwise-ips; the naive runs minimise it with every propensity 1 (default ${DEFAULT-VALUE}).")
  String objective;

  @Option(names = "--clip", description = "Lower clip of the propensities (default 0.05).")
  Double clip;

  @Option(names = "--ranker-popularity", defaultValue = "3",
      description = "Weight of item popularity in the logging ranker (default ${DEFAULT-VALUE}).")
  double rankerPopularity;

  @Option(names = "--sponsored", defaultValue = "0",
      description = "Sponsored listings SHARE:BOOST: that share of the items is sponsored (a 0/1 feature) and the "
          + "logging ranker adds BOOST to their score; sponsorship does not change relevance; 0 for none "
          + "(default ${DEFAULT-VALUE}).")
  String sponsored;

  @Option(names = "--position-bias", defaultValue = "1",
      description = "Examination (1/position)^eta, eta (default ${DEFAULT-VALUE}).")
  double eta;

  @Option(names = "--epochs", defaultValue = "5", description = "Most training epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--patience", defaultValue = "1",
      description = "Early stopping on 10%% of the training rows: pointwise objectives on their validation loss, "
          + "pairwise and listwise ones on the click AUC; 0 trains every epoch (default ${DEFAULT-VALUE}).")
  int patience;

  @Option(names = "--lr", defaultValue = "0.005", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--weight-decay", defaultValue = "0",
      description = "Adam's L2 weight decay, the same for every run (default ${DEFAULT-VALUE}).")
  double weightDecay;

  @Option(names = "--out", description = "Also write the per-seed runs to this CSV file.")
  Path out;

  @Override
  public Integer call() {
    Objective o = Objective.named(objective);
    if (clip != null) {
      o = o.clip(clip);
    }
    double[] sp = sponsored();
    PositionBiasExperiment e = PositionBiasExperiment.on(Synthetic.ecommerce().rows(rows)
            .rankerPopularity(rankerPopularity).sponsored(sp[0], sp[1]).positionBias(eta))
        .models(models.toArray(String[]::new)).propensities(propensities.toArray(String[]::new)).objective(o)
        .task(CtrTask.ctr().epochs(epochs).batchSize(2048).learningRate(learningRate).weightDecay(weightDecay)
            .earlyStopping(patience).validationFraction(patience > 0 ? 0.1 : 0))
        .seeds(seeds).progress(Progress.console());
    System.out.printf("generated search logs: %d rows per seed, rankerPopularity %s, sponsored %s, eta %s; objective "
        + "%s; at most %d epochs, early-stopping patience %d, lr %s, weight decay %s%n", rows, rankerPopularity,
        sp[0] == 0 ? "none" : sp[0] + " of items with ranker boost " + sp[1], eta, o, epochs, patience, learningRate,
        weightDecay);
    PositionBiasExperiment.Result r = e.run();
    System.out.print(r.print());
    if (out != null) {
      r.runs().write().csv(out.toFile());
      System.out.println("runs: " + out.toAbsolutePath());
    }
    return 0;
  }

  /** {@code --sponsored}: {@code 0}, or {@code SHARE:BOOST}. */
  private double[] sponsored() {
    String[] p = sponsored.split(":", -1);
    try {
      if (p.length == 1 && Double.parseDouble(p[0]) == 0) {
        return new double[] {0, 0};
      }
      if (p.length == 2) {
        return new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])};
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException("--sponsored: expected 0 or SHARE:BOOST (e.g. "
        + "0.1:2), got '" + sponsored + "'");
  }
}
