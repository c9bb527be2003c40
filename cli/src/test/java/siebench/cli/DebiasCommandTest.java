package siebench.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code siebench debias} on small generated logs, and its errors. */
class DebiasCommandTest {
  @Test
  void printsEveryModelAndSourceWithTheReferenceRowsAndWritesTheRuns(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("runs.csv");
    String out = CliRun.ok("debias", "--rows", "3000", "--seeds", "2", "--models", "lr", "--propensities", "true",
        "--epochs", "1", "--patience", "0", "--objective", "ips-squared", "--clip", "0.1", "--out", csv.toString());
    assertTrue(out.contains("objective ips-squared(clip=0.1)"), out);
    for (String row : new String[] {"lr       none", "lr       true", "lr       random-order", "lr       oracle"}) {
      assertTrue(out.contains(row), "missing row '" + row + "' in\n" + out);
    }
    String runs = Files.readString(csv);
    assertTrue(runs.startsWith("seed,model,propensities,ndcg@10,ndcg@10_delta,propensity_error"), runs);
    assertTrue(runs.lines().count() == 1 + 2 * 4, runs);
  }

  @Test
  void badOptionsAreErrorsNamingWhatIsExpected() {
    assertTrue(CliRun.fails("debias", "--propensities", "oracle").contains("expected one of [true, regression-em, "
        + "randomized]"));
    assertTrue(CliRun.fails("debias", "--objective", "bce").contains("need a propensity objective, not bce"));
    assertTrue(CliRun.fails("debias", "--objective", "ipss").contains("unknown objective 'ipss'"));
    assertTrue(CliRun.fails("debias", "--seeds", "0").contains("seeds must be >= 1"));
    assertTrue(CliRun.fails("debias", "--models", "svm").contains("svm"));
    assertTrue(CliRun.fails("debias", "--clip", "2").contains("propensity clip must lie in (0, 1]"));
    assertTrue(CliRun.fails("debias", "--no-such-option").contains("--no-such-option"));
    CliRun.failsWith("--sponsored: expected 0 or SHARE:BOOST", "debias", "--sponsored", "0.1");
    CliRun.failsWith("sponsored share must be in [0, 1)", "debias", "--sponsored", "2:1");
  }
}
