package siebench.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import siebench.ToyData;
import siebench.data.Samples;
import siebench.model.Models;

class TrainingSmokeTest {
  @Test
  void deepFmLearnsInteraction() {
    Samples s = ToyData.interaction(20000, 1);
    TrainResult lr = s.train(CtrTask.ctr().model(Models.logisticRegression()).epochs(3).batchSize(256)
        .learningRate(1e-2));
    TrainResult fm = s.train(CtrTask.ctr().model(Models.deepFm()).epochs(3).batchSize(256).learningRate(1e-2));
    System.out.println(lr);
    System.out.println(fm);
    assertTrue(fm.auc() > lr.auc() + 0.05, "deepfm " + fm.auc() + " vs lr " + lr.auc());
  }
}
