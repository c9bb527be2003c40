package siebench.mnar;

import siebench.data.RatingData;
import siebench.data.Samples;

/**
 * Estimates the observation propensities {@code P(O_ui = 1)} of the observed training ratings of MNAR data, the
 * quantities that the IPS, SNIPS and doubly robust objectives divide by (Schnabel, Swaminathan, Singh, Chandak
 * &amp; Joachims 2016, "Recommendations as Treatments: Debiasing Learning and Evaluation", ICML, Sec. 4). See
 * {@link PropensityEstimators} for the implementations.
 */
public interface PropensityEstimator {
  /** Short name for tables: true, naive-bayes, logistic. */
  String name();

  /**
   * The propensity of every row of {@code data.train()}, in row order, each in (0, 1]. {@code marSample} is a
   * small sample of missing-at-random ratings (rows of the MAR test layout) for the estimators that need one;
   * it must not be the set the model is evaluated on.
   */
  double[] estimate(RatingData data, Samples marSample);
}
