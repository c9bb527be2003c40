/**
 * The bottom layer: infrastructure every other package may use. <b>Rule: this package imports nothing from
 * {@code siebench}</b> (only the JDK), so it can never be part of an import cycle.
 *
 * <ul>
 *   <li>{@link siebench.core.Progress}: where long work reports progress and how it is cancelled.</li>
 *   <li>{@link siebench.core.CostMeter}: the one cost meter (wall time, peak heap, trainings, evaluations); the
 *       estimators turn it into {@code Importance.Cost} with {@code Importance.Cost.of(meter)}.</li>
 *   <li>{@link siebench.core.Numerics}: sigmoid, log-sigmoid, softplus, binary cross-entropy (from a logit and
 *       from a probability), dot products, log-sum-exp and softmax, numerically stable.</li>
 *   <li>{@link siebench.core.L2Logistic} with {@link siebench.core.LinearDesign}: the one L2-regularized
 *       logistic regression solver. It lives here, not in {@code model.linear}, because it needs only arrays
 *       and the row operations of {@code LinearDesign}; designs built from the feature table
 *       ({@code model.linear.EncodedDesign}) and from gradients ({@code importance.influence}) live above.</li>
 *   <li>{@link siebench.core.Interval}: the one interval type (a point estimate with lower and upper
 *       bounds).</li>
 * </ul>
 *
 * <h2>The regularisation convention, and how each caller maps onto it</h2>
 *
 * {@code L2Logistic} minimizes one objective,
 *
 * <pre>
 *   F(theta) = (1 / W) sum_k w_k bce(o_k + x_k . theta, t_k) + (lambda / 2) sum_{j != intercept} theta_j^2
 *              + (interceptLambda / 2) theta_intercept^2,
 * </pre>
 *
 * a weighted mean binary cross-entropy with soft targets, optional offsets and normalizer {@code W} (the total
 * weight of the fitted rows unless the problem fixes it). The three estimator-side classes are thin
 * configurations that translate their published conventions into it, so their minimizers (and the results
 * pinned by their tests and by the {@code SolverMergeTest}s against the frozen pre-merge solvers) do not change:
 *
 * <table>
 *   <caption>Caller conventions</caption>
 *   <tr><th>caller</th><th>its objective</th><th>passed to {@code L2Logistic}</th></tr>
 *   <tr><td>{@code importance.valuation.LogisticRegression} (data-valuation utilities)</td>
 *       <td>sum of losses: {@code sum_r w_r bce + (l2 / 2) ||beta||^2 + (biasL2 / 2) b^2}</td>
 *       <td>{@code lambda = l2 / W}, {@code interceptLambda = biasL2 / W}, {@code tolerance / W},
 *           {@code W} = total weight of the fitted rows (objective and gradient reported times {@code W})</td></tr>
 *   <tr><td>{@code importance.correction.LogisticRegression} (domain classifiers, reward regression,
 *       regression-EM, MNAR propensities)</td>
 *       <td>mean loss: {@code sum_i w_i bce / sum_i w_i + (lambda / 2) ||beta||^2}, intercept free</td>
 *       <td>unchanged: {@code lambda}, {@code interceptLambda = 0}</td></tr>
 *   <tr><td>{@code importance.influence.RegularizedLogistic} (influence functions, Koh and Liang 2017)</td>
 *       <td>mean loss with {@code W} fixed at the full training weight, so removing a row ({@code w_j = 0})
 *           does not rescale the penalty</td>
 *       <td>{@code lambda}, {@code interceptLambda = 0}, {@code Problem.normalizer(W)}</td></tr>
 * </table>
 */
package siebench.core;
