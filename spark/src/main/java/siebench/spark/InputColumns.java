package siebench.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import siebench.data.Samples;
import siebench.features.FeatureEncoder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The columns a {@link FeatureEncoder} reads from a Spark {@code Dataset<Row>}, checked against the dataset's
 * schema on the driver (each missing column or wrong type is named, with the types accepted), and the
 * conversion of a batch of rows into {@link Samples} that the encoder encodes exactly as it encodes a table
 * loaded in one JVM: categorical values as strings (integers in decimal, as a Tablesaw integer column prints
 * them), numeric values as doubles, nulls as missing.
 *
 * @param rowId the stable row-id column (integer or long; distinct per row)
 * @param label the 0/1 label column (numeric or boolean), or null when the rows have none (valuation needs one,
 *     scoring needs one for the per-sample losses)
 * @param categorical the encoder's categorical columns
 * @param numeric the encoder's numeric columns (dense and bucketized)
 * @param history the encoder's behavior-history column (a string of item ids), or null
 */
public record InputColumns(String rowId, String label, List<String> categorical, List<String> numeric,
    String history) implements Serializable {

  /** The columns of {@code encoder}, plus the row-id and label columns. */
  public static InputColumns of(FeatureEncoder encoder, String rowId, String label) {
    return new InputColumns(rowId, label, encoder.categoricalColumns(), encoder.numericColumns(),
        encoder.historyColumn());
  }

  /** Every column read, in a fixed order: row id, label, categorical, numeric, history. */
  public List<String> all() {
    Set<String> s = new LinkedHashSet<>();
    s.add(rowId);
    if (label != null) {
      s.add(label);
    }
    s.addAll(categorical);
    s.addAll(numeric);
    if (history != null) {
      s.add(history);
    }
    return new ArrayList<>(s);
  }

  /**
   * Fails, naming every problem at once, when {@code schema} lacks a column or holds one of a type the
   * encoder cannot read: row id integer/long; label numeric or boolean; categorical string, integer or boolean;
   * numeric any number; history string.
   */
  public void check(StructType schema, String what) {
    List<String> problems = new ArrayList<>();
    require(schema, rowId, "row id", List.of("int", "bigint"), problems);
    if (label != null) {
      require(schema, label, "label", List.of("int", "bigint", "smallint", "tinyint", "double", "float",
          "boolean"), problems);
    }
    for (String c : categorical) {
      require(schema, c, "categorical", List.of("string", "int", "bigint", "smallint", "tinyint", "boolean"),
          problems);
    }
    for (String c : numeric) {
      require(schema, c, "numeric", List.of("double", "float", "int", "bigint", "smallint", "tinyint",
          "decimal"), problems);
    }
    if (history != null) {
      require(schema, history, "history", List.of("string"), problems);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(what + " does not fit the model's encoder: " + String.join("; ", problems)
          + ". Columns present: " + Arrays.toString(schema.fieldNames()));
    }
  }

  private static void require(StructType schema, String column, String role, List<String> accepted,
      List<String> problems) {
    int i = Arrays.asList(schema.fieldNames()).indexOf(column);
    if (i < 0) {
      problems.add("missing " + role + " column '" + column + "' (expected type " + String.join("/", accepted) + ")");
      return;
    }
    DataType t = schema.fields()[i].dataType();
    String name = t instanceof DecimalType ? "decimal" : t.simpleString();
    if (!accepted.contains(name)) {
      problems.add(role + " column '" + column + "' has type " + t.simpleString() + ", expected "
          + String.join("/", accepted));
    }
  }

  /** Positions of {@link #all()} in {@code schema} (checked beforehand). */
  int[] positions(StructType schema) {
    List<String> names = Arrays.asList(schema.fieldNames());
    return all().stream().mapToInt(names::indexOf).toArray();
  }

  /**
   * A batch of rows as {@link Samples}: a table with {@code row_id}, the label (as a number, so that {@link
   * Samples#labels()} checks it is 0/1 and names the row id that is not) and the encoder's columns.
   *
   * @param fields the fields of the rows' schema
   * @param at {@link #positions} in that schema
   */
  Samples samples(List<Row> rows, StructField[] fields, int[] at) {
    int n = rows.size();
    List<String> names = all();
    Table t = Table.create("spark partition");
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      if (r.isNullAt(at[0])) {
        throw new IllegalArgumentException("row id column '" + rowId + "' holds a null; every row needs an id");
      }
      ids[i] = ((Number) r.get(at[0])).longValue();
    }
    t.addColumns(LongColumn.create(Samples.ROW_ID, ids));
    for (int c = 1; c < names.size(); c++) {
      String name = names.get(c);
      if (name.equals(Samples.ROW_ID)) {
        continue;
      }
      int p = at[c];
      boolean categoricalColumn = categorical.contains(name) || name.equals(history);
      if (categoricalColumn) {
        String[] v = new String[n];
        for (int i = 0; i < n; i++) {
          Row r = rows.get(i);
          v[i] = r.isNullAt(p) ? null : string(r.get(p));
        }
        t.addColumns(StringColumn.create(name, v));
      } else {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          Row r = rows.get(i);
          v[i] = r.isNullAt(p) ? Double.NaN : number(r.get(p), fields[p]);
        }
        t.addColumns(DoubleColumn.create(name, v));
      }
    }
    Samples s = Samples.from(t);
    return label == null ? s : s.label(label);
  }

  private static String string(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    throw new IllegalArgumentException("cannot read " + v.getClass().getSimpleName() + " as a category");
  }

  private static double number(Object v, StructField f) {
    if (v instanceof Number x) {
      return x.doubleValue();
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    throw new IllegalArgumentException("column '" + f.name() + "' holds " + v.getClass().getSimpleName()
        + ", expected a number");
  }
}
