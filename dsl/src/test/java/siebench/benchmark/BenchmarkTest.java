package siebench.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.ToyData;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.Progress;

/** The harness itself, with test doubles whose detection quality is known in advance. */
class BenchmarkTest {
  /** Knows which labels the benchmark flipped: it compares against the clean labels (perfect detector). */
  static final class Oracle implements ImportanceEstimator {
    private final Samples clean;
    private final boolean inverted;

    Oracle(Samples clean, boolean inverted) {
      this.clean = clean;
      this.inverted = inverted;
    }

    @Override
    public String name() {
      return inverted ? "anti-oracle" : "oracle";
    }

    @Override
    public Importance estimate(Samples train, EstimationContext context) {
      Map<Long, Float> truth = new java.util.HashMap<>();
      long[] ids = clean.rowIds();
      float[] y = clean.labels();
      for (int i = 0; i < ids.length; i++) {
        truth.put(ids[i], y[i]);
      }
      long[] tid = train.rowIds();
      float[] ty = train.labels();
      double[] s = new double[tid.length];
      for (int i = 0; i < s.length; i++) {
        boolean flipped = truth.get(tid[i]) != ty[i];
        s[i] = (flipped ^ inverted) ? 1 : 0;
      }
      return new Importance(name(), Map.of(), tid, s, new Importance.Cost(1, 0, 0, 0))
          .withMeaning(Importance.Meaning.HARDNESS);
    }
  }

  private static BenchmarkResult run(Samples data, long seed) {
    return Benchmark.on(data)
        .estimators(new Oracle(data, false), new Oracle(data, true))
        .protocols(Protocols.noisyLabelDetection(0.1), Protocols.pruning(0.5, 1.0), Protocols.removal(0.0, 0.2),
            Protocols.reweightedTraining(), Protocols.cost(), Protocols.stability())
        .task(CtrTask.ctr().model(Models.logisticRegression()).epochs(2).batchSize(512).learningRate(0.01))
        .repeats(2).seed(seed).progress(Progress.silent()).run();
  }

  @Test
  void ranksKnownDetectorsAndWritesAReport(@TempDir Path dir) throws Exception {
    Samples data = ToyData.interaction(3000, 5);
    BenchmarkResult r = run(data, 3);
    assertEquals(1.0, r.mean("oracle", "detection", "auroc"), 1e-12);
    assertEquals(0.0, r.mean("anti-oracle", "detection", "auroc"), 1e-12);
    assertEquals(1.0, r.mean("oracle", "detection", "f1@k"), 1e-12);
    assertEquals(1, r.rank("detection", "oracle"));
    assertEquals(2, r.rank("detection", "anti-oracle"));
    // removing the oracle's top rows removes exactly the noise: AUC must not fall below removing clean rows
    assertTrue(r.mean("oracle", "removal", "area_between") <= 0.0 + 1e-9
        || r.mean("anti-oracle", "removal", "area_between") >= -1e-9);
    // the oracle follows the injected noise, which differs per seed: its scores are unstable across seeds
    assertTrue(Math.abs(r.mean("oracle", "stability", "seed_spearman")) < 0.2);
    Path report = r.save(dir);
    String html = Files.readString(report);
    assertTrue(html.contains("<table") && html.contains("data:image/png;base64,"), "report has tables and plots");
    for (String f : new String[] {"results.csv", "summary.csv", "ranks.csv", "results.json", "pruning.png",
        "removal.png", "detection_pr.png", "cost_quality.png"}) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
  }

  @Test
  void seedIndependentScoresAreFullyStable() {
    Samples data = ToyData.interaction(1000, 8);
    ImportanceEstimator byId = new ImportanceEstimator() {
      @Override
      public String name() {
        return "row-id";
      }

      @Override
      public Importance estimate(Samples train, EstimationContext context) {
        long[] ids = train.rowIds();
        double[] s = new double[ids.length];
        for (int i = 0; i < s.length; i++) {
          s[i] = (ids[i] * 7919) % 1000;
        }
        return new Importance(name(), Map.of(), ids, s, Importance.Cost.NONE);
      }
    };
    BenchmarkResult r = Benchmark.on(data).estimators(byId).protocols(Protocols.stability())
        .task(CtrTask.ctr().model(Models.logisticRegression()).epochs(1)).repeats(3).progress(Progress.silent())
        .run();
    assertEquals(1.0, r.mean("row-id", "stability", "seed_spearman"), 1e-12);
  }

  @Test
  void sameSeedGivesTheSameTable() {
    Samples data = ToyData.interaction(1500, 6);
    Benchmark b = Benchmark.on(data).estimators(new Oracle(data, false))
        .protocols(Protocols.noisyLabelDetection(0.1), Protocols.pruning(0.5, 1.0))
        .task(CtrTask.ctr().model(Models.fm().embeddingDim(4)).epochs(1).batchSize(256)).repeats(1).seed(9)
        .progress(Progress.silent());
    String a = b.run().table().print(1000);
    String c = b.run().table().print(1000);
    assertEquals(a, c);
  }
}
