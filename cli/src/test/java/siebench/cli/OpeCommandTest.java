package siebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.SharedData;
import siebench.importance.correction.ActionDistribution;
import siebench.importance.correction.BanditFeedback;
import siebench.importance.correction.BanditLog;
import siebench.importance.correction.Estimate;
import siebench.importance.correction.OffPolicy;
import siebench.importance.correction.OffPolicyEstimator;
import siebench.importance.correction.RewardRegression;

/**
 * Open Bandit Dataset (ZOZOTOWN, men): the uniform-random policy's CTR estimated from the Bernoulli Thompson
 * Sampling logs, next to the CTR observed in the random policy's own logs.
 */
class OpeCommandTest {
  static String run(String... args) {
    return CliRun.ok(args);
  }

  @Test
  void printsEveryEstimatorNextToTheObservedCtr() {
    Path bts = SharedData.file("open_bandit_dataset_zozotown/bts/men.csv");
    Path random = SharedData.file("open_bandit_dataset_zozotown/random/men.csv");
    String out = run("ope", "--logs", bts.toString(), "--target-logs", random.toString(), "--bootstrap", "100");
    System.out.println(out);
    assertTrue(out.contains("uniform over 34 items"), out);
    assertTrue(out.matches("(?s).*observed \\(target logs\\)\\s+0\\.00460 .*"), out);
    for (String e : new String[] {"dm", "ips", "snips", "dr", "sndr", "switch-dr(tau=10)"}) {
      assertTrue(out.lines().anyMatch(l -> l.startsWith(e + " ")), e + " missing:\n" + out);
    }
  }

  /** The unbiased estimators' 95% intervals cover the random policy's observed CTR on this sample. */
  @Test
  void modelFreeAndDoublyRobustIntervalsCoverTheObservedCtr() {
    BanditLog bts = BanditLog.read(SharedData.file("open_bandit_dataset_zozotown/bts/men.csv"));
    BanditLog random = BanditLog.read(SharedData.file("open_bandit_dataset_zozotown/random/men.csv"));
    double observed = Arrays.stream(random.click()).average().orElseThrow();
    BanditFeedback d = BanditFeedback.of(bts, ActionDistribution.uniform(bts.size(), 34))
        .withEstimatedRewards(RewardRegression.logistic().fitPredict(bts, 34));
    double[] pi = new double[bts.size()];
    Arrays.fill(pi, 1.0 / 34);
    Estimate ips = OffPolicyEstimator.named("ips", 1).estimate(d, 0.95, 1000, 7);
    // the same numbers as the array API's bootstrap (one bootstrap)
    Estimate old = OffPolicy.bootstrap(OffPolicy.Method.IPS, bts.rewards(), pi, bts.propensity(), 0.95, 1000, 7);
    assertEquals(old.value(), ips.value(), 1e-15);
    assertEquals(old.lower(), ips.lower(), 1e-15);
    assertEquals(old.upper(), ips.upper(), 1e-15);
    for (String name : new String[] {"ips", "snips", "dr", "sndr"}) {
      Estimate e = OffPolicyEstimator.named(name, 10).estimate(d, 0.95, 1000, 7);
      assertTrue(e.contains(observed), name + " " + e + " misses " + observed);
    }
  }

