package siebench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import siebench.data.io.Datasets;
import siebench.importance.correction.ActionDistribution;
import siebench.importance.correction.BanditFeedback;
import siebench.importance.correction.BanditLog;
import siebench.importance.correction.Estimate;
import siebench.importance.correction.ImportanceSampling;
import siebench.importance.correction.OffPolicy;
import siebench.importance.correction.OffPolicyEstimator;
import siebench.importance.correction.RewardRegression;

/**
 * {@code siebench ope}: off-policy evaluation of the uniform-random policy from logged bandit feedback (Open
 * Bandit Dataset layout; Saito, Aihara, Matsutani &amp; Narita 2021, "Open Bandit Dataset and Pipeline", NeurIPS
 * Datasets and Benchmarks), with every {@link OffPolicyEstimator} and bootstrap intervals, read against the
 * CTR the random policy actually had in its own logs.
 */
@Command(name = "ope", mixinStandardHelpOptions = true,
    description = {"Off-policy evaluation on Open Bandit Dataset logs: the value (CTR) of the uniform-random policy",
        "over the items, at each position, estimated from --logs (e.g. Bernoulli Thompson Sampling) with DM, IPS,",
        "SNIPS, DR, SNDR and Switch-DR and percentile-bootstrap intervals, next to the CTR observed in",
        "--target-logs (the random policy's own logs). The reward model of DM and the DR family is a cross-fitted",
        "L2 logistic regression on item, position, item x position, user features and user-item affinity."})
final class OpeCommand implements Callable<Integer> {
  @Option(names = "--logs", description = "Logged feedback to evaluate from (default: bts/men.csv of Datasets.openBandit(), found via SIEBENCH_DATA, the user cache or a download).")
  Path logs;

  @Option(names = "--target-logs",
      description = "Logs of the uniform-random policy itself, for the observed CTR (default: random/men.csv of "
          + "Datasets.openBandit(); 'none' to skip).")
  String targetLogs;

  @Option(names = "--estimators", split = ",", defaultValue = "dm,ips,snips,dr,sndr,switch-dr",
      description = "Estimators (default ${DEFAULT-VALUE}).")
  List<String> estimators;

  @Option(names = "--tau", defaultValue = "10",
      description = "Switch-DR importance-weight threshold; 'Infinity' makes it DR (default ${DEFAULT-VALUE}).")
  double tau;

  @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap replicates (default ${DEFAULT-VALUE}).")
  int replicates;

  @Option(names = "--level", defaultValue = "0.95", description = "Confidence level (default ${DEFAULT-VALUE}).")
  double level;

  @Option(names = "--folds", defaultValue = "3",
      description = "Cross-fitting folds of the reward model; 1 = none (default ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--l2", defaultValue = "0.001",
      description = "L2 strength of the reward model (default ${DEFAULT-VALUE}).")
  double l2;

