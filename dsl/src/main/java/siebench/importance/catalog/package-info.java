/**
 * The catalogue of importance estimators: {@link siebench.importance.catalog.Estimators} names every
 * estimator of the method packages ({@code dynamics}, {@code influence}, {@code valuation}, {@code correction})
 * as a static factory and parses the command line's names.
 *
 * <p>It is a package of its own because it sits above the method packages: they implement the contract of
 * {@code siebench.importance} ({@link siebench.importance.ImportanceEstimator}, {@link
 * siebench.importance.Importance}); the catalogue imports them all. With the catalogue in the contract's package
 * the two would import each other.
 */
package siebench.importance.catalog;
