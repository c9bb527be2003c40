package siebench.importance.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.importance.catalog.Estimators;
import siebench.SharedData;
import siebench.data.Samples;
import siebench.data.Split;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.metrics.Ranks;
import siebench.model.Models;
import siebench.train.CtrTask;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Embeddings, DJL learners, cancellation, progress and a real-data run. */
class ValuationIntegrationTest {
  static CtrTask smallTask() {
    return CtrTask.ctr().model(Models.fm()).epochs(2).batchSize(64).learningRate(1e-2).earlyStopping(0)
        .progress(Progress.silent());
  }

  @Test
  void knnShapleyOnLearnedEmbeddings() {
    Samples s = Toys.blobs(300, 4, 12);
    Split sp = s.split(0.7, 2);
    Samples train = Toys.flip(sp.train(), 0, 1, 2);
    EstimationContext ctx = EstimationContext.defaults().task(smallTask()).validation(sp.test())
        .progress(Progress.silent());
    Importance imp = Estimators.knnShapley().k(5).onEmbeddings().estimate(train, ctx);
    assertEquals(train.size(), imp.size());
    assertEquals(1, imp.cost().trainings());
    assertEquals("embeddings", imp.parameters().get("space"));
    double[] v = imp.alignTo(train);
    double mean = Arrays.stream(v).average().orElse(0);
    double flipped = (v[0] + v[1] + v[2]) / 3;
    assertTrue(flipped < mean, "flipped mean " + flipped + " vs " + mean);
    // no validation set: two-fold cross-valuation on the same embeddings
    Importance cross = Estimators.knnShapley().k(5).onEmbeddings().estimate(train, ctx.validation(null));
    double[] c = cross.alignTo(train);
    double cmean = Arrays.stream(c).average().orElse(0);
    assertTrue((c[0] + c[1] + c[2]) / 3 < cmean, "cross-valuation: flipped rows should be below the mean");
  }

  @Test
  void knnShapleyOnAGivenTrainedModel() {
    Samples s = Toys.blobs(200, 4, 21);
    Split sp = s.split(0.7, 2);
    siebench.train.TrainResult trained = sp.train().train(smallTask().testOn(sp.test()));
    EstimationContext ctx = EstimationContext.defaults().validation(sp.test()).progress(Progress.silent());
    Importance imp = Estimators.knnShapley().k(3).onEmbeddings(trained.model()).estimate(sp.train(), ctx);
    assertEquals(0, imp.cost().trainings());
    // efficiency: the values add up to the 3-NN validation utility in the model's representation space
    FeatureEncoder enc = trained.model().encoder();
    float[][] tr = trained.model().representations(enc.encode(sp.train()));
    float[][] va = trained.model().representations(enc.encode(sp.test()));
    float[] ytr = sp.train().labels();
    float[] yva = sp.test().labels();
    double u = 0;
    for (int v = 0; v < va.length; v++) {
      float[] d = new float[tr.length];
      for (int i = 0; i < tr.length; i++) {
        float acc = 0;
        for (int c = 0; c < tr[i].length; c++) {
          float x = tr[i][c] - va[v][c];
          acc += x * x;
        }
        d[i] = acc;
      }
      Integer[] order = new Integer[d.length];
      for (int i = 0; i < d.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> d[a] != d[b] ? Float.compare(d[a], d[b]) : Integer.compare(a, b));
      for (int k = 0; k < 3; k++) {
        u += ytr[order[k]] == yva[v] ? 1.0 / 3 : 0;
      }
    }
    u /= va.length;
    assertEquals(u, Arrays.stream(imp.scores()).sum(), 1e-9);
  }

