package siebench.data.io;

/**
 * A {@link Dataset} that could not be found in any searched directory nor downloaded, or whose file does not match
 * its catalogue checksum. The message names the dataset, the files expected, the directories searched and what to
 * do (which variable to set, where to put the files).
 */
public final class DatasetUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final boolean mismatch;

  DatasetUnavailableException(String message, boolean mismatch) {
    super(message);
    this.mismatch = mismatch;
  }

  DatasetUnavailableException(String message, Throwable cause) {
    super(message, cause);
    this.mismatch = false;
  }

  /** True when a file was found or downloaded but differs from the catalogue (size or SHA-256). */
  public boolean mismatch() {
    return mismatch;
  }
}
