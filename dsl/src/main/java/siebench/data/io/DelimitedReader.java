package siebench.data.io;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Reads a delimited text file into a typed Tablesaw table in two steps: tokenize every record (checking that
 * each has as many fields as the header), then parse each column with its declared or inferred {@link
 * FieldType}. Remembers the physical line of every row so that later checks can still name it.
 */
final class DelimitedReader {
  private DelimitedReader() {}

  /** Rows between two progress reports and cancellation checks. */
  static final int PROGRESS_EVERY = 100_000;

  /** A parsed file: the table (one row per data record, in file order) and where each row came from. */
  static final class Parsed {
    final Path file;
    final Table table;
    final long[] lines;
    final Map<String, Integer> fieldNumbers;
    final Map<String, FieldType> types;
    final long blankLines;
    final List<String> notes;

    Parsed(Path file, Table table, long[] lines, Map<String, Integer> fieldNumbers, Map<String, FieldType> types,
        long blankLines, List<String> notes) {
      this.file = file;
      this.table = table;
      this.lines = lines;
      this.fieldNumbers = fieldNumbers;
      this.types = types;
      this.blankLines = blankLines;
      this.notes = notes;
    }

    /** An error about the value of {@code column} in data row {@code row} (0-based). */
    LoadException error(int row, String column, String message) {
      return new LoadException(file, lines[row], fieldNumbers.getOrDefault(column, 0), column, message);
    }

    /** An error about the file as a whole or its header. */
    LoadException error(String message) {
      return new LoadException(file, 0, 0, null, message);
    }

    /** Fails unless every name is a loaded column. */
    void requireColumns(String what, List<String> names) {
      for (String c : names) {
        if (!table.columnNames().contains(c)) {
          throw new LoadException(file, 0, 0, c, what + " column '" + c + "' is not in the file; columns are "
              + table.columnNames());
        }
      }
    }
  }

  private static final class StrCol {
    String[] a = new String[1024];
    int n;

