package siebench.features;

/** How the encoder turns a numeric column into model input. */
public enum NumericTransform {
  /** (x - mean) / std, fitted on the training split. */
  STANDARDIZE,
  /**
   * The Criteo winners' log transform {@code x > 2 ? ln(x)^2 : x} (Juan et al. 2016), then standardization;
   * negative values are kept as they are.
   */
  LOG,
  /** Equal-frequency buckets fitted on the training split, fed to the model as one more categorical field. */
  BUCKETIZE
}
