package siebench.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.ToyData;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.model.Models;
import siebench.train.CtrTask;

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
      return inverted ? "inverted" : "perfect";
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
        .protocols(Protocols.noisyLabelDetection(), Protocols.cleaning(0.1, 0.2), Protocols.pruning(0.5, 1.0),
            Protocols.removal(0.0, 0.2), Protocols.reweightedTraining(), Protocols.cost(), Protocols.stability())
        .task(CtrTask.ctr().model(Models.logisticRegression()).epochs(2).batchSize(512).learningRate(0.01))
        .repeats(2).seed(seed).progress(Progress.silent()).run();
  }

  @Test
  void ranksKnownDetectorsAndWritesAReport(@TempDir Path dir) throws Exception {
    Samples data = ToyData.interaction(3000, 5);
    BenchmarkResult r = run(data, 3);
    assertEquals(1.0, r.mean("perfect", "detection", "auroc"), 1e-12);
    assertEquals(0.0, r.mean("inverted", "detection", "auroc"), 1e-12);
    assertEquals(1.0, r.mean("perfect", "detection", "f1@k"), 1e-12);
    assertEquals(1, r.rank("perfect", "detection"));
    assertEquals(2, r.rank("inverted", "detection"));
    // cleaning 10% with the perfect detector removes exactly the injected 10%: the same rows as the oracle
    // reference, so the same model and recovery exactly 1 at x = 0.1; the anti-oracle removes clean rows
    for (int seed = 3; seed < 5; seed++) {
      assertEquals(1.0, curve(r, "perfect", "cleaning", "recovery_logloss", seed, 0.1), 1e-12);
      double aucGain = scalar(r, Benchmark.ORACLE, Benchmark.REFERENCE, "auc", seed)
          - scalar(r, Benchmark.NOISY, Benchmark.REFERENCE, "auc", seed);
      double aucRecovery = curve(r, "perfect", "cleaning", "recovery_auc", seed, 0.1);
      if (aucGain >= Gains.MIN_GAP) {
        assertEquals(1.0, aucRecovery, 1e-12);
      } else {
        assertTrue(Double.isNaN(aucRecovery), "no AUC gain to recover: undefined, got " + aucRecovery);
      }
      assertEquals(0.0, curve(r, "perfect", "cleaning", "recovery_logloss", seed, 0.0), 0);
      assertEquals(curve(r, "perfect", "cleaning", "auc", seed, 0.1),
          scalar(r, Benchmark.ORACLE, Benchmark.REFERENCE, "auc", seed), 1e-12);
    }
    assertTrue(r.mean("inverted", "cleaning", "recovery") < 0.5, r.summary().print());
    assertTrue(r.mean("perfect", "cleaning", "recovery") > r.mean("inverted", "cleaning", "recovery"));
    assertEquals(1, r.rank("perfect", "cleaning"));
    // reweighting by the perfect detector down-weights the noise and beats reweighting by its inverse
    assertTrue(r.mean("perfect", "reweighting", "recovery") > r.mean("inverted", "reweighting", "recovery"),
        r.summary().print());
    // removing the oracle's most suspicious rows removes exactly the noise: AUC holds better than removing
    // its most valuable rows
    assertTrue(r.mean("perfect", "removal", "area_between") >= -1e-9, r.summary().print());
    // the noisy and oracle references are reported once per repeat
    assertEquals(2, r.table().where(r.table().stringColumn("estimator").isEqualTo(Benchmark.ORACLE)
        .and(r.table().stringColumn("protocol").isEqualTo(Benchmark.REFERENCE))
        .and(r.table().stringColumn("metric").isEqualTo("auc"))).rowCount());
    // the oracle follows the injected noise, which differs per seed: its scores are unstable across seeds
    assertTrue(Math.abs(r.mean("perfect", "stability", "seed_spearman")) < 0.2);
    assertEquals(dir, r.saveData(dir)); // plots and the HTML page: siebench.report.BenchmarkReportTest
    for (String f : new String[] {"results.csv", "summary.csv", "curves.csv", "ranks.csv", "results.json"}) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
    assertEquals(r.table().rowCount() + 1, Files.readAllLines(dir.resolve("results.csv")).size());
  }

  /** The value of one curve point (estimator, protocol, metric, seed, x) of the tidy table. */
  static double curve(BenchmarkResult r, String est, String protocol, String metric, long seed, double x) {
    tech.tablesaw.api.Table t = r.table();
    for (int i = 0; i < t.rowCount(); i++) {
      if (t.stringColumn("estimator").get(i).equals(est) && t.stringColumn("protocol").get(i).equals(protocol)
          && t.stringColumn("metric").get(i).equals(metric) && t.intColumn("seed").getInt(i) == seed
          && t.doubleColumn("x").getDouble(i) == x) {
        return t.doubleColumn("value").getDouble(i);
      }
    }
    throw new AssertionError("no " + est + "/" + protocol + "/" + metric + " at seed " + seed + ", x " + x);
  }

  static double scalar(BenchmarkResult r, String est, String protocol, String metric, long seed) {
    tech.tablesaw.api.Table t = r.table();
    for (int i = 0; i < t.rowCount(); i++) {
      if (t.stringColumn("estimator").get(i).equals(est) && t.stringColumn("protocol").get(i).equals(protocol)
          && t.stringColumn("metric").get(i).equals(metric) && t.intColumn("seed").getInt(i) == seed
          && Double.isNaN(t.doubleColumn("x").getDouble(i))) {
        return t.doubleColumn("value").getDouble(i);
      }
    }
    throw new AssertionError("no " + est + "/" + protocol + "/" + metric + " at seed " + seed);
  }

  @Test
  void referenceNamesAreReserved() {
    ImportanceEstimator named = new ImportanceEstimator() {
      @Override
      public String name() {
        return Benchmark.ORACLE;
      }

      @Override
      public Importance estimate(Samples train, EstimationContext context) {
        throw new AssertionError();
      }
    };
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Benchmark.on(ToyData.interaction(10, 1)).estimators(named));
    assertTrue(e.getMessage().contains("reserved"), e.getMessage());
  }

  @Test
  void curvesAggregateEveryPointOverRepeats() {
    ResultRows rows = new ResultRows();
    rows.add("a", "cleaning", "recovery_logloss", 1, 0.1, 0.2);
    rows.add("a", "cleaning", "recovery_logloss", 2, 0.1, 0.4);
    rows.add("a", "cleaning", "recovery", 1, 0.3);
    BenchmarkResult r = new BenchmarkResult(rows.table(), java.util.List.of(Protocols.cleaning()), Map.of(),
        java.util.List.of());
    tech.tablesaw.api.Table c = r.curves();
    assertEquals(1, c.rowCount());
    assertEquals(0.1, c.doubleColumn("x").get(0), 0);
    assertEquals(2, c.intColumn("n").getInt(0));
    assertEquals(0.3, c.doubleColumn("mean").get(0), 1e-12);
    assertEquals(12.706 * Math.sqrt(0.02) / Math.sqrt(2), c.doubleColumn("ci95").get(0), 1e-9);
    assertEquals(1, r.summary().rowCount(), "the summary keeps the scalars only");
    assertEquals(0.3, r.mean("a", "cleaning", "recovery"), 0);
  }

  @Test
  void recoveryIsTheShareOfTheOraclesGainAndUndefinedWithoutOne() {
    assertEquals(0.5, Gains.recovery(0.72, 0.70, 0.74, true), 1e-12);
    assertEquals(0.5, Gains.recovery(0.33, 0.34, 0.32, false), 1e-12, "LogLoss: lower is better");
    assertEquals(-2.0, Gains.recovery(0.38, 0.34, 0.32, false), 1e-12, "worse than doing nothing");
    assertTrue(Double.isNaN(Gains.recovery(0.70, 0.70, 0.6995, true)), "gap below MIN_GAP");
    assertTrue(Double.isNaN(Gains.recovery(0.70, 0.70, 0.65, true)), "the oracle is worse: no gain to recover");
    assertTrue(Double.isNaN(Gains.recovery(0.30, 0.32, 0.34, false)), "the oracle's LogLoss is higher");
  }

  @Test
  void anUndefinedMeanRanksLast() {
    ResultRows rows = new ResultRows();
    rows.add("a", "cleaning", "recovery", 1, Double.NaN);
    rows.add("b", "cleaning", "recovery", 1, -3);
    rows.add("c", "cleaning", "recovery", 1, 0.5);
    BenchmarkResult r = new BenchmarkResult(rows.table(), java.util.List.of(Protocols.cleaning()), Map.of(),
        java.util.List.of());
    assertEquals(1, r.rank("c", "cleaning"));
    assertEquals(2, r.rank("b", "cleaning"));
    assertEquals(3, r.rank("a", "cleaning"));
  }

  @Test
  void harmfulActionsAreFlaggedInTheSummary() {
    assertTrue(BenchmarkResult.flag("reweighting", "auc_delta", -0.05, 0.01).startsWith("HARMFUL"));
    assertEquals("", BenchmarkResult.flag("reweighting", "auc_delta", -0.005, 0.01), "inside its CI");
    assertTrue(BenchmarkResult.flag("cleaning", "logloss_delta", 0.02, 0.01).startsWith("HARMFUL"));
    assertEquals("", BenchmarkResult.flag("cleaning", "logloss_delta", -0.02, 0.01), "LogLoss fell: a gain");
    assertTrue(BenchmarkResult.flag("reweighting", "auc_delta", -0.001, Double.NaN).contains("one repeat"));
    assertEquals("", BenchmarkResult.flag("detection", "auc_delta", -1, 0), "not an action");
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
        .protocols(Protocols.noisyLabelDetection(), Protocols.pruning(0.5, 1.0))
        .task(CtrTask.ctr().model(Models.fm().embeddingDim(4)).epochs(1).batchSize(256)).repeats(1).seed(9)
        .progress(Progress.silent());
    String a = b.run().table().print(1000);
    String c = b.run().table().print(1000);
    assertEquals(a, c);
  }
}
