package siebench.data;

/**
 * What the data layer needs of per-row importance scores to act on {@link Samples}: which rows cleaning
 * drops, which rows pruning keeps, and the training weights. It lets {@link Samples#clean}, {@link
 * Samples#prune}, {@link Samples#reweight} and {@link Samples#resample} stay fluent verbs of the data type
 * while the data layer imports nothing from estimation. {@code siebench.importance.Importance} implements it,
 * reading its scores through their meaning (value, hardness or weight), so every estimator's scores act in the
 * right direction.
 */
public interface RowImportance {
  /** {@code samples} without the {@code round(fraction * size)} most suspicious rows. */
  Samples withoutMostSuspicious(Samples samples, double fraction);

  /** The {@code round(keptFraction * size)} most valuable rows of {@code samples}, in their order. */
  Samples keepMostValuable(Samples samples, double keptFraction);

  /** One training weight per row of {@code samples} (mean 1; the most suspicious rows get the smallest). */
  double[] trainingWeights(Samples samples);
}
