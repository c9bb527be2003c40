package siebench.data.io;

import java.nio.file.Path;

/**
 * A file that cannot be loaded as asked. The message starts with {@code file:line:column (name)} in the
 * style of compilers, e.g. {@code criteo_train_tiny.csv:17:3 (I2): expected an integer, got 'abc'}, so the
 * offending value can be found in an editor. Lines and columns are 1-based; the header is line 1. A line or
 * column of 0 means "not applicable" (e.g. a missing file has neither).
 */
public final class LoadException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long line;
  private final int column;
  private final String columnName;

  LoadException(Path file, long line, int column, String columnName, String message, Throwable cause) {
    super(prefix(file, line, column, columnName) + message, cause);
    this.file = file;
    this.line = line;
    this.column = column;
    this.columnName = columnName;
  }

  LoadException(Path file, long line, int column, String columnName, String message) {
    this(file, line, column, columnName, message, null);
  }

  private static String prefix(Path file, long line, int column, String columnName) {
    StringBuilder sb = new StringBuilder();
    sb.append(file == null ? "<input>" : file.getFileName() == null ? file.toString() : file.getFileName());
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    if (columnName != null) {
      sb.append(" (").append(columnName).append(')');
    }
    return sb.append(": ").toString();
  }

  /** The file (full path as given). */
  public Path file() {
    return file;
  }

  /** The 1-based physical line, or 0 when the problem is not on one line. */
  public long line() {
    return line;
  }

  /** The 1-based field number on that line, or 0 when the problem is not in one field. */
  public int column() {
    return column;
  }

  /** The column's name, or null. */
  public String columnName() {
    return columnName;
  }
}