  @Test
  void badLogNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("log.csv");
    Files.writeString(f, ",timestamp,item_id,position,click,propensity_score\n0,t,3,1,0,0.5\n1,t,4,x,0,0.5\n");
    String err = CliRun.fails("ope", "--logs", f.toString(), "--target-logs", "none", "--bootstrap", "20");
    assertTrue(err.contains("log.csv:3:4 (position): expected a number, got 'x'"), err);
  }

  /** Click rate of item a at position p: {@code CTR[a] / p}; positions 1..3. */
  private static final double[] CTR = {0.02, 0.05, 0.1, 0.2, 0.3};

  /**
   * A log in the Open Bandit layout: row k at position 1 + k % 3, item drawn from {@code policy} (recorded as the
   * propensity), clicked with probability {@code CTR[item] / position}.
   */
  static Path banditLog(Path file, double[] policy, long seed) throws IOException {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder(",timestamp,item_id,position,click,propensity_score\n");
    for (int k = 0; k < 3000; k++) {
      int position = 1 + k % 3;
      double u = r.nextDouble();
      int item = 0;
      for (double c = policy[0]; u >= c && item < policy.length - 1; c += policy[++item]) {
        // the first item whose cumulative probability exceeds u
      }
      int click = r.nextDouble() < CTR[item] / position ? 1 : 0;
      b.append(k).append(",t,").append(item).append(',').append(position).append(',').append(click).append(',')
          .append(policy[item]).append('\n');
    }
    Files.writeString(file, b);
    return file;
  }

  @Test
  void unbiasedEstimatorsCoverTheUniformPolicysValueOnGeneratedLogs(@TempDir Path dir) throws IOException {
    Path logs = banditLog(dir.resolve("logs.csv"), new double[] {0.4, 0.3, 0.15, 0.1, 0.05}, 1);
    Path target = banditLog(dir.resolve("uniform.csv"), new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, 2);
    // closed form: the mean over items and positions 1..3 of CTR[a] / position
    double truth = Arrays.stream(CTR).average().orElseThrow() * (1 + 1 / 2.0 + 1 / 3.0) / 3;
    // 99.9% intervals: each misses the truth with probability 1/1000, so the test is stable across generators
    String out = run("ope", "--logs", logs.toString(), "--target-logs", target.toString(), "--bootstrap", "2000",
        "--level", "0.999");
    assertTrue(out.contains("uniform over 5 items at each position"), out);
    double[] ips = null;
    for (String e : new String[] {"observed (target logs)", "ips", "snips", "dr", "sndr"}) {
      String line = out.lines().filter(l -> l.startsWith(e + " ")).findFirst().orElseThrow(() -> new AssertionError(
          e + " missing:\n" + out));
      String[] f = line.substring(e.length()).trim().split("\\s+");
      double[] interval = {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
      assertTrue(interval[0] <= truth && truth <= interval[1], e + " " + Arrays.toString(interval) + " misses " + truth);
      ips = e.equals("ips") ? interval : ips;
    }
    // the control: the logged CTR, which the logging policy's preference for low-CTR items biases, lies outside
    double logged = Double.parseDouble(out.replaceAll("(?s).*\\(CTR ([0-9.]+)\\).*", "$1"));
    assertTrue(logged < ips[0], "logged CTR " + logged + " inside the IPS interval " + Arrays.toString(ips));
  }

  @Test
  void badOptionsAndMissingFilesAreErrorsBeforeAnyOutput(@TempDir Path dir) throws IOException {
    Path logs = banditLog(dir.resolve("logs.csv"), new double[] {0.5, 0.5, 0, 0, 0}, 3);
    CliRun.failsWith("unknown off-policy estimator 'magic'; expected one of dm, ips, snips, dr, sndr, switch-dr",
        "ope", "--logs", logs.toString(), "--target-logs", "none", "--estimators", "magic");
    CliRun.failsWith("confidence level must be in (0, 1), got 2.0", "ope", "--logs", logs.toString(),
        "--target-logs", "none", "--bootstrap", "20", "--level", "2");
    CliRun.failsWith("need at least 20 bootstrap replicates, got 5", "ope", "--logs", logs.toString(),
        "--target-logs", "none", "--bootstrap", "5");
    CliRun.failsWith("folds must be >= 1, got 0", "ope", "--logs", logs.toString(), "--target-logs", "none",
        "--folds", "0");
    CliRun.failsWith("--logs: no such file: " + dir.resolve("none.csv"), "ope", "--logs",
        dir.resolve("none.csv").toString(), "--target-logs", "none");
    CliRun.failsWith("--target-logs: no such file: " + dir.resolve("none.csv"), "ope", "--logs", logs.toString(),
        "--target-logs", dir.resolve("none.csv").toString());
  }
}
