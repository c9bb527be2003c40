package siebench.importance.correction;

/**
 * The direct method (DM): {@code V = (1/n) sum_i sum_a pi_e(a|x_i) q_hat(x_i, a)}, the reward model's value of
 * the target policy averaged over the logged contexts (Beygelzimer &amp; Langford 2009, "The Offset Tree for
 * Learning with Partial Labels", KDD; as defined in Dudík, Langford &amp; Li 2011, "Doubly Robust Policy
 * Evaluation and Learning", ICML, and obp's {@code DirectMethod}). Low variance, biased as much as the model
 * is wrong.
 */
record DirectMethod() implements OffPolicyEstimator {
  @Override
  public String name() {
    return "dm";
  }

  @Override
  public boolean needsEstimatedRewards() {
    return true;
  }

  @Override
  public double value(BanditFeedback data, int[] rows) {
    return data.meanModelValue(rows);
  }
}
