package siebench.data.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Criteo display-ads layout; see {@link Loaders#readCriteo}. */
final class CriteoLoader {
  private CriteoLoader() {}

  static final int INTEGER_FEATURES = 13;
  static final int CATEGORICAL_FEATURES = 26;

  /**
   * The layout of a Criteo file read from its first record: the delimiter (tab for the original header-less
   * {@code train.txt}, else comma), whether line 1 is a header, the canonical column names ({@code id, label,
   * I1..I13, C1..C26}) in file order, and notes on renamed headers.
   */
  record Layout(char delimiter, boolean header, List<String> names, List<String> notes) {}

  static Layout layout(Path file) {
    List<String> first = DelimitedReader.firstRecord(file, CsvOptions.csv());
    char delimiter = first.size() == 1 && first.get(0).indexOf('\t') >= 0 ? '\t' : ',';
    if (delimiter == '\t') {
      first = DelimitedReader.firstRecord(file, CsvOptions.tsv());
    }
    if (first.isEmpty()) {
      throw new LoadException(file, 1, 0, null, "empty file, expected Criteo data");
    }
    boolean header = false;
    for (String f : first) {
      if (f.equalsIgnoreCase("I1") || f.equalsIgnoreCase("label")) {
        header = true;
        break;
      }
    }
    List<String> names = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (header) {
      for (int j = 0; j < first.size(); j++) {
        String h = first.get(j).trim();
        String n = canonical(h);
        if (n == null) {
          throw new LoadException(file, 1, j + 1, h, "unexpected Criteo column; expected Id, Label, I1..I"
              + INTEGER_FEATURES + " or C1..C" + CATEGORICAL_FEATURES);
        }
        if (names.contains(n)) {
          throw new LoadException(file, 1, j + 1, h, "duplicate column (as " + n + ")");
        }
        if (!n.equals(h)) {
          notes.add("header '" + h + "' read as '" + n + "'");
        }
        names.add(n);
      }
      List<String> expected = expectedFeatures();
      expected.removeAll(names);
      if (!expected.isEmpty()) {
        throw new LoadException(file, 1, 0, null, "the header lacks the Criteo column(s) " + expected);
      }
    } else {
      int nf = INTEGER_FEATURES + CATEGORICAL_FEATURES;
      if (first.size() != nf + 1 && first.size() != nf) {
        throw new LoadException(file, 1, 0, null, "no header, and " + first.size() + " fields: expected "
            + (nf + 1) + " (label, I1..I13, C1..C26) or " + nf + " (unlabeled test data)");
      }
      if (first.size() == nf + 1) {
        names.add("label");
      }
      names.addAll(expectedFeatures());
    }
    return new Layout(delimiter, header, names, notes);
  }

  static Loaded read(Path file, MissingValues missing) {
    LoadReport.Builder r = new LoadReport.Builder(file, "Criteo");
    Layout layout = layout(file);
    char delimiter = layout.delimiter();
    boolean header = layout.header();
    List<String> names = layout.names();
    List<String> notes = layout.notes();
    CsvOptions o = (delimiter == '\t' ? CsvOptions.tsv() : CsvOptions.csv()).header(header)
        .names(names.toArray(String[]::new)).missingTokens("");
    SchemaSpec spec = new SchemaSpec();
    for (String n : names) {
      if (n.equals("id") || n.equals("label") || n.startsWith("I")) {
        o = o.type(n, FieldType.INTEGER);
      } else {
        o = o.type(n, FieldType.STRING);
      }
      if (n.startsWith("I")) {
        spec.numeric(n);
      } else if (n.startsWith("C")) {
        spec.categorical(n);
      }
    }
    if (names.contains("label")) {
      spec.label("label");
    }
    if (names.contains("id")) {
      spec.ignore("id");
    }
    DelimitedReader.Parsed p = DelimitedReader.read(file, o);
    p.notes.addAll(0, notes);
    r.description = "Criteo" + (names.contains("label") ? "" : " (no label)");
    return Assembly.finish(p, p.table, spec, missing, r, true);
  }

  private static List<String> expectedFeatures() {
    List<String> l = new ArrayList<>();
    for (int i = 1; i <= INTEGER_FEATURES; i++) {
      l.add("I" + i);
    }
    for (int i = 1; i <= CATEGORICAL_FEATURES; i++) {
      l.add("C" + i);
    }
    return l;
  }

  private static String canonical(String h) {
    String l = h.toLowerCase(Locale.ROOT);
    if (l.equals("id") || l.equals("label")) {
      return l;
    }
    if (l.matches("[ic]\\d{1,2}")) {
      int k = Integer.parseInt(l.substring(1));
      int max = l.charAt(0) == 'i' ? INTEGER_FEATURES : CATEGORICAL_FEATURES;
      if (k >= 1 && k <= max) {
        return (l.charAt(0) == 'i' ? "I" : "C") + k;
      }
    }
    return null;
  }
}
