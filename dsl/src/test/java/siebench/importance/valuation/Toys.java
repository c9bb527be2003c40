package siebench.importance.valuation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureLayout;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Small synthetic designs and samples for the valuation tests. */
final class Toys {
  private Toys() {}

  /** Encoded data with one categorical field of {@code vocab} values and {@code d} dense columns. */
  static EncodedData encoded(long[] cat, int vocab, float[] dense, int d, float[] labels) {
    int n = labels.length;
    List<String> dn = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      dn.add("x" + j);
    }
    FeatureLayout layout = vocab > 0 ? new FeatureLayout(List.of("c"), new int[] {vocab}, dn)
        : new FeatureLayout(List.of(), new int[0], dn);
    float[] w = new float[n];
    java.util.Arrays.fill(w, 1f);
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    return new EncodedData(layout, n, cat, dense, labels, w, ids);
  }

  /** Random logistic data: one categorical field (vocab 5), {@code d} dense columns. */
  static EncodedData logistic(int n, int d, long seed) {
    Random r = new Random(seed);
    long[] cat = new long[n];
    float[] x = new float[n * d];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      cat[i] = r.nextInt(5);
      double z = 0.3 * (cat[i] - 2);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) r.nextGaussian();
        z += (j % 2 == 0 ? 1.0 : -0.7) * x[i * d + j];
      }
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    return encoded(cat, 5, x, d, y);
  }

  /** Samples: two Gaussian blobs (x1, x2) by class, a categorical column, label {@code click}. */
  static Samples blobs(int n, double separation, long seed) {
    Random r = new Random(seed);
    DoubleColumn x1 = DoubleColumn.create("x1");
    DoubleColumn x2 = DoubleColumn.create("x2");
    StringColumn c = StringColumn.create("color");
    IntColumn y = IntColumn.create("click");
    for (int i = 0; i < n; i++) {
      int label = i % 2;
      double sh = label == 1 ? separation / 2 : -separation / 2;
      x1.append(sh + r.nextGaussian());
      x2.append(sh + r.nextGaussian());
      c.append("c" + r.nextInt(3));
      y.append(label);
    }
    // numeric declared explicitly: Samples.from does not infer DOUBLE columns reliably (ColumnType identity)
    return Samples.from(Table.create("blobs", x1, x2, c, y)).numeric("x1", "x2");
  }

  /** The same samples with the labels of the given rows flipped. */
  static Samples flip(Samples s, int... rows) {
    Table t = s.table().copy();
    IntColumn y = (IntColumn) t.column("click");
    for (int r : rows) {
      y.set(r, 1 - y.getInt(r));
    }
    return Samples.from(t).numeric("x1", "x2");
  }
}
