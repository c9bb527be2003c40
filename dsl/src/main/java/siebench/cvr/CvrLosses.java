package siebench.cvr;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import siebench.train.Losses;

/**
 * The per-impression loss terms of the conversion objectives, on logits, as fused native ops. Notation of
 * Zhang et al. 2020 ("Large-scale Causal Approaches to Debiasing Post-click Conversion Rate Estimation with
 * Multi-task Learning", WWW): {@code o} the click indicator, {@code r} the conversion, {@code e = CE(r, r_hat)}
 * the CVR prediction error, {@code o_hat} the estimated click propensity, {@code e_hat} the imputed error.
 */
final class CvrLosses {
  private CvrLosses() {}

  /** Per-row cross-entropy of logits {@code z} against labels (or soft labels in [0, 1]) {@code y}. */
  public static NDArray crossEntropy(NDArray z, NDArray y) {
    return Losses.bce(z, y);
  }

  /**
   * Per-row cross-entropy of {@code pCTCVR = sigmoid(zCtr) * sigmoid(zCvr)} against {@code y} (ESMM, Ma et al.
   * 2018): {@code -y log p - (1 - y) log(1 - p)}, with {@code log p = -softplus(-zCtr) - softplus(-zCvr)} exact
   * and {@code 1 - p} floored at 1e-7.
   */
  public static NDArray ctcvrCrossEntropy(NDArray zCtr, NDArray zCvr, NDArray y) {
    NDArray logP = Activation.softPlus(zCtr.neg()).add(Activation.softPlus(zCvr.neg())).neg();
    NDArray log1mP = logP.exp().neg().add(1f).clip(1e-7f, 1f).log();
    return logP.mul(y).add(log1mP.mul(y.neg().add(1f))).neg();
  }

  /**
   * The click propensity {@code o_hat = sigmoid(zCtr)} as a constant (no gradient), floored at {@code clip} so
   * that inverse-propensity weights stay at most {@code 1 / clip}.
   */
  public static NDArray propensity(NDArray zCtr, double clip) {
    return Activation.sigmoid(zCtr.stopGradient()).clip((float) clip, 1f);
  }
}
