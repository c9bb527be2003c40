package siebench.importance.valuation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.train.Progress;

/**
 * Data Banzhaf of Wang and Jia (2023), "Data Banzhaf: A Robust Data Valuation Framework for Machine Learning"
 * (AISTATS), estimated with their maximum-sample-reuse (MSR) estimator. The Banzhaf value of point i is
 * {@code 2^-(n-1) * sum_{S subset of N \ i} [U(S + i) - U(S)]}; MSR draws m subsets S_1..S_m, each point in
 * each subset independently with probability 1/2, evaluates U once per subset, and estimates every point's
 * value at once as {@code mean{U(S_k) : i in S_k} - mean{U(S_k) : i not in S_k}}. Every evaluation is reused
 * for all n points, which is what makes MSR sample-efficient and, with the Banzhaf weights, robust to noise in
 * the utility (stochastic training).
 *
 * <p>Utility as in {@link TmcShapley}: by default validation AUC of the Java {@link LogisticRegression} fitted
 * on the subset, U(empty) = 0.5; {@link #run} accepts any {@link SubsetUtility}. Validation rows from the
 * context, else two-fold cross-valuation ({@link CrossValuation}).
 *
 * <p><b>Sign:</b> higher = more valuable.
 */
public final class DataBanzhaf implements ImportanceEstimator {
  private final UtilityMetric metric;
  private final LogisticRegression regression;
  private final ProbabilisticLearner learner;
  private final int samples;

  private DataBanzhaf(UtilityMetric metric, LogisticRegression regression, ProbabilisticLearner learner,
      int samples) {
    if (samples < 2) {
      throw new IllegalArgumentException("samples must be >= 2, got " + samples);
    }
    this.metric = metric;
    this.regression = regression;
    this.learner = learner;
    this.samples = samples;
  }

  /** AUC utility of the Java LR, 1,000 MSR subsets. */
  public static DataBanzhaf defaults() {
    return new DataBanzhaf(UtilityMetric.AUC, LogisticRegression.defaults(), null, 1000);
  }

  public DataBanzhaf metric(UtilityMetric m) {
    return new DataBanzhaf(m, regression, learner, samples);
  }

  public DataBanzhaf regression(LogisticRegression r) {
    return new DataBanzhaf(metric, r, null, samples);
  }

  public DataBanzhaf learner(ProbabilisticLearner l) {
    return new DataBanzhaf(metric, regression, l, samples);
  }

  /** Number of random subsets (utility evaluations). */
  public DataBanzhaf samples(int m) {
    return new DataBanzhaf(metric, regression, learner, m);
  }

  @Override
  public String name() {
    return "data-banzhaf";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("metric", metric.name().toLowerCase());
    p.put("learner", learner != null ? learner.name() : new LogisticLearner(regression).name());
    p.put("samples", samples);
    p.put("estimator", "msr");
    return p;
  }

  /** MSR estimate of the Banzhaf values of {@code n} points under {@code u}, seeded. */
  public double[] run(int n, SubsetUtility u, long seed, Progress progress) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] sumIn = new double[n];
    double[] sumOut = new double[n];
    int[] cntIn = new int[n];
    boolean[] in = new boolean[n];
    int[] subset = new int[n];
    double totalU = 0;
    long reportEvery = Math.max(1, samples / 20);
    for (int k = 0; k < samples; k++) {
      progress.checkCancelled();
      int size = 0;
      for (int i = 0; i < n; i++) {
        in[i] = rnd.nextBoolean();
        if (in[i]) {
          subset[size++] = i;
        }
      }
      double v = u.value(java.util.Arrays.copyOf(subset, size));
      totalU += v;
      for (int i = 0; i < n; i++) {
        if (in[i]) {
          sumIn[i] += v;
          cntIn[i]++;
        }
      }
      if ((k + 1) % reportEvery == 0) {
        progress.update("data-banzhaf", k + 1, samples, "subsets");
      }
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      int cntOut = samples - cntIn[i];
      sumOut[i] = totalU - sumIn[i];
      if (cntIn[i] > 0 && cntOut > 0) {
        out[i] = sumIn[i] / cntIn[i] - sumOut[i] / cntOut;
      }
    }
    return out;
  }

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    CostMeter meter = new CostMeter();
    FeatureEncoder encoder = FeatureEncoder.fit(train);
    EncodedData tr = encoder.encode(train);
    EncodedData va = context.hasValidation() ? encoder.encode(context.validation()) : null;
    ProbabilisticLearner l = learner != null ? learner : new LogisticLearner(regression);
    Map<String, Object> params = parameters();
    params.put("validation", CrossValuation.describe(va));
    double[] values = CrossValuation.run(tr, va, context.seed(), (rows, t, v) -> {
      LearnerUtility u = new LearnerUtility(l, t, v, metric);
      double[] r = run(t.rows(), u, context.seed(), context.progress());
      meter.fits.addAndGet(u.fits());
      meter.evaluations.addAndGet(samples);
      meter.sample();
      return r;
    });
    return new Importance(name(), params, train.rowIds(), values, meter.cost());
  }
}
