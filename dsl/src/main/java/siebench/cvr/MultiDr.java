package siebench.cvr;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Multi-DR (Zhang et al. 2020, "Large-scale Causal Approaches to Debiasing Post-click Conversion Rate
 * Estimation with Multi-task Learning", WWW): the doubly robust CVR loss over all impressions,
 * {@code (1/|D|) sum_D [e_hat_i + o_i (e_i - e_hat_i) / o_hat_i]}, with an imputation tower (sharing the
 * embeddings) that supplies the imputed error {@code e_hat}, trained jointly by {@code (1/|D|) sum_D o_i (e_i -
 * e_hat_i)^2 / o_hat_i} (the DR joint learning of Wang et al. 2019). It is unbiased when either the
 * propensities or the imputed errors are exact.
 *
 * <p>The imputation tower predicts a conversion probability {@code r_tilde} and the imputed error is {@code
 * e_hat = CE(r_tilde, pCVR)}, so that {@code e_hat} depends on the CVR tower and the unclicked impressions give it
 * a gradient (with an error predicted directly, as a constant, the gradient of the DR loss with respect to the
 * CVR tower would be the IPS gradient). In the DR term {@code r_tilde} is a constant; in the imputation loss
 * {@code pCVR} and {@code e} are constants, so each tower descends its own loss. {@code o_hat = pCTR} (no
 * gradient), floored at {@code clip}. Plus the CTR loss over all impressions.
 *
 * @param clip the propensity floor in (0, 1]
 * @param propensities pCTR of the CTR tower (the paper) or the true click probabilities (simulation only)
 */
public record MultiDr(double clip, PropensitySource propensities) implements CvrObjective {
  public MultiDr {
    if (!(clip > 0 && clip <= 1)) {
      throw new IllegalArgumentException("propensity clip must lie in (0, 1], got " + clip);
    }
    if (propensities == null) {
      throw new IllegalArgumentException("propensities must not be null");
    }
  }

  /** The same objective with the true click probabilities as propensities (a simulation-only diagnostic). */
  public MultiDr knownPropensities() {
    return new MultiDr(clip, PropensitySource.KNOWN);
  }

  @Override
  public boolean needsKnownPropensities() {
    return propensities == PropensitySource.KNOWN;
  }

  @Override
  public String name() {
    return "dr" + propensities.suffix();
  }

  @Override
  public boolean needsImputation() {
    return true;
  }

  @Override
  public NDArray loss(Heads h, Outcomes y) {
    NDArray click = y.click();
    NDArray purchase = y.purchase();
    if (h.imputation() == null) {
      throw new IllegalArgumentException("Multi-DR needs the imputation tower's logits");
    }
    NDArray ctr = CvrLosses.crossEntropy(h.ctr(), click).mean();
    NDArray weight = click.div(propensities.of(h, y, clip));
    NDArray imputed = Activation.sigmoid(h.imputation());
    NDArray e = CvrLosses.crossEntropy(h.cvr(), purchase);
    NDArray eHat = CvrLosses.crossEntropy(h.cvr(), imputed.stopGradient());
    NDArray dr = eHat.add(e.sub(eHat).mul(weight)).mean();
    NDArray eHatForImputation = CvrLosses.crossEntropy(h.cvr().stopGradient(), imputed);
    NDArray imputation = e.stopGradient().sub(eHatForImputation).square().mul(weight).mean();
    return ctr.add(dr).add(imputation);
  }
}
