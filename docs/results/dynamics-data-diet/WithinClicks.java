import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.noise.Corruption;
import siebench.data.synthetic.Synthetic;
import siebench.data.synthetic.SyntheticData;
import siebench.importance.EstimationContext;
import siebench.importance.ImportanceEstimator;
import siebench.metrics.Metrics;
import siebench.model.Models;
import siebench.train.CtrTask;

import static siebench.importance.catalog.Estimators.*;

/** Fake-click AUROC over all rows and among clicks only (where the label alone carries no signal). */
public class WithinClicks {
  public static void main(String[] a) {
    SyntheticData data = Synthetic.ecommerce().rows(20_000).seed(1).fakeClicks(0.1).progress(Progress.silent())
        .generate();
    Samples train = data.samples();
    int n = train.size();
    float[] truth = new float[n];
    var col = train.table().numberColumn(Corruption.TRUTH_CORRUPTED);
    float[] y = train.labels();
    int clicks = 0;
    for (int i = 0; i < n; i++) {
      truth[i] = (float) col.getDouble(i);
      clicks += y[i] > 0.5 ? 1 : 0;
    }
    int[] clickRows = new int[clicks];
    for (int i = 0, k = 0; i < n; i++) {
      if (y[i] > 0.5) {
        clickRows[k++] = i;
      }
    }
    CtrTask task = CtrTask.ctr().model(Models.deepFm()).epochs(2).batchSize(2048).learningRate(0.002)
        .progress(Progress.silent());
    EstimationContext ctx = EstimationContext.defaults().task(task).seed(1).progress(Progress.silent());
    double[] label = new double[n];
    for (int i = 0; i < n; i++) {
      label[i] = y[i];
    }
    report("label only (y)", label, truth, clickRows);
    String[] names = {"grand", "grand-datadiet", "el2n", "el2n-datadiet", "forgetting", "forgetting-per-step"};
    for (String nm : names) {
      report(nm, named(nm).estimate(train, ctx).scores(), truth, clickRows);
    }
    report("el2n@init x10", el2n().checkpoints(0).seeds(10).estimate(train, ctx).scores(), truth, clickRows);
  }

  static void report(String name, double[] s, float[] truth, int[] clickRows) {
    double[] sc = new double[clickRows.length];
    float[] tc = new float[clickRows.length];
    for (int k = 0; k < clickRows.length; k++) {
      sc[k] = s[clickRows[k]];
      tc[k] = truth[clickRows[k]];
    }
    System.out.printf("%-22s AUROC all rows %.4f   among clicks %.4f%n", name, Metrics.auc(truth, s),
        Metrics.auc(tc, sc));
  }
}
