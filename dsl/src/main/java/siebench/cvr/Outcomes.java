package siebench.cvr;

import ai.djl.ndarray.NDArray;

/**
 * What the log says about a batch of impressions: the click {@code o}, the conversion {@code r} (0 wherever
 * {@code o = 0}) and, where the logging system knows it (simulation, randomized traffic), the true click
 * propensity {@code P(o = 1 | x)} (else null). All {@code float32 [B]}. The notation is Zhang et al. 2020
 * ("Large-scale Causal Approaches to Debiasing Post-click Conversion Rate Estimation with Multi-task Learning",
 * WWW).
 */
public record Outcomes(NDArray click, NDArray purchase, NDArray propensity) {
  /** Clicks and conversions without known propensities. */
  public Outcomes(NDArray click, NDArray purchase) {
    this(click, purchase, null);
  }
}
