package siebench.cvr;

import ai.djl.ndarray.NDArray;

/**
 * Multi-IPS (Zhang et al. 2020, "Large-scale Causal Approaches to Debiasing Post-click Conversion Rate
 * Estimation with Multi-task Learning", WWW): the CVR error of clicked impressions weighted by the inverse of
 * the click propensity, averaged over all impressions, {@code (1/|D|) sum_D o_i e_i / o_hat_i}, with {@code
 * o_hat = pCTR} from the CTR tower (no gradient through the weight), floored at {@code clip}. With the true
 * propensities its expectation over the click draw is the entire-space CVR loss {@code (1/|D|) sum_D e_i}.
 * Plus the CTR loss over all impressions.
 *
 * @param clip the propensity floor in (0, 1]: weights are at most {@code 1 / clip}
 * @param propensities pCTR of the CTR tower (the paper) or the true click probabilities (simulation only)
 */
public record MultiIps(double clip, PropensitySource propensities) implements CvrObjective {
  /** The default propensity floor. */
  public static final double DEFAULT_CLIP = 0.05;

  public MultiIps {
    if (!(clip > 0 && clip <= 1)) {
      throw new IllegalArgumentException("propensity clip must lie in (0, 1], got " + clip);
    }
    if (propensities == null) {
      throw new IllegalArgumentException("propensities must not be null");
    }
  }

  /** The same objective with the true click probabilities as propensities (a simulation-only diagnostic). */
  public MultiIps knownPropensities() {
    return new MultiIps(clip, PropensitySource.KNOWN);
  }

  @Override
  public boolean needsKnownPropensities() {
    return propensities == PropensitySource.KNOWN;
  }

  @Override
  public String name() {
    return "ips" + propensities.suffix();
  }

  @Override
  public NDArray loss(Heads h, Outcomes y) {
    NDArray click = y.click();
    NDArray purchase = y.purchase();
    NDArray ctr = CvrLosses.crossEntropy(h.ctr(), click).mean();
    NDArray weight = click.div(propensities.of(h, y, clip));
    NDArray cvr = CvrLosses.crossEntropy(h.cvr(), purchase).mul(weight).mean();
    return ctr.add(cvr);
  }
}
