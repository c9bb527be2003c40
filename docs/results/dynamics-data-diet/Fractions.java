import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.noise.Corruption;
import siebench.data.synthetic.Synthetic;
import siebench.data.synthetic.SyntheticData;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.metrics.Metrics;
import siebench.model.Models;
import siebench.train.CtrTask;

import static siebench.importance.catalog.Estimators.*;

/** GraNd / EL2N a quarter into the first epoch, over 10 seeds (3 data seeds, fake-click AUROC). */
public class Fractions {
  public static void main(String[] a) {
    ImportanceEstimator[] ests = {gradientNorm().epochs(1).firstEpochCheckpoints(0.25).seeds(10),
        el2n().epochs(1).firstEpochCheckpoints(0.25).seeds(10)};
    String[] names = {"grand @1/4 epoch x10", "el2n @1/4 epoch x10"};
    for (long seed = 1; seed <= 3; seed++) {
      Samples train = Synthetic.ecommerce().rows(20_000).seed(seed).fakeClicks(0.1).progress(Progress.silent())
          .generate().samples();
      float[] truth = new float[train.size()];
      var col = train.table().numberColumn(Corruption.TRUTH_CORRUPTED);
      for (int i = 0; i < truth.length; i++) {
        truth[i] = (float) col.getDouble(i);
      }
      CtrTask task = CtrTask.ctr().model(Models.deepFm()).epochs(2).batchSize(2048).learningRate(0.002)
          .progress(Progress.silent());
      EstimationContext ctx = EstimationContext.defaults().task(task).seed(seed).progress(Progress.silent());
      for (int e = 0; e < ests.length; e++) {
        Importance imp = ests[e].estimate(train, ctx);
        System.out.printf("seed %d  %-22s AUROC %.4f  trainings %d  evals %d%n", seed, names[e],
            Metrics.auc(truth, imp.scores()), imp.cost().trainings(), imp.cost().gradientEvaluations());
      }
    }
  }
}
