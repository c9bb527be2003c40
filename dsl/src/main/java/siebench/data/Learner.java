package siebench.data;

/**
 * Learns from {@link Samples}: the data layer's view of a task (e.g. {@code siebench.train.CtrTask}), so that
 * {@link Samples#train} keeps the fluent shape {@code samples.weightBy(...).train(ctr())} without the data
 * layer importing training. scikit-learn's {@code fit}, with the result returned rather than stored.
 *
 * @param <R> what fitting returns, e.g. {@code siebench.train.TrainResult}
 */
@FunctionalInterface
public interface Learner<R> {
  /** Fits on {@code samples} and returns the result. */
  R fit(Samples samples);
}
