package siebench.importance.valuation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import siebench.core.CostMeter;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;

/**
 * Class-wise Shapley (CS-Shapley) of Schoch, Xu and Yin (2022), "CS-Shapley: Class-wise Shapley Values for Data
 * Valuation in Classification" (NeurIPS). A point i with label y is valued by a Shapley game among the points of
 * its own class {@code D_y}, conditioned on a random set {@code T} of the other class's points (each in {@code T}
 * with probability 1/2):
 *
 * <pre>
 *   v(i) = 2^-|D_-y| sum_{T subset D_-y} sum_{S subset D_y \ i} |S|! (|D_y| - |S| - 1)! / |D_y|!
 *          [U_y(T + S + i) - U_y(T + S)],
 *   U_y(R) = a_y(R) exp(a_-y(R)),
 * </pre>
 *
 * where {@code a_y(R)} ({@code a_-y(R)}) is the number of validation rows of class y (of the other class) that
 * the model fitted on R classifies correctly, divided by the number of all validation rows (a prediction of
 * exactly 0.5 counts half). The in-class accuracy rewards a point for helping its own class, the exponential of
 * the out-of-class accuracy discounts points that help their class only by hurting the other; a mislabeled point
 * hurts the class it claims. Not normalized per class (pyDVL's optional {@code normalize_values} is not applied).
 *
 * <p>Monte Carlo as in the paper's algorithm: for each class and each of {@link #permutations} samples, draw
 * {@code T}, then one permutation of {@code D_y}, and scan it with {@link TmcShapley}'s shared permutation scan
 * and truncation. The model is the Java {@link LogisticRegression} (warm-started) or any {@link
 * ProbabilisticLearner}; validation rows come from the context, else two-fold cross-valuation ({@link
 * CrossValuation}). Binary labels only.
 *
 * <p><b>Budget.</b> {@link #estimate} plans {@code permutations x n} fits per fold (the worst case: truncation can
 * only lower it) before fitting anything, times one fit, reports the estimate and refuses above its {@link
 * FitBudget}; while running it reports every permutation and stops on {@link Progress#cancel()}.
 *
 * <p><b>Sign:</b> higher = more valuable.
 */
public final class ClasswiseShapley implements Budgeted {
  /** U_y(R) for a subset R of the training points (indices) and the class y (0 or 1) being valued. */
  @FunctionalInterface
  public interface ClasswiseUtility {
    double value(int[] subset, int label);
  }

  private final LogisticRegression regression;
  private final ProbabilisticLearner learner;
  private final int permutations;
  private final double truncation;
  private final FitBudget budget;

  private ClasswiseShapley(LogisticRegression regression, ProbabilisticLearner learner, int permutations,
      double truncation, FitBudget budget) {
    if (permutations < 1 || !(truncation >= 0)) {
      throw new IllegalArgumentException("need permutations >= 1 and truncation >= 0, got " + permutations + ", "
          + truncation);
    }
    this.regression = regression;
    this.learner = learner;
    this.permutations = permutations;
    this.truncation = truncation;
    this.budget = budget;
  }

  /** The Java LR, 100 (subset, permutation) samples per class, truncation 0.01, the default {@link FitBudget}. */
  public static ClasswiseShapley defaults() {
    return new ClasswiseShapley(LogisticRegression.defaults(), null, 100, 0.01, FitBudget.defaults());
  }

  /** Settings of the Java logistic regression used as the utility's model. */
  public ClasswiseShapley regression(LogisticRegression r) {
    return new ClasswiseShapley(r, null, permutations, truncation, budget);
  }

  /** Any learner as the utility's model (e.g. {@link CtrTaskLearner}; slow). */
  public ClasswiseShapley learner(ProbabilisticLearner l) {
    return new ClasswiseShapley(regression, l, permutations, truncation, budget);
  }

  /** Number of (out-of-class subset, in-class permutation) samples per class. */
  public ClasswiseShapley permutations(int k) {
    return new ClasswiseShapley(regression, learner, k, truncation, budget);
  }

  /** Absolute utility tolerance for truncating a permutation; 0 disables truncation. */
  public ClasswiseShapley truncation(double t) {
    return new ClasswiseShapley(regression, learner, permutations, t, budget);
  }

  /** The most model fits {@link #estimate} agrees to plan (default 1,000,000); above it the estimate is refused. */
  public ClasswiseShapley maxFits(long v) {
    return within(budget.withMaxFits(v));
  }

  /**
   * The most seconds of fitting {@link #estimate} agrees to, extrapolated from one timed fit on all rows of the
   * fold times the planned fits (default 3,600).
   */
  public ClasswiseShapley maxSeconds(double v) {
    return within(budget.withMaxSeconds(v));
  }

  @Override
  public ClasswiseShapley within(FitBudget b) {
    return new ClasswiseShapley(regression, learner, permutations, truncation, b);
  }

  @Override
  public FitBudget budget() {
    return budget;
  }

