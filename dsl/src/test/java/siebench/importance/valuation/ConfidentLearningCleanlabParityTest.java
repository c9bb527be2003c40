package siebench.importance.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Row-for-row parity of {@link ConfidentLearning#findLabelIssues} with cleanlab's {@code
 * filter.find_label_issues}, on fixtures cleanlab itself produced (labels, predicted probabilities and the
 * flagged rows of every {@code filter_by} mode), written by {@code scripts/fixtures/cleanlab_fixtures.py}; the
 * cleanlab commit is in {@code siebench/cleanlab/cleanlab.properties}. CI needs no Python.
 */
class ConfidentLearningCleanlabParityTest {
  static final String DIR = "/siebench/cleanlab/";

  record Fixture(int[] labels, double[][] probs, Map<String, int[]> issues) {}

  @ParameterizedTest
  @ValueSource(strings = {"binary_ctr", "binary_ctr_20k", "multiclass", "multiclass_edge"})
  void everyFilterModeFlagsTheRowsCleanlabFlags(String name) throws IOException {
    Fixture f = load(name);
    assertEquals(ConfidentLearning.Prune.values().length, f.issues().size(), "one cleanlab mask per mode");
    StringBuilder mismatches = new StringBuilder();
    for (Map.Entry<String, int[]> e : f.issues().entrySet()) {
      ConfidentLearning.Prune mode = ConfidentLearning.Prune.fromCleanlab(e.getKey());
      boolean[] mask = ConfidentLearning.findLabelIssues(f.labels(), f.probs(), mode);
      int[] java = IntStream.range(0, mask.length).filter(i -> mask[i]).toArray();
      System.out.printf("cleanlab parity %s %s: java %d, cleanlab %d%n", name, e.getKey(), java.length,
          e.getValue().length);
      if (!Arrays.equals(e.getValue(), java)) {
        mismatches.append(String.format("%n  %s: java flags %d rows, cleanlab %d; only java %s; only cleanlab %s",
            e.getKey(), java.length, e.getValue().length, minus(java, e.getValue()), minus(e.getValue(), java)));
      }
    }
    if (mismatches.length() > 0) {
      fail(name + ": masks differ from cleanlab's" + mismatches);
    }
  }

  static String minus(int[] a, int[] b) {
    int[] d = Arrays.stream(a).filter(x -> Arrays.binarySearch(b, x) < 0).toArray();
    return Arrays.toString(Arrays.copyOf(d, Math.min(d.length, 10))) + (d.length > 10 ? " (" + d.length + ")" : "");
  }

  static Fixture load(String name) throws IOException {
    List<String> data = lines(name + ".csv");
    String[] header = data.get(0).split(",");
    boolean binary = header.length == 2 && header[1].equals("p1");
    int n = data.size() - 1;
    int[] labels = new int[n];
    double[][] probs = new double[n][];
    for (int i = 0; i < n; i++) {
      String[] c = data.get(i + 1).split(",");
      labels[i] = Integer.parseInt(c[0]);
      if (binary) {
        double p = Double.parseDouble(c[1]);
        probs[i] = new double[] {1 - p, p}; // as the script builds cleanlab's pred_probs
      } else {
        probs[i] = Arrays.stream(c, 1, c.length).mapToDouble(Double::parseDouble).toArray();
      }
    }
    Map<String, int[]> issues = new LinkedHashMap<>();
    List<String> masks = lines(name + ".issues.csv");
    for (String line : masks.subList(1, masks.size())) {
      String[] c = line.split(",", -1);
      int[] rows = c[2].isEmpty() ? new int[0] : Arrays.stream(c[2].split(" ")).mapToInt(Integer::parseInt).toArray();
      assertEquals(Integer.parseInt(c[1]), rows.length, line);
      issues.put(c[0], rows);
    }
    return new Fixture(labels, probs, issues);
  }

  static List<String> lines(String file) throws IOException {
    try (InputStream in = ConfidentLearningCleanlabParityTest.class.getResourceAsStream(DIR + file)) {
      assertNotNull(in, "missing fixture " + DIR + file + " (scripts/fixtures/cleanlab_fixtures.py writes it)");
      List<String> out = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) {
          if (!l.isBlank()) {
            out.add(l);
          }
        }
      }
      return out;
    }
  }
}
