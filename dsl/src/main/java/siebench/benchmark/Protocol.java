package siebench.benchmark;

import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;

/**
 * One way of judging importance scores (a column of the benchmark). A protocol sees each estimator's scores
 * on each repeat's {@link Trial} and writes tidy result rows; protocols that compare across repeats (stability)
 * do so in {@link #finish}.
 */
public interface Protocol {
  /** Short name used in tables and on the command line: detection, pruning, removal, ... */
  String name();

  /** The metric whose mean decides the estimator ranking for this protocol. */
  String primaryMetric();

  /** True when a higher primary metric is better. */
  default boolean higherIsBetter() {
    return true;
  }

  /**
   * True when the protocol cannot run without knowing which training rows are corrupted (detection,
   * cleaning): the benchmark then injects its noise into data that carries no ground truth.
   */
  default boolean needsGroundTruth() {
    return false;
  }

  /**
   * Evaluates one estimator's scores on one repeat.
   *
   * @param label the estimator's label in the results (unique within the benchmark)
   * @param estimator the estimator itself, for protocols that re-run it (e.g. transfer across models)
   */
  void evaluate(Trial trial, String label, ImportanceEstimator estimator, Importance importance, ResultRows out);

  /** Called once after all repeats (for cross-repeat protocols); default: nothing. */
  default void finish(ResultRows out) {}
}
