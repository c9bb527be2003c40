package siebench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static siebench.model.Models.logisticRegression;
import static siebench.train.CtrTask.ctr;

import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.core.Numerics;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * {@link TrainedModel#parameterValues} and {@link EncodedData#denseRow}: a logistic regression rebuilt by hand from
 * them, sigmoid(w · x + b), must give the model's own predictions.
 */
class ParameterValuesTest {
  @Test
  void logisticRegressionByHandFromItsParametersEqualsThePredictions() {
    Random rng = new Random(3);
    DoubleColumn a = DoubleColumn.create("a");
    DoubleColumn b = DoubleColumn.create("b");
    IntColumn click = IntColumn.create("click");
    for (int i = 0; i < 200; i++) {
      double u = rng.nextGaussian();
      double v = rng.nextGaussian();
      a.append(u);
      b.append(v);
      click.append(rng.nextDouble() < Numerics.sigmoid(2 * u - v) ? 1 : 0);
    }
    Samples s = Samples.from(Table.create("two numeric features", a, b, click));
    TrainResult run = s.train(ctr().model(logisticRegression()).epochs(2).batchSize(32).learningRate(0.05).seed(1)
        .progress(Progress.silent()));
    try (TrainedModel lr = run.model()) {
      EncodedData enc = lr.encoder().encode(run.trainSamples());
      double[] w = lr.parameterValues("dense_linear");
      double b0 = lr.parameterValues("bias")[0];
      assertEquals(enc.layout().dense(), w.length);
      assertTrue(Math.abs(w[0]) > 0.05, "trained, not the initial zeros: " + w[0]);
      double[] predicted = lr.predict(enc);
      for (int i = 0; i < enc.rows(); i++) {
        double[] x = enc.denseRow(i);
        double z = b0;
        for (int j = 0; j < x.length; j++) {
          z += w[j] * x[j];
          assertEquals(enc.dense()[i * x.length + j], x[j], 0);
        }
        assertEquals(predicted[i], Numerics.sigmoid(z), 1e-5, "row " + i);
      }
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lr.parameterValues("weights"));
      assertTrue(e.getMessage().contains("dense_linear") && e.getMessage().contains("bias"), e.getMessage());
      assertThrows(IndexOutOfBoundsException.class, () -> enc.denseRow(enc.rows()));
      assertArrayEquals(enc.denseRow(0), enc.denseRow(0), 0);
    }
  }
}
