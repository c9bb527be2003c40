package siebench.importance.valuation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import siebench.core.CostMeter;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;

/**
 * Truncated Monte Carlo Shapley (TMC-Shapley) of Ghorbani and Zou (2019), "Data Shapley: Equitable Valuation
 * of Data for Machine Learning" (ICML). The Shapley value of a training point is its marginal contribution
 * {@code U(prefix + i) - U(prefix)} averaged over random permutations; TMC scans each permutation and, once
 * the utility of the prefix is within {@link #truncation(double) tolerance} of the full-data utility U(N),
 * sets the remaining marginal contributions to 0 without evaluating them.
 *
 * <p><b>Beta Shapley.</b> {@link #beta(double, double)} turns the same permutation sampler into Beta Shapley (Kwon
 * and Zou 2022), named {@code beta-shapley}: each marginal contribution is weighted by its prefix size's Beta
 * weight ({@link #semivalueWeights}); {@code Estimators.betaShapley()} is Beta(16, 1). The permutation scan is
 * shared with {@link ClasswiseShapley}.
 *
 * <p>The utility U(S) is, by default, the validation AUC of the Java {@link LogisticRegression} fitted on S
 * (warm-started along the permutation), U(empty) = 0.5; {@link #metric}, {@link #learner} and {@link
 * #regression} change it, and {@link #fit} accepts any {@link SubsetUtility}. Validation rows come from the
 * context, else two-fold cross-valuation ({@link CrossValuation}).
 *
 * <p><b>Stopping.</b> After at least {@link #minPermutations} permutations, every 100 permutations the values
 * are compared with those 100 permutations earlier; sampling stops when {@code mean_i |v_i - v_i^{-100}| /
 * mean_i |v_i|} is below {@link #convergence(double)} (Ghorbani and Zou's criterion, averaged), or at {@link
 * #maxPermutations}.
 *
 * <p><b>Sign:</b> higher = more valuable; values sum (in expectation, without truncation) to U(N) - U(empty).
 * Cost: about permutations x N model fits; use it on up to a few thousand rows.
 *
 * <p><b>Budget.</b> {@link #estimate} plans the worst case ({@code maxPermutations x (n - 1)} fits per fold) before
 * fitting anything, times one fit, reports the estimate on the context's {@link Progress} and refuses above its
 * {@link FitBudget} ({@link #maxFits(long)}, {@link #maxSeconds(double)}) with a message naming cheaper
 * estimators; while running it reports every permutation and stops on {@link Progress#cancel()}.
 */
public final class TmcShapley implements Budgeted {
  private final UtilityMetric metric;
  private final LogisticRegression regression;
  private final ProbabilisticLearner learner;
  private final double truncation;
  private final int minPermutations;
  private final int maxPermutations;
  private final double convergence;
  private final int threads;
  private final FitBudget budget;
  private final double alpha;
  private final double beta;

  private TmcShapley(UtilityMetric metric, LogisticRegression regression, ProbabilisticLearner learner,
      double truncation, int minPermutations, int maxPermutations, double convergence, int threads,
      FitBudget budget, double alpha, double beta) {
    if (!(truncation >= 0) || minPermutations < 1 || maxPermutations < minPermutations || !(convergence >= 0)) {
      throw new IllegalArgumentException("need truncation >= 0, 1 <= minPermutations <= maxPermutations,"
          + " convergence >= 0");
    }
    this.metric = metric;
    this.regression = regression;
    this.learner = learner;
    this.truncation = truncation;
    this.minPermutations = minPermutations;
    this.maxPermutations = maxPermutations;
    this.convergence = convergence;
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.budget = budget;
    if (!(alpha > 0) || !(beta > 0) || Double.isInfinite(alpha) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("Beta(alpha, beta) weights need finite alpha > 0 and beta > 0, got "
          + alpha + ", " + beta);
    }
    this.alpha = alpha;
    this.beta = beta;
  }

  /**
   * AUC utility of the Java LR, truncation 0.01, 100..1000 permutations, convergence 0.05, the default {@link
   * FitBudget} (one million fits, one hour).
   */
  public static TmcShapley defaults() {
    return new TmcShapley(UtilityMetric.AUC, LogisticRegression.defaults(), null, 0.01, 100, 1000, 0.05, 1,
        FitBudget.defaults(), 1, 1);
  }

