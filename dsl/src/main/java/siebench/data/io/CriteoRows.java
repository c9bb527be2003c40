package siebench.data.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import siebench.data.io.RawRows;

/**
 * Criteo display-ads rows read one at a time, for files larger than memory: the same layouts, column names and
 * checks as {@link Loaders#criteo} (header or the header-less tab-separated {@code train.txt}; {@code I1..I13}
 * integers, also written as {@code 260.0}; {@code C1..C26} strings; only empty fields are missing; the label
 * must be 0 or 1; row ids are 0-based data-row indices), so a {@link siebench.features.StreamingEncoder} fit
 * on these rows equals {@link siebench.features.FeatureEncoder#fit} on the loaded table. A row with the wrong
 * number of fields or a value that cannot be parsed fails with a {@link LoadException} naming file, line,
 * field and what was expected. Reads with the loaders' {@link CsvTokenizer}; holds one row.
 */
public final class CriteoRows implements RawRows {
  private final Path file;
  private final CsvTokenizer tok;
  private final CountingStream counter;
  private final long total;
  private final List<String> names;
  private final int nc;
  private final int labelAt;
  private final int[] numericAt;
  private final int[] categoricalAt;
  private final List<String> numericNames = new ArrayList<>();
  private final List<String> categoricalNames = new ArrayList<>();
  private final double[] numeric;
  private final String[] categorical;
  private final String expectation;
  private float label;
  private long row = -1;

  private CriteoRows(Path file) {
    CriteoLoader.Layout layout = CriteoLoader.layout(file);
    this.file = file;
    this.names = layout.names();
    this.nc = names.size();
    this.labelAt = names.indexOf("label");
    if (labelAt < 0) {
      throw new LoadException(file, 1, 0, null, "no label column: streaming needs labeled Criteo data");
    }
    List<Integer> num = new ArrayList<>();
    List<Integer> cat = new ArrayList<>();
    for (int j = 0; j < nc; j++) {
      String n = names.get(j);
      if (n.startsWith("I")) {
        num.add(j);
        numericNames.add(n);
      } else if (n.startsWith("C")) {
        cat.add(j);
        categoricalNames.add(n);
      }
    }
    numericAt = num.stream().mapToInt(Integer::intValue).toArray();
    categoricalAt = cat.stream().mapToInt(Integer::intValue).toArray();
    numeric = new double[numericAt.length];
    categorical = new String[categoricalAt.length];
    expectation = layout.header() ? "as in the header (line 1)" : "as in the column names";
    try {
      total = Files.size(file);
      counter = new CountingStream(Files.newInputStream(file));
      tok = new CsvTokenizer(new InputStreamReader(counter, StandardCharsets.UTF_8.newDecoder()),
          layout.delimiter(), file);
      if (layout.header()) {
        tok.next();
      }
    } catch (IOException e) {
      throw new LoadException(file, 0, 0, null, "cannot read: " + e, e);
    }
  }

  /** A Criteo file that can be read in passes. */
  public static RawRows.Source file(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new LoadException(file, 0, 0, null, "no such file: " + file.toAbsolutePath());
    }
    CriteoLoader.layout(file); // fail early on a bad header
    return new RawRows.Source() {
      @Override
      public Path path() {
        return file;
      }

      @Override
      public RawRows open() {
        return new CriteoRows(file);
      }
    };
  }

  @Override
  public List<String> categoricalNames() {
    return categoricalNames;
  }

  @Override
  public List<String> numericNames() {
    return numericNames;
  }

  @Override
  public boolean next() {
    List<String> rec;
    long line;
    try {
      do {
        rec = tok.next();
        if (rec == null) {
          return false;
        }
      } while (rec.size() == 1 && nc > 1 && rec.get(0).isEmpty() && !tok.wasQuoted(0));
      line = tok.recordLine();
    } catch (CharacterCodingException e) {
      throw new LoadException(file, tok.recordLine(), 0, null, "not valid UTF-8 text near this line (" + e + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (rec.size() != nc) {
      int col = Math.min(rec.size(), nc) + 1;
      throw new LoadException(file, line, col, col <= nc ? names.get(col - 1) : null,
          "expected " + nc + " fields " + expectation + ", got " + rec.size()
              + (rec.size() < nc ? " (this field and the ones after it are absent)" : " (extra fields from here)"));
    }
    row++;
    String y = rec.get(labelAt);
    if (y.isEmpty()) {
      throw new LoadException(file, line, labelAt + 1, "label",
          "the label is missing; expected 0 or 1 (use MissingValues.DROP to drop such rows)");
    }
    long v = integer(y, line, labelAt);
    if (v != 0 && v != 1) {
      throw new LoadException(file, line, labelAt + 1, "label", "expected a 0/1 label, got '" + y + "'");
    }
    label = v;
    for (int j = 0; j < numericAt.length; j++) {
      String s = rec.get(numericAt[j]);
      numeric[j] = s.isEmpty() ? Double.NaN : integer(s, line, numericAt[j]);
    }
    for (int f = 0; f < categoricalAt.length; f++) {
      String s = rec.get(categoricalAt[f]);
      categorical[f] = s.isEmpty() ? null : s;
    }
    return true;
  }

  /** An integer field as the table loader parses {@link FieldType#INTEGER}: digits, or an integral decimal. */
  private long integer(String raw, long line, int at) {
    String s = raw.trim();
    try {
      if (FieldParsers.integerLiteral(s)) {
        long v = Long.parseLong(s);
        if (v != Long.MIN_VALUE) {
          return v;
        }
      } else if (FieldParsers.decimal(s)) {
        double d = Double.parseDouble(s);
        if (d == Math.rint(d) && Math.abs(d) <= 9.007199254740992E15) {
          return (long) d;
        }
      }
    } catch (NumberFormatException e) {
      // out of range: reported below
    }
    throw new LoadException(file, line, at + 1, names.get(at), "expected an integer, got '" + raw + "'");
  }

  @Override
  public String categorical(int f) {
    return categorical[f];
  }

  @Override
  public double numeric(int j) {
    return numeric[j];
  }

  @Override
  public float label() {
    return label;
  }

  @Override
  public long rowId() {
    return row;
  }

  @Override
  public long bytesRead() {
    return counter.count;
  }

  @Override
  public long bytesTotal() {
    return total;
  }

  @Override
  public void close() {
    try {
      tok.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
    }
  }

  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
