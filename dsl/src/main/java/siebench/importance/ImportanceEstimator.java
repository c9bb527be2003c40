package siebench.importance;

import java.util.Map;
import siebench.data.RowScorer;
import siebench.data.Samples;

/**
 * The uniform contract of every sample-importance estimator (in the spirit of scikit-learn's estimator
 * interface): given training {@link Samples} and an {@link EstimationContext} (optional validation samples,
 * model specification, seed, progress, cancellation), return one {@link Importance} score per row id.
 *
 * <p>Each implementation documents its sign convention; by default higher means more valuable or more
 * important to the model, and {@link Importance#negate()} gives the other view.
 */
public interface ImportanceEstimator extends RowScorer<Importance> {
  /** Short name used in tables and on the command line, e.g. {@code grand}, {@code el2n}. */
  String name();

  /** The estimator's parameters, for reports and reproducibility. */
  default Map<String, Object> parameters() {
    return Map.of();
  }

  /** Scores every row of {@code train}. */
  Importance estimate(Samples train, EstimationContext context);

  /** Scores every row of {@code train} with the default context (seed 7, default CTR model, no validation). */
  @Override
  default Importance estimate(Samples train) {
    return estimate(train, EstimationContext.defaults());
  }
}
