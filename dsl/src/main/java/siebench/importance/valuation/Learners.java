package siebench.importance.valuation;

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

  static String describe(ProbabilisticLearner explicit, ModelSpec model, LogisticRegression lr) {
    return explicit != null ? explicit.name() : model != null ? "ctr:" + model.name() : new LogisticLearner(lr).name();
  }
}
