package siebench.importance.valuation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import siebench.core.CostMeter;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.model.ModelSpec;

/**
 * Data-OOB of Kwon and Zou (2023), "Data-OOB: Out-of-bag Estimate as a Simple and Efficient Data Value"
 * (ICML). Train B learners on bootstrap samples of the training rows (n draws with replacement each); the
 * value of a row is the average, over the learners whose bootstrap sample did not contain it, of the score
 * {@code T(y_i, f_b(x_i))} of its own label under that learner: by default correctness {@code 1[(p >= 0.5) =
 * y]} (as in the paper; p exactly 0.5 counts 1/2), optionally the negative log-loss, which is more informative
 * under the class imbalance of CTR data (where correctness mostly says "is a negative").
 *
 * <p>The learners are the Java {@link LogisticRegression} (warm-started; the paper uses decision trees of a
 * random forest, any model is allowed), a CTR model via {@link #model(ModelSpec)}, or any {@link
 * ProbabilisticLearner}. No validation set is needed.
 *
 * <p><b>Budget.</b> {@link #estimate} plans one fit per learner, times the first, reports the estimate on the
 * context's {@link Progress} and refuses above its {@link FitBudget} ({@link #maxFits(long)}, {@link
 * #maxSeconds(double)}) with a message naming cheaper estimators; it reports every learner and stops on {@link
 * Progress#cancel()}.
 *
 * <p><b>Sign:</b> higher = more valuable (its label agrees with what models trained without it predict); rows
 * with wrong labels get low values. A row never out of bag (probability about {@code e^-B}) gets the mean
 * value of the others and is counted in the parameter {@code neverOutOfBag}.
 */
public final class DataOob implements Budgeted {
  /** The per-learner score of a row's label. */
  public enum Score {
    CORRECTNESS, NEG_LOG_LOSS
  }

  private final int learners;
  private final Score score;
  private final LogisticRegression regression;
  private final ModelSpec model;
  private final ProbabilisticLearner learner;
  private final FitBudget budget;

  private DataOob(int learners, Score score, LogisticRegression regression, ModelSpec model,
      ProbabilisticLearner learner, FitBudget budget) {
    if (learners < 1) {
      throw new IllegalArgumentException("learners must be >= 1, got " + learners);
    }
    this.learners = learners;
    this.score = score;
    this.regression = regression;
    this.model = model;
    this.learner = learner;
    this.budget = budget;
  }

  /** 100 bootstrapped Java logistic regressions, correctness score, the default {@link FitBudget}. */
  public static DataOob defaults() {
    return new DataOob(100, Score.CORRECTNESS, LogisticRegression.defaults(), null, null, FitBudget.defaults());
  }

  /** Number B of bootstrap learners. */
  public DataOob learners(int b) {
    return new DataOob(b, score, regression, model, learner, budget);
  }

  public DataOob score(Score s) {
    return new DataOob(learners, s, regression, model, learner, budget);
  }

  public DataOob regression(LogisticRegression r) {
    return new DataOob(learners, score, r, null, null, budget);
  }

  /** Bootstrap learners are this CTR model, trained as the context's task says (slow). */
  public DataOob model(ModelSpec m) {
    return new DataOob(learners, score, regression, m, null, budget);
  }

  public DataOob learner(ProbabilisticLearner l) {
    return new DataOob(learners, score, regression, null, l, budget);
  }

  /** The most bootstrap learners (model fits) {@link #estimate} agrees to (default 1,000,000). */
  public DataOob maxFits(long v) {
    return within(budget.withMaxFits(v));
  }

  /**
   * The most seconds of fitting {@link #estimate} agrees to, extrapolated from the first bootstrap learner's
   * fit times the number of learners (default 3,600).
   */
  public DataOob maxSeconds(double v) {
    return within(budget.withMaxSeconds(v));
  }

  @Override
  public DataOob within(FitBudget b) {
    return new DataOob(learners, score, regression, model, learner, b);
  }

  @Override
  public FitBudget budget() {
    return budget;
  }

  @Override
  public String name() {
    return "data-oob";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("learners", learners);
    p.put("score", score.name().toLowerCase());
    p.put("learner", Learners.describe(learner, model, regression));
    p.put("maxFits", budget.maxFits());
    p.put("maxSeconds", budget.maxSeconds());
    return p;
  }

  /** Fits one bootstrap learner and returns P(y = 1) for the out-of-bag rows. */
  @FunctionalInterface
  public interface BootstrapFit {
    double[] predictOutOfBag(int[] bootstrap, int[] outOfBag);
  }

  /** Per-row values and how many rows were never out of bag. */
  public record Result(double[] values, int[] outOfBagCounts, int neverOutOfBag) {}

  /** {@code b} seeded bootstrap samples of {@code n} rows (n draws with replacement each). */
  public static int[][] bootstraps(int n, int b, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[][] out = new int[b][n];
    for (int k = 0; k < b; k++) {
      for (int i = 0; i < n; i++) {
        out[k][i] = r.nextInt(n);
      }
    }
    return out;
  }

