package siebench.importance.valuation;

import java.util.LinkedHashMap;
import java.util.Map;
import siebench.core.CostMeter;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.model.ModelSpec;

/**
 * Leave-one-out (LOO) value by exact retraining: {@code v_i = U(N) - U(N \ {i})}, the drop in validation
 * utility when row i is removed and the model retrained from scratch (Cook's classic deletion diagnostic;
 * the baseline of Koh and Liang 2017, "Understanding Black-box Predictions via Influence Functions", and of
 * Ghorbani and Zou 2019). One retraining per row, so it refuses above {@link #maxRows(int)} rows (default
 * 2,000) and names the cheaper alternatives.
 *
 * <p>The model is the Java {@link LogisticRegression} (each retraining warm-started at the full-data optimum;
 * the objective is strictly convex so this is the exact retrained optimum to the solver tolerance), a CTR model
 * via {@link #model(ModelSpec)} (retrained with the context task's seed), or any {@link ProbabilisticLearner}.
 * The utility is the validation {@link UtilityMetric}, by default the negative log-loss (accuracy and AUC rarely
 * change when one row goes, so most LOO values would be exactly 0). Validation rows from the context, else
 * two-fold cross-valuation ({@link CrossValuation}).
 *
 * <p><b>Stochastic learners.</b> With a CTR model trained by mini-batch SGD, removing one row changes the batch
 * composition of the whole run, so the difference {@code U(N) - U(N \ {i})} mixes the row's effect with training
 * noise of the same or larger size; LOO values of such models are only meaningful when training is run to
 * convergence. The Java LR has no such noise.
 *
 * <p><b>Sign:</b> higher = more valuable (removing the row hurts); negative = the model is better without it.
 */
public final class LeaveOneOut implements ImportanceEstimator {
  private final int maxRows;
  private final UtilityMetric metric;
  private final LogisticRegression regression;
  private final ModelSpec model;
  private final ProbabilisticLearner learner;

  private LeaveOneOut(int maxRows, UtilityMetric metric, LogisticRegression regression, ModelSpec model,
      ProbabilisticLearner learner) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be >= 1, got " + maxRows);
    }
    this.maxRows = maxRows;
    this.metric = metric;
    this.regression = regression;
    this.model = model;
    this.learner = learner;
  }

  /** At most 2,000 rows, negative validation log-loss, Java LR. */
  public static LeaveOneOut defaults() {
    return new LeaveOneOut(2000, UtilityMetric.NEG_LOG_LOSS, LogisticRegression.defaults(), null, null);
  }

  /** The largest training set it agrees to retrain once per row. */
  public LeaveOneOut maxRows(int v) {
    return new LeaveOneOut(v, metric, regression, model, learner);
  }

  public LeaveOneOut metric(UtilityMetric m) {
    return new LeaveOneOut(maxRows, m, regression, model, learner);
  }

  public LeaveOneOut regression(LogisticRegression r) {
    return new LeaveOneOut(maxRows, metric, r, null, null);
  }

  /** Retrain this CTR model (as the context's task says) instead of the Java LR. */
  public LeaveOneOut model(ModelSpec m) {
    return new LeaveOneOut(maxRows, metric, regression, m, null);
  }

  public LeaveOneOut learner(ProbabilisticLearner l) {
    return new LeaveOneOut(maxRows, metric, regression, null, l);
  }

  @Override
  public String name() {
    return "leave-one-out";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("maxRows", maxRows);
    p.put("metric", metric.name().toLowerCase());
    p.put("learner", Learners.describe(learner, model, regression));
    return p;
  }

  /** LOO values of the {@code n} points of a utility: {@code U(all) - U(all without i)}. */
  public static double[] values(int n, SubsetUtility u, siebench.core.Progress progress) {
    int[] all = CrossValuation.identity(n);
    double full = u.value(all);
    double[] v = new double[n];
    int[] rest = new int[n - 1];
    long every = Math.max(1, n / 20);
    for (int i = 0; i < n; i++) {
      progress.checkCancelled();
      for (int j = 0, c = 0; j < n; j++) {
        if (j != i) {
          rest[c++] = j;
        }
      }
      v[i] = full - u.value(rest);
      if ((i + 1) % every == 0) {
        progress.update("leave-one-out", i + 1, n, "retrainings");
      }
    }
    return v;
  }

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    if (train.size() > maxRows) {
      throw new IllegalArgumentException(String.format(
          "leave-one-out retrains the model once per row: %s has %,d rows, above the limit of %,d. Use a cheaper"
              + " estimator instead: influence() (influence functions, one training), knnShapley() (exact"
              + " closed form, no retraining) or dataOob() (one bagged ensemble); or raise the limit with"
              + " leaveOneOut().maxRows(%d) if %,d retrainings are affordable.",
          train.describe(), train.size(), maxRows, train.size(), train.size() + 1));
    }
    CostMeter meter = new CostMeter();
    CrossValuation.Rows data = CrossValuation.Rows.encode(train, context);
    ProbabilisticLearner l = Learners.choose(Learners.bound(learner, context, data.encoder(), data.train()), model,
        regression, context, data.encoder());
    Map<String, Object> params = data.describeInto(parameters());
    double[] values = data.run(context.seed(), (rows, t, v) -> {
      SubsetUtility u;
      if (l instanceof LogisticLearner ll) {
        // every retraining starts at the full-data optimum, one row away from its own
        LogisticRegression.Model full = ll.regression().fit(t, CrossValuation.identity(t.rows()), null);
        u = subset -> metric.score(v.labels(), subset.length == t.rows() ? full.predict(v)
            : ll.regression().fit(t, subset, full.theta()).predict(v));
      } else {
        u = new LearnerUtility(l, t, v, metric);
      }
      double[] r = values(t.rows(), u, context.progress());
      meter.trainings(t.rows() + 1);
      meter.evaluations(t.rows() + 1L);
      meter.sample();
      return r;
    });
    return new Importance(name(), params, train.rowIds(), values, Importance.Cost.of(meter));
  }
}
