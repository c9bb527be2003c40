package siebench.data;

/**
 * A train / (optional) validation / test partition of {@link Samples}. The validation part is {@code null}
 * for two-way splits.
 */
public record Split(Samples train, Samples validation, Samples test) {
  /** True when the split has a validation part. */
  public boolean hasValidation() {
    return validation != null;
  }
}
