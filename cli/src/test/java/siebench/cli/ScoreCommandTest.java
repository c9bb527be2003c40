package siebench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.data.Samples;
import siebench.data.synthetic.Synthetic;
import siebench.importance.Importance;
import siebench.importance.dynamics.CheckpointScores;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.TrainResult;
import siebench.train.TrainedModel;

/** train --save, score, train --weights / --test, and the CLI's default data for BST. */
class ScoreCommandTest {
  @TempDir
  Path dir;

  private static Samples synthetic() {
    return Synthetic.ecommerce().rows(3000).seed(7).fakeClicks(0.0).generate().samples();
  }

  private static double[] column(List<String> lines, String name) {
    List<String> header = WeightsFile.fields(lines.get(0), null, 1);
    int c = header.indexOf(name);
    assertTrue(c >= 0, name + " not in " + header);
    double[] v = new double[lines.size() - 1];
    for (int i = 1; i < lines.size(); i++) {
      v[i - 1] = Double.parseDouble(WeightsFile.fields(lines.get(i), null, i + 1).get(c));
    }
    return v;
  }

  @Test
  void scoresOfASavedModelMatchTheModelAndTheirFormulas() throws IOException {
    Path model = dir.resolve("m");
    CliRun t = CliRun.of("train", "--data", "synthetic", "--rows", "3000", "--model", "deepfm", "--embedding-dim", "4",
        "--epochs", "1", "--early-stopping", "0", "--save", model.toString());
    assertEquals(0, t.status(), t.err());
    Path out = dir.resolve("scores.csv");
    CliRun s = CliRun.of("score", "--model", model.toString(), "--data", "synthetic", "--rows", "3000", "--estimators",
        "loss,el2n,margin,grand", "--out", out.toString());
    assertEquals(0, s.status(), s.err());
    List<String> lines = Files.readAllLines(out);
    Samples samples = synthetic();
    assertEquals(samples.size() + 1, lines.size());
    List<String> header = WeightsFile.fields(lines.get(0), null, 1);
    assertEquals(List.of("row_id", "user_id", "item_id", "query_id", "label", "prediction", "loss", "el2n", "margin",
        "grand"), header);
    double[] p = column(lines, "prediction");
    double[] y = column(lines, "label");
    double[] loss = column(lines, "loss");
    double[] el2n = column(lines, "el2n");
    double[] margin = column(lines, "margin");
    double[] grand = column(lines, "grand");
    try (TrainedModel m = TrainedModel.load(model)) {
      assertArrayEquals(m.predict(samples), p, 0.0);
      double[] g = m.gradientNorms(m.encoder().encode(samples));
      assertArrayEquals(g, grand, 1e-12);
    }
    float[] labels = samples.labels();
    for (int i = 0; i < p.length; i++) {
      assertEquals(labels[i], y[i], 0.0);
      // independent closed forms from the prediction column
      double bce = -(y[i] * Math.log(p[i]) + (1 - y[i]) * Math.log(1 - p[i]));
      assertEquals(bce, loss[i], 1e-9 * Math.max(1, bce));
      assertEquals(Math.abs(p[i] - y[i]), el2n[i], 1e-12);
      double z = Math.log(p[i] / (1 - p[i]));
      assertEquals((2 * y[i] - 1) * z, margin[i], 1e-6);
      assertTrue(grand[i] > 0);
    }
    // the model's vocabularies come from its 80% training split, so some of the 3000 rows hold unseen values
    assertTrue(s.out().contains("unseen categories mapped to the OOV bucket"), s.out());
  }

