package siebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
  @Test
  void maxFitsReachesTheRetrainingValuationsAndTheirRefusalNamesCheaperEstimators(@TempDir Path dir) {
    String message = CliRun.fails("bench", "--data", "synthetic", "--rows", "2000", "--estimators", "tmc-shapley",
        "--protocols", "detection", "--repeats", "1", "--model", "lr", "--epochs", "1", "--max-fits", "10",
        "--out", dir.resolve("report").toString());
    assertTrue(message.contains("tmc-shapley") && message.contains("10"), message);
    assertTrue(message.contains("knn-shapley"), "names a cheaper estimator: " + message);
    assertTrue(!Files.exists(dir.resolve("report").resolve("summary.csv")), "nothing was reported");
  }

  @Test
  void learnerOptionRunsTheWarmStartedTaskModelAndRefusesItOutOfSample(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("loo");
    CliRun ok = CliRun.of("bench", "--data", "synthetic", "--rows", "150", "--estimators", "loo", "--learner",
        "ctr-warm:1", "--protocols", "detection", "--repeats", "1", "--model", "lr", "--epochs", "1", "--out",
        out.toString());
    assertEquals(0, ok.status(), ok.err());
    String results = Files.readString(out.resolve("results.json"));
    assertTrue(results.contains("warm start, 1 epochs per fit"), "the learner is recorded");
    String oob = CliRun.fails("bench", "--data", "synthetic", "--rows", "150", "--estimators", "data-oob",
        "--learner", "ctr-warm", "--protocols", "detection", "--repeats", "1", "--out", dir.resolve("oob").toString());
    assertTrue(oob.contains("out of sample"), oob);
    String bad = CliRun.fails("bench", "--estimators", "loo", "--learner", "svm", "--out",
        dir.resolve("x").toString());
    assertTrue(bad.contains("java-lr, ctr or ctr-warm"), bad);
  }

  @Test
  void badEstimatorOrProtocolNamesTheChoices() {
    CliRun.failsWith("unknown estimator 'magic'; expected one of grand,", "bench", "--estimators", "magic");
    CliRun.failsWith("unknown protocol 'magic'; expected detection, cleaning, pruning", "bench", "--protocols",
        "magic");
  }

  @Test
  void badInputNamesTheFileLineAndColumn(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("clicks.csv");
    Files.writeString(csv, "click,brand,price\n1,a,0.5\n0,b,0.25\n1,c\n");
    CliRun.failsWith("clicks.csv:4:3 (price): expected 3 fields as in the header (line 1), got 2", "bench",
        "--data", "csv:" + csv, "--estimators", "loss", "--protocols", "detection", "--repeats", "1", "--out",
        dir.resolve("report").toString());
    CliRun.failsWith("no such file or directory: " + dir.resolve("none.csv"), "bench", "--data",
        "csv:" + dir.resolve("none.csv"), "--out", dir.resolve("report").toString());
  }
}
