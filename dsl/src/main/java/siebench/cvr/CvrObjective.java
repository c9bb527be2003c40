package siebench.cvr;

import ai.djl.ndarray.NDArray;

/**
 * How the {@link MultiTaskNetwork} is trained to estimate the post-click conversion rate: a batch loss from the
 * towers' logits, the clicks {@code o} and the conversions {@code r} (0 for every non-clicked impression) of
 * all impressions of the batch. Obtain one from {@link CvrObjectives}: naive (clicked rows only), ESMM (Ma et
 * al. 2018, SIGIR), Multi-IPS and Multi-DR (Zhang et al. 2020, WWW). Every objective also trains the CTR tower
 * with the cross-entropy of clicks over all impressions, so they differ only in how the CVR tower learns.
 */
public interface CvrObjective {
  /** Short name: naive, esmm, ips, dr. */
  String name();

  /** True when the objective needs the Multi-DR imputation tower. */
  default boolean needsImputation() {
    return false;
  }

  /** True when the objective needs the true click propensities of the impressions (a diagnostic). */
  default boolean needsKnownPropensities() {
    return false;
  }

  /** The scalar loss of a batch of {@code B} impressions. */
  NDArray loss(Heads heads, Outcomes outcomes);

  /** The scalar loss of a batch with clicks and conversions ({@code float32 [B]}) and no known propensities. */
  default NDArray loss(Heads heads, NDArray click, NDArray purchase) {
    return loss(heads, new Outcomes(click, purchase));
  }
}
