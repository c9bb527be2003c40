package siebench.data.io;

import java.nio.file.Path;
import java.util.List;

/**
 * One sequential pass over the raw rows of a file that is too large to load as a table: categorical values
 * (null when missing), numeric values (NaN when missing), the 0/1 label and the stable row id, one row at a time.
 * {@code features.StreamingEncoder} fits a {@code FeatureEncoder} from such passes and {@code EncodedCache} encodes them into
 * its columnar cache, so that only the current row is held, never the file. Implementations check every row and
 * fail naming file, line and what was expected, as the table loaders do.
 */
public interface RawRows extends AutoCloseable {
  /** A file that can be read in passes. */
  interface Source {
    /** The file (its size and modification time key the encoder cache, {@code features.EncodedCache}). */
    Path path();

    /** Starts a new pass from the first row. */
    RawRows open();
  }

  /** Names of the categorical columns, in the order {@link #categorical(int)} indexes them. */
  List<String> categoricalNames();

  /** Names of the numeric columns, in the order {@link #numeric(int)} indexes them. */
  List<String> numericNames();

  /** Moves to the next row; false at the end of the file. */
  boolean next();

  /** Categorical value {@code f} of the current row, or null when missing. */
  String categorical(int f);

  /** Numeric value {@code j} of the current row, or NaN when missing. */
  double numeric(int j);

  /** The current row's label (0 or 1). */
  float label();

  /** The current row's stable id (its 0-based data-row index in the file, as the table loaders number rows). */
  long rowId();

  /** Bytes of the file read so far (for progress). */
  long bytesRead();

  /** Bytes of the whole file. */
  long bytesTotal();

  @Override
  void close();
}
