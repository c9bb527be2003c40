/**
 * Learning from explicit ratings missing not at random (MNAR), evaluated on missing-at-random (MAR) ratings.
 *
 * <p>Data: {@link siebench.data.RatingData} (observed ratings plus a MAR test set), read from the Coat / Yahoo! R3
 * layout by {@link siebench.data.io.RatingMatrices} or generated with ground truth by {@link
 * siebench.data.synthetic.MnarRatings}. This package holds what is specific to the MNAR setting, kept together
 * because each part is defined by the others (the objectives divide by the propensities, the experiment needs
 * both and the MAR split):
 *
 * <ul>
 *   <li>propensities ({@link siebench.mnar.PropensityEstimators}): known, naive Bayes from a MAR sample and
 *       logistic regression (Schnabel, Swaminathan, Singh, Chandak &amp; Joachims 2016, "Recommendations as
 *       Treatments: Debiasing Learning and Evaluation", ICML);
 *   <li>estimators of the full-information loss ({@link siebench.mnar.PerformanceEstimators}: naive, IPS, SNIPS,
 *       DR) and the matching training objectives ({@link siebench.mnar.RatingObjective}, including doubly robust joint
 *       learning, Wang, Zhang, Sun &amp; Qi 2019, ICML);
 *   <li>rating regression with biased matrix factorization over the shared embedding table ({@link
 *       siebench.mnar.RatingTask}, {@link siebench.model.MatrixFactorization}) and its MAR evaluation ({@link
 *       siebench.mnar.RatingEvaluation}: MSE, MAE, AUC of rating &gt;= 4, NDCG@k);
 *   <li>the benchmark over seeds ({@link siebench.mnar.MnarExperiment}, {@link siebench.mnar.MnarResult}), run by
 *       {@code siebench mnar}.
 * </ul>
 *
 * <p>Rating regression has its own small training loop rather than a mode of the CTR loop: the targets are
 * ratings, not 0/1 labels, the DR objective needs a second model and cells sampled from the whole matrix, and the
 * inputs are user-item cells rather than encoded feature rows.
 */
package siebench.mnar;
