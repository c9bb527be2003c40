package siebench.mnar;

/**
 * Estimators of a predictor's average loss over all user-item cells from the observed cells only, the
 * estimators of Schnabel, Swaminathan, Singh, Chandak &amp; Joachims 2016 ("Recommendations as Treatments:
 * Debiasing Learning and Evaluation", ICML, Sec. 3) and the doubly robust estimator of Wang, Zhang, Sun &amp; Qi
 * 2019 ("Doubly Robust Joint Learning for Recommendation on Data Missing Not at Random", ICML, Eq. 6). With
 * {@code O_ui} the observation indicator, {@code P_ui} its propensity, {@code delta_ui} the loss of the cell and
 * {@code N = users * items}:
 *
 * <ul>
 *   <li>naive: {@code sum_O delta / |O|}, biased whenever observation depends on the loss;
 *   <li>IPS: {@code sum_O delta / P / N}, unbiased when the propensities are right;
 *   <li>SNIPS: {@code sum_O delta / P / sum_O 1 / P}, the self-normalized (ratio) form, consistent, with lower
 *       variance;
 *   <li>DR: {@code (sum_all delta_hat + sum_O (delta - delta_hat) / P) / N}, unbiased when either the
 *       propensities or the imputed losses {@code delta_hat} are right.
 * </ul>
 *
 * <p>All arrays are over the observed cells, in the same order. The same formulas, applied to minibatches, are
 * the training objectives of {@link RatingTask}.
 */
final class PerformanceEstimators {
  private PerformanceEstimators() {}

  /** The naive estimator: the mean loss over the observed cells. */
  public static double naive(double[] observedLoss) {
    if (observedLoss.length == 0) {
      throw new IllegalArgumentException("no observed cell");
    }
    double s = 0;
    for (double d : observedLoss) {
      s += d;
    }
    return s / observedLoss.length;
  }

  /** The inverse-propensity-scoring estimator {@code sum_O delta / P / cells}. */
  public static double ips(double[] observedLoss, double[] propensities, long cells) {
    check(observedLoss, propensities);
    if (cells < observedLoss.length) {
      throw new IllegalArgumentException(cells + " cells cannot hold " + observedLoss.length + " observed ones");
    }
    double s = 0;
    for (int i = 0; i < observedLoss.length; i++) {
      s += observedLoss[i] / propensities[i];
    }
    return s / cells;
  }

  /** The self-normalized IPS estimator {@code sum_O delta / P / sum_O 1 / P}. */
  public static double snips(double[] observedLoss, double[] propensities) {
    check(observedLoss, propensities);
    double s = 0;
    double norm = 0;
    for (int i = 0; i < observedLoss.length; i++) {
      s += observedLoss[i] / propensities[i];
      norm += 1 / propensities[i];
    }
    return s / norm;
  }

  /**
   * The doubly robust estimator {@code (imputedTotal + sum_O (delta - delta_hat) / P) / cells}, where {@code
   * imputedTotal} is the sum of the imputed losses over all cells and {@code observedImputed} the imputed losses
   * of the observed cells.
   */
  public static double doublyRobust(double imputedTotal, double[] observedLoss, double[] observedImputed,
      double[] propensities, long cells) {
    check(observedLoss, propensities);
    if (observedImputed.length != observedLoss.length) {
      throw new IllegalArgumentException(observedImputed.length + " imputed losses for " + observedLoss.length
          + " observed cells");
    }
    double s = imputedTotal;
    for (int i = 0; i < observedLoss.length; i++) {
      s += (observedLoss[i] - observedImputed[i]) / propensities[i];
    }
    return s / cells;
  }

  private static void check(double[] loss, double[] propensities) {
    if (loss.length == 0) {
      throw new IllegalArgumentException("no observed cell");
    }
    if (propensities.length != loss.length) {
      throw new IllegalArgumentException(propensities.length + " propensities for " + loss.length + " observed cells");
    }
    for (int i = 0; i < propensities.length; i++) {
      if (!(propensities[i] > 0 && propensities[i] <= 1)) {
        throw new IllegalArgumentException("propensity " + i + " is " + propensities[i] + "; expected (0, 1]");
      }
    }
  }
}
