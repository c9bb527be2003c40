package siebench.data;

/**
 * Scores every row of {@link Samples}: the data layer's view of an importance estimator, so that {@link
 * Samples#importance} and {@link Samples#weightBy} can take one without the data layer importing estimation.
 * {@code siebench.importance.ImportanceEstimator} extends it.
 *
 * @param <S> the scores, e.g. {@code siebench.importance.Importance}
 */
public interface RowScorer<S extends RowImportance> {
  /** Scores every row of {@code samples}. */
  S estimate(Samples samples);
}
