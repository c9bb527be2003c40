package siebench.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static siebench.importance.catalog.Estimators.el2n;
import static siebench.importance.catalog.Estimators.gradientNorm;
import static siebench.importance.catalog.Estimators.ips;
import static siebench.importance.catalog.Estimators.random;

import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.synthetic.Synthetic;
import siebench.model.Models;
import siebench.train.CtrTask;

/** The benchmark with real estimators on the synthetic generator's data and ground truth. */
class BenchmarkIntegrationTest {
  @Test
  void randomDoesNotRankAboveGrandAndEl2nOnNoisyLabelDetection() {
    Samples data = Synthetic.ecommerce().rows(20_000).seed(21).fakeClicks(0.1).generate().samples();
    BenchmarkResult r = Benchmark.on(data)
        .estimators(gradientNorm().epochs(1), el2n().epochs(1), random())
        .protocols(Protocols.noisyLabelDetection())
        .task(CtrTask.ctr().model(Models.fm().embeddingDim(8)).epochs(2).batchSize(1024).learningRate(3e-3))
        .repeats(2).seed(3).progress(Progress.silent()).run();
    System.out.println(r.ranks().print());
    int random = r.rank("random", "detection");
    assertTrue(r.rank("grand", "detection") < random, r.ranks().print());
    assertTrue(r.rank("el2n", "detection") < random, r.ranks().print());
    assertTrue(r.mean("grand", "detection", "auroc") > r.mean("random", "detection", "auroc") + 0.03,
        r.summary().print());
  }

  /**
   * The debiasing protocol runs end to end on position-biased logs: every estimator is compared with the same
   * uniform-weight baseline, and NDCG@10 against true relevance is a valid value. (That IPS weighting improves
   * NDCG@10 is asserted where the click model is controlled exactly, in IpsTrainingTest.)
   */
  @Test
  void debiasingMeasuresNdcgAgainstTrueRelevance() {
    Samples logs = Synthetic.ecommerce().rows(30_000).seed(5).positionBias(1.5).generate().samples();
    BenchmarkResult r = Benchmark.on(logs)
        .estimators(ips(), random())
        .protocols(Protocols.debiasing())
        .task(CtrTask.ctr().model(Models.fm().embeddingDim(8)).epochs(2).batchSize(1024).learningRate(3e-3))
        .repeats(1).seed(4).progress(Progress.silent()).run();
    System.out.println(r.summary().print());
    String ips = r.summary().stringColumn("estimator").get(0);
    assertEquals(r.mean(ips, "debiasing", "ndcg@10_uniform"), r.mean("random", "debiasing", "ndcg@10_uniform"));
    for (String e : new String[] {ips, "random"}) {
      double v = r.mean(e, "debiasing", "ndcg@10");
      assertTrue(v > 0.5 && v <= 1.0, e + " " + v);
      assertEquals(v - r.mean(e, "debiasing", "ndcg@10_uniform"), r.mean(e, "debiasing", "ndcg@10_delta"), 1e-12);
    }
  }
}