  /** The rows not drawn in {@code bootstrap}, ascending. */
  public static int[] outOfBag(int n, int[] bootstrap) {
    boolean[] in = new boolean[n];
    for (int i : bootstrap) {
      in[i] = true;
    }
    int c = 0;
    for (boolean v : in) {
      c += v ? 0 : 1;
    }
    int[] oob = new int[c];
    c = 0;
    for (int i = 0; i < n; i++) {
      if (!in[i]) {
        oob[c++] = i;
      }
    }
    return oob;
  }

  /** Data-OOB values of rows with {@code labels}, given the bootstrap samples and a learner. */
  public static Result values(float[] labels, int[][] bootstraps, BootstrapFit fit, Score score,
      Progress progress) {
    int n = labels.length;
    double[] sum = new double[n];
    int[] count = new int[n];
    for (int b = 0; b < bootstraps.length; b++) {
      progress.checkCancelled();
      int[] oob = outOfBag(n, bootstraps[b]);
      if (oob.length == 0) {
        continue;
      }
      double[] p = fit.predictOutOfBag(bootstraps[b], oob);
      for (int k = 0; k < oob.length; k++) {
        int i = oob[k];
        sum[i] += score(labels[i], p[k], score);
        count[i]++;
      }
      progress.update("data-oob", b + 1, bootstraps.length, "bootstrap learners");
    }
    double[] v = new double[n];
    double total = 0;
    int seen = 0;
    for (int i = 0; i < n; i++) {
      if (count[i] > 0) {
        v[i] = sum[i] / count[i];
        total += v[i];
        seen++;
      }
    }
    int never = n - seen;
    if (never > 0) {
      double mean = seen == 0 ? 0 : total / seen;
      for (int i = 0; i < n; i++) {
        if (count[i] == 0) {
          v[i] = mean;
        }
      }
    }
    return new Result(v, count, never);
  }

  /**
   * The bootstrap learner of {@code learner} on {@code train}: the Java LR predicts the out-of-bag rows in place
   * (warm-started from the previous learner's fit); other learners predict on a copy of those rows.
   */
  public static BootstrapFit bootstrapFit(ProbabilisticLearner learner, EncodedData train) {
    if (learner instanceof LogisticLearner ll) {
      return (boot, oob) -> ll.fit(train, boot).predict(train, oob);
    }
    return (boot, oob) -> learner.fitPredict(train, boot, train.subset(oob));
  }

  /**
   * The score of label {@code y} under a learner's P(y = 1) = {@code p}: correctness (1/2 at p = 0.5) or the
   * log-likelihood (p clipped to [1e-7, 1 - 1e-7]).
   */
  public static double score(float y, double p, Score s) {
    if (s == Score.CORRECTNESS) {
      return p == 0.5 ? 0.5 : (p > 0.5) == (y > 0.5f) ? 1 : 0;
    }
    double q = Math.min(1 - 1e-7, Math.max(1e-7, p));
    return y > 0.5f ? Math.log(q) : Math.log(1 - q);
  }

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    CostMeter meter = new CostMeter();
    FeatureEncoder encoder = FeatureEncoder.fit(train);
    EncodedData tr = encoder.encode(train);
    Learners.refuseWarmStart("dataOob()", learner);
    ProbabilisticLearner l = Learners.choose(Learners.bound(learner, context, encoder, tr), model, regression,
        context, encoder);
    String cheaper = "fewer learners with dataOob().learners(...)";
    budget.checkFits(name(), learners, String.format("%,d bootstrap learners", learners), "dataOob().maxFits(%d)",
        cheaper);
    int[][] boots = bootstraps(tr.rows(), learners, context.seed());
    BootstrapFit fit = bootstrapFit(l, tr);
    Result r = values(tr.labels(), boots, (boot, oob) -> {
      meter.training();
      meter.evaluations(oob.length);
      double[][] out = new double[1][];
      if (meter.trainings() == 1) { // the first learner is timed; refuse if the extrapolation is over budget
        budget.timeAndCheck(name(), learners, tr.rows(), () -> {
          out[0] = fit.predictOutOfBag(boot, oob);
          return out[0].length;
        }, context.progress(), "dataOob().maxSeconds(%d)", cheaper);
      } else {
        out[0] = fit.predictOutOfBag(boot, oob);
      }
      double[] p = out[0];
      meter.sample();
      return p;
    }, score, context.progress());
    Map<String, Object> params = parameters();
    params.put("neverOutOfBag", r.neverOutOfBag());
    params.put("meanOutOfBagCount", Arrays.stream(r.outOfBagCounts()).average().orElse(0));
    return new Importance(name(), params, train.rowIds(), r.values(), Importance.Cost.of(meter));
  }
}
