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

/** Detection AUROC of fake clicks for GraNd / EL2N / forgetting variants (the bench's default task). */
public class Variants {
  public static void main(String[] a) {
    long[] seeds = {1, 2, 3};
    ImportanceEstimator[] ests = {
        el2n().checkpoints(0).seeds(10),                        // EL2N at init, 10 seeds
        gradientNorm().checkpoints(0),                          // GraNd at init, 1 seed
        forgetting().epochs(10),                                // per epoch, 10 epochs
        forgetting().epochs(10).perStep(),                      // per step, 10 epochs
        forgetting().baseRateThreshold(),                       // per epoch, 2 epochs, base-rate threshold
        forgetting().baseRateThreshold().perStep(),
        forgetting().baseRateThreshold().epochs(10),
        forgetting().baseRateThreshold().epochs(10).perStep(),
    };
    String[] names = {"el2n@init x10", "grand@init x1", "forgetting e10 per-epoch", "forgetting e10 per-step",
        "forgetting base-rate e2 per-epoch", "forgetting base-rate e2 per-step",
        "forgetting base-rate e10 per-epoch", "forgetting base-rate e10 per-step"};
    double[][] auc = new double[ests.length][seeds.length];
    long[][] ms = new long[ests.length][seeds.length];
    for (int s = 0; s < seeds.length; s++) {
      SyntheticData data = Synthetic.ecommerce().rows(20_000).seed(seeds[s]).fakeClicks(0.1)
          .progress(Progress.silent()).generate();
      Samples train = data.samples();
      float[] truth = new float[train.size()];
      var col = train.table().numberColumn(Corruption.TRUTH_CORRUPTED);
      for (int i = 0; i < truth.length; i++) {
        truth[i] = (float) col.getDouble(i);
      }
      CtrTask task = CtrTask.ctr().model(Models.deepFm()).epochs(2).batchSize(2048).learningRate(0.002)
          .progress(Progress.silent());
      EstimationContext ctx = EstimationContext.defaults().task(task).seed(seeds[s]).progress(Progress.silent());
      for (int e = 0; e < ests.length; e++) {
        Importance imp = ests[e].estimate(train, ctx);
        auc[e][s] = Metrics.auc(truth, imp.scores());
        ms[e][s] = imp.cost().wallMillis();
        System.out.printf("seed %d  %-38s AUROC %.4f  %d ms  trainings %d  evals %d%n", seeds[s], names[e],
            auc[e][s], ms[e][s], imp.cost().trainings(), imp.cost().gradientEvaluations());
      }
    }
    for (int e = 0; e < ests.length; e++) {
      double m = java.util.Arrays.stream(auc[e]).average().orElseThrow();
      double sd = Math.sqrt(java.util.Arrays.stream(auc[e]).map(v -> (v - m) * (v - m)).sum() / (seeds.length - 1));
      System.out.printf("%-38s mean AUROC %.4f  sd %.4f  mean %d ms%n", names[e], m, sd,
          (long) java.util.Arrays.stream(ms[e]).average().orElseThrow());
    }
  }
}
