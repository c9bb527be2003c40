package siebench.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.SharedData;

/** {@code siebench cvr} on small generated impressions, and its errors. */
class CvrCommandTest {
  @Test
  void comparesTheObjectivesOnTheSameSplitsAndWritesTheMeasurements(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("cvr.csv");
    String out = CliRun.ok("cvr", "--rows", "4000", "--seeds", "2", "--objectives", "naive,esmm", "--epochs", "1",
        "--hidden", "8", "--embedding-dim", "4", "--quiet", "--csv", csv.toString());
    assertTrue(out.contains("objectives [naive, esmm]"), out);
    assertTrue(out.contains("difference to naive, paired by seed"), out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("esmm ") && l.contains("±")), out);
    String rows = Files.readString(csv);
    assertTrue(rows.contains("naive") && rows.contains("esmm"), rows);
  }

  @Test
  void badOptionsAndSourcesAreErrors(@TempDir Path dir) {
    assertTrue(CliRun.fails("cvr", "--data", "criteo:x").contains("expected synthetic or ali-ccp:DIR"));
    String missing = CliRun.fails("cvr", "--data", "ali-ccp:" + dir.resolve("nothing-here"));
    assertTrue(missing.contains("nothing-here"), missing);
    assertTrue(CliRun.fails("cvr", "--objectives", "naive,magic").contains("magic"));
    assertTrue(CliRun.fails("cvr", "--epochs", "x").contains("--epochs"));
  }

  /** Moved from the library's CvrTrainingTest: the command on the real Ali-CCP sample (skipped without it). */
  @Test
  void runsOnTheAliCcpSample() {
    Path dir = SharedData.file("ali_ccp_tiny");
    CliRun.ok("cvr", "--data", "ali-ccp:" + dir, "--seeds", "2", "--epochs", "2", "--quiet");
  }

  @Test
  void aMalformedAliCcpFileNamesTheFileLineAndColumn(@TempDir Path dir) throws Exception {
    String header = "click,purchase,101,121,122";
    Files.writeString(dir.resolve("tiny_train.csv"), header + "\n0,0,1,1,1\n1,1,2,1,1\n0,x,1\n");
    Files.writeString(dir.resolve("tiny_test.csv"), header + "\n0,0,1,1,1\n");
    CliRun.failsWith("tiny_train.csv:4:4 (121): expected 5 fields as in the header (line 1), got 3", "cvr", "--data",
        "ali-ccp:" + dir, "--seeds", "1", "--epochs", "1", "--quiet");
  }
}
