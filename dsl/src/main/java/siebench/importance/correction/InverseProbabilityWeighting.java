package siebench.importance.correction;

/**
 * Inverse probability weighting (IPS / IPW): {@code V = (1/n) sum_i w_i r_i} with {@code w_i = pi_e(a_i|x_i) /
 * pi_b(a_i|x_i)} (Horvitz &amp; Thompson 1952; Strehl, Langford, Li &amp; Kakade 2010, "Learning from Logged
 * Implicit Exploration Data", NeurIPS; obp's {@code InverseProbabilityWeighting}). Unbiased when the logging
 * policy covers the target's support. The arithmetic is {@link ImportanceSampling#ordinaryMean}.
 */
record InverseProbabilityWeighting() implements OffPolicyEstimator {
  @Override
  public String name() {
    return "ips";
  }

  @Override
  public boolean needsEstimatedRewards() {
    return false;
  }

  @Override
  public double value(BanditFeedback data, int[] rows) {
    return ImportanceSampling.ordinaryMean(data.rewards(rows), data.weights(rows));
  }
}