  @Test
  void trainWithWeightsFromAFileEqualsInProcessWeighting() throws IOException {
    Samples samples = synthetic();
    double[] w = new double[samples.size()];
    Random r = new Random(3);
    long[] ids = samples.rowIds();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextInt(4) * 0.5; // zeros included
      lines.add(ids[i] + ",\"k," + i + "\"," + w[i] + ",9");
    }
    Collections.shuffle(lines, new Random(5)); // matched by row_id, not by order
    lines.add(0, "row_id,key,w,other");
    Path file = dir.resolve("w.csv");
    Files.write(file, lines);
    Path model = dir.resolve("weighted");
    CliRun t = CliRun.of("train", "--data", "synthetic", "--rows", "3000", "--model", "lr", "--epochs", "2",
        "--early-stopping", "0", "--lr", "0.01", "--weights", file + ":w", "--save", model.toString());
    assertEquals(0, t.status(), t.err());
    TrainResult direct = samples.withWeights(w).train(CtrTask.ctr().model(Models.logisticRegression()
        .embeddingDim(16)).epochs(2).batchSize(4096).learningRate(0.01).seed(7).earlyStopping(0).testFraction(0.2));
    TrainResult unweighted = samples.train(CtrTask.ctr().model(Models.logisticRegression()
        .embeddingDim(16)).epochs(2).batchSize(4096).learningRate(0.01).seed(7).earlyStopping(0).testFraction(0.2));
    try (TrainedModel m = TrainedModel.load(model)) {
      double[] a = m.predict(samples);
      assertArrayEquals(direct.model().predict(samples), a, 1e-6);
      double[] b = unweighted.model().predict(samples);
      double diff = 0;
      for (int i = 0; i < a.length; i++) {
        diff = Math.max(diff, Math.abs(a[i] - b[i]));
      }
      assertTrue(diff > 1e-4, "the weights changed the model by only " + diff);
    }
  }

  /** score --weights, then train --weights FILE:weight_el2n, trains the model in-process reweighting does. */
  @Test
  void scoreThenTrainWithItsWeightsEqualsInProcessReweighting() throws IOException {
    Path model = dir.resolve("scorer");
    CliRun t = CliRun.of("train", "--data", "synthetic", "--rows", "3000", "--model", "deepfm", "--embedding-dim", "4",
        "--epochs", "1", "--early-stopping", "0", "--save", model.toString());
    assertEquals(0, t.status(), t.err());
    Path scores = dir.resolve("scores-weights.csv");
    CliRun s = CliRun.of("score", "--model", model.toString(), "--data", "synthetic", "--rows", "3000", "--estimators",
        "el2n,margin", "--weights", "--out", scores.toString());
    assertEquals(0, s.status(), s.err());
    Path reweighted = dir.resolve("reweighted");
    CliRun r = CliRun.of("train", "--data", "synthetic", "--rows", "3000", "--model", "lr", "--epochs", "2",
        "--early-stopping", "0", "--lr", "0.01", "--weights", scores + ":weight_el2n", "--save", reweighted.toString());
    assertEquals(0, r.status(), r.err());

    Samples samples = synthetic();
    Importance el2n;
    Importance margin;
    try (TrainedModel m = TrainedModel.load(model)) {
      Map<String, double[]> sc = CheckpointScores.compute(m, m.encoder().encode(samples), List.of("el2n", "margin"));
      el2n = Importance.of("el2n", samples, sc.get("el2n")).withMeaning(Importance.Meaning.HARDNESS);
      margin = Importance.of("margin", samples, sc.get("margin")).withMeaning(Importance.Meaning.VALUE);
    }
    List<String> lines = Files.readAllLines(scores);
    assertArrayEquals(samples.reweight(el2n).weights(), toFloats(column(lines, "weight_el2n")), 1e-6f);
    assertArrayEquals(samples.reweight(margin).weights(), toFloats(column(lines, "weight_margin")), 1e-6f);
    TrainResult direct = samples.reweight(el2n).train(CtrTask.ctr().model(Models.logisticRegression()
        .embeddingDim(16)).epochs(2).batchSize(4096).learningRate(0.01).seed(7).earlyStopping(0).testFraction(0.2));
    try (TrainedModel m = TrainedModel.load(reweighted)) {
      assertArrayEquals(direct.model().predict(samples), m.predict(samples), 1e-6);
    }
  }

  private static float[] toFloats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  @Test
  void weightFileErrorsNameFileAndLine() throws IOException {
    Samples samples = synthetic();
    long[] ids = samples.rowIds();
    List<String> lines = new ArrayList<>(List.of("row_id,weight"));
    for (long id : ids) {
      lines.add(id + ",1.0");
    }
    Path shortFile = dir.resolve("short.csv");
    Files.write(shortFile, lines.subList(0, lines.size() - 1));
    assertWeightsRefused(shortFile, "short.csv", "2999 weight rows for 3000 samples");

    List<String> bad = new ArrayList<>(lines);
    bad.set(5, ids[4] + ",abc");
    Path badFile = dir.resolve("bad.csv");
    Files.write(badFile, bad);
    assertWeightsRefused(badFile, "bad.csv:6", "abc");

    List<String> dup = new ArrayList<>(lines);
    dup.set(5, ids[3] + ",1.0");
    Path dupFile = dir.resolve("dup.csv");
    Files.write(dupFile, dup);
    assertWeightsRefused(dupFile, "dup.csv:6", "second time");
  }

  /** {@code train --weights FILE} on 3,000 synthetic rows: exit status 2, an error naming each of {@code expected}. */
  private static void assertWeightsRefused(Path file, String... expected) {
    CliRun r = CliRun.of("train", "--data", "synthetic", "--rows", "3000", "--model", "lr", "--epochs", "1",
        "--weights", file.toString());
    assertEquals(2, r.status());
    for (String e : expected) {
      assertTrue(r.err().contains(e), r.err());
    }
  }

  @Test
  void unseenCategoriesAreCountedAndASeparateTestFileIsUsed() throws IOException {
    StringBuilder train = new StringBuilder("click,brand,price\n");
    StringBuilder test = new StringBuilder("click,brand,price\n");
    Random r = new Random(1);
    String[] brands = {"a", "b", "c"};
    for (int i = 0; i < 300; i++) {
      train.append(r.nextInt(2)).append(',').append(brands[i % 3]).append(',').append(r.nextDouble()).append('\n');
    }
    for (int i = 0; i < 50; i++) {
      String brand = i < 3 ? "zzz" : i < 5 ? "yyy" : brands[i % 3];
      test.append(i % 2).append(',').append(brand).append(',').append(r.nextDouble()).append('\n');
    }
    Path trainFile = dir.resolve("train.csv");
    Path testFile = dir.resolve("test.csv");
    Files.writeString(trainFile, train);
    Files.writeString(testFile, test);
    Path model = dir.resolve("csvmodel");
    CliRun t = CliRun.of("train", "--data", "csv:" + trainFile, "--test", "csv:" + testFile, "--model", "lr", "--epochs",
        "1", "--early-stopping", "0", "--save", model.toString());
    assertEquals(0, t.status(), t.err());
    assertTrue(t.out().contains("240 train / 50 test rows") || t.out().contains("300 train / 50 test rows"), t.out());
    Path out = dir.resolve("s.csv");
    CliRun s = CliRun.of("score", "--model", model.toString(), "--data", "csv:" + testFile, "--estimators", "loss",
        "--out", out.toString());
    assertEquals(0, s.status(), s.err());
    assertTrue(s.out().contains("5 values in 50 rows (brand 5)"), s.out());
    assertEquals(51, Files.readAllLines(out).size());
  }

  @Test
  void bstTrainsOnTheDefaultData() {
    CliRun t = CliRun.of("train", "--model", "bst", "--rows", "2000", "--epochs", "1", "--embedding-dim", "8");
    assertEquals(0, t.status(), t.err());
    assertTrue(t.out().contains("synthetic-sequences") && t.out().contains("auc"), t.out());
  }

  @Test
  void badModelDirectoryIsAClearError() {
    CliRun s = CliRun.of("score", "--model", dir.resolve("none").toString(), "--out", dir.resolve("x.csv").toString());
    assertEquals(2, s.status());
    assertTrue(s.err().contains("no saved model directory"), s.err());
  }

  @Test
  void badScoreNameOrDataFileIsAClearError() throws IOException {
    Path model = dir.resolve("m");
    CliRun.ok("train", "--data", "synthetic", "--rows", "1000", "--model", "lr", "--epochs", "1", "--save",
        model.toString());
    CliRun.failsWith("unknown score 'magic'; expected some of [loss, el2n, margin, grand, grand-last-layer]", "score",
        "--model", model.toString(), "--estimators", "magic", "--out", dir.resolve("s.csv").toString());
    Path csv = dir.resolve("clicks.csv");
    Files.writeString(csv, "click,brand,price\n1,a,0.5\n0,b\n");
    CliRun.failsWith("clicks.csv:3:3 (price): expected 3 fields as in the header (line 1), got 2", "score",
        "--model", model.toString(), "--data", "csv:" + csv, "--out", dir.resolve("s.csv").toString());
  }
}
