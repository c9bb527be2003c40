package siebench.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw {@link Table} (e.g. the rows of {@code Synthetic.ecommerce()}) as a Spark {@code Dataset<Row>} with
 * the same values: long, integer, short, double, float, boolean and string columns keep their types, missing
 * values become nulls. For generated data in tests and benchmarks; real logs are read by Spark directly.
 */
public final class TableFrames {
  private TableFrames() {}

  /** The columns {@code columns} of {@code table} (all when empty) as a dataset, built on the driver. */
  public static Dataset<Row> of(SparkSession spark, Table table, List<String> columns) {
    List<String> names = columns.isEmpty() ? table.columnNames() : columns;
    List<StructField> fields = new ArrayList<>();
    List<Column<?>> cols = new ArrayList<>();
    for (String n : names) {
      Column<?> c = table.column(n);
      fields.add(DataTypes.createStructField(n, sparkType(c), true));
      cols.add(c);
    }
    int n = table.rowCount();
    List<Row> rows = new ArrayList<>(n);
    Object[] v = new Object[cols.size()];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < v.length; j++) {
        Column<?> c = cols.get(j);
        v[j] = c.isMissing(i) ? null : c.get(i);
      }
      rows.add(RowFactory.create(v.clone()));
    }
    return spark.createDataFrame(rows, DataTypes.createStructType(fields));
  }

  private static DataType sparkType(Column<?> c) {
    ColumnType t = c.type();
    if (t.equals(ColumnType.LONG)) {
      return DataTypes.LongType;
    } else if (t.equals(ColumnType.INTEGER)) {
      return DataTypes.IntegerType;
    } else if (t.equals(ColumnType.SHORT)) {
      return DataTypes.ShortType;
    } else if (t.equals(ColumnType.DOUBLE)) {
      return DataTypes.DoubleType;
    } else if (t.equals(ColumnType.FLOAT)) {
      return DataTypes.FloatType;
    } else if (t.equals(ColumnType.BOOLEAN)) {
      return DataTypes.BooleanType;
    } else if (t.equals(ColumnType.STRING)) {
      return DataTypes.StringType;
    }
    throw new IllegalArgumentException("column '" + c.name() + "' has type " + t + "; expected a number, boolean "
        + "or string column");
  }
}