  public TmcShapley metric(UtilityMetric m) {
    return new TmcShapley(m, regression, learner, truncation, minPermutations, maxPermutations, convergence,
        threads, budget, alpha, beta);
  }

  /** Settings of the Java logistic regression used as the utility's model. */
  public TmcShapley regression(LogisticRegression r) {
    return new TmcShapley(metric, r, null, truncation, minPermutations, maxPermutations, convergence, threads,
        budget, alpha, beta);
  }

  /** Any learner as the utility's model (e.g. {@link CtrTaskLearner}; slow). */
  public TmcShapley learner(ProbabilisticLearner l) {
    return new TmcShapley(metric, regression, l, truncation, minPermutations, maxPermutations, convergence,
        threads, budget, alpha, beta);
  }

  /** Absolute utility tolerance for truncating a permutation; 0 disables truncation. */
  public TmcShapley truncation(double t) {
    return new TmcShapley(metric, regression, learner, t, minPermutations, maxPermutations, convergence,
        threads, budget, alpha, beta);
  }

  public TmcShapley minPermutations(int v) {
    return new TmcShapley(metric, regression, learner, truncation, v, Math.max(v, maxPermutations), convergence,
        threads, budget, alpha, beta);
  }

  public TmcShapley maxPermutations(int v) {
    return new TmcShapley(metric, regression, learner, truncation, Math.min(minPermutations, v), v, convergence,
        threads, budget, alpha, beta);
  }

  /** Relative mean absolute change over 100 permutations below which sampling stops; 0 = run to the max. */
  public TmcShapley convergence(double c) {
    return new TmcShapley(metric, regression, learner, truncation, minPermutations, maxPermutations, c,
        threads, budget, alpha, beta);
  }

  /**
   * Threads sharing the permutations (default 1). Each permutation draws from its own seeded stream, so the
   * estimate does not depend on the thread count (up to floating-point summation order). Use more than one
   * only with the Java LR or a thread-safe utility: DJL CTR learners are not run concurrently.
   */
  public TmcShapley threads(int t) {
    return new TmcShapley(metric, regression, learner, truncation, minPermutations, maxPermutations, convergence, t,
        budget, alpha, beta);
  }

  /**
   * The most model fits {@link #estimate} agrees to plan (default 1,000,000). The plan is the worst case, {@code
   * maxPermutations x (n - 1)} fits per fold (truncation and convergence can only lower it); above it the estimate
   * is refused with a message naming cheaper estimators.
   */
  public TmcShapley maxFits(long v) {
    return within(budget.withMaxFits(v));
  }

  /**
   * The most seconds of fitting {@link #estimate} agrees to, extrapolated from one timed fit on all rows of the
   * fold times the planned fits (default 3,600).
   */
  public TmcShapley maxSeconds(double v) {
    return within(budget.withMaxSeconds(v));
  }

  /**
   * Beta Shapley of Kwon and Zou (2022), "Beta Shapley: a Unified and Noise-reduced Data Valuation Framework for
   * Machine Learning" (AISTATS): the semivalue whose weight on a marginal contribution to a subset of size k out
   * of the other n - 1 points is the Beta(alpha, beta) mixture {@code B(k + beta, n - 1 - k + alpha) / B(alpha,
   * beta)}; estimated with the same permutations, each marginal contribution at prefix size k weighted by {@code
   * n p_k} where {@code p_k} is the BetaBinomial(n - 1, beta, alpha) probability of k ({@link #semivalueWeights}).
   * Beta(1, 1) is the Shapley value (default); the paper recommends Beta(16, 1), which weights small subsets, where
   * a mislabeled point's marginal contribution is largest and least noisy. Values are no longer efficient (they
   * need not sum to U(N) - U(empty)). The estimator is then named {@code beta-shapley}.
   */
  public TmcShapley beta(double alpha, double beta) {
    return new TmcShapley(metric, regression, learner, truncation, minPermutations, maxPermutations, convergence,
        threads, budget, alpha, beta);
  }

