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
}
