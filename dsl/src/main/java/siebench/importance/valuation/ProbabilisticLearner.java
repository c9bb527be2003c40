package siebench.importance.valuation;

import siebench.features.EncodedData;

/**
 * A model that the valuation estimators retrain many times: fit on some rows of a training design (repeats
 * allowed, as in a bootstrap sample) and predict click probabilities on other rows. Implementations: {@link
 * LogisticLearner} (the Java {@link LogisticRegression}, fast, the default) and {@link CtrTaskLearner} (the
 * project's DJL CTR models, trained as a {@code CtrTask} says).
 */
public interface ProbabilisticLearner {
  /** Short name for reports, e.g. {@code java-lr(l2=1.0)} or {@code ctr:deepfm}. */
  String name();

  /**
   * Fits on {@code rows} of {@code train} and returns P(y = 1) for every row of {@code predictOn}. An empty
   * {@code rows} means "no training data": the prediction is the uninformed 0.5 for every row.
   */
  double[] fitPredict(EncodedData train, int[] rows, EncodedData predictOn);
}
