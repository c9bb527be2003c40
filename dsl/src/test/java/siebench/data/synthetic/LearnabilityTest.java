package siebench.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.TrainResult;

/**
 * The relevance of the synthetic data is driven by interactions (user segment x category, user x brand, query
 * category x item category, device x price), so a factorization model with embeddings must beat a logistic
 * regression on the same fields (the reason DeepFM exists: H. Guo, R. Tang, Y. Ye, Z. Li, X. He, 2017,
 * "DeepFM: A Factorization-Machine based Neural Network for CTR Prediction", IJCAI).
 */
class LearnabilityTest {
  @Test
  void deepFmBeatsLogisticRegression() {
    // a world small enough that 50k rows give every user and item enough impressions to learn embeddings
    SyntheticData d = Synthetic.ecommerce().rows(50_000).testRows(20_000).users(500).items(1_000).seed(3).generate();
    CtrTask base = CtrTask.ctr().epochs(4).batchSize(256).testOn(d.test()).seed(1).progress(Progress.silent());
    TrainResult lr = d.samples().train(base.model(Models.logisticRegression()).learningRate(1e-2));
    TrainResult deepFm = d.samples().train(base.model(Models.deepFm()).learningRate(2e-3));
    System.out.printf("50k rows: logistic regression test AUC %.4f, DeepFM test AUC %.4f%n", lr.auc(), deepFm.auc());
    assertTrue(deepFm.auc() > lr.auc() + 0.01, "DeepFM " + deepFm.auc() + " vs LR " + lr.auc());
  }
}
