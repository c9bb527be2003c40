package siebench.importance.correction;

/**
 * The self-normalized doubly robust estimator (SNDR): {@code V = (1/n) sum_i q_hat(x_i, pi_e) + sum_i w_i (r_i
 * - q_hat(x_i, a_i)) / sum_i w_i}, i.e. DR with the residual term divided by the mean weight (obp's {@code
 * SelfNormalizedDoublyRobust}, after Kallus &amp; Uehara 2019, "Intrinsically Efficient, Stable, and Bounded
 * Off-Policy Evaluation for Reinforcement Learning", NeurIPS; Dudík, Langford &amp; Li 2011, ICML, for DR).
 * Consistent, not unbiased; with {@code q_hat = 0} it is SNIPS.
 */
record SelfNormalizedDoublyRobust() implements OffPolicyEstimator {
  @Override
  public String name() {
    return "sndr";
  }

  @Override
  public boolean needsEstimatedRewards() {
    return true;
  }

  @Override
  public double value(BanditFeedback data, int[] rows) {
    double[] w = data.weights(rows);
    double dm = data.meanModelValue(rows);
    return OffPolicy.sum(w) > 0 ? dm + ImportanceSampling.selfNormalizedMean(data.residuals(rows), w) : Double.NaN;
  }
}
