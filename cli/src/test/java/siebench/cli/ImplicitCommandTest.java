package siebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.SharedData;

/** {@code siebench implicit} and {@code siebench train --data implicit:PATH --model gmf} on the Taobao sample. */
class ImplicitCommandTest {
  @Test
  void implicitBenchmarkAndGainsWriteTheirReports(@TempDir Path dir) throws Exception {
    Path data = SharedData.file("taobao_userbehavior_sample");
    Path out = dir.resolve("report.txt");
    assertEquals(0, Main.run("implicit", "--data", data.toString(), "--models", "gmf", "--factors", "4", "--seeds", "2",
        "--epochs", "1", "--trainings", "normal,tce", "--split", "time:0.8", "--out", out.toString()));
    String report = Files.readString(out);
    assertTrue(report.startsWith("# command: siebench implicit"), report);
    assertTrue(report.contains("popularity") && report.contains("tce-N"), report);
    Path gains = dir.resolve("gains.txt");
    assertEquals(0, Main.run("implicit", "--data", data.toString(), "--gains", "random:0.2", "--models", "gmf",
        "--factors", "4", "--seeds", "2", "--epochs", "1", "--estimators", "random,loss", "--out", gains.toString()));
    String g = Files.readString(gains);
    assertTrue(g.contains("oracle (noisy removed)") && g.contains("auroc"), g);
    assertEquals(2, Main.run("implicit", "--data", data.toString(), "--gains", "burst:0.1"));
  }

  @Test
  void trainAcceptsImplicitData() {
    Path data = SharedData.file("taobao_userbehavior_sample");
    assertEquals(0, Main.run("train", "--data", "implicit:" + data, "--model", "gmf", "--epochs", "1",
        "--embedding-dim", "4", "--early-stopping", "0"));
  }
}
