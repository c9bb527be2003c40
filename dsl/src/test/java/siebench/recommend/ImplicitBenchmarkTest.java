package siebench.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.implicit.ImplicitSamples;
import siebench.data.implicit.Interactions;
import siebench.data.implicit.PlantedCommunities;
import siebench.data.implicit.NegativeSampler;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/** Full-ranking scoring of GMF / NeuMF, and the benchmark on a planted two-community log. */
class ImplicitBenchmarkTest {
  @ParameterizedTest
  @ValueSource(strings = {"gmf", "neumf", "two-tower"})
  void factoredCorpusScoresEqualTheForwardPass(String name) {
    Interactions log = PlantedCommunities.communities(1);
    Samples s = ImplicitSamples.defaults().build(log);
    FeatureEncoder enc = FeatureEncoder.fit(s);
    EncodedData data = enc.encode(s);
    CtrTask task = CtrTask.ctr().model(Models.named(name).embeddingDim(4)).epochs(2).batchSize(64)
        .learningRate(0.01).seed(5).earlyStopping(0).progress(Progress.silent());
    try (TrainedModel m = TrainingLoop.train(task, enc, data, null, null).model()) {
      ModelScorer scorer = new ModelScorer(m, log.userIds(), log.itemIds());
      int[] users = {0, 7, 33, 59};
      assertArrayEquals(scorer.forwardScores(users), scorer.scores(users), 1e-4f);
    }
  }

  @Test
  void gmfFindsTheCommunitiesThatPopularityCannot() {
    ImplicitBenchmark.Config c = new ImplicitBenchmark.Config("loo", List.of(Models.gmf().embeddingDim(8)),
        List.of("normal", "tce"), 2, 30, 64, 0.01, 2, NegativeSampler.uniform(), new int[] {5}, 0, 0.1, 0, 0.25,
        true, null);
    ImplicitBenchmark.Result r = ImplicitBenchmark.run(PlantedCommunities.communities(2), c, Progress.silent());
    double gmf = r.row("gmf", "normal", "recall@5").interval().mean();
    double pop = r.row("popularity", "-", "recall@5").interval().mean();
    double random = r.row("random", "-", "recall@5").interval().mean();
    // within its community a user has 12 unseen items of which one is held out: 5/12 at best by community alone
    assertTrue(gmf > 0.3, "GMF recall@5 " + gmf);
    assertTrue(gmf > pop + 0.1, "GMF " + gmf + " vs popularity " + pop);
    assertTrue(random < 0.3, "random recall@5 " + random);
    assertEquals(2, r.row("gmf", "tce", "ndcg@5").perSeed().length);
    assertTrue(r.format().contains("paired difference to normal training"));
    tech.tablesaw.api.Table t = r.table();
    assertEquals(4, t.rowCount()); // popularity, random, gmf normal, gmf tce
    int row = -1;
    for (int i = 0; i < t.rowCount(); i++) {
      if (t.stringColumn("model").get(i).equals("gmf") && t.stringColumn("training").get(i).equals("normal")) {
        row = i;
      }
    }
    assertEquals(gmf, t.doubleColumn("recall@5").getDouble(row), 1e-12);
    assertEquals(r.row("gmf", "normal", "recall@5").interval().halfWidth(),
        t.doubleColumn("recall@5_ci95").getDouble(row), 1e-12);
  }
}