  @Override
  public String name() {
    return "cs-shapley";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("learner", learner != null ? learner.name() : new LogisticLearner(regression).name());
    p.put("permutations", permutations);
    p.put("truncation", truncation);
    p.put("maxFits", budget.maxFits());
    p.put("maxSeconds", budget.maxSeconds());
    return p;
  }

  /** CS-Shapley values of points with binary {@code labels} (0 or 1) under {@code u}, seeded. */
  public double[] fit(int[] labels, ClasswiseUtility u, long seed, Progress progress) {
    int n = labels.length;
    double[] sum = new double[n];
    for (int y = 0; y <= 1; y++) {
      int label = y;
      int[] in = members(labels, y, true);
      int[] out = members(labels, y, false);
      if (in.length == 0) {
        continue;
      }
      int[] order = new int[in.length];
      int[] rest = new int[out.length];
      for (int k = 0; k < permutations; k++) {
        progress.checkCancelled();
        SplittableRandom rnd = new SplittableRandom(Parallel.mix(seed, 2L * k + y));
        int t = 0;
        for (int j : out) {
          if (rnd.nextBoolean()) {
            rest[t++] = j;
          }
        }
        int[] cond = Arrays.copyOf(rest, t);
        TmcShapley.shuffle(order, rnd);
        for (int j = 0; j < order.length; j++) {
          order[j] = in[order[j]];
        }
        SubsetUtility given = s -> u.value(union(cond, s), label);
        double full = u.value(union(cond, order), label);
        double empty = u.value(cond, label);
        TmcShapley.scan(order, order.length, given, full, empty, null, truncation, sum, progress);
        progress.update(name(), y * permutations + k + 1, 2 * permutations, "permutations (class " + y + ")");
      }
    }
    for (int i = 0; i < n; i++) {
      sum[i] /= permutations;
    }
    return sum;
  }

  private static int[] members(int[] labels, int y, boolean same) {
    return java.util.stream.IntStream.range(0, labels.length).filter(i -> (labels[i] == y) == same).toArray();
  }

  private static int[] union(int[] a, int[] b) {
    int[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** U_y of a learner: in-class accuracy times the exponential of out-of-class accuracy, both over all rows. */
  static ClasswiseUtility utility(ProbabilisticLearner l, EncodedData train, EncodedData validation,
      java.util.concurrent.atomic.AtomicLong fits) {
    float[] yv = validation.labels();
    return (subset, label) -> {
      if (subset.length > 0) {
        fits.incrementAndGet();
      }
      double[] p = l.fitPredict(train, subset, validation);
      double inClass = 0;
      double outClass = 0;
      for (int i = 0; i < yv.length; i++) {
        double correct = p[i] == 0.5 ? 0.5 : (p[i] > 0.5) == (yv[i] > 0.5f) ? 1 : 0;
        if ((yv[i] > 0.5f) == (label == 1)) {
          inClass += correct;
        } else {
          outClass += correct;
        }
      }
      int m = Math.max(1, yv.length);
      return inClass / m * Math.exp(outClass / m);
    };
  }

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    CostMeter meter = new CostMeter();
    CrossValuation.Rows data = CrossValuation.Rows.encode(train, context);
    Map<String, Object> params = data.describeInto(parameters());
    int[] folds = data.foldSizes();
    long plan = 0;
    for (int size : folds) {
      plan += 1 + (long) permutations * (size + 4); // timing fit; per sample and class: U(T), U(T + D_y), prefixes
    }
    long planned = plan;
    String cheaper = "fewer permutations with csShapley().permutations(...)";
    budget.checkFits(name(), planned, String.format("%,d permutations x 2 classes x up to %,d fits x %d fold%s",
        permutations, folds[folds.length - 1] / 2 + 2, folds.length, data.foldsText()), "csShapley().maxFits(%d)",
        cheaper);
    ProbabilisticLearner l = learner != null ? Learners.bound(learner, context, data.encoder(), data.train())
        : new LogisticLearner(regression);
    boolean[] timed = {false};
    double[] values = data.run(context.seed(), (rows, t, v) -> {
      java.util.concurrent.atomic.AtomicLong fits = new java.util.concurrent.atomic.AtomicLong();
      ClasswiseUtility u = utility(l, t, v, fits);
      if (!timed[0]) {
        timed[0] = true;
        int[] all = CrossValuation.identity(t.rows());
        budget.timeAndCheck(name(), planned, t.rows(), () -> Double.doubleToLongBits(u.value(all, 1)),
            context.progress(), "csShapley().maxSeconds(%d)", cheaper);
      }
      int[] labels = new int[t.rows()];
      for (int i = 0; i < labels.length; i++) {
        float y = t.labels()[i];
        if (y != 0f && y != 1f) {
          throw new IllegalArgumentException("cs-shapley needs binary labels 0/1; row " + i + " has " + y);
        }
        labels[i] = (int) y;
      }
      double[] r = fit(labels, u, context.seed(), context.progress());
      meter.trainings((int) fits.get());
      meter.evaluations(fits.get());
      meter.sample();
      return r;
    });
    return new Importance(name(), params, train.rowIds(), values, Importance.Cost.of(meter));
  }
}
