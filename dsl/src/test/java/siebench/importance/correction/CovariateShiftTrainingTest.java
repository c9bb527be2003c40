package siebench.importance.correction;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.importance.catalog.Estimators;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.TrainResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Shimodaira's (2000) setting: a misspecified model (logistic regression, linear in x) and a nonlinear truth
 * {@code P(click | x) = sigmoid(x^2 - 1.5)}. Trained on x ~ N(0,1) the best linear fit is nearly flat; on the
 * target x ~ N(1.5, 1) the click rate rises steeply with x. Density-ratio weights move the fit toward the
 * target region, so the target log-loss (the reference: the target sample itself) drops.
 */
class CovariateShiftTrainingTest {
  static Samples sample(int n, double mean, long seed, String name) {
    Random r = new Random(seed);
    DoubleColumn x = DoubleColumn.create("x");
    IntColumn y = IntColumn.create("click");
    for (int i = 0; i < n; i++) {
      double v = mean + r.nextGaussian();
      x.append(v);
      y.append(r.nextDouble() < 1 / (1 + Math.exp(-(v * v - 1.5))) ? 1 : 0);
    }
    return Samples.from(Table.create(name, x, y)).numeric("x");
  }

  @Test
  void densityRatioWeightsLowerTargetLogLoss() {
    Samples train = sample(20000, 0, 1, "train");
    Samples target = sample(5000, 1.5, 2, "target unlabeled");
    Samples targetTest = sample(20000, 1.5, 3, "target test");
    // the density ratio never needs target labels: drop them
    Samples unlabeled = Samples.from(target.table().copy().removeColumns("click")).numeric("x");
    EstimationContext ctx = EstimationContext.defaults().progress(Progress.silent());
    Importance w = Estimators.densityRatio().target(unlabeled).clipQuantile(0.999).estimate(train, ctx);
    CtrTask task = CtrTask.ctr().model(Models.logisticRegression()).epochs(4).batchSize(512).learningRate(0.05)
        .seed(3).earlyStopping(0).validationFraction(0).testOn(targetTest).progress(Progress.silent());
    TrainResult plain = train.train(task);
    TrainResult weighted = train.withWeights(w.alignTo(train)).train(task);
    System.out.printf("target log-loss: unweighted %.4f, density-ratio weighted %.4f (AUC %.4f vs %.4f), ESS %s%n",
        plain.logLoss(), weighted.logLoss(), plain.auc(), weighted.auc(), w.parameters().get("ess"));
    assertTrue(weighted.logLoss() < plain.logLoss() - 0.02, weighted.logLoss() + " vs " + plain.logLoss());
    plain.model().close();
    weighted.model().close();
  }
}
