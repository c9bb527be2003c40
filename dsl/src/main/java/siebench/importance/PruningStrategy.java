package siebench.importance;

import siebench.data.Samples;

/**
 * Which rows data pruning keeps, read through the importance's {@link Importance#suspicion() orientation}.
 *
 * <ul>
 *   <li>{@link #KEEP_VALUABLE} (the default): keep the most valuable rows, i.e. drop the most suspicious first;
 *       the choice for noisy logs, where the hardest rows are where fake clicks and flipped labels sit.
 *   <li>{@link #KEEP_HARDEST}: keep the hardest (most suspicious) rows, the "Deep Learning on a Data Diet"
 *       strategy of Paul, Ganguli and Dziugaite (2021), right on clean, abundant data; Sorscher et al. (2022,
 *       "Beyond neural scaling laws") show that it reverses when data is scarce or noisy.
 * </ul>
 */
public enum PruningStrategy {
  /** Keep the least suspicious rows. */
  KEEP_VALUABLE,
  /** Keep the most suspicious (hardest) rows, as in Data Diet. */
  KEEP_HARDEST;

  /** The rows of {@code importance} this strategy keeps at {@code keptFraction}. */
  public RowSelection select(Importance importance, double keptFraction) {
    return this == KEEP_VALUABLE ? importance.mostValuable(keptFraction) : importance.mostSuspicious(keptFraction);
  }

  /** Data pruning: the rows of {@code samples} this strategy keeps at {@code keptFraction}, in their order. */
  public Samples prune(Samples samples, Importance importance, double keptFraction) {
    return select(importance.on(samples), keptFraction).select(samples);
  }
}
