/**
 * Data valuation: how much each training row is worth to a model, from cooperative game theory (Shapley,
 * Beta Shapley, class-wise Shapley, Banzhaf), resampling (Data-OOB, leave-one-out, cross-validated residuals)
 * and label-noise estimation (confident learning), plus the class-balance and random baselines. Start from {@link
 * siebench.importance.catalog.Estimators}.
 *
 * <p>Shared machinery: {@link siebench.importance.valuation.LogisticRegression} (a small L2 logistic regression
 * on the encoded one-hot + dense design, warm-startable, fitted by the project's shared solver {@link
 * siebench.core.L2Logistic}) is the default model whose retraining the estimators observe; {@link
 * siebench.importance.valuation.ProbabilisticLearner} lets the project's DJL CTR
 * models take its place; {@link siebench.importance.valuation.SubsetUtility} is the utility U(S) of a subset,
 * which the Monte Carlo estimators accept directly. Unless an estimator says otherwise, higher = more
 * valuable.
 */
package siebench.importance.valuation;
