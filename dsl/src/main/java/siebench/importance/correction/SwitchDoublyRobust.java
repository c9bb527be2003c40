package siebench.importance.correction;

/**
 * Switch doubly robust (Switch-DR; Wang, Agarwal &amp; Dudík 2017, "Optimal and Adaptive Off-policy Evaluation
 * in Contextual Bandits", ICML, section 4.1; obp's {@code SwitchDoublyRobust}): {@code V = (1/n) sum_i
 * [q_hat(x_i, pi_e) + 1{w_i <= tau} w_i (r_i - q_hat(x_i, a_i))]}. Rows whose importance weight exceeds
 * {@code tau} keep only the model's value, which bounds the variance at the price of the model's bias there.
 * {@code tau = infinity} is {@link DoublyRobust}; {@code tau = 0} is the {@link DirectMethod} (for positive
 * weights).
 *
 * @param tau the importance-weight threshold, {@code >= 0} (may be {@code Double.POSITIVE_INFINITY})
 */
record SwitchDoublyRobust(double tau) implements OffPolicyEstimator {
  public SwitchDoublyRobust {
    if (!(tau >= 0)) {
      throw new IllegalArgumentException("Switch-DR threshold tau must be >= 0, got " + tau);
    }
  }

  /** The same estimator with threshold {@code t}. */
  public SwitchDoublyRobust tau(double t) {
    return new SwitchDoublyRobust(t);
  }

  @Override
  public String name() {
    return "switch-dr(tau=" + (Double.isInfinite(tau) ? "inf"
        : java.math.BigDecimal.valueOf(tau).stripTrailingZeros().toPlainString()) + ")";
  }

  @Override
  public boolean needsEstimatedRewards() {
    return true;
  }

  @Override
  public double value(BanditFeedback data, int[] rows) {
    double[] w = data.weights(rows);
    for (int k = 0; k < w.length; k++) {
      w[k] = w[k] <= tau ? w[k] : 0;
    }
    return data.meanModelValue(rows) + ImportanceSampling.ordinaryMean(data.residuals(rows), w);
  }
}
