package siebench.data.io;

import java.util.Arrays;
import siebench.data.Samples;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The last steps every loader shares: stable row ids, a checked 0/1 label, missing-value counts, the missing-value
 * policy, the origin string, and the schema.
 */
final class Assembly {
  private Assembly() {}

  /**
   * Finishes a load. {@code t} must still have one row per data row of {@code p}, in file order (derived and
   * joined columns may be added). With {@code checkLabel} the label column is checked to hold 0/1 (also
   * {@code 0.0}/{@code 1.0}, {@code true}/{@code false}) and stored as integers; errors name the line.
   */
  static Loaded finish(DelimitedReader.Parsed p, Table t, SchemaSpec spec, MissingValues policy,
      LoadReport.Builder r, boolean checkLabel) {
    int n = t.rowCount();
    r.rowsRead = n;
    for (String c : p.notes) {
      r.note(c);
    }
    Table table = t;
    if (!table.columnNames().contains(Samples.ROW_ID)) {
      table = table.copy();
      LongColumn ids = LongColumn.create(Samples.ROW_ID, n);
      for (int i = 0; i < n; i++) {
        ids.set(i, i);
      }
      table.insertColumn(0, ids);
      r.note(Samples.ROW_ID + " = 0-based index of the data row in the file");
    }
    for (Column<?> c : table.columns()) {
      if (c.name().equals(Samples.ROW_ID)) {
        continue;
      }
      r.missing.put(c.name(), (long) c.countMissing());
      FieldType type = p.types.get(c.name());
      r.types.put(c.name(), type != null ? type.name() : p.table.columnNames().contains(c.name()) ? "" : "derived");
    }
    if (spec.label != null && checkLabel) {
      table = checkLabel(p, table, spec.label, policy, r);
    }
    Table out = policy.apply(table, spec, r);
    LoadReport report = r.build(out.rowCount(), policy);
    String file = p.file.getFileName() == null ? p.file.toString() : p.file.getFileName().toString();
    out.setName(file + " [" + report.summary() + "]");
    return new Loaded(spec.apply(out), report);
  }

  private static Table checkLabel(DelimitedReader.Parsed p, Table t, String label, MissingValues policy,
      LoadReport.Builder r) {
    Column<?> c = t.column(label);
    int n = c.size();
    int[] y = new int[n];
    int[] keep = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (c.isMissing(i)) {
        if (policy.policy() != MissingValues.Policy.DROP) {
          throw p.error(i, label, "the label is missing; expected 0 or 1 (use MissingValues.DROP to drop such rows)");
        }
        continue;
      }
      int v;
      if (c instanceof NumericColumn<?> num) {
        double d = num.getDouble(i);
        v = d == 0 ? 0 : d == 1 ? 1 : -1;
      } else if (c instanceof BooleanColumn b) {
        v = b.get(i) ? 1 : 0;
      } else {
        String s = c.getString(i).trim();
        v = s.equals("0") || s.equalsIgnoreCase("false") ? 0 : s.equals("1") || s.equalsIgnoreCase("true") ? 1 : -1;
      }
      if (v < 0) {
        throw p.error(i, label, "expected a 0/1 label, got '" + c.getString(i) + "'");
      }
      y[i] = v;
      keep[k++] = i;
    }
    Table out = t.copy();
    out.replaceColumn(label, IntColumn.create(label, y));
    if (k < n) {
      r.dropped("missing label", n - k);
      out = out.rows(Arrays.copyOf(keep, k));
    }
    return out;
  }
}
