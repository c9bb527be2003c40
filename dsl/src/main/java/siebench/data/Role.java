package siebench.data;

/**
 * The part a column plays in a {@link Samples} set.
 *
 * <p>Features are {@link #CATEGORICAL} or {@link #NUMERIC}. The other roles carry the structure that
 * recommendation and search metrics and estimators need (who saw what, where and when), and are never fed
 * to a model unless the same column is also declared a feature.
 */
public enum Role {
  /** The binary target (click, purchase), 0 or 1. */
  LABEL,
  /** A categorical feature (ids, brands, hashed strings), embedded by the models. */
  CATEGORICAL,
  /** A numeric feature, normalized or bucketized by the encoder. */
  NUMERIC,
  /** The user id: the group of GAUC, the key of user splits. */
  USER,
  /** The item id. */
  ITEM,
  /** The query or search-session id: the group of NDCG in search logs. */
  QUERY,
  /** The display position (1 = top), used by position-bias estimators. */
  POSITION,
  /** The event time, used by time splits. */
  TIMESTAMP,
  /** An explicit group id for GAUC / NDCG / Recall@k, when neither user nor query fits. */
  GROUP,
  /**
   * The user's recent behavior sequence before this event: item ids separated by {@code |}, {@code ^}, {@code ,}
   * or spaces, oldest first. Encoded with the item column's vocabulary for sequence models (DIN, BST).
   */
  HISTORY,
  /** A per-row training weight already present in the data. */
  WEIGHT,
  /**
   * The probability, in (0, 1], that the row's outcome was observed: the examination propensity of a result at
   * its display position (position bias), or the observation propensity of a rating (missing not at random).
   * Read by the unbiased training objectives ({@code siebench.train.Objectives}); never a feature.
   */
  PROPENSITY,
  /** Ground truth or bookkeeping columns (e.g. the generator's corruption flags): never a feature. */
  IGNORED
}
