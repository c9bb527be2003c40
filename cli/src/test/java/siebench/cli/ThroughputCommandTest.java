package siebench.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code siebench throughput}: the scoring-cost mode on a tiny model, and the option errors. */
class ThroughputCommandTest {
  @Test
  void scoringModePrintsEveryPassPerRepeatAndItsMedian() {
    String out = CliRun.ok("throughput", "--scoring", "--mode", "deepfm", "--rows", "1024", "--batch-size", "256",
        "--hidden", "8,4", "--dim", "3", "--vocab-cap", "40", "--epochs", "2", "--repeats", "2");
    assertTrue(out.contains("repeat 1") && out.contains("repeat 2"), out);
    assertTrue(out.contains("grand (all parameters)   median"), out);
    assertTrue(out.contains("loss / el2n              median"), out);
  }

  @Test
  void badOptionsAreErrors() {
    assertTrue(CliRun.fails("throughput", "--hidden", "8").contains("--hidden takes two widths"));
    assertTrue(CliRun.fails("throughput", "--mode", "svm").contains("svm"));
    assertTrue(CliRun.fails("throughput", "--epochs", "1", "--scoring").contains("epochs >= 2"));
  }

  /** The PyTorch-Python side is optional: a launcher that cannot run is reported in the result, not an error. */
  @Test
  void trainingModeReportsAPythonThatCannotRun() {
    String out = CliRun.ok("throughput", "--mode", "mlp", "--rows", "512", "--batch-size", "256", "--hidden", "4,4",
        "--dim", "2", "--epochs", "2", "--repeats", "1", "--python", "/nonexistent/python3");
    assertTrue(out.contains("PyTorch-Python not run: Cannot run program \"/nonexistent/python3\""), out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("siebench     median ")), out);
  }
}
