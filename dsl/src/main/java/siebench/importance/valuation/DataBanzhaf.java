package siebench.importance.valuation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import siebench.core.CostMeter;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;

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
 * on the subset, U(empty) = 0.5; {@link #fit} accepts any {@link SubsetUtility}. Validation rows from the
 * context, else two-fold cross-valuation ({@link CrossValuation}).
 *
 * <p><b>Budget.</b> {@link #estimate} plans {@code samples} fits per fold before fitting anything, times one fit,
 * reports the estimate on the context's {@link Progress} and refuses above its {@link FitBudget} ({@link
 * #maxFits(long)}, {@link #maxSeconds(double)}) with a message naming cheaper estimators; while running it
 * reports every subset and stops on {@link Progress#cancel()}.
 *
 * <p><b>Sign:</b> higher = more valuable.
 */
public final class DataBanzhaf implements Budgeted {
  private final UtilityMetric metric;
  private final LogisticRegression regression;
  private final ProbabilisticLearner learner;
  private final int samples;
  private final int threads;
  private final FitBudget budget;

  private DataBanzhaf(UtilityMetric metric, LogisticRegression regression, ProbabilisticLearner learner,
      int samples, int threads, FitBudget budget) {
    if (samples < 2) {
      throw new IllegalArgumentException("samples must be >= 2, got " + samples);
    }
    this.metric = metric;
    this.regression = regression;
    this.learner = learner;
    this.samples = samples;
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.budget = budget;
  }

  /** AUC utility of the Java LR, 1,000 MSR subsets, the default {@link FitBudget} (one million fits, one hour). */
  public static DataBanzhaf defaults() {
    return new DataBanzhaf(UtilityMetric.AUC, LogisticRegression.defaults(), null, 1000, 1, FitBudget.defaults());
  }

  public DataBanzhaf metric(UtilityMetric m) {
    return new DataBanzhaf(m, regression, learner, samples, threads, budget);
  }

  public DataBanzhaf regression(LogisticRegression r) {
    return new DataBanzhaf(metric, r, null, samples, threads, budget);
  }

  public DataBanzhaf learner(ProbabilisticLearner l) {
    return new DataBanzhaf(metric, regression, l, samples, threads, budget);
  }

  /** Number of random subsets (utility evaluations). */
  public DataBanzhaf samples(int m) {
    return new DataBanzhaf(metric, regression, learner, m, threads, budget);
  }

  /**
   * Threads sharing the subsets (default 1). Each subset draws from its own seeded stream, so the estimate does
   * not depend on the thread count (up to floating-point summation order). Only with the Java LR or a
   * thread-safe utility.
   */
  public DataBanzhaf threads(int t) {
    return new DataBanzhaf(metric, regression, learner, samples, t, budget);
  }

  /** The most model fits {@link #estimate} agrees to plan ({@code samples} per fold; default 1,000,000). */
  public DataBanzhaf maxFits(long v) {
    return within(budget.withMaxFits(v));
  }

  /**
   * The most seconds of fitting {@link #estimate} agrees to, extrapolated from one timed fit on all rows of the
   * fold (an over-estimate: MSR subsets hold half the rows on average) times the planned fits (default 3,600).
   */
  public DataBanzhaf maxSeconds(double v) {
    return within(budget.withMaxSeconds(v));
  }

  @Override
  public DataBanzhaf within(FitBudget b) {
    return new DataBanzhaf(metric, regression, learner, samples, threads, b);
  }

  @Override
  public FitBudget budget() {
    return budget;
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
    p.put("threads", threads);
    p.put("maxFits", budget.maxFits());
    p.put("maxSeconds", budget.maxSeconds());
    return p;
  }

  /** MSR estimate of the Banzhaf values of {@code n} points under {@code u}, seeded. */
  public double[] fit(int n, SubsetUtility u, long seed, Progress progress) {
    int nt = Math.max(1, Math.min(threads, samples));
    double[][] sumIn = new double[nt][n];
    int[][] cntIn = new int[nt][n];
    double[] totalU = new double[nt];
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    Parallel.run(nt, "data-banzhaf", t -> {
      boolean[] in = new boolean[n];
      int[] subset = new int[n];
      for (int k = t; k < samples; k += nt) {
        progress.checkCancelled();
        SplittableRandom rnd = new SplittableRandom(Parallel.mix(seed, k));
        int size = 0;
        for (int i = 0; i < n; i++) {
          in[i] = rnd.nextBoolean();
          if (in[i]) {
            subset[size++] = i;
          }
        }
        double v = u.value(java.util.Arrays.copyOf(subset, size));
        totalU[t] += v;
        for (int i = 0; i < n; i++) {
          if (in[i]) {
            sumIn[t][i] += v;
            cntIn[t][i]++;
          }
        }
        int d = done.incrementAndGet();
        synchronized (progress) {
          progress.update("data-banzhaf", d, samples, "subsets");
        }
      }
    });
    double total = 0;
    for (double v : totalU) {
      total += v;
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double in = 0;
      int cin = 0;
      for (int t = 0; t < nt; t++) {
        in += sumIn[t][i];
        cin += cntIn[t][i];
      }
      int cout = samples - cin;
      if (cin > 0 && cout > 0) {
        out[i] = in / cin - (total - in) / cout;
      }
    }
    return out;
  }

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    CostMeter meter = new CostMeter();
    CrossValuation.Rows data = CrossValuation.Rows.encode(train, context);
    Map<String, Object> params = data.describeInto(parameters());
    int[] folds = data.foldSizes();
    long planned = (long) folds.length * (samples + 1); // a timing fit and the subsets, per fold
    String cheaper = "fewer subsets with banzhaf().samples(...)";
    budget.checkFits(name(), planned, String.format("%,d subsets x %d fold%s", samples, folds.length,
        data.foldsText()), "banzhaf().maxFits(%d)", cheaper);
    ProbabilisticLearner l = Learners.bound(Learners.forSemivalue("banzhaf()", learner, regression, threads),
        context, data.encoder(), data.train());
    boolean[] timed = {false};
    double[] values = data.run(context.seed(), (rows, t, v) -> {
      LearnerUtility u = new LearnerUtility(l, t, v, metric);
      if (!timed[0]) { // first fold: time one fit on all its rows, refuse if the extrapolation is over budget
        timed[0] = true;
        int[] all = CrossValuation.identity(t.rows());
        budget.timeAndCheck(name(), planned, t.rows(), () -> Double.doubleToLongBits(u.value(all)),
            context.progress(), "banzhaf().maxSeconds(%d)", cheaper);
      }
      double[] r = fit(t.rows(), u, context.seed(), context.progress());
      meter.trainings(u.fits());
      meter.evaluations(samples);
      meter.sample();
      return r;
    });
    return new Importance(name(), params, train.rowIds(), values, Importance.Cost.of(meter));
  }
}