  /**
   * The weight {@code n p_k} of a marginal contribution at prefix size k = 0..n-1 of a uniformly random
   * permutation, for the Beta(alpha, beta) semivalue: {@code p_k = C(n-1, k) B(k + beta, n - 1 - k + alpha) /
   * B(alpha, beta)}, the BetaBinomial(n - 1, beta, alpha) probability, computed by the ratio {@code p_{k+1} / p_k
   * = (n - 1 - k)(k + beta) / ((k + 1)(n - 2 - k + alpha))} in logs and normalized to sum 1. All ones for
   * Beta(1, 1).
   */
  public static double[] semivalueWeights(int n, double alpha, double beta) {
    double[] w = new double[n];
    if (n == 0) {
      return w;
    }
    double[] log = new double[n];
    double max = 0;
    for (int k = 0; k + 1 < n; k++) {
      log[k + 1] = log[k] + Math.log(n - 1 - k) + Math.log(k + beta) - Math.log(k + 1) - Math.log(n - 2 - k + alpha);
      max = Math.max(max, log[k + 1]);
    }
    double sum = 0;
    for (int k = 0; k < n; k++) {
      w[k] = Math.exp(log[k] - max);
      sum += w[k];
    }
    for (int k = 0; k < n; k++) {
      w[k] = n * w[k] / sum;
    }
    return w;
  }

  private boolean isShapley() {
    return alpha == 1 && beta == 1;
  }

  /** The factory call named in refusals. */
  private String call() {
    return isShapley() ? "tmcShapley()" : "betaShapley()";
  }

  @Override
  public TmcShapley within(FitBudget b) {
    return new TmcShapley(metric, regression, learner, truncation, minPermutations, maxPermutations, convergence,
        threads, b, alpha, beta);
  }

  @Override
  public FitBudget budget() {
    return budget;
  }

  @Override
  public String name() {
    return isShapley() ? "tmc-shapley" : "beta-shapley";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("metric", metric.name().toLowerCase());
    p.put("learner", learner != null ? learner.name() : new LogisticLearner(regression).name());
    if (!isShapley()) {
      p.put("alpha", alpha);
      p.put("beta", beta);
    }
    p.put("truncation", truncation);
    p.put("minPermutations", minPermutations);
    p.put("maxPermutations", maxPermutations);
    p.put("convergence", convergence);
    p.put("threads", threads);
    p.put("maxFits", budget.maxFits());
    p.put("maxSeconds", budget.maxSeconds());
    return p;
  }

  /** The outcome of {@link #fit}: values, permutations sampled, whether the convergence criterion was met. */
  public record Result(double[] values, int permutations, boolean converged, long utilityEvaluations) {}

  /** TMC-Shapley of {@code n} points under utility {@code u}, seeded. */
  public Result fit(int n, SubsetUtility u, long seed, Progress progress) {
    int[] all = CrossValuation.identity(n);
    double[] weights = isShapley() ? null : semivalueWeights(n, alpha, beta);
    double full = u.value(all);
    double empty = u.value(new int[0]);
    long evals = 2;
    double[][] sums = new double[threads][n];
    long[] threadEvals = new long[threads];
    double[] snapshot = null;
    int t = 0;
    boolean converged = false;
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    while (t < maxPermutations) {
      int from = t;
      int to = Math.min(maxPermutations, (t / 100 + 1) * 100); // up to the next multiple of 100
      Parallel.run(Math.min(threads, to - from), name(), k -> {
        int[] perm = new int[n];
        for (int p = from + k; p < to; p += threads) {
          progress.checkCancelled();
          shuffle(perm, new SplittableRandom(Parallel.mix(seed, p)));
          threadEvals[k] += scan(perm, perm.length, u, full, empty, weights, truncation, sums[k], progress);
          int d = done.incrementAndGet();
          if (d < to) { // the block's last permutation is reported below, with the convergence check
            synchronized (progress) {
              progress.update(name(), d, maxPermutations, "permutations");
            }
          }
        }
      });
      t = to;
      double[] v = mean(sums, t);
      if (t % 100 == 0 && snapshot != null && t >= minPermutations && convergence > 0) {
        double change = 0;
        double size = 0;
        for (int i = 0; i < n; i++) {
          change += Math.abs(v[i] - snapshot[i]);
          size += Math.abs(v[i]);
        }
        double rel = size == 0 ? 0 : change / size;
        progress.update(name(), t, maxPermutations, String.format("relative change %.4f", rel));
        if (rel < convergence) {
          converged = true;
          break;
        }
      } else {
        progress.update(name(), t, maxPermutations, "permutations");
      }
      snapshot = v;
    }
    for (long e : threadEvals) {
      evals += e;
    }
    return new Result(mean(sums, t), t, converged, evals);
  }

