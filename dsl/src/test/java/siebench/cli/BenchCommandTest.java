package siebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
  @Test
  void maxFitsReachesTheRetrainingValuationsAndTheirRefusalNamesCheaperEstimators(@TempDir Path dir) {
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      status = Main.run("bench", "--data", "synthetic", "--rows", "2000", "--estimators", "tmc-shapley",
          "--protocols", "detection", "--repeats", "1", "--model", "lr", "--epochs", "1", "--max-fits", "10",
          "--out", dir.resolve("report").toString());
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, status, message);
    assertTrue(message.contains("tmc-shapley") && message.contains("10"), message);
    assertTrue(message.contains("knn-shapley"), "names a cheaper estimator: " + message);
    assertTrue(!Files.exists(dir.resolve("report").resolve("summary.csv")), "nothing was reported");
  }

  /** Runs {@code siebench ARGS}, returning the status and the captured standard error. */
  private static Object[] run(String... args) {
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      status = Main.run(args);
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
    return new Object[] {status, err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void learnerOptionRunsTheWarmStartedTaskModelAndRefusesItOutOfSample(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("loo");
    Object[] ok = run("bench", "--data", "synthetic", "--rows", "150", "--estimators", "loo", "--learner",
        "ctr-warm:1", "--protocols", "detection", "--repeats", "1", "--model", "lr", "--epochs", "1", "--out",
        out.toString());
    assertEquals(0, ok[0], (String) ok[1]);
    String results = Files.readString(out.resolve("results.json"));
    assertTrue(results.contains("warm start, 1 epochs per fit"), "the learner is recorded");
    Object[] oob = run("bench", "--data", "synthetic", "--rows", "150", "--estimators", "data-oob", "--learner",
        "ctr-warm", "--protocols", "detection", "--repeats", "1", "--out", dir.resolve("oob").toString());
    assertEquals(2, oob[0], (String) oob[1]);
    assertTrue(((String) oob[1]).contains("out of sample"), (String) oob[1]);
    Object[] bad = run("bench", "--estimators", "loo", "--learner", "svm", "--out", dir.resolve("x").toString());
    assertEquals(2, bad[0], (String) bad[1]);
    assertTrue(((String) bad[1]).contains("java-lr, ctr or ctr-warm"), (String) bad[1]);
  }
}
