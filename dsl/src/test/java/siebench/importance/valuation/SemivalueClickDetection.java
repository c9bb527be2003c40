package siebench.importance.valuation;

import java.util.ArrayList;
import java.util.List;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.noise.Corruption;
import siebench.data.synthetic.Synthetic;
import siebench.data.synthetic.SyntheticData;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.importance.catalog.Estimators;
import siebench.metrics.MeanInterval;
import siebench.metrics.Metrics;

/**
 * Not a test: fake-click detection AUROC of the permutation semivalues over all training rows and among the clicks
 * only. Fake clicks are clicks, so an estimator that merely ranks clicks below non-clicks scores a high overall
 * AUROC (the reversed class-balance weights reach about 0.94); the AUROC among clicks asks whether it tells fake
 * clicks from real ones. Synthetic data with 10% fake clicks, seeds 1..SEEDS, the data's clean test sample as the
 * validation set, mean and 95% t-interval over seeds. Usage (after {@code mvn -o -pl dsl test-compile}):
 *
 * <pre>
 *   java -Xmx3g -cp dsl/target/test-classes:dsl/target/classes:'dsl/target/lib/*' \
 *       siebench.importance.valuation.SemivalueClickDetection ROWS PERMUTATIONS SEEDS
 * </pre>
 */
public final class SemivalueClickDetection {
  private SemivalueClickDetection() {}

  public static void main(String[] args) {
    int rows = Integer.parseInt(args[0]);
    int perms = Integer.parseInt(args[1]);
    int seeds = Integer.parseInt(args[2]);
    ImportanceEstimator[] est = {
        Estimators.betaShapley().maxPermutations(perms).maxSeconds(1e6),
        Estimators.tmcShapley().maxPermutations(perms).maxSeconds(1e6),
        Estimators.csShapley().permutations(perms).maxSeconds(1e6),
        Estimators.random()};
    List<List<Double>> all = new ArrayList<>();
    List<List<Double>> clicks = new ArrayList<>();
    for (int e = 0; e < est.length; e++) {
      all.add(new ArrayList<>());
      clicks.add(new ArrayList<>());
    }
    for (int seed = 1; seed <= seeds; seed++) {
      SyntheticData data = Synthetic.ecommerce().rows(rows).seed(seed).fakeClicks(0.1).progress(Progress.silent())
          .generate();
      Samples train = data.samples();
      float[] y = train.labels();
      double[] corrupted = train.doubles(Corruption.TRUTH_CORRUPTED);
      EstimationContext ctx = EstimationContext.defaults().validation(data.test()).seed(seed)
          .progress(Progress.silent());
      for (int e = 0; e < est.length; e++) {
        Importance imp = est[e].estimate(train, ctx);
        double[] v = imp.alignTo(train);
        double[] suspicion = new double[v.length];
        for (int i = 0; i < v.length; i++) {
          suspicion[i] = imp.meaning() == Importance.Meaning.HARDNESS ? v[i] : -v[i];
        }
        float[] truth = new float[v.length];
        List<Integer> clickRows = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
          truth[i] = corrupted[i] > 0.5 ? 1 : 0;
          if (y[i] > 0.5f) {
            clickRows.add(i);
          }
        }
        float[] tc = new float[clickRows.size()];
        double[] sc = new double[clickRows.size()];
        for (int k = 0; k < tc.length; k++) {
          tc[k] = truth[clickRows.get(k)];
          sc[k] = suspicion[clickRows.get(k)];
        }
        all.get(e).add(Metrics.auc(truth, suspicion));
        clicks.get(e).add(Metrics.auc(tc, sc));
        System.out.printf("seed %d %-13s auroc %.3f  among clicks %.3f  (%d rows, %d clicks, %d fake)%n", seed,
            imp.estimator(), all.get(e).get(seed - 1), clicks.get(e).get(seed - 1), v.length, tc.length,
            (int) java.util.stream.IntStream.range(0, tc.length).filter(k -> tc[k] > 0).count());
      }
    }
    System.out.printf("%nmean and 95%% CI over %d seeds (rows %d, %d permutations)%n", seeds, rows, perms);
    for (int e = 0; e < est.length; e++) {
      MeanInterval a = MeanInterval.of(all.get(e));
      MeanInterval c = MeanInterval.of(clicks.get(e));
      System.out.printf("%-13s auroc %.3f +- %.3f   auroc among clicks %.3f +- %.3f%n", est[e].name(), a.mean(),
          a.halfWidth(), c.mean(), c.halfWidth());
    }
  }
}
