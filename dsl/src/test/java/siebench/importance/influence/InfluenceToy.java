package siebench.importance.influence;

import java.util.Random;
import siebench.data.Samples;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Small synthetic click data with two categorical fields, two numeric features and a logistic ground truth. */
final class InfluenceToy {
  private InfluenceToy() {}

  static Samples samples(int n, int values, long seed, double flipRate) {
    Random r = new Random(seed);
    Random truth = new Random(99); // the same ground truth for every split
    double[] ea = new double[values];
    double[] eb = new double[values];
    for (int i = 0; i < values; i++) {
      ea[i] = truth.nextGaussian();
      eb[i] = truth.nextGaussian();
    }
    StringColumn a = StringColumn.create("cat_a");
    StringColumn b = StringColumn.create("cat_b");
    DoubleColumn x1 = DoubleColumn.create("x1");
    DoubleColumn x2 = DoubleColumn.create("x2");
    IntColumn y = IntColumn.create("click");
    for (int i = 0; i < n; i++) {
      int ia = r.nextInt(values);
      int ib = r.nextInt(values);
      double u = r.nextGaussian();
      double v = r.nextGaussian();
      double z = ea[ia] + 0.7 * eb[ib] + 0.8 * u - 0.5 * v + ea[ia] * eb[ib] * 0.5;
      int label = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
      if (r.nextDouble() < flipRate) {
        label = 1 - label;
      }
      a.append("a" + ia);
      b.append("b" + ib);
      x1.append(u);
      x2.append(v);
      y.append(label);
    }
    return Samples.from(Table.create("toy" + seed, a, b, x1, x2, y));
  }
}
