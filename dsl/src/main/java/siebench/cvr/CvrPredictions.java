package siebench.cvr;

/**
 * The predictions of a {@link CvrModel} for every impression: {@code pCTR}, {@code pCVR = P(purchase | click,
 * x)} and {@code pCTCVR = pCTR * pCVR} (Ma et al. 2018, "Entire Space Multi-Task Model", SIGIR).
 */
public record CvrPredictions(double[] ctr, double[] cvr, double[] ctcvr) {
  public CvrPredictions {
    if (cvr.length != ctr.length || ctcvr.length != ctr.length) {
      throw new IllegalArgumentException("prediction arrays differ in length");
    }
  }

  /** Number of impressions. */
  public int size() {
    return ctr.length;
  }
}