  /** Sets {@code perm} to a uniformly random permutation of 0..perm.length-1 (Fisher-Yates). */
  static void shuffle(int[] perm, SplittableRandom rnd) {
    for (int i = 0; i < perm.length; i++) {
      perm[i] = i;
    }
    for (int i = perm.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
  }

  /**
   * The permutation scan shared by the permutation semivalues (TMC-Shapley, Beta Shapley, CS-Shapley): walks
   * the prefixes of {@code order[0..len)}, adds {@code weights[j] * (U(prefix + order[j]) - U(prefix))} (weight 1
   * when {@code weights} is null) to {@code sum[order[j]]}, and once {@code |full - U(prefix)| < truncation}
   * (Ghorbani and Zou's truncation; 0 disables it) leaves the rest at 0. {@code full} and {@code empty} are U of
   * the whole order and of the empty prefix. Returns the utility evaluations made.
   */
  static long scan(int[] order, int len, SubsetUtility u, double full, double empty, double[] weights,
      double truncation, double[] sum, Progress progress) {
    long evals = 0;
    double prev = empty;
    for (int j = 0; j < len; j++) {
      if (truncation > 0 && Math.abs(full - prev) < truncation) {
        break; // the rest contribute 0
      }
      double cur;
      if (j == len - 1) {
        cur = full;
      } else {
        progress.checkCancelled();
        cur = u.value(Arrays.copyOf(order, j + 1));
        evals++;
      }
      sum[order[j]] += weights == null ? cur - prev : weights[j] * (cur - prev);
      prev = cur;
    }
    return evals;
  }

  private static double[] mean(double[][] sums, int t) {
    double[] v = new double[sums[0].length];
    for (double[] s : sums) { // fixed thread order: deterministic for a given thread count
      for (int i = 0; i < v.length; i++) {
        v[i] += s[i];
      }
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= Math.max(1, t);
    }
    return v;
  }

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    CostMeter meter = new CostMeter();
    CrossValuation.Rows data = CrossValuation.Rows.encode(train, context);
    Map<String, Object> params = data.describeInto(parameters());
    long planned = 0;
    int[] folds = data.foldSizes();
    for (int size : folds) {
      planned += 2 + (long) maxPermutations * Math.max(0, size - 1); // timing fit, U(N), prefixes
    }
    String plan = String.format("%,d permutations x up to %,d prefixes x %d fold%s", maxPermutations,
        Math.max(0, folds[folds.length - 1] - 1), folds.length, data.foldsText());
    String cheaper = "fewer permutations with " + call() + ".maxPermutations(...)";
    budget.checkFits(name(), planned, plan, call() + ".maxFits(%d)", cheaper);
    ProbabilisticLearner l = Learners.bound(Learners.forSemivalue(call(), learner, regression, threads), context,
        data.encoder(), data.train());
    long plannedFits = planned;
    int[] perms = new int[1];
    boolean[] conv = {true};
    boolean[] timed = {false};
    double[] values = data.run(context.seed(), (rows, t, v) -> {
      LearnerUtility u = new LearnerUtility(l, t, v, metric);
      if (!timed[0]) { // first fold: time one fit on all its rows, refuse if the extrapolation is over budget
        timed[0] = true;
        int[] all = CrossValuation.identity(t.rows());
        budget.timeAndCheck(name(), plannedFits, t.rows(), () -> Double.doubleToLongBits(u.value(all)),
            context.progress(), call() + ".maxSeconds(%d)", cheaper);
      }
      Result r = fit(t.rows(), u, context.seed(), context.progress());
      meter.trainings(u.fits());
      meter.evaluations(r.utilityEvaluations());
      meter.sample();
      perms[0] += r.permutations();
      conv[0] &= r.converged();
      return r.values();
    });
    params.put("permutationsRun", perms[0]);
    params.put("converged", conv[0]);
    return new Importance(name(), params, train.rowIds(), values, Importance.Cost.of(meter));
  }
}
