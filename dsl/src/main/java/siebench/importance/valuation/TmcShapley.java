package siebench.importance.valuation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.train.Progress;

/**
 * Truncated Monte Carlo Shapley (TMC-Shapley) of Ghorbani and Zou (2019), "Data Shapley: Equitable Valuation
 * of Data for Machine Learning" (ICML). The Shapley value of a training point is its marginal contribution
 * {@code U(prefix + i) - U(prefix)} averaged over random permutations; TMC scans each permutation and, once
 * the utility of the prefix is within {@link #truncation(double) tolerance} of the full-data utility U(N),
 * sets the remaining marginal contributions to 0 without evaluating them.
 *
 * <p>The utility U(S) is, by default, the validation AUC of the Java {@link LogisticRegression} fitted on S
 * (warm-started along the permutation), U(empty) = 0.5; {@link #metric}, {@link #learner} and {@link
 * #regression} change it, and {@link #run} accepts any {@link SubsetUtility}. Validation rows come from the
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

  private TmcShapley(UtilityMetric metric, LogisticRegression regression, ProbabilisticLearner learner,
      double truncation, int minPermutations, int maxPermutations, double convergence, int threads,
      FitBudget budget) {
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
  }

  /**
   * AUC utility of the Java LR, truncation 0.01, 100..1000 permutations, convergence 0.05, the default {@link
   * FitBudget} (one million fits, one hour).
   */
  public static TmcShapley defaults() {
    return new TmcShapley(UtilityMetric.AUC, LogisticRegression.defaults(), null, 0.01, 100, 1000, 0.05, 1,
        FitBudget.defaults());
  }

  public TmcShapley metric(UtilityMetric m) {
    return new TmcShapley(m, regression, learner, truncation, minPermutations, maxPermutations, convergence,
        threads, budget);
  }

  /** Settings of the Java logistic regression used as the utility's model. */
  public TmcShapley regression(LogisticRegression r) {
    return new TmcShapley(metric, r, null, truncation, minPermutations, maxPermutations, convergence, threads, budget);
  }

  /** Any learner as the utility's model (e.g. {@link CtrTaskLearner}; slow). */
  public TmcShapley learner(ProbabilisticLearner l) {
    return new TmcShapley(metric, regression, l, truncation, minPermutations, maxPermutations, convergence,
        threads, budget);
  }

  /** Absolute utility tolerance for truncating a permutation; 0 disables truncation. */
  public TmcShapley truncation(double t) {
    return new TmcShapley(metric, regression, learner, t, minPermutations, maxPermutations, convergence,
        threads, budget);
  }

  public TmcShapley minPermutations(int v) {
    return new TmcShapley(metric, regression, learner, truncation, v, Math.max(v, maxPermutations), convergence,
        threads, budget);
  }

  public TmcShapley maxPermutations(int v) {
    return new TmcShapley(metric, regression, learner, truncation, Math.min(minPermutations, v), v, convergence,
        threads, budget);
  }

  /** Relative mean absolute change over 100 permutations below which sampling stops; 0 = run to the max. */
  public TmcShapley convergence(double c) {
    return new TmcShapley(metric, regression, learner, truncation, minPermutations, maxPermutations, c,
        threads, budget);
  }

  /**
   * Threads sharing the permutations (default 1). Each permutation draws from its own seeded stream, so the
   * estimate does not depend on the thread count (up to floating-point summation order). Use more than one
   * only with the Java LR or a thread-safe utility: DJL CTR learners are not run concurrently.
   */
  public TmcShapley threads(int t) {
    return new TmcShapley(metric, regression, learner, truncation, minPermutations, maxPermutations, convergence, t, budget);
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

  @Override
  public TmcShapley within(FitBudget b) {
    return new TmcShapley(metric, regression, learner, truncation, minPermutations, maxPermutations, convergence,
        threads, b);
  }

  @Override
  public FitBudget budget() {
    return budget;
  }

  @Override
  public String name() {
    return "tmc-shapley";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("metric", metric.name().toLowerCase());
    p.put("learner", learner != null ? learner.name() : new LogisticLearner(regression).name());
    p.put("truncation", truncation);
    p.put("minPermutations", minPermutations);
    p.put("maxPermutations", maxPermutations);
    p.put("convergence", convergence);
    p.put("threads", threads);
    p.put("maxFits", budget.maxFits());
    p.put("maxSeconds", budget.maxSeconds());
    return p;
  }

  /** The outcome of {@link #run}: values, permutations sampled, whether the convergence criterion was met. */
  public record Result(double[] values, int permutations, boolean converged, long utilityEvaluations) {}

  /** TMC-Shapley of {@code n} points under utility {@code u}, seeded. */
  public Result run(int n, SubsetUtility u, long seed, Progress progress) {
    int[] all = CrossValuation.identity(n);
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
      Parallel.run(Math.min(threads, to - from), "tmc-shapley", k -> {
        int[] perm = new int[n];
        for (int p = from + k; p < to; p += threads) {
          progress.checkCancelled();
          threadEvals[k] += permutation(p, seed, perm, u, full, empty, sums[k], progress);
          int d = done.incrementAndGet();
          if (d < to) { // the block's last permutation is reported below, with the convergence check
            synchronized (progress) {
              progress.update("tmc-shapley", d, maxPermutations, "permutations");
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
        progress.update("tmc-shapley", t, maxPermutations, String.format("relative change %.4f", rel));
        if (rel < convergence) {
          converged = true;
          break;
        }
      } else {
        progress.update("tmc-shapley", t, maxPermutations, "permutations");
      }
      snapshot = v;
    }
    for (long e : threadEvals) {
      evals += e;
    }
    return new Result(mean(sums, t), t, converged, evals);
  }

  /** Scans permutation number {@code p}; adds its marginal contributions to {@code sum}; returns evaluations. */
  private long permutation(int p, long seed, int[] perm, SubsetUtility u, double full, double empty, double[] sum,
      Progress progress) {
    int n = perm.length;
    SplittableRandom rnd = new SplittableRandom(Parallel.mix(seed, p));
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
    long evals = 0;
    double prev = empty;
    for (int j = 0; j < n; j++) {
      if (truncation > 0 && Math.abs(full - prev) < truncation) {
        break; // the rest contribute 0
      }
      double cur;
      if (j == n - 1) {
        cur = full;
      } else {
        progress.checkCancelled();
        cur = u.value(Arrays.copyOf(perm, j + 1));
        evals++;
      }
      sum[perm[j]] += cur - prev;
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
    FeatureEncoder encoder = FeatureEncoder.fit(train);
    EncodedData tr = encoder.encode(train);
    EncodedData va = context.hasValidation() ? encoder.encode(context.validation()) : null;
    ProbabilisticLearner l = Learners.forSemivalue("tmcShapley()", learner, regression, threads);
    Map<String, Object> params = parameters();
    params.put("validation", CrossValuation.describe(va));
    long planned = 0;
    int[] folds = CrossValuation.foldSizes(tr.rows(), va != null);
    for (int size : folds) {
      planned += 2 + (long) maxPermutations * Math.max(0, size - 1); // timing fit, U(N), prefixes
    }
    String plan = String.format("%,d permutations x up to %,d prefixes x %d fold%s", maxPermutations,
        Math.max(0, folds[folds.length - 1] - 1), folds.length, folds.length == 1 ? "" : "s of two-fold cross-valuation");
    String cheaper = "fewer permutations with tmcShapley().maxPermutations(...)";
    budget.checkFits(name(), planned, plan, "tmcShapley().maxFits(%d)", cheaper);
    long plannedFits = planned;
    int[] perms = new int[1];
    boolean[] conv = {true};
    boolean[] timed = {false};
    double[] values = CrossValuation.run(tr, va, context.seed(), (rows, t, v) -> {
      LearnerUtility u = new LearnerUtility(l, t, v, metric);
      if (!timed[0]) { // first fold: time one fit on all its rows, refuse if the extrapolation is over budget
        timed[0] = true;
        int[] all = CrossValuation.identity(t.rows());
        budget.timeAndCheck(name(), plannedFits, t.rows(), () -> Double.doubleToLongBits(u.value(all)),
            context.progress(), "tmcShapley().maxSeconds(%d)", cheaper);
      }
      Result r = run(t.rows(), u, context.seed(), context.progress());
      meter.fits.addAndGet(u.fits());
      meter.evaluations.addAndGet(r.utilityEvaluations());
      meter.sample();
      perms[0] += r.permutations();
      conv[0] &= r.converged();
      return r.values();
    });
    params.put("permutationsRun", perms[0]);
    params.put("converged", conv[0]);
    return new Importance(name(), params, train.rowIds(), values, meter.cost());
  }
}
