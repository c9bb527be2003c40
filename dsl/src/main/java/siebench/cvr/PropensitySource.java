package siebench.cvr;

import ai.djl.ndarray.NDArray;

/**
 * Where the inverse-propensity objectives (Multi-IPS and Multi-DR, Zhang et al. 2020, WWW) take the click
 * propensity {@code o_hat} from: the CTR tower's pCTR, as in the paper, or the true click probabilities of the
 * log, which only simulation knows (a diagnostic that separates the estimator from the propensity model).
 * Either way the propensity is a constant for the gradient and floored at the clip.
 */
public enum PropensitySource {
  /** {@code o_hat = pCTR} of the CTR tower. */
  ESTIMATED,
  /** {@code o_hat} = the true click probability given with the {@link Outcomes}. */
  KNOWN;

  /** The clipped propensities of a batch. */
  NDArray of(Heads h, Outcomes y, double clip) {
    if (this == ESTIMATED) {
      return CvrLosses.propensity(h.ctr(), clip);
    }
    if (y.propensity() == null) {
      throw new IllegalArgumentException("known propensities were asked for but the data has none; they exist "
          + "only for simulated data (ConversionData.withPropensities)");
    }
    return y.propensity().stopGradient().clip((float) clip, 1f);
  }

  /** Suffix of the objective's name: "" or "-true". */
  String suffix() {
    return this == ESTIMATED ? "" : "-true";
  }

}
