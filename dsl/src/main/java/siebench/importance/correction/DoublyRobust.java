package siebench.importance.correction;

/**
 * The doubly robust estimator (DR): {@code V = (1/n) sum_i [q_hat(x_i, pi_e) + w_i (r_i - q_hat(x_i, a_i))]}
 * (Dudík, Langford &amp; Li 2011, "Doubly Robust Policy Evaluation and Learning", ICML; obp's {@code
 * DoublyRobust}): the direct method corrected by importance-weighted residuals. Unbiased when the
 * propensities are right (whatever the model), and of low variance when the model is good; with {@code
 * q_hat = 0} it is IPS.
 */
record DoublyRobust() implements OffPolicyEstimator {
  @Override
  public String name() {
    return "dr";
  }

  @Override
  public boolean needsEstimatedRewards() {
    return true;
  }

  @Override
  public double value(BanditFeedback data, int[] rows) {
    return data.meanModelValue(rows) + ImportanceSampling.ordinaryMean(data.residuals(rows), data.weights(rows));
  }
}
