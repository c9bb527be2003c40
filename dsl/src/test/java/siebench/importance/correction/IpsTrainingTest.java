package siebench.importance.correction;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import siebench.importance.Estimators;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.Progress;
import siebench.train.TrainResult;

/**
 * IPS-weighted training against the true relevance: click logs from a ranker that promotes an irrelevant
 * "popularity" feature x2 make an unweighted click model learn that x2 predicts clicks; position-bias IPS
 * weights remove most of that, which shows as a higher NDCG@10 against the true relevance on every document
 * of held-out queries.
 */
class IpsTrainingTest {
  static CtrTask task() {
    return CtrTask.ctr().model(Models.logisticRegression()).epochs(4).batchSize(512).learningRate(0.02).seed(11)
        .testFraction(0).earlyStopping(0).validationFraction(0).progress(Progress.silent());
  }

  static double ndcg(Samples trainWeighted, ClickLogSimulator test, Samples testDocs) {
    TrainResult r = trainWeighted.train(task());
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

    double plain = ndcg(logs, held, testDocs);
    Importance trueIps = Estimators.ips().propensities(Propensities.powerLaw(1.0, 10)).estimate(logs, ctx);
    double ipsTrue = ndcg(logs.withWeights(trueIps.alignTo(logs)), held, testDocs);
    Importance emIps = Estimators.ips().regressionEm().clip(50).estimate(logs, ctx);
    double ipsEm = ndcg(logs.withWeights(emIps.alignTo(logs)), held, testDocs);
    double oracle = held.meanNdcg(testDocs.doubles("x1"), 10); // ranking by the true relevance driver
    System.out.printf("NDCG@10 vs true relevance on %d held-out queries: unweighted %.4f, IPS (true propensities) "
        + "%.4f, IPS (regression-EM propensities) %.4f, oracle %.4f; %s; EM cost %s%n", held.queries, plain, ipsTrue,
        ipsEm, oracle, emIps.parameters().entrySet().stream().filter(e -> e.getKey().startsWith("propensity@"))
            .map(e -> e.getKey() + "=" + String.format("%.3f", (Double) e.getValue())).toList(), emIps.cost());
    assertTrue(ipsTrue > plain + 0.01, "IPS " + ipsTrue + " vs unweighted " + plain);
    assertTrue(ipsEm > plain + 0.01, "IPS(EM) " + ipsEm + " vs unweighted " + plain);
    assertTrue(oracle >= ipsTrue - 1e-9);
  }
}
