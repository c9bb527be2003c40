package siebench.data.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import siebench.SharedData;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.TrainResult;

/**
 * The loaded Criteo, Avazu and MovieLens samples train end to end through the existing trainer (DeepFM, 2 epochs,
 * batch 512; the trainer holds out 20% for the test metrics) and give a finite held-out AUC strictly inside (0, 1). No high AUC is asserted on such tiny data:
 * the point is that the schemas the loaders produce are accepted by the encoder, the model and the metrics.
 */
class LoadersTrainingTest {
  private static final CtrTask TASK =
      CtrTask.ctr().model(Models.deepFm()).epochs(2).batchSize(512).progress(Progress.silent());

  private static void trainsWithFiniteAuc(Samples samples) {
    TrainResult r = samples.train(TASK);
    double auc = r.auc();
    System.out.printf("%s: held-out AUC %.4f on %d test rows, logloss %.4f, %.1f s%n", samples.describe(), auc,
        r.testSamples().size(), r.logLoss(), r.seconds());
    assertTrue(Double.isFinite(auc) && auc > 0 && auc < 1, "AUC " + auc);
    assertTrue(Double.isFinite(r.logLoss()), "logloss " + r.logLoss());
  }

  @Test
  void criteo() {
    trainsWithFiniteAuc(Loaders.criteo(SharedData.file("criteo_display_ads_sample/criteo_train_tiny.csv")));
  }

  @Test
  void avazu() {
    trainsWithFiniteAuc(Loaders.avazu(SharedData.file("avazu_ctr_sample/avazu_sample.csv")));
  }

  /**
   * All 100,836 ratings are loaded; a seeded tenth of them (about 10k rows, every schema role intact) is trained
   * on, to keep this class within the suite's time budget on a shared 2-core machine.
   */
  @Test
  void movieLens() {
    Samples all = Loaders.movieLens(SharedData.file("movielens_latest_small"), 4.0);
    trainsWithFiniteAuc(all.split(0.1, 11).train());
  }
}
