package siebench.data.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a loader did: rows read and kept, rows dropped and why, missing values per column (counted before the
 * {@link MissingValues} policy, for every loaded column including derived and joined ones), the parse type of
 * every column, and notes (renamed or skipped columns, fills, joins, empty lines).
 *
 * @param file the file read (the main one for multi-file datasets)
 * @param description what was loaded and how, e.g. {@code MovieLens ratings, label = rating >= 4.0}
 * @param rowsRead data rows read from the file (header and empty lines excluded)
 * @param rowsKept rows in the returned samples
 * @param dropped reason to number of rows dropped for it (empty when none was dropped)
 * @param missing column to number of missing values, in column order (zeros included)
 * @param types column to parse type ({@link FieldType} name, or "derived"/"joined")
 * @param notes everything else worth knowing, in the order it happened
 * @param policy the missing-value policy applied
 * @param millis wall time of the load
 */
public record LoadReport(Path file, String description, long rowsRead, long rowsKept, Map<String, Long> dropped,
    Map<String, Long> missing, Map<String, String> types, List<String> notes, MissingValues policy, long millis) {

  public LoadReport {
    dropped = Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
    missing = Collections.unmodifiableMap(new LinkedHashMap<>(missing));
    types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    notes = List.copyOf(notes);
  }

  /** Total rows dropped. */
  public long rowsDropped() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Missing values in one column (0 for columns without missing values); fails for unknown columns. */
  public long missing(String column) {
    Long v = missing.get(column);
    if (v == null) {
      throw new IllegalArgumentException("no column '" + column + "' in the report of " + file + "; columns are "
          + missing.keySet());
    }
    return v;
  }

  /** Total missing values over all columns. */
  public long totalMissing() {
    return missing.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Number of columns with at least one missing value. */
  public int columnsWithMissing() {
    return (int) missing.values().stream().filter(v -> v > 0).count();
  }

  /** One line: file, description, rows, drops and missing values. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(description).append("; ").append(rowsRead).append(" rows read");
    if (rowsDropped() > 0) {
      sb.append(", ").append(rowsDropped()).append(" dropped");
    }
    long total = totalMissing();
    if (total == 0) {
      sb.append(", no missing values");
    } else {
      sb.append(", ").append(total).append(" missing values in ").append(columnsWithMissing())
          .append(" columns (").append(policy).append(')');
    }
    return sb.toString();
  }

  /** Per-column table: column, type, missing, missing_fraction. */
  public Table table() {
    StringColumn col = StringColumn.create("column");
    StringColumn type = StringColumn.create("type");
    LongColumn miss = LongColumn.create("missing");
    DoubleColumn frac = DoubleColumn.create("missing_fraction");
    missing.forEach((c, m) -> {
      col.append(c);
      type.append(types.getOrDefault(c, ""));
      miss.append(m);
      frac.append(rowsRead == 0 ? 0 : m / (double) rowsRead);
    });
    return Table.create("load report: " + (file == null ? description : file.getFileName()), col, type, miss, frac);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(file == null ? "" : file.getFileName() + ": ").append(summary()).append(String.format(" [%d ms]%n",
        millis));
    dropped.forEach((why, n) -> sb.append("  dropped ").append(n).append(" rows: ").append(why).append('\n'));
    missing.forEach((c, m) -> {
      if (m > 0) {
        sb.append("  missing ").append(c).append(": ").append(m).append('\n');
      }
    });
    notes.forEach(n -> sb.append("  note: ").append(n).append('\n'));
    return sb.toString();
  }

  /** Collects the parts of a report while a loader runs. */
  static final class Builder {
    final Path file;
    String description;
    long rowsRead;
    final Map<String, Long> dropped = new LinkedHashMap<>();
    final Map<String, Long> missing = new LinkedHashMap<>();
    final Map<String, String> types = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    final long start = System.nanoTime();

    Builder(Path file, String description) {
      this.file = file;
      this.description = description;
    }

    Builder note(String n) {
      notes.add(n);
      return this;
    }

    Builder dropped(String why, long n) {
      if (n > 0) {
        dropped.merge(why, n, Long::sum);
      }
      return this;
    }

    LoadReport build(long rowsKept, MissingValues policy) {
      return new LoadReport(file, description, rowsRead, rowsKept, dropped, missing, types, notes, policy,
          (System.nanoTime() - start) / 1_000_000);
    }
  }
}