    void add(String s) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = s;
    }
  }

  /** The fields of the first record of {@code file} (its header, if it has one), or an empty list for an empty file. */
  static List<String> firstRecord(Path file, CsvOptions o) {
    checkFile(file);
    try (CsvTokenizer tok = new CsvTokenizer(new InputStreamReader(Files.newInputStream(file),
        o.charset().newDecoder()), o.delimiter(), file)) {
      List<String> r = tok.next();
      return r == null ? List.of() : List.copyOf(r);
    } catch (CharacterCodingException e) {
      throw new LoadException(file, 1, 0, null, "not valid " + o.charset() + " text (" + e + ")", e);
    } catch (IOException e) {
      throw new LoadException(file, 0, 0, null, "cannot read: " + e, e);
    }
  }

  private static void checkFile(Path file) {
    if (file == null) {
      throw new IllegalArgumentException("file is null");
    }
    if (Files.isDirectory(file)) {
      throw new LoadException(file, 0, 0, null, "is a directory, expected a file: " + file.toAbsolutePath());
    }
    if (!Files.exists(file)) {
      throw new LoadException(file, 0, 0, null, "no such file: " + file.toAbsolutePath());
    }
  }

  /** Reads and parses the whole file (see the class comment). */
  static Parsed read(Path file, CsvOptions o) {
    checkFile(file);
    CsvTokenizer tok = null;
    try {
      tok = new CsvTokenizer(new InputStreamReader(Files.newInputStream(file), o.charset().newDecoder()),
          o.delimiter(), file);
      return read(file, o, tok);
    } catch (NoSuchFileException e) {
      throw new LoadException(file, 0, 0, null, "no such file: " + file.toAbsolutePath(), e);
    } catch (CharacterCodingException e) {
      throw new LoadException(file, tok == null ? 0 : tok.recordLine(), 0, null,
          "not valid " + o.charset() + " text near this line (" + e + ")", e);
    } catch (IOException e) {
      throw new LoadException(file, 0, 0, null, "cannot read: " + e, e);
    } finally {
      if (tok != null) {
        try {
          tok.close();
        } catch (IOException ignored) {
          // nothing to do: everything was read already
        }
      }
    }
  }

  private static Parsed read(Path file, CsvOptions o, CsvTokenizer tok) throws IOException {
    List<String> notes = new ArrayList<>();
    List<String> first = tok.next();
    List<String> names;
    boolean firstIsData = false;
    if (o.header()) {
      if (first == null) {
        throw new LoadException(file, 1, 0, null, "empty file, expected a header line");
      }
      List<String> header = new ArrayList<>(first);
      if (o.names() != null) {
        if (o.names().size() != header.size()) {
          throw new LoadException(file, 1, 0, null, "the header has " + header.size() + " fields but "
              + o.names().size() + " column names were given");
        }
        names = new ArrayList<>(o.names());
      } else {
        names = header;
        for (int j = 0; j < names.size(); j++) {
          if (names.get(j).isBlank()) {
            names.set(j, "column_" + (j + 1));
            notes.add("header field " + (j + 1) + " is empty; named it 'column_" + (j + 1) + "'");
          }
        }
      }
      Map<String, Integer> seen = new HashMap<>();
      for (int j = 0; j < names.size(); j++) {
        Integer prev = seen.put(names.get(j), j + 1);
        if (prev != null) {
          throw new LoadException(file, 1, j + 1, names.get(j), "duplicate column name (also field " + prev
              + "); rename it with CsvOptions.names(...)");
        }
      }
    } else if (o.names() != null) {
      names = new ArrayList<>(o.names());
      firstIsData = true;
    } else {
      if (first == null) {
        throw new LoadException(file, 0, 0, null, "empty file");
      }
      names = new ArrayList<>();
      for (int j = 0; j < first.size(); j++) {
        names.add("column_" + (j + 1));
      }
      firstIsData = true;
    }
    int nc = names.size();
    for (String c : o.types().keySet()) {
      if (!names.contains(c)) {
        throw new LoadException(file, o.header() ? 1 : 0, 0, c, "a type is declared for column '" + c
            + "', which is not in the file; columns are " + names);
      }
    }
    FieldType[] declared = new FieldType[nc];
    StrCol[] cols = new StrCol[nc];
    for (int j = 0; j < nc; j++) {
      declared[j] = o.types().get(names.get(j));
      if (declared[j] != FieldType.SKIP) {
        cols[j] = new StrCol();
      } else {
        notes.add("column '" + names.get(j) + "' skipped as declared");
      }
    }
    Set<String> missing = o.missingTokens();
    long[] lines = new long[1024];
    int rows = 0;
    long blank = 0;
    List<String> rec = firstIsData ? first : tok.next();
    long recLine = firstIsData ? 1 : tok.recordLine();
    while (rec != null) {
      if (rec.size() == 1 && nc > 1 && rec.get(0).isEmpty() && !tok.wasQuoted(0)) {
        blank++;
      } else {
        if (rec.size() != nc) {
          int col = Math.min(rec.size(), nc) + 1;
          String what = o.header() ? "as in the header (line 1)" : "as in the column names";
          throw new LoadException(file, recLine, col, col <= nc ? names.get(col - 1) : null,
              "expected " + nc + " fields " + what + ", got " + rec.size()
                  + (rec.size() < nc ? " (this field and the ones after it are absent)" : " (extra fields from here)"));
        }
        for (int j = 0; j < nc; j++) {
          if (cols[j] != null) {
            String v = rec.get(j);
            cols[j].add(missing.contains(v) ? null : v);
          }
        }
        if (rows == lines.length) {
          lines = Arrays.copyOf(lines, rows * 2);
        }
        lines[rows++] = recLine;
        if (rows % PROGRESS_EVERY == 0) {
          o.progress().checkCancelled();
          o.progress().update("read " + file.getFileName(), rows, 0, "line " + recLine);
        }
      }
      rec = tok.next();
      recLine = tok.recordLine();
    }
    if (blank > 0) {
      notes.add(blank + " empty line(s) skipped");
    }
    lines = Arrays.copyOf(lines, rows);
    o.progress().update("read " + file.getFileName(), rows, rows, "parsing columns");
    Map<String, Integer> fieldNumbers = new LinkedHashMap<>();
    Map<String, FieldType> types = new LinkedHashMap<>();
    Table table = Table.create(file.getFileName() == null ? file.toString() : file.getFileName().toString());
    for (int j = 0; j < nc; j++) {
      if (cols[j] == null) {
        continue;
      }
      String name = names.get(j);
      fieldNumbers.put(name, j + 1);
      FieldType t = declared[j] != null ? declared[j] : FieldParsers.infer(cols[j].a, rows);
      types.put(name, t);
      final long[] ls = lines;
      final int field = j + 1;
      Column<?> c = FieldParsers.column(name, cols[j].a, rows, t,
          (row, msg) -> new LoadException(file, ls[row], field, name, msg));
      cols[j] = null; // free the text as we go
      table.addColumns(c);
    }
    return new Parsed(file, table, lines, fieldNumbers, types, blank, notes);
  }
}
