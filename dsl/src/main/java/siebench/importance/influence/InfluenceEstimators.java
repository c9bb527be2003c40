package siebench.importance.influence;

/**
 * Static factories for the gradient-based influence estimators, meant for static import:
 *
 * <pre>{@code
 * Importance t = tracIn().allParameters().estimate(train, context.validation(valid));
 * Importance i = influence().l2(1e-2).estimate(train, context.validation(valid));
 * }</pre>
 */
public final class InfluenceEstimators {
  private InfluenceEstimators() {}

  /** TracInCP (Pruthi et al. 2020): last-layer gradients, validation-averaged, a checkpoint per epoch. */
  public static TracIn tracIn() {
    return TracIn.defaults();
  }

  /** Influence functions (Koh and Liang 2017) on logistic regression or a deep model's last layer. */
  public static InfluenceFunctions influence() {
    return InfluenceFunctions.defaults();
  }
}
