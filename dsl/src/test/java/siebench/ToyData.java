package siebench;

import java.util.Random;
import siebench.data.Samples;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A small seeded data set whose click probability depends on the interaction of two categorical fields
 * (which a linear model cannot represent and a factorization model can) plus one numeric feature.
 */
public final class ToyData {
  private ToyData() {}

  public static Samples interaction(int n, long seed) {
    Random r = new Random(seed);
    StringColumn a = StringColumn.create("cat_a");
    StringColumn b = StringColumn.create("cat_b");
    DoubleColumn x = DoubleColumn.create("x");
    IntColumn y = IntColumn.create("click");
    double[] ea = new double[20];
    double[] eb = new double[20];
    for (int i = 0; i < 20; i++) {
      ea[i] = r.nextGaussian();
      eb[i] = r.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      int ia = r.nextInt(20);
      int ib = r.nextInt(20);
      double xv = r.nextGaussian();
      double z = 2 * ea[ia] * eb[ib] + 0.5 * xv;
      a.append("a" + ia);
      b.append("b" + ib);
      x.append(xv);
      y.append(r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
    }
    return Samples.from(Table.create("toy", a, b, x, y));
  }
}
