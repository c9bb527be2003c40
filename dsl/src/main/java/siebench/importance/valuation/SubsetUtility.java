package siebench.importance.valuation;

/**
 * The utility U(S) of a subset S of the training points (given as indices 0..n-1, in no particular order), as
 * in cooperative-game data valuation: usually the validation performance of a model trained on S. The value
 * of the empty set is {@code value(new int[0])}. Implementations must be deterministic; those used from
 * several threads must be thread-safe.
 */
@FunctionalInterface
public interface SubsetUtility {
  double value(int[] subset);
}
