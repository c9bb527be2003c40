/**
 * Linear models on the encoded feature table: {@link siebench.model.linear.EncodedDesign}, the one-hot design of
 * {@link siebench.features.EncodedData} (intercept first, one indicator per embedding row, one column per dense
 * feature) that the project's one L2-logistic solver {@link siebench.core.L2Logistic} fits. The solver itself
 * lives in {@code siebench.core} because it needs nothing but arrays and the {@link siebench.core.LinearDesign}
 * interface; this package adds only what depends on {@code features}. Used by the data-valuation learners, the
 * bias-correction classifiers and the MNAR propensity model.
 */
package siebench.model.linear;