  /**
   * Warm start: with a vanishing learning rate a warm-started fit predicts what the starting model predicts,
   * while a cold fit of the same task does not; TMC-Shapley runs on the warm-started DeepFM, states its cost
   * first, and a features mismatch is refused.
   */
  @Test
  void warmStartedCtrModelAsTheValuationLearner() {
    Samples s = Toys.blobs(240, 4, 31);
    Split sp = s.split(0.7, 3);
    CtrTask task = CtrTask.ctr().model(Models.deepFm()).epochs(3).batchSize(32).learningRate(1e-2).earlyStopping(0)
        .progress(Progress.silent());
    try (siebench.train.TrainedModel trained = sp.train().train(task).model()) {
      EncodedData tr = trained.encoder().encode(sp.train());
      EncodedData va = trained.encoder().encode(sp.test());
      int[] all = new int[tr.rows()];
      Arrays.setAll(all, i -> i);
      double[] reference = trained.predict(va);
      CtrTask frozen = task.epochs(1).learningRate(1e-12);
      double[] warm = CtrTaskLearner.warmStartedFrom(trained, frozen).fitPredict(tr, all, va);
      double[] cold = new CtrTaskLearner(frozen, trained.encoder()).fitPredict(tr, all, va);
      double warmGap = 0;
      double coldGap = 0;
      for (int i = 0; i < reference.length; i++) {
        warmGap = Math.max(warmGap, Math.abs(warm[i] - reference[i]));
        coldGap = Math.max(coldGap, Math.abs(cold[i] - reference[i]));
      }
      assertTrue(warmGap < 1e-5, "warm start should reproduce the trained model, max gap " + warmGap);
      assertTrue(coldGap > 1e-2, "a cold fit is a fresh model, max gap " + coldGap);

      List<String> messages = new ArrayList<>();
      Progress p = new Progress() {
        @Override
        public void update(String t, long done, long total, String message) {
          messages.add(message);
        }
      };
      CtrTaskLearner learner = CtrTaskLearner.warmStartedFrom(trained, task.epochs(1));
      assertTrue(learner.name().contains("warm start, 1 epochs"), learner.name());
      Importance tmc = TmcShapley.defaults().learner(learner).maxPermutations(2).truncation(0).convergence(0)
          .estimate(sp.train(), EstimationContext.defaults().validation(sp.test()).progress(p));
      assertEquals(sp.train().size(), tmc.size());
      assertTrue(messages.get(0).startsWith("cost estimate: up to "), messages.toString());
      assertTrue(Arrays.stream(tmc.scores()).anyMatch(v -> v != 0), "some marginal contribution is non-zero");

      EncodedData mismatched = Toys.logistic(50, 3, 5); // one categorical field and 3 dense columns
      int[] rows = {0, 1, 2};
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> learner.fitPredict(mismatched, rows, mismatched));
      assertTrue(e.getMessage().contains("train the starting model on the samples being valued"), e.getMessage());
    }
  }

  @Test
  void djlLearnerThroughCtrTask() {
    Samples s = Toys.blobs(200, 3, 13);
    EstimationContext ctx = EstimationContext.defaults().task(CtrTask.ctr().model(Models.logisticRegression())
        .epochs(20).batchSize(32).learningRate(5e-2).earlyStopping(0).progress(Progress.silent()))
        .progress(Progress.silent());
    Importance djl = CrossValidatedResidual.defaults().folds(2).signed().model(Models.logisticRegression())
        .estimate(s, ctx);
    Importance java = CrossValidatedResidual.defaults().folds(2).signed().estimate(s, ctx);
    assertEquals(2, djl.cost().trainings());
    assertEquals("ctr:lr", djl.parameters().get("learner"));
    double r = Ranks.spearman(djl.alignTo(s), java.alignTo(s));
    assertTrue(r > 0.8, "DJL and Java logistic regressions should agree on residual ranks, spearman " + r);
  }

  @Test
  void cancellationStopsEveryIterativeEstimator() {
    Samples s = Toys.blobs(60, 3, 1);
    Split sp = s.split(0.5, 1);
    Progress p = Progress.silent();
    p.cancel();
    EstimationContext ctx = EstimationContext.defaults().validation(sp.test()).progress(p);
    List<ImportanceEstimator> all = List.of(Estimators.knnShapley(), Estimators.tmcShapley(),
        Estimators.banzhaf(), Estimators.dataOob(), Estimators.confidentLearning(),
        Estimators.leaveOneOut(), Estimators.crossValidatedResidual());
    for (ImportanceEstimator e : all) {
      assertThrows(CancellationException.class, () -> e.estimate(sp.train(), ctx), e.name());
    }
  }

  @Test
  void reportsProgress() {
    Samples s = Toys.blobs(60, 3, 1);
    List<String> seen = new ArrayList<>();
    Progress p = new Progress() {
      @Override
      public void update(String task, long done, long total, String message) {
        seen.add(task);
      }
    };
    EstimationContext ctx = EstimationContext.defaults().progress(p);
    Estimators.dataOob().learners(5).estimate(s, ctx);
    Estimators.banzhaf().samples(40).estimate(s, ctx);
    Estimators.knnShapley().estimate(s, ctx);
    assertTrue(seen.contains("data-oob") && seen.contains("data-banzhaf") && seen.contains("knn-shapley"), "" + seen);
  }

  @Test
  void realCriteoSample() throws Exception {
    java.nio.file.Path f = SharedData.file("criteo_display_ads_sample/criteo_train_tiny.csv");
    Table raw = Table.read().usingOptions(CsvReadOptions.builder(f.toFile()).columnTypes(name ->
        name.startsWith("C") ? ColumnType.STRING : name.equals("Label") ? ColumnType.INTEGER : ColumnType.DOUBLE));
    String[] ints = new String[13];
    for (int i = 0; i < 13; i++) {
      ints[i] = "I" + (i + 1);
    }
    Samples all = Samples.from(raw).label("Label").ignore("Id").numeric(ints);
    Split sp = all.split(0.75, 7);
    EstimationContext ctx = EstimationContext.defaults().validation(sp.test()).progress(Progress.silent());
    Importance knn = Estimators.knnShapley().k(10).estimate(sp.train(), ctx);
    // efficiency on real data: the values add up to the full-data KNN validation utility, computed directly
    FeatureEncoder enc = FeatureEncoder.fit(sp.train());
    EncodedData tr = enc.encode(sp.train());
    EncodedData va = enc.encode(sp.test());
    PointSpace space = PointSpace.encoded(tr, va);
    float[] d = new float[tr.rows()];
    double u = 0;
    for (int v = 0; v < va.rows(); v++) {
      space.distances(v, d);
      Integer[] order = new Integer[d.length];
      for (int i = 0; i < d.length; i++) {
        order[i] = i;
      }
      final float[] dd = d.clone();
      Arrays.sort(order, (a, b) -> dd[a] != dd[b] ? Float.compare(dd[a], dd[b]) : Integer.compare(a, b));
      for (int k = 0; k < 10; k++) {
        u += tr.labels()[order[k]] == va.labels()[v] ? 0.1 : 0;
      }
    }
    u /= va.rows();
    assertEquals(u, Arrays.stream(knn.scores()).sum(), 1e-9);
    System.out.printf("criteo knn-shapley: %d x %d in %d ms, KNN accuracy %.4f%n", tr.rows(), va.rows(),
        knn.cost().wallMillis(), u);
    Importance oob = Estimators.dataOob().learners(30).score(DataOob.Score.NEG_LOG_LOSS)
        .estimate(sp.train(), ctx);
    ConfidentLearning.LabelIssues cl = Estimators.confidentLearning().fit(sp.train(), ctx);
    System.out.printf("criteo data-oob: %d ms; confident learning: %d label issues, noise rate %.3f%n",
        oob.cost().wallMillis(), cl.analysis().issueCount(), cl.analysis().noiseRate());
    assertEquals(sp.train().size(), oob.size());
    assertTrue(cl.analysis().issueCount() > 0 && cl.analysis().issueCount() < sp.train().size() / 2);
    // rows flagged by CL have lower Data-OOB values (their labels disagree with bagged models) on average
    double[] ov = oob.alignTo(sp.train());
    boolean[] issue = cl.analysis().issues();
    double in = 0;
    double out = 0;
    int nin = 0;
    for (int i = 0; i < ov.length; i++) {
      if (issue[i]) {
        in += ov[i];
        nin++;
      } else {
        out += ov[i];
      }
    }
    assertTrue(in / nin < out / (ov.length - nin), "OOB of flagged " + in / nin + " vs others " + out / (ov.length - nin));
  }
}
