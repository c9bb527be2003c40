package siebench.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.data.Samples;
import siebench.model.Models;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TrainingSmokeTest {
  static Samples toy(int n, long seed) {
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

  @Test
  void deepFmLearnsInteraction() {
    Samples s = toy(20000, 1);
    TrainResult lr = s.train(CtrTask.ctr().model(Models.logisticRegression()).epochs(3).batchSize(256)
        .learningRate(1e-2));
    TrainResult fm = s.train(CtrTask.ctr().model(Models.deepFm()).epochs(3).batchSize(256).learningRate(1e-2));
    System.out.println(lr);
    System.out.println(fm);
    assertTrue(fm.auc() > lr.auc() + 0.05, "deepfm " + fm.auc() + " vs lr " + lr.auc());
  }
}
