package siebench.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import siebench.data.Samples;

/**
 * Per-row training weights read from a CSV file with a header, such as the output of {@code siebench score}:
 * rows are matched to the samples by {@code row_id}, and the weight is read from one named column (by default
 * the last one). Every sample must have exactly one row in the file and every file row must name a sample;
 * otherwise, and for values that are not finite non-negative numbers, the error names the file and line.
 * Fields may be double-quoted (RFC 4180) but may not span lines.
 */
final class WeightsFile {
  private WeightsFile() {}

  /** Splits {@code FILE[:column]}: an existing file as a whole, else at the last colon. */
  static String[] fileAndColumn(String spec) {
    if (Files.isRegularFile(Path.of(spec)) || spec.lastIndexOf(':') <= 0) {
      return new String[] {spec, null};
    }
    int c = spec.lastIndexOf(':');
    return new String[] {spec.substring(0, c), spec.substring(c + 1)};
  }

  /** The weights of {@code samples}' rows, in row order, from {@code spec} = {@code FILE[:column]}. */
  static double[] read(String spec, Samples samples) {
    String[] fc = fileAndColumn(spec);
    Path file = Path.of(fc[0]);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--weights: no such file " + file.toAbsolutePath());
    }
    long[] ids = samples.rowIds();
    Map<Long, Integer> position = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      position.put(ids[i], i);
    }
    double[] w = new double[ids.length];
    boolean[] seen = new boolean[ids.length];
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String headerLine = r.readLine();
      if (headerLine == null) {
        throw new IllegalArgumentException(file + ": empty file, expected a header with " + Samples.ROW_ID);
      }
      List<String> header = fields(headerLine.startsWith("\uFEFF") ? headerLine.substring(1) : headerLine, file, 1);
      int idCol = header.indexOf(Samples.ROW_ID);
      if (idCol < 0) {
        throw new IllegalArgumentException(file + ":1: no '" + Samples.ROW_ID + "' column in the header " + header);
      }
      int valueCol = fc[1] == null ? header.size() - 1 : header.indexOf(fc[1]);
      if (valueCol < 0 || valueCol == idCol) {
        throw new IllegalArgumentException(file + ":1: no weight column '" + (fc[1] == null ? "(last)" : fc[1])
            + "' in the header " + header);
      }
      String column = header.get(valueCol);
      String line;
      int lineNo = 1;
      int rows = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isEmpty()) {
          continue;
        }
        rows++;
        List<String> f = fields(line, file, lineNo);
        if (f.size() != header.size()) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": " + f.size() + " fields, the header has "
              + header.size());
        }
        long id;
        try {
          id = Long.parseLong(f.get(idCol).trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": " + Samples.ROW_ID + " '" + f.get(idCol)
              + "' is not an integer");
        }
        Integer p = position.get(id);
        if (p == null) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": " + Samples.ROW_ID + " " + id
              + " is not a row of " + samples.describe());
        }
        if (seen[p]) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": " + Samples.ROW_ID + " " + id
              + " appears a second time");
        }
        double v;
        try {
          v = Double.parseDouble(f.get(valueCol).trim());
        } catch (NumberFormatException e) {
          v = Double.NaN;
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": weight column '" + column + "' holds '"
              + f.get(valueCol) + "'; expected a finite number >= 0");
        }
        seen[p] = true;
        w[p] = v;
      }
      if (rows != ids.length) {
        int missing = -1;
        for (int i = 0; i < seen.length && missing < 0; i++) {
          missing = seen[i] ? -1 : i;
        }
        throw new IllegalArgumentException(file + ": " + rows + " weight rows for " + ids.length + " samples"
            + (missing >= 0 ? " (no weight for row_id " + ids[missing] + ")" : ""));
      }
      return w;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The fields of one CSV line (comma-separated, optionally double-quoted). */
  static List<String> fields(String line, Path file, int lineNo) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            sb.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          sb.append(c);
        }
      } else if (c == '"' && sb.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        out.add(sb.toString());
        sb.setLength(0);
      } else {
        sb.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException(file + ":" + lineNo + ": unterminated quoted field");
    }
    out.add(sb.toString());
    return out;
  }
}
