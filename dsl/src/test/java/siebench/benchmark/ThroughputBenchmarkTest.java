package siebench.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import siebench.features.EncodedData;

/** The parts of the throughput benchmark that do not time anything (the timing itself is not unit-tested). */
class ThroughputBenchmarkTest {
  @Test
  void pythonChildLosesOnlyTheOpenBlasTuningVariables() {
    Map<String, String> env = new HashMap<>(Map.of("OPENBLAS_CORETYPE", "Haswell", "OPENBLAS_L2_SIZE", "512",
        "OPENBLAS_NUM_THREADS", "2", "PATH", "/usr/bin"));
    ThroughputBenchmark.clearEnvironment(env);
    assertEquals(Map.of("OPENBLAS_NUM_THREADS", "2", "PATH", "/usr/bin"), env);
  }

  @Test
  void medianAndRangeOfPairRatios() {
    ThroughputBenchmark.Result r = new ThroughputBenchmark.Result(List.of(new ThroughputBenchmark.Pair(10, 20),
        new ThroughputBenchmark.Pair(30, 20), new ThroughputBenchmark.Pair(9, 10), new ThroughputBenchmark.Pair(5,
        Double.NaN)), "a", "b", "c");
    assertEquals(0.9, r.medianRatio(), 1e-12); // ratios 0.5, 1.5, 0.9 (NaN pair left out)
    assertEquals(0.5, r.minRatio(), 1e-12);
    assertEquals(1.5, r.maxRatio(), 1e-12);
    assertEquals((9 + 10) / 2.0, r.medianSiebench(), 1e-12);
    assertEquals(20, r.medianPython(), 1e-12);
    assertEquals(2.5, ThroughputBenchmark.median(new double[] {4, 1, 3, 2}), 1e-12);
  }

  @Test
  void pythonCommandsMatchTheScriptsUsage() {
    ThroughputBenchmark.Config mlp = ThroughputBenchmark.Config.defaults();
    List<String> a = ThroughputBenchmark.pythonCommand(mlp, Path.of("s.py"));
    // python script ROWS DIM HIDDEN1 HIDDEN2 BATCH EPOCHS THREADS SEED
    assertEquals(List.of("/usr/bin/python3", "s.py", "196608", "64", "512", "512", "8192", "4", "2", "7"), a);
    ThroughputBenchmark.Config dfm = ThroughputBenchmark.Config.deepFm();
    List<String> b = ThroughputBenchmark.pythonCommand(dfm, Path.of("s.py"));
    // python script ROWS VOCABS DENSE EMB H1 H2 BATCH EPOCHS THREADS SEED SPARSE
    assertEquals(13, b.size());
    assertEquals(26, b.get(3).split(",").length);
    assertEquals(List.of("13", "16", "256", "128", "4096", "3", "2", "7", "0"), b.subList(4, 13));
  }

  @Test
  void criteoShapedIdsStayInTheirFieldsAndAreSkewed() {
    ThroughputBenchmark.Config c = new ThroughputBenchmark.Config(ThroughputBenchmark.Mode.DEEPFM, 5000, 13, 8, 4,
        512, 2, 1, 3, "python3", 1, 1000, false);
    EncodedData d = ThroughputBenchmark.criteoData(c);
    int[] v = c.vocabularies();
    assertEquals(1000, v[2]);
    assertEquals(3, v[8]);
    long[] off = d.layout().offsets();
    int f = v.length;
    int low = 0;
    for (int i = 0; i < d.rows(); i++) {
      for (int j = 0; j < f; j++) {
        long id = d.cat()[i * f + j] - off[j];
        assertTrue(id >= 0 && id < v[j], "field " + j + " id " + id);
      }
      low += d.cat()[i * f + 2] - off[2] < 125 ? 1 : 0; // P(u^3 < 1/8) = 1/2
    }
    assertEquals(0.5, low / (double) d.rows(), 0.03);
    assertFalse(d.weighted());
  }
}