  @Option(names = "--actions",
      description = "Number of items (actions 0..N-1; default: the largest item id in the logs + 1).")
  Integer actions;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of the folds and the bootstrap (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    // every option and file is checked, and every estimate made, before the first line is printed
    Path logFile = logs != null ? existing(logs, "--logs") : sharedFile("bts/men.csv");
    Path targetFile = targetLogs == null ? sharedFile("random/men.csv")
        : targetLogs.equalsIgnoreCase("none") ? null : existing(Path.of(targetLogs), "--target-logs");
    List<OffPolicyEstimator> chosen = new ArrayList<>();
    for (String e : estimators) {
      chosen.add(OffPolicyEstimator.named(e, tau));
    }
    RewardRegression model = RewardRegression.logistic().l2(l2).folds(folds).seed(seed);
    BanditLog log = BanditLog.read(logFile);
    BanditLog target = targetFile == null ? null : BanditLog.read(targetFile);
    int a = actions != null ? actions : 1 + Math.max(maxItem(log), target == null ? 0 : maxItem(target));
    BanditFeedback data = BanditFeedback.of(log, ActionDistribution.uniform(log.size(), a));
    if (chosen.stream().anyMatch(OffPolicyEstimator::needsEstimatedRewards)) {
      data = data.withEstimatedRewards(model.fitPredict(log, a));
    }
    Estimate observed = null;
    if (target != null) {
      double[] c = target.click();
      observed = OffPolicy.bootstrap("observed", c.length, rows -> {
        double s = 0;
        for (int i : rows) {
          s += c[i];
        }
        return s / rows.length;
      }, level, replicates, seed);
    }
    List<Estimate> estimates = new ArrayList<>();
    for (OffPolicyEstimator e : chosen) {
      estimates.add(e.estimate(data, level, replicates, seed));
    }

    System.out.printf(Locale.ROOT, "logs           %s: %d rows, %.0f clicks (CTR %.5f), positions %s%n", logFile,
        log.size(), sum(log.click()), sum(log.click()) / log.size(), Arrays.toString(distinct(log.position())));
    System.out.printf(Locale.ROOT, "target policy  uniform over %d items at each position (pi_e = 1/%d)%n", a, a);
    double[] w = data.importanceWeights();
    System.out.printf(Locale.ROOT, "weights        w = pi_e / pi_b: mean %.3f, max %.1f, effective sample size %.0f"
        + " of %d%n", sum(w) / w.length, Arrays.stream(w).max().orElse(0), ImportanceSampling.effectiveSampleSize(w),
        w.length);
    if (data.hasEstimatedRewards()) {
      System.out.printf(Locale.ROOT, "reward model   L2 logistic regression (lambda %s), %d-fold cross-fitted: mean"
          + " q_hat(x, a_logged) %.5f, out-of-fold log loss %.5f; mean q_hat(x, pi_e) %.5f%n", l2, folds,
          mean(data.modelFactual()), logLoss(log.click(), data.modelFactual()), mean(data.modelValues()));
    }
    System.out.printf(Locale.ROOT, "intervals      %.0f%% percentile bootstrap over rows, %d replicates, seed %d%n",
        level * 100, replicates, seed);
    System.out.println();
    System.out.printf("%-22s %9s %9s %9s %10s %s%n", "estimator", "estimate", "ci_low", "ci_high", "rel_error",
        observed == null ? "" : "ci_covers_observed");
    if (observed != null) {
      System.out.printf(Locale.ROOT, "%-22s %9.5f %9.5f %9.5f %10s   (%s: %d rows, %.0f clicks)%n", "observed (target logs)",
          observed.value(), observed.lower(), observed.upper(), "-", targetFile, target.size(), sum(target.click()));
    }
    for (int k = 0; k < chosen.size(); k++) {
      Estimate r = estimates.get(k);
      String rel = observed == null ? "-" : String.format(Locale.ROOT, "%+.1f%%",
          100 * (r.value() - observed.value()) / observed.value());
      System.out.printf(Locale.ROOT, "%-22s %9.5f %9.5f %9.5f %10s %s%n", chosen.get(k).name(), r.value(), r.lower(),
          r.upper(), rel, observed == null ? "" : r.contains(observed.value()) ? "yes" : "no");
    }
    if (data.hasEstimatedRewards()) {
      System.out.println();
      System.out.println("note: q_hat is fitted once and held fixed across bootstrap replicates (as in Open Bandit "
          + "Pipeline), so the DM interval leaves out the reward model's own estimation error.");
    }
    return 0;
  }

  /** {@code file}, or an error naming the option when it does not exist. */
  private static Path existing(Path file, String option) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(option + ": no such file: " + file.toAbsolutePath());
    }
    return file;
  }

  /**
   * A file of the Open Bandit sample from the {@link Datasets} catalogue: {@code SIEBENCH_DATA}, else the user
   * cache, else downloaded (a clear error names the directories searched when none works).
   */
  static Path sharedFile(String relative) {
    return Datasets.openBandit().resolve(relative);
  }

  private static double logLoss(double[] y, double[] p) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double q = Math.min(Math.max(p[i], 1e-15), 1 - 1e-15);
      s -= y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q);
    }
    return s / y.length;
  }

  private static int maxItem(BanditLog log) {
    return Arrays.stream(log.item()).max().orElse(0);
  }

  private static int[] distinct(int[] x) {
    return Arrays.stream(x).distinct().sorted().toArray();
  }

  private static double sum(double[] x) {
    return Arrays.stream(x).sum();
  }

  private static double mean(double[] x) {
    return sum(x) / x.length;
  }
}
