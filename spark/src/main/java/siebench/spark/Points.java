package siebench.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.features.FeatureLayout;

/**
 * Encoded rows in a form Spark can ship (broadcast or persist): the arrays of an {@link EncodedData} without its
 * layout, which each JVM takes from its own copy of the encoder. Also encodes a partition's rows batch by batch.
 */
record Points(int rows, long[] cat, float[] dense, float[] labels, long[] rowIds, long[] history)
    implements Serializable {

  static Points of(EncodedData d) {
    return new Points(d.rows(), d.cat(), d.dense(), d.labels(), d.rowIds(), d.history());
  }

  /** Back to encoded data on {@code layout} (unit weights). */
  EncodedData on(FeatureLayout layout) {
    float[] w = new float[rows];
    java.util.Arrays.fill(w, 1f);
    return new EncodedData(layout, rows, cat, dense, labels, w, rowIds, history);
  }

  /** The rows of {@code input} (schema {@code schema}) encoded by {@code encoder}, {@code batch} rows at a time. */
  static Iterator<EncodedData> encode(Iterator<Row> input, InputColumns cols, StructType schema,
      FeatureEncoder encoder, int batch) {
    int[] at = cols.positions(schema);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return input.hasNext();
      }

      @Override
      public EncodedData next() {
        if (!input.hasNext()) {
          throw new NoSuchElementException();
        }
        List<Row> rows = new ArrayList<>(batch);
        while (rows.size() < batch && input.hasNext()) {
          rows.add(input.next());
        }
        return encoder.encode(cols.samples(rows, schema.fields(), at));
      }
    };
  }
}
