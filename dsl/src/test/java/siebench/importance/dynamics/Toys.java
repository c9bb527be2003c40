package siebench.importance.dynamics;

import java.util.Random;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.train.CtrTask;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Small synthetic CTR data sets for the training-dynamics tests. */
final class Toys {
  private Toys() {}

  /** Rows with random categories and numeric values and random clicks (no signal). */
  static Samples random(int n, long seed) {
    Random r = new Random(seed);
    StringColumn a = StringColumn.create("cat_a");
    StringColumn b = StringColumn.create("cat_b");
    DoubleColumn x = DoubleColumn.create("x");
    DoubleColumn x2 = DoubleColumn.create("x2");
    IntColumn y = IntColumn.create("click");
    for (int i = 0; i < n; i++) {
      a.append("a" + r.nextInt(6));
      b.append("b" + r.nextInt(5));
      x.append(r.nextGaussian());
      x2.append(r.nextDouble() * 3);
      y.append(r.nextDouble() < 0.3 ? 1 : 0);
    }
    return Samples.from(Table.create("random", a, b, x, x2, y));
  }

  /** A toy with a learnable interaction signal, with a fraction of negatives turned into fake clicks. */
  record Corrupted(Samples samples, float[] corrupted) {}

  /**
   * Two categorical fields whose interaction drives the click probability, plus a weak numeric feature;
   * {@code noise} of the negative rows become (fake) clicks, flagged in {@link Corrupted#corrupted()}.
   */
  static Corrupted interaction(int n, double noise, long seed) {
    Random r = new Random(seed);
    int k = 12;
    double[] ea = new double[k];
    double[] eb = new double[k];
    for (int i = 0; i < k; i++) {
      ea[i] = r.nextGaussian();
      eb[i] = r.nextGaussian();
    }
    StringColumn a = StringColumn.create("cat_a");
    StringColumn b = StringColumn.create("cat_b");
    DoubleColumn x = DoubleColumn.create("x");
    IntColumn y = IntColumn.create("click");
    float[] flags = new float[n];
    for (int i = 0; i < n; i++) {
      int ia = r.nextInt(k);
      int ib = r.nextInt(k);
      double xv = r.nextGaussian();
      double z = 3 * ea[ia] * eb[ib] - 1 + 0.3 * xv;
      int click = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
      if (click == 0 && r.nextDouble() < noise) {
        click = 1;
        flags[i] = 1;
      }
      a.append("a" + ia);
      b.append("b" + ib);
      x.append(xv);
      y.append(click);
    }
    return new Corrupted(Samples.from(Table.create("interaction", a, b, x, y)), flags);
  }

  /** A quiet context with a small fast task. */
  static EstimationContext context(CtrTask task, long seed) {
    return EstimationContext.defaults().task(task.progress(Progress.silent())).seed(seed)
        .progress(Progress.silent());
  }
}
