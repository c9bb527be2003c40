package siebench.cvr;

import ai.djl.ndarray.NDArray;

/**
 * ESMM (Ma et al. 2018, "Entire Space Multi-Task Model: An Effective Approach for Estimating Post-Click
 * Conversion Rate", SIGIR): no loss on the CVR tower itself; the CTR loss and the CTCVR loss, both over all
 * impressions, with {@code pCTCVR = pCTR * pCVR} against {@code click * purchase}, so that the CVR tower is
 * trained over the entire impression space through the product.
 */
public record Esmm() implements CvrObjective {
  @Override
  public String name() {
    return "esmm";
  }

  @Override
  public NDArray loss(Heads h, Outcomes y) {
    NDArray click = y.click();
    NDArray purchase = y.purchase();
    NDArray ctr = CvrLosses.crossEntropy(h.ctr(), click).mean();
    NDArray ctcvr = CvrLosses.ctcvrCrossEntropy(h.ctr(), h.cvr(), click.mul(purchase)).mean();
    return ctr.add(ctcvr);
  }
}
