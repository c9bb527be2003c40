package siebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
}
