package siebench.data.io;

/**
 * A {@link Dataset} that could not be found in any searched directory nor downloaded, or whose file does not match
 * its catalogue checksum. The message names the dataset, the files expected, the directories searched and what to
 * do (which variable to set, where to put the files).
 */
public final class DatasetUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  DatasetUnavailableException(String message) {
    super(message);
  }

  DatasetUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
