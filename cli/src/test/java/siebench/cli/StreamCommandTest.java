package siebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.SharedData;

/**
 * {@code train --stream} and {@code score --stream}: scores streamed from the binary cache equal, byte for byte,
 * the in-memory {@code score} of the same saved model on the same file; score reuses the cache train built; the
 * options fail clearly where streaming does not apply.
 */
class StreamCommandTest {
  @TempDir
  Path dir;

  @Test
  void streamedScoresEqualInMemoryScoresAndReuseTheTrainingCache() throws IOException {
    Path file = dir.resolve("criteo.csv");
    Files.copy(SharedData.file("criteo_display_ads_sample/criteo_train_tiny.csv"), file);
    Path cache = dir.resolve("cache");
    Path model = dir.resolve("m");
    CliRun t = CliRun.of("train", "--data", "criteo:" + file, "--stream", "--cache",
        cache.toString(), "--model", "deepfm", "--embedding-dim", "4", "--epochs", "1", "--batch-size", "256",
        "--save", model.toString());
    assertEquals(0, t.status(), t.err());
    assertTrue(t.out().contains("1,999 rows") && t.out().contains("cache built"), t.out());
    Path streamed = dir.resolve("streamed.csv");
    CliRun s = CliRun.of("score", "--model", model.toString(), "--data", "criteo:" + file,
        "--stream", "--cache", cache.toString(), "--estimators", "loss,el2n,grand", "--out", streamed.toString());
    assertEquals(0, s.status(), s.err());
    assertTrue(s.out().contains("cache reused"), "score reads the cache train built: " + s.out());
    Path memory = dir.resolve("memory.csv");
    CliRun m = CliRun.of("score", "--model", model.toString(), "--data", "criteo:" + file,
        "--estimators", "loss,el2n,grand", "--out", memory.toString());
    assertEquals(0, m.status(), m.err());
    List<String> a = Files.readAllLines(memory);
    List<String> b = Files.readAllLines(streamed);
    assertEquals(2000, a.size());
    assertEquals("row_id,label,prediction,loss,el2n,grand", b.get(0));
    assertEquals(a, b);
    // the default cache directory sits beside the file
    CliRun d = CliRun.of("score", "--model", model.toString(), "--data", "criteo:" + file,
        "--stream", "--estimators", "loss", "--out", dir.resolve("d.csv").toString());
    assertEquals(0, d.status(), d.err());
    assertTrue(Files.isRegularFile(dir.resolve("criteo.csv.siebench-cache").resolve("cache.properties")));
  }

  @Test
  void streamingOptionsFailClearlyWhereTheyDoNotApply() {
    CliRun r = CliRun.of("train", "--data", "synthetic", "--stream", "--epochs", "1");
    assertNotEquals(0, r.status());
    assertTrue(r.err().contains("--stream reads criteo:PATH files"), r.err());
    CliRun b = CliRun.of("bench", "--data", "synthetic", "--stream");
    assertNotEquals(0, b.status());
    assertTrue(b.err().contains("--stream is read by train and score only"), b.err());
  }
}
