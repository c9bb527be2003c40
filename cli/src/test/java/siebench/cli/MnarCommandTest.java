package siebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code siebench mnar} end to end on tiny synthetic data and on a tiny Coat-layout directory. */
class MnarCommandTest {
  @TempDir
  Path dir;

  private static String run(String... args) {
    return CliRun.ok(args);
  }

  @Test
  void printsTheTableOnSyntheticData() {
    String out = run("mnar", "--seeds", "2", "--users", "60", "--items", "50", "--density", "0.1", "--epochs", "2",
        "--objectives", "ips,dr", "--propensity", "true,naive-bayes");
    assertTrue(out.contains("method propensity"), out);
    for (String row : new String[] {"naive  -", "ips    true", "dr     true", "ips    naive-bayes",
        "dr     naive-bayes"}) {
      assertTrue(out.contains(row), "missing row '" + row + "' in\n" + out);
    }
    assertTrue(out.contains("±"), out);
  }

  @Test
  void readsTheCoatLayout() throws IOException {
    StringBuilder train = new StringBuilder();
    StringBuilder test = new StringBuilder();
    for (int u = 0; u < 20; u++) {
      for (int i = 0; i < 15; i++) {
        train.append(i == 0 ? "" : " ").append((u + i) % 3 == 0 ? 1 + (u * i) % 5 : 0);
        test.append(i == 0 ? "" : " ").append((u + 2 * i) % 5 == 0 ? 1 + (u + i) % 5 : 0);
      }
      train.append('\n');
      test.append('\n');
    }
    Files.writeString(dir.resolve("train.ascii"), train);
    Files.writeString(dir.resolve("test.ascii"), test);
    Path csv = dir.resolve("runs.csv");
    String out = run("mnar", "--data", "coat:" + dir, "--seeds", "1", "--epochs", "1", "--mar-sample", "0.2",
        "--out", csv.toString());
    assertTrue(out.contains("20 users x 15 items"), out);
    assertTrue(out.contains("ips    logistic"), out);
    assertTrue(Files.readString(csv).startsWith("seed,objective,propensity,MSE,MAE,AUC,NDCG@k"));
  }

  @Test
  void badOptionValuesNameTheChoices() {
    CliRun.failsWith("unknown objective 'magic'; expected naive, ips, snips or dr", "mnar", "--objectives", "magic");
    CliRun.failsWith("unknown propensity estimator 'magic'; expected true, naive-bayes or logistic", "mnar",
        "--propensity", "magic");
  }

  @Test
  void badCoatFilesNameTheFileLineAndColumn() throws IOException {
    Files.writeString(dir.resolve("train.ascii"), "1 2 x\n0 0 1\n");
    Files.writeString(dir.resolve("test.ascii"), "1 2 3\n0 0 1\n");
    CliRun.failsWith("train.ascii:1:3: expected a rating 1..5 or 0 (unobserved), got 'x'", "mnar", "--data",
        "coat:" + dir, "--seeds", "1", "--epochs", "1");
    CliRun.failsWith("no such file or directory: " + dir.resolve("none"), "mnar", "--data",
        "coat:" + dir.resolve("none"));
  }
}
