package siebench.importance.valuation;

import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.model.ModelSpec;

/** Picks the learner of an estimator: an explicit one, a CTR model spec run with the context's task, or the Java LR. */
final class Learners {
  private Learners() {}

  static ProbabilisticLearner choose(ProbabilisticLearner explicit, ModelSpec model, LogisticRegression lr,
      EstimationContext context, FeatureEncoder encoder) {
    if (explicit != null) {
      return explicit;
    }
    if (model != null) {
      // the context's progress, so that cancelling the estimate also stops a training run in progress
      return new CtrTaskLearner(context.task().model(model).progress(context.progress()), encoder);
    }
    return new LogisticLearner(lr);
  }

  /**
   * The learner of a semivalue estimator (TMC-Shapley, Banzhaf): the explicit one or the Java LR; only the Java
   * LR may run on several threads, so other learners with {@code threads > 1} are refused, naming {@code call}.
   */
  static ProbabilisticLearner forSemivalue(String call, ProbabilisticLearner explicit, LogisticRegression lr,
      int threads) {
    ProbabilisticLearner l = explicit != null ? explicit : new LogisticLearner(lr);
    if (threads > 1 && !(l instanceof LogisticLearner)) {
      throw new IllegalArgumentException(call + ".threads(" + threads + ") needs the Java logistic regression;"
          + " learner " + l.name() + " is not run concurrently: use threads(1)");
    }
    return l;
  }

  /**
   * {@code l} bound to the estimation: a {@link TaskLearner} becomes the context task's model (seeded with the
   * context's seed, reporting to its progress), fitted with {@code encoder}, warm-started from a model trained on
   * {@code rows} when it asks for that; any other learner (or null) is returned as it is.
   */
  static ProbabilisticLearner bound(ProbabilisticLearner l, EstimationContext context, FeatureEncoder encoder,
      EncodedData rows) {
    if (l instanceof TaskLearner t) {
      return t.bind(context.task().seed(context.seed()).progress(context.progress()), encoder, rows);
    }
    return l;
  }

  /** Refuses a warm-started {@link TaskLearner} for an out-of-sample estimator {@code call} (see there). */
  static void refuseWarmStart(String call, ProbabilisticLearner l) {
    if (l instanceof TaskLearner t && t.isWarmStarted()) {
      throw new IllegalArgumentException(call + " predicts rows out of sample; a learner warm-started from a model "
          + "trained on all rows has seen them. Use TaskLearner.cold() (the CTR model trained afresh per fit) or "
          + "the default Java logistic regression");
    }
  }

  static String describe(ProbabilisticLearner explicit, ModelSpec model, LogisticRegression lr) {
    return explicit != null ? explicit.name() : model != null ? "ctr:" + model.name() : new LogisticLearner(lr).name();
  }
}
