package siebench.features;

/**
 * Settings of the {@link FeatureEncoder}: categorical values seen fewer than {@code minCount} times in training
 * go to the out-of-vocabulary bucket; with {@code hashBuckets > 0} categorical values are hashed into that many
 * buckets instead of a vocabulary; numeric columns use {@code numeric} with {@code buckets} buckets when
 * bucketizing.
 */
public record EncoderOptions(int minCount, int hashBuckets, NumericTransform numeric, int buckets) {
  public EncoderOptions {
    if (minCount < 1 || hashBuckets < 0 || buckets < 2) {
      throw new IllegalArgumentException("need minCount >= 1, hashBuckets >= 0, buckets >= 2");
    }
  }

  /** Vocabulary with min count 1, standardized numerics, 10 buckets when bucketizing. */
  public static EncoderOptions defaults() {
    return new EncoderOptions(1, 0, NumericTransform.STANDARDIZE, 10);
  }

  public EncoderOptions minCount(int m) {
    return new EncoderOptions(m, hashBuckets, numeric, buckets);
  }

  public EncoderOptions hashing(int bucketsPerField) {
    return new EncoderOptions(minCount, bucketsPerField, numeric, buckets);
  }

  public EncoderOptions numeric(NumericTransform t) {
    return new EncoderOptions(minCount, hashBuckets, t, buckets);
  }

  public EncoderOptions buckets(int b) {
    return new EncoderOptions(minCount, hashBuckets, numeric, b);
  }
}
