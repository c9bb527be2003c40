package siebench.data.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 tokenizer: fields separated by one delimiter character, optionally enclosed in double
 * quotes (a doubled quote inside quotes is one quote; quoted fields may hold delimiters and line breaks),
 * records ended by LF, CRLF or CR. A UTF-8 byte-order mark at the start is skipped. A quote inside an unquoted
 * field is kept as an ordinary character. Tracks the physical line each record starts on, for error messages.
 */
final class CsvTokenizer implements Closeable {
  private static final int EOF = -1;

  private final Reader in;
  private final char delimiter;
  private final Path file;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int len;
  private long line = 1;
  private long recordLine;
  private boolean first = true;
  private final StringBuilder sb = new StringBuilder(64);
  private final List<String> fields = new ArrayList<>();
  private final List<Boolean> quoted = new ArrayList<>();

  CsvTokenizer(Reader in, char delimiter, Path file) {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("delimiter cannot be a quote or a line break");
    }
    this.in = in;
    this.delimiter = delimiter;
    this.file = file;
  }

  private int read() throws IOException {
    if (pos == len) {
      len = in.read(buf, 0, buf.length);
      pos = 0;
      if (len <= 0) {
        len = 0;
        return EOF;
      }
    }
    return buf[pos++];
  }

  private int peek() throws IOException {
    if (pos == len) {
      len = in.read(buf, 0, buf.length);
      pos = 0;
      if (len <= 0) {
        len = 0;
        return EOF;
      }
    }
    return buf[pos];
  }

  /** The physical line (1-based) on which the last record returned by {@link #next()} started. */
  long recordLine() {
    return recordLine;
  }

  /** Whether field {@code i} of the last record was enclosed in quotes. */
  boolean wasQuoted(int i) {
    return quoted.get(i);
  }

  /**
   * The fields of the next record (a reused list: copy what you keep), or null at the end of the input. An
   * empty line is returned as one empty unquoted field.
   */
  List<String> next() throws IOException {
    fields.clear();
    quoted.clear();
    sb.setLength(0);
    int c = read();
    if (first) {
      first = false;
      if (c == '\uFEFF') {
        c = read();
      }
    }
    if (c == EOF) {
      return null;
    }
    recordLine = line;
    boolean fieldQuoted = false;
    while (true) {
      if (c == '"' && sb.length() == 0 && !fieldQuoted) {
        fieldQuoted = true;
        long quoteLine = line;
        while (true) {
          c = read();
          if (c == EOF) {
            throw new LoadException(file, quoteLine, fields.size() + 1, null,
                "unterminated quoted field (the opening quote is never closed)");
          }
          if (c == '"') {
            if (peek() == '"') {
              read();
              sb.append('"');
            } else {
              break;
            }
          } else {
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
              line++;
            }
            sb.append((char) c);
          }
        }
        c = read();
        continue;
      }
      if (c == delimiter) {
        fields.add(sb.toString());
        quoted.add(fieldQuoted);
        sb.setLength(0);
        fieldQuoted = false;
      } else if (c == '\n' || c == EOF) {
        break;
      } else if (c == '\r') {
        if (peek() == '\n') {
          read();
        }
        break;
      } else {
        sb.append((char) c);
      }
      c = read();
    }
    if (c != EOF) {
      line++;
    }
    fields.add(sb.toString());
    quoted.add(fieldQuoted);
    return fields;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
