package siebench.importance.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.SharedData;

class OffPolicyTest {
  @Test
  void closedFormsOnTinyInputs() {
    double[] r = {1, 0, 1, 0};
    double[] pi = {0.5, 0.5, 0.2, 0.2};
    double[] pi0 = {0.25, 0.5, 0.4, 0.1};
    // weights 2, 1, 0.5, 2 -> IPS = (2 + 0.5) / 4, SNIPS = 2.5 / 5.5
    assertEquals(2.5 / 4, OffPolicy.ips(r, pi, pi0, 0.95).value(), 1e-12);
    assertEquals(2.5 / 5.5, OffPolicy.snips(r, pi, pi0, 0.95).value(), 1e-12);
    Estimate on = OffPolicy.onPolicy(new double[] {1, 0, 0, 0}, 0.95);
    assertEquals(0.25, on.value(), 1e-12);
    assertEquals(Math.sqrt(0.25 / 4), on.standardError(), 1e-12); // sample sd sqrt(1/4) over sqrt(4)
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OffPolicy.ips(r, pi, new double[] {0.25, 0, 0.4, 0.1}, 0.95));
    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
  }

  /**
   * Reference: a simulated bandit with known arm rewards; the uniform target policy's true value is the mean
   * arm reward. Over repeated logs from a skewed logging policy, IPS is unbiased and the 95% intervals of
   * IPS and SNIPS cover the truth about 95% of the time.
   */
  @Test
  void unbiasedWithNominalCoverageOnSimulatedBandit() {
    double[] mu = {0.02, 0.05, 0.1, 0.04, 0.08};
    double[] logging = {0.5, 0.2, 0.1, 0.1, 0.1};
    double truth = Arrays.stream(mu).average().getAsDouble();
    Random rnd = new Random(9);
    int reps = 300;
    int n = 3000;
    double sumIps = 0;
    int coverIps = 0;
    int coverSn = 0;
    for (int k = 0; k < reps; k++) {
      double[] r = new double[n];
      double[] pi = new double[n];
      double[] pi0 = new double[n];
      for (int i = 0; i < n; i++) {
        double u = rnd.nextDouble();
        int a = 0;
        while (a < 4 && u >= logging[a]) {
          u -= logging[a];
          a++;
        }
        r[i] = rnd.nextDouble() < mu[a] ? 1 : 0;
        pi[i] = 0.2;
        pi0[i] = logging[a];
      }
      Estimate ips = OffPolicy.ips(r, pi, pi0, 0.95);
      sumIps += ips.value();
      coverIps += ips.contains(truth) ? 1 : 0;
      coverSn += OffPolicy.snips(r, pi, pi0, 0.95).contains(truth) ? 1 : 0;
    }
    System.out.printf("simulated bandit: truth %.4f, mean IPS %.4f, coverage IPS %.3f SNIPS %.3f%n", truth,
        sumIps / reps, coverIps / (double) reps, coverSn / (double) reps);
    assertEquals(truth, sumIps / reps, 0.002);
    assertTrue(coverIps >= 0.9 * reps && coverIps <= 0.99 * reps, "IPS coverage " + coverIps);
    assertTrue(coverSn >= 0.9 * reps && coverSn <= 0.99 * reps, "SNIPS coverage " + coverSn);
  }

  /**
   * Open Bandit Dataset (ZOZOTOWN, men campaign): the uniform-random policy's CTR, estimated off-policy from
   * the Bernoulli-Thompson-sampling logs, agrees with the CTR observed when the random policy ran.
   */
  @Test
  void openBanditRandomPolicyValueFromThompsonSamplingLogs() {
    BanditLog random = BanditLog.read(SharedData.file("open_bandit_dataset_zozotown/random/men.csv"));
    BanditLog bts = BanditLog.read(SharedData.file("open_bandit_dataset_zozotown/bts/men.csv"));
    assertEquals(10000, random.size());
    assertEquals(10000, bts.size());
    assertEquals(46, Arrays.stream(random.click()).sum(), 1e-9);
    assertEquals(34, random.items());
    for (double p : random.propensity()) {
      assertEquals(1.0 / 34, p, 1e-12);
    }
    Estimate observed = OffPolicy.onPolicy(random.rewards(), 0.95);
    double[] pi = new double[bts.size()];
    Arrays.fill(pi, 1.0 / 34);
    Estimate ips = OffPolicy.ips(bts.rewards(), pi, bts.propensity(), 0.95);
    Estimate snips = OffPolicy.snips(bts.rewards(), pi, bts.propensity(), 0.95);
    Estimate ipsBoot = OffPolicy.bootstrap(OffPolicy.Method.IPS, bts.rewards(), pi, bts.propensity(), 0.95, 1000, 7);
    Estimate snBoot = OffPolicy.bootstrap(OffPolicy.Method.SNIPS, bts.rewards(), pi, bts.propensity(), 0.95, 1000, 7);
    System.out.println("OBD men, random policy observed: " + observed);
    System.out.println("OBD men, off-policy from bts: " + ips);
    System.out.println("OBD men, off-policy from bts: " + snips);
    System.out.println("OBD men, off-policy from bts: " + ipsBoot);
    System.out.println("OBD men, off-policy from bts: " + snBoot);
    System.out.printf("bts on-policy CTR %.4f, ESS of the weights %.0f of %d%n",
        Arrays.stream(bts.click()).average().getAsDouble(),
        ImportanceSampling.effectiveSampleSize(OffPolicy.weights(bts.rewards(), pi, bts.propensity())), bts.size());
    assertEquals(0.0046, observed.value(), 1e-12);
    Estimate dIps = ips.minus(observed);
    Estimate dSnips = snips.minus(observed);
    System.out.println("difference: " + dIps);
    System.out.println("difference: " + dSnips);
    // agreement: the 95% interval of the difference (two independent samples) contains 0 ...
    assertTrue(dIps.contains(0) && dSnips.contains(0), "off-policy and on-policy values disagree");
    // ... the intervals overlap, and the observed CTR lies inside the SNIPS and both bootstrap intervals
    assertTrue(ips.overlaps(observed) && snips.overlaps(observed));
    assertTrue(snips.contains(observed.value()), "observed random CTR inside the SNIPS interval");
    assertTrue(ipsBoot.contains(observed.value()) && snBoot.contains(observed.value()));
  }

  @Test
  void readerNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, ",timestamp,item_id,position,click,propensity_score\n0,t,3,1,0,0.5\n1,t,4,2,2,0.5\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BanditLog.read(f));
    assertTrue(e.getMessage().contains("bad.csv:3:5 (click): expected 0 or 1, got '2'"), e.getMessage());
    Files.writeString(f, ",timestamp,item_id,position,click\n0,t,3,1,0\n");
    e = assertThrows(IllegalArgumentException.class, () -> BanditLog.read(f));
    assertTrue(e.getMessage().contains("no column 'propensity_score'"), e.getMessage());
    Files.writeString(f, ",timestamp,item_id,position,click,propensity_score\n0,t,3,1,0,0\n");
    e = assertThrows(IllegalArgumentException.class, () -> BanditLog.read(f));
    assertTrue(e.getMessage().contains(":2:6"), e.getMessage());
  }
}
