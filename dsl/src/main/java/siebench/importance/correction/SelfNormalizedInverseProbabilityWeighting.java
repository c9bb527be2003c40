package siebench.importance.correction;

/**
 * Self-normalized inverse probability weighting (SNIPS): {@code V = sum_i w_i r_i / sum_i w_i} (Swaminathan
 * &amp; Joachims 2015, "The Self-Normalized Estimator for Counterfactual Learning", NeurIPS; obp's {@code
 * SelfNormalizedInverseProbabilityWeighting}). Biased but consistent, and bounded by the rewards. The
 * arithmetic is {@link ImportanceSampling#selfNormalizedMean}.
 */
record SelfNormalizedInverseProbabilityWeighting() implements OffPolicyEstimator {
  @Override
  public String name() {
    return "snips";
  }

  @Override
  public boolean needsEstimatedRewards() {
    return false;
  }

  @Override
  public double value(BanditFeedback data, int[] rows) {
    double[] w = data.weights(rows);
    return OffPolicy.sum(w) > 0 ? ImportanceSampling.selfNormalizedMean(data.rewards(rows), w) : Double.NaN;
  }
}
