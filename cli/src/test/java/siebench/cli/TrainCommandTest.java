package siebench.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code siebench train} on small generated data and its errors; saving, weights files and separate test files
 * are in {@link ScoreCommandTest}, streaming in {@link StreamCommandTest}.
 */
class TrainCommandTest {
  @TempDir
  Path dir;

  @Test
  void trainsOnGeneratedDataAndPrintsTheTestMetrics() {
    String out = CliRun.ok("train", "--data", "synthetic", "--rows", "2000", "--model", "lr", "--epochs", "1",
        "--early-stopping", "0");
    for (String metric : new String[] {"auc", "logloss", "ndcg@10", "calibration"}) {
      assertTrue(out.lines().anyMatch(l -> l.trim().startsWith(metric + " ")), metric + " missing from\n" + out);
    }
  }

  @Test
  void badOptionValuesNameWhatIsExpected() {
    CliRun.failsWith("unknown model 'svm'; expected lr, fm, deepfm", "train", "--model", "svm", "--rows", "100");
    CliRun.failsWith("unknown --data source 'parquet:x'; expected synthetic, synthetic-sequences, csv:PATH",
        "train", "--data", "parquet:x");
    CliRun.failsWith("--data needs a path after the colon", "train", "--data", "csv:");
  }

  @Test
  void badInputNamesTheFileLineAndColumn() throws IOException {
    Path csv = dir.resolve("clicks.csv");
    Files.writeString(csv, "click,brand,price\n1,a,0.5\n0,b,0.25\n1,c\n");
    CliRun.failsWith("clicks.csv:4:3 (price): expected 3 fields as in the header (line 1), got 2", "train",
        "--data", "csv:" + csv, "--model", "lr", "--epochs", "1");
    CliRun.failsWith("no such file or directory: " + dir.resolve("none.csv"), "train", "--data",
        "csv:" + dir.resolve("none.csv"));
    Path criteo = dir.resolve("criteo.txt");
    Files.writeString(criteo, "1\t2\t3\n");
    CliRun.failsWith("criteo.txt:1: no header, and 3 fields: expected 40 (label, I1..I13, C1..C26)", "train",
        "--data", "criteo:" + criteo, "--model", "lr", "--epochs", "1");
  }
}
