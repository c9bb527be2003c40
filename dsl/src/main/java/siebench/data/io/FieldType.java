package siebench.data.io;

/**
 * How a loader parses one column of a delimited text file.
 *
 * <p>Without a declaration the type is inferred from all values of the column: {@link #INTEGER} when every
 * value is a plain integer without a leading zero that fits in a {@code long}, else {@link #DOUBLE} when every
 * value is a decimal number, else {@link #DATETIME} when every value is an ISO-like date-time, else
 * {@link #STRING}. Integer-looking values too large for a {@code long} (e.g. Avazu's 20-digit ids) and
 * zero-padded codes (e.g. {@code 00123}) make the column {@link #STRING}, because such columns are ids.
 */
public enum FieldType {
  /**
   * Whole numbers, stored as a Tablesaw {@code IntColumn} (or {@code LongColumn} when a value does not fit in an
   * int). A declared integer column also accepts integral decimals such as {@code 260.0} (as written by pandas
   * for integer columns with missing values) and rejects {@code 2.5}.
   */
  INTEGER,
  /** Decimal numbers ({@code -1.5}, {@code 3e-4}), stored as a {@code DoubleColumn}. */
  DOUBLE,
  /** Text, stored as a {@code StringColumn}. */
  STRING,
  /**
   * Dates and date-times such as {@code 2017-05-06}, {@code 2017-05-06 00:00:01} or {@code 2019-11-24
   * 00:01:03.979311+00:00} (space or {@code T} between date and time, optional fraction and offset; no offset
   * means UTC), stored as a {@code LongColumn} of epoch milliseconds so that they sort and split by time.
   */
  DATETIME,
  /** Not loaded at all (the loader report notes every skipped column). */
  SKIP
}
