package siebench.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.data.Samples;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The TorchScript item encoder against a tiny model produced here with Debian's python3-torch: a bag of
 * 4-dimensional token embeddings (sum), whose weight matrix Python also writes out, so the expected vector of
 * every text can be recomputed independently in Java.
 */
class TorchScriptEncoderTest {
  @TempDir
  static Path dir;
  static Path model;
  static Path badModel;
  static float[][] weights;

  @BeforeAll
  static void exportTinyModel() throws Exception {
    String script = """
        import sys, torch
        torch.manual_seed(0)
        class Bag(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.emb = torch.nn.Embedding(97, 4, padding_idx=0)
            def forward(self, x):
                return self.emb(x).sum(1)
        class Flat(torch.nn.Module):
            def forward(self, x):
                return x.sum(1).float()
        m = Bag()
        torch.jit.script(m).save(sys.argv[1] + "/bag.pt")
        torch.jit.script(Flat()).save(sys.argv[1] + "/flat.pt")
        with open(sys.argv[1] + "/weights.txt", "w") as f:
            for row in m.emb.weight.detach().tolist():
                f.write(" ".join(repr(v) for v in row) + "\\n")
        """;
    Path py = dir.resolve("export.py");
    Files.writeString(py, script);
    Process p;
    try {
      p = new ProcessBuilder("/usr/bin/python3", py.toString(), dir.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("no /usr/bin/python3: " + e.getMessage());
      return;
    }
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    Assumptions.assumeFalse(out.contains("No module named 'torch'"), "Debian's python3-torch is not installed");
    assertEquals(0, p.exitValue(), out);
    model = dir.resolve("bag.pt");
    badModel = dir.resolve("flat.pt");
    List<String> lines = Files.readAllLines(dir.resolve("weights.txt"));
    weights = new float[lines.size()][];
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).trim().split(" ");
      weights[i] = new float[f.length];
      for (int j = 0; j < f.length; j++) {
        weights[i][j] = Float.parseFloat(f[j]);
      }
    }
  }

  @Test
  void embeddingsEqualTheSumOfTokenRows() {
    TorchScriptEncoder enc = Encoders.torchScript(model).buckets(97).maxTokens(6);
    List<String> texts = List.of("Red running shoes", "red RUNNING shoes", "wireless earbuds, noise-cancelling", "");
    Map<String, float[]> v = enc.embed(texts);
    for (String t : texts) {
      float[] expected = new float[4];
      for (long id : enc.tokenize(t)) {
        for (int j = 0; j < 4; j++) {
          expected[j] += weights[(int) id][j];
        }
      }
      assertArrayEquals(expected, v.get(t), 1e-5f, t);
    }
    assertArrayEquals(v.get("Red running shoes"), v.get("red RUNNING shoes"), 0f, "case-insensitive tokens");
  }

  @Test
  void addsCachedItemFeatures() {
    Table t = Table.create("items", IntColumn.create("item_id", new int[] {1, 2, 1}),
        StringColumn.create("title", new String[] {"blue jeans", "green tea", "blue jeans"}),
        IntColumn.create("click", new int[] {1, 0, 0}));
    Samples s = Samples.from(t).item("item_id");
    Samples with = Encoders.torchScript(model).buckets(97).addTo(s, "title", "title_emb");
    assertTrue(with.schema().numeric().containsAll(List.of("title_emb_0", "title_emb_3")));
    assertEquals(with.doubles("title_emb_2")[0], with.doubles("title_emb_2")[2], 0.0);
  }

  @Test
  void missingFileAndWrongOutputShapeFailClearly() {
    Path missing = dir.resolve("nope.pt");
    var e1 = assertThrows(IllegalArgumentException.class, () -> Encoders.torchScript(missing).embed(List.of("x")));
    assertTrue(e1.getMessage().contains("nope.pt") && e1.getMessage().contains("not found"), e1.getMessage());
    var e2 = assertThrows(IllegalStateException.class, () -> Encoders.torchScript(badModel).embed(List.of("x")));
    assertTrue(e2.getMessage().contains("flat.pt") && e2.getMessage().contains("expected [1, d]"), e2.getMessage());
  }
}
