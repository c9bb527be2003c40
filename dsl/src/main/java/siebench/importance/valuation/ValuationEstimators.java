package siebench.importance.valuation;

/**
 * DSL factories of the data-valuation estimators. Each returns an immutable estimator with defaults; its
 * setters return configured copies, e.g. {@code knnShapley().k(5).onEmbeddings()}. Unless an estimator says
 * otherwise, higher = more valuable.
 */
public final class ValuationEstimators {
  private ValuationEstimators() {}

  /** Exact KNN-Shapley (Jia et al. 2019). */
  public static KnnShapley knnShapley() {
    return KnnShapley.defaults();
  }

  /** Truncated Monte Carlo Data Shapley (Ghorbani and Zou 2019). */
  public static TmcShapley tmcShapley() {
    return TmcShapley.defaults();
  }

  /** Data Banzhaf with the maximum-sample-reuse estimator (Wang and Jia 2023). */
  public static DataBanzhaf banzhaf() {
    return DataBanzhaf.defaults();
  }

  /** Data-OOB (Kwon and Zou 2023). */
  public static DataOob dataOob() {
    return DataOob.defaults();
  }

  /** Confident learning (Northcutt, Jiang and Chuang 2021). */
  public static ConfidentLearning confidentLearning() {
    return ConfidentLearning.defaults();
  }

  /** Leave-one-out by exact retraining. */
  public static LeaveOneOut leaveOneOut() {
    return LeaveOneOut.defaults();
  }

  /** Cross-validated residual importance. */
  public static CrossValidatedResidual crossValidatedResidual() {
    return CrossValidatedResidual.defaults();
  }

  /** Inverse class-frequency weights, mean 1. */
  public static ClassBalance classBalance() {
    return new ClassBalance();
  }

  /** Seeded uniform random scores. */
  public static RandomBaseline random() {
    return new RandomBaseline();
  }
}
