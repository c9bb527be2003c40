package siebench.cvr;

import ai.djl.ndarray.NDArray;

/**
 * The naive conversion objective, the baseline that ESMM (Ma et al. 2018, SIGIR) and Multi-IPS / Multi-DR (Zhang
 * et al. 2020, WWW) correct: the CVR tower learns from clicked impressions only, {@code sum_i o_i e_i / sum_i
 * o_i}, which estimates {@code P(purchase | click, x)} on the click distribution and is biased on the entire
 * impression space (sample selection bias). Plus the CTR loss over all impressions.
 */
public record NaiveCvr() implements CvrObjective {
  @Override
  public String name() {
    return "naive";
  }

  @Override
  public NDArray loss(Heads h, Outcomes y) {
    NDArray click = y.click();
    NDArray purchase = y.purchase();
    NDArray ctr = CvrLosses.crossEntropy(h.ctr(), click).mean();
    NDArray cvr = CvrLosses.crossEntropy(h.cvr(), purchase).mul(click).sum().div(click.sum().maximum(1f));
    return ctr.add(cvr);
  }
}
