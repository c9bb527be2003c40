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
 */
public record MultiIps(double clip) implements CvrObjective {
  /** The default propensity floor. */
  public static final double DEFAULT_CLIP = 0.05;

  public MultiIps {
    if (!(clip > 0 && clip <= 1)) {
      throw new IllegalArgumentException("propensity clip must lie in (0, 1], got " + clip);
    }
  }

  @Override
  public String name() {
    return "ips";
  }

  @Override
  public NDArray loss(Heads h, NDArray click, NDArray purchase) {
    NDArray ctr = CvrLosses.crossEntropy(h.ctr(), click).mean();
    NDArray weight = click.div(CvrLosses.propensity(h.ctr(), clip));
    NDArray cvr = CvrLosses.crossEntropy(h.cvr(), purchase).mul(weight).mean();
    return ctr.add(cvr);
  }
}
