package siebench.importance.influence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.importance.catalog.Estimators;
import siebench.SharedData;
import siebench.data.Samples;
import siebench.data.Split;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.metrics.Metrics;
import siebench.model.Models;
import siebench.model.ModelSpec;
import siebench.train.CtrTask;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The published use of both estimators on real data (Avazu sample): with 10% of training labels flipped,
 * self-influence (Koh and Liang 2017, Section 5.4; Pruthi et al. 2020, Section 4.1) ranks the flipped rows
 * first, and influence on a clean validation set marks them as harmful (low scores).
 */
class AvazuMislabelTest {
  static Samples noisy;
  static Samples valid;
  static float[] flipped;

  static synchronized void load() {
    if (noisy != null) {
      return;
    }
    Table t;
    try {
      ColumnType[] types = new ColumnType[24];
      java.util.Arrays.fill(types, ColumnType.STRING);
      types[1] = ColumnType.INTEGER;
      t = Table.read().csv(CsvReadOptions.builder(SharedData.file("avazu_ctr_sample/avazu_sample.csv").toFile())
          .columnTypes(types).build());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    Samples all = Samples.from(t).ignore("id", "hour", "device_id", "device_ip");
    Split s = all.split(0.7, 7);
    Samples train = s.train();
    valid = s.test();
    Table tt = train.table().copy();
    IntColumn click = (IntColumn) tt.column("click");
    Random r = new Random(13);
    flipped = new float[tt.rowCount()];
    for (int i = 0; i < tt.rowCount(); i++) {
      if (r.nextDouble() < 0.1) {
        click.set(i, 1 - click.get(i));
        flipped[i] = 1;
      }
    }
    noisy = Samples.from(tt).ignore("id", "hour", "device_id", "device_ip");
  }

  static EstimationContext context(ModelSpec m) {
    return EstimationContext.defaults().progress(Progress.silent()).seed(3).task(CtrTask.ctr().model(m).epochs(3)
        .batchSize(128).learningRate(0.01).earlyStopping(0).progress(Progress.silent()));
  }

  static double auc(Importance imp, boolean higherMeansFlipped) {
    double[] s = imp.alignTo(noisy);
    if (!higherMeansFlipped) {
      for (int i = 0; i < s.length; i++) {
        s[i] = -s[i];
      }
    }
    return Metrics.auc(flipped, s);
  }

  static void report(String what, Importance imp, double auc) {
    System.out.printf("avazu %d rows, %s: AUC(flipped) = %.3f, %d ms, %d gradient evals, params %s%n",
        noisy.size(), what, auc, imp.cost().wallMillis(), imp.cost().gradientEvaluations(), imp.parameters());
  }

  @Test
  void selfInfluenceFindsFlippedLabels() {
    load();
    Importance tr = Estimators.tracIn().estimate(noisy, context(Models.logisticRegression()));
    double a = auc(tr, true);
    report("TracIn self-influence (LR)", tr, a);
    assertTrue(a > 0.75, "TracIn self-influence AUC " + a);
    Importance tf = Estimators.tracIn().allParameters()
        .estimate(noisy, context(Models.deepFm().embeddingDim(8).hidden(32, 16)));
    double b = auc(tf, true);
    report("TracIn self-influence (DeepFM, all parameters)", tf, b);
    assertTrue(b > 0.75, "TracIn DeepFM self-influence AUC " + b);
  }

  @Test
  void validationInfluenceMarksFlippedLabelsHarmful() {
    load();
    Importance tr = Estimators.tracIn().estimate(noisy, context(Models.logisticRegression())
        .validation(valid));
    double a = auc(tr, false);
    report("TracIn on validation (LR)", tr, a);
    assertTrue(a > 0.7, "TracIn validation AUC " + a);
    Importance inf = Estimators.influence().l2(1e-2).estimate(noisy, context(Models.logisticRegression())
        .validation(valid));
    double b = auc(inf, false);
    report("influence functions on validation (LR, exact)", inf, b);
    assertTrue(b > 0.7, "influence AUC " + b);
  }
}
