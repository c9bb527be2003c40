package siebench.importance.correction;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.importance.catalog.Estimators;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.TrainResult;

/**
 * Unbiased training against the true relevance: click logs from a ranker that promotes an irrelevant
 * "popularity" feature x2 make a click model trained on the raw clicks learn that x2 predicts clicks; the
 * unbiased pointwise objective on the rows' propensities (true, or estimated by regression-EM) removes most of
 * that, which shows as a higher NDCG@10 against the true relevance on every document of held-out queries.
 */
class IpsTrainingTest {
  static CtrTask task() {
    return CtrTask.ctr().model(Models.logisticRegression()).epochs(4).batchSize(512).learningRate(0.02).seed(11)
        .testFraction(0).earlyStopping(0).validationFraction(0).progress(Progress.silent());
  }

  static double ndcg(Samples train, CtrTask task, ClickLogSimulator test, Samples testDocs) {
    TrainResult r = train.train(task);
    double[] scores = r.model().predict(testDocs);
    r.model().close();
    return test.meanNdcg(scores, 10);
  }

  @Test
  void ipsWeightedTrainingImprovesNdcg() {
    ClickLogSimulator sim = new ClickLogSimulator(400, 20, 21);
    Samples logs = sim.logs(10, 10, 1.0, 1.0, false, 22).features("x1", "x2");
    ClickLogSimulator held = new ClickLogSimulator(500, 20, 23);
    Samples testDocs = held.allDocuments(24);
    EstimationContext ctx = EstimationContext.defaults().progress(Progress.silent());

    double plain = ndcg(logs, task(), held, testDocs);
    PositionBiasIps truth = Estimators.ips().propensities(Propensities.powerLaw(1.0, 10));
    double ipsTrue = ndcg(truth.withPropensities(logs, Progress.silent()), task().objective(truth.objective()), held,
        testDocs);
    PositionBiasIps em = Estimators.ips(); // regression-EM, position 1 examined with probability 1
    double ipsEm = ndcg(em.withPropensities(logs, Progress.silent()), task().objective(em.objective()), held,
        testDocs);
    // the old weighting, clicks 1/theta and non-clicks 1 as sample weights, for comparison
    Importance oldWeights = truth.estimate(logs, ctx);
    double old = ndcg(logs.withWeights(oldWeights.alignTo(logs)), task(), held, testDocs);
    double oracle = held.meanNdcg(testDocs.doubles("x1"), 10); // ranking by the true relevance driver
    System.out.printf("NDCG@10 vs true relevance on %d held-out queries: clicks %.4f, click weights 1/theta %.4f, "
        + "unbiased objective with true propensities %.4f, with regression-EM propensities %.4f, oracle %.4f%n",
        held.queries, plain, old, ipsTrue, ipsEm, oracle);
    assertTrue(ipsTrue > plain + 0.01, "IPS " + ipsTrue + " vs clicks " + plain);
    assertTrue(ipsEm > plain + 0.01, "IPS(EM) " + ipsEm + " vs clicks " + plain);
    assertTrue(oracle >= ipsTrue - 1e-9);
  }
}
