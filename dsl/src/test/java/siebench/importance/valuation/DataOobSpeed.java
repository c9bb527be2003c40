package siebench.importance.valuation;

import java.util.Arrays;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.synthetic.Synthetic;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;

/**
 * Not a test: times Data-OOB before issue 13 (the frozen pre-merge solver {@link LegacyValuationLogistic},
 * warm-started like the old {@code LogisticLearner}) against the current one, interleaved in one JVM on the same
 * bootstrap samples (repeat r uses bootstrap seed SEED_BASE + r, default 100), and compares their scores. Usage
 * (after {@code mvn -o -pl dsl test-compile}):
 *
 * <pre>
 *   java -Xmx4g -cp dsl/target/test-classes:dsl/target/classes:'dsl/target/lib/*' \
 *       siebench.importance.valuation.DataOobSpeed ROWS LEARNERS REPEATS [SEED_BASE]
 *   java ... siebench.importance.valuation.DataOobSpeed estimate ROWS LEARNERS    # current estimate end to end
 * </pre>
 */
public final class DataOobSpeed {
  private DataOobSpeed() {}

  public static void main(String[] args) {
    if (args[0].equals("estimate")) { // DataOob.defaults().learners(B).estimate(...) end to end, current code only
      int rows = Integer.parseInt(args[1]);
      int b = Integer.parseInt(args[2]);
      Samples s = Synthetic.ecommerce().rows(rows).seed(7).fakeClicks(0.1).generate().samples();
      long t0 = System.nanoTime();
      siebench.importance.Importance imp = DataOob.defaults().learners(b).estimate(s,
          siebench.importance.EstimationContext.defaults().progress(Progress.silent()));
      System.out.printf("DataOob.defaults().learners(%d).estimate on %d rows: %.1f s  %s%n", b, s.size(),
          (System.nanoTime() - t0) / 1e9, imp.cost());
      return;
    }
    int rows = Integer.parseInt(args[0]);
    int learners = Integer.parseInt(args[1]);
    int repeats = Integer.parseInt(args[2]);
    int seedBase = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    Samples s = Synthetic.ecommerce().rows(rows).seed(7).fakeClicks(0.1).generate().samples();
    EncodedData tr = FeatureEncoder.fit(s).encode(s);
    System.out.printf("synthetic ecommerce rows(%d) seed 7 fakeClicks 0.1: %d training rows, %d learners,"
        + " bootstrap seeds %d..%d%n", rows, tr.rows(), learners, seedBase, seedBase + repeats - 1);
    double[] ratios = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      int[][] boots = DataOob.bootstraps(tr.rows(), learners, seedBase + r);
      double[] tOld = new double[1];
      double[] tNew = new double[1];
      DataOob.Result[] res = new DataOob.Result[2];
      for (int k = 0; k < 2; k++) {
        boolean old = (k + r) % 2 == 0; // alternate which goes first
        long t0 = System.nanoTime();
        DataOob.Result out = old ? legacy(tr, boots) : current(tr, boots);
        double sec = (System.nanoTime() - t0) / 1e9;
        if (old) {
          tOld[0] = sec;
          res[0] = out;
        } else {
          tNew[0] = sec;
          res[1] = out;
        }
      }
      int same = 0;
      double maxDiff = 0;
      for (int i = 0; i < tr.rows(); i++) {
        same += res[0].values()[i] == res[1].values()[i] ? 1 : 0;
        maxDiff = Math.max(maxDiff, Math.abs(res[0].values()[i] - res[1].values()[i]));
      }
      ratios[r] = tOld[0] / tNew[0];
      System.out.printf("repeat %d: old %.1f s, new %.1f s, old/new %.2f; identical scores %d / %d, max |diff| %.4f%n",
          r + 1, tOld[0], tNew[0], ratios[r], same, tr.rows(), maxDiff);
    }
    Arrays.sort(ratios);
    System.out.printf("median old/new over %d repeats: %.2f (min %.2f, max %.2f)%n", repeats,
        ratios[repeats / 2], ratios[0], ratios[repeats - 1]);
  }

  /** The pre-merge Data-OOB: the frozen solver, warm-started from the previous learner, predicting on a subset copy. */
  static DataOob.Result legacy(EncodedData tr, int[][] boots) {
    LegacyValuationLogistic lr = new LegacyValuationLogistic(1.0, 1e-4, 1e-6, 100);
    double[][] warm = new double[1][];
    return DataOob.values(tr.labels(), boots, (boot, oob) -> {
      LogisticRegression.Model m = lr.fit(tr, boot, warm[0]);
      warm[0] = m.theta();
      return m.predict(tr.subset(oob));
    }, DataOob.Score.CORRECTNESS, Progress.silent());
  }

  /** The current Data-OOB learner path. */
  static DataOob.Result current(EncodedData tr, int[][] boots) {
    ProbabilisticLearner l = new LogisticLearner(LogisticRegression.defaults());
    return DataOob.values(tr.labels(), boots, DataOob.bootstrapFit(l, tr), DataOob.Score.CORRECTNESS,
        Progress.silent());
  }
}
