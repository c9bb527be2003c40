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
}
