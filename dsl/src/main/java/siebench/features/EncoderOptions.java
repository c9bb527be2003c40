package siebench.features;

/**
 * Settings of the {@link FeatureEncoder}: categorical values seen fewer than {@code minCount} times in training
 * go to the out-of-vocabulary bucket; with {@code hashBuckets > 0} categorical values are hashed into that many
 * buckets instead of a vocabulary; numeric columns use {@code numeric} with {@code buckets} buckets when
 * bucketizing; behavior histories keep their {@code historyLength} most recent items.
 */
public record EncoderOptions(int minCount, int hashBuckets, NumericTransform numeric, int buckets,
    int historyLength) {
  public EncoderOptions {
    if (minCount < 1 || hashBuckets < 0 || buckets < 2 || historyLength < 1) {
      throw new IllegalArgumentException("need minCount >= 1, hashBuckets >= 0, buckets >= 2, historyLength >= 1");
    }
  }

  public EncoderOptions(int minCount, int hashBuckets, NumericTransform numeric, int buckets) {
    this(minCount, hashBuckets, numeric, buckets, 20);
  }

  /** Vocabulary with min count 1, standardized numerics, 10 buckets when bucketizing. */
  public static EncoderOptions defaults() {
    return new EncoderOptions(1, 0, NumericTransform.STANDARDIZE, 10);
  }

  public EncoderOptions minCount(int m) {
    return new EncoderOptions(m, hashBuckets, numeric, buckets, historyLength);
  }

  public EncoderOptions hashing(int bucketsPerField) {
    return new EncoderOptions(minCount, bucketsPerField, numeric, buckets, historyLength);
  }

  public EncoderOptions numeric(NumericTransform t) {
    return new EncoderOptions(minCount, hashBuckets, t, buckets, historyLength);
  }

  public EncoderOptions buckets(int b) {
    return new EncoderOptions(minCount, hashBuckets, numeric, b, historyLength);
  }

  public EncoderOptions historyLength(int l) {
    return new EncoderOptions(minCount, hashBuckets, numeric, buckets, l);
  }
}
