package siebench.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code siebench ope} on generated logs whose uniform-policy value is known in closed form, and its errors (the
 * Open Bandit Dataset sample is in {@link OpeCommandTest}).
 */
class OpeCommandGeneratedLogsTest {
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
    String out = CliRun.ok("ope", "--logs", logs.toString(), "--target-logs", target.toString(), "--bootstrap", "2000",
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
