/**
 * The project's one L2-regularized logistic regression solver ({@link siebench.model.linear.L2Logistic}: mean
 * weighted binary cross-entropy plus {@code (lambda / 2) ||beta||^2}, intercept unpenalized by default, truncated
 * Newton with preconditioned CG after Lin, Weng and Keerthi 2008) and the designs it fits ({@link
 * siebench.model.linear.LinearDesign}, {@link siebench.model.linear.EncodedDesign}). Used by the data-valuation
 * learners, the bias-correction classifiers and the influence-function fits; depends only on {@code features}
 * and {@code train}.
 */
package siebench.model.linear;
