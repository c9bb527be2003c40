/**
 * Bias correction by importance weighting: per-row training weights that make a model trained on biased
 * logs estimate what it would learn under another distribution, and the matching stand-alone estimators.
 *
 * <ul>
 *   <li>Covariate shift: {@link siebench.importance.correction.DensityRatioEstimator} ({@code densityRatio()}),
 *       weights {@code p_target(x) / q_train(x)} from a train-vs-target logistic-regression classifier
 *       ({@link siebench.importance.correction.DensityRatio}, {@link siebench.importance.correction.LogisticRegression});
 *       {@link siebench.importance.correction.ImportanceSampling} for ordinary / self-normalized means, their
 *       variances, effective sample size and clipping.
 *   <li>Position bias: {@link siebench.importance.correction.PositionBiasIps} ({@code ips()}), absolute
 *       examination propensities per row, given or estimated by {@link
 *       siebench.importance.correction.PositionBiasEm} (regression-EM or per-pair EM) or by {@link
 *       siebench.importance.correction.ResultRandomization}, for training with the unbiased objectives of
 *       {@link siebench.train.Objective}.
 *   <li>Off-policy evaluation: {@link siebench.importance.correction.OffPolicy} (IPS, SNIPS, bootstrap) on
 *       logged bandit feedback such as {@link siebench.importance.correction.BanditLog}; the
 *       {@link siebench.importance.correction.OffPolicyEstimator}s DM, IPS, SNIPS, DR, SNDR and Switch-DR on
 *       {@link siebench.importance.correction.BanditFeedback} with a target
 *       {@link siebench.importance.correction.ActionDistribution} and a reward model's
 *       {@link siebench.importance.correction.EstimatedRewards} (cross-fitted by
 *       {@link siebench.importance.correction.RewardRegression} or given).
 *   <li>{@link siebench.importance.correction.IteratedDensityRatio} ({@code iteratedDensityRatio()}),
 *       which re-estimates the density ratio over iterations, resampling the fixed training pool.
 * </ul>
 *
 * <p>The scores of these estimators are already weights ({@code Importance.Meaning.WEIGHT}):
 * {@code samples.reweight(importance)} applies them as given, only rescaled to mean 1 and clipped; {@code
 * samples.withWeights(importance.alignTo(samples))} applies them untouched.
 */
package siebench.importance.correction;
