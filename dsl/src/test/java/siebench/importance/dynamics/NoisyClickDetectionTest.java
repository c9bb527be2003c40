package siebench.importance.dynamics;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static siebench.importance.catalog.Estimators.adaptiveDenoising;
import static siebench.importance.catalog.Estimators.aum;
import static siebench.importance.catalog.Estimators.dataMaps;
import static siebench.importance.catalog.Estimators.el2n;
import static siebench.importance.catalog.Estimators.forgetting;
import static siebench.importance.catalog.Estimators.gradientNorm;
import static siebench.importance.catalog.Estimators.loss;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.metrics.Metrics;
import siebench.model.Models;
import siebench.train.CtrTask;

/**
 * Detection of injected label noise: on a toy whose click probability is driven by the interaction of two
 * categorical fields, 10% of the non-clicks are turned into fake clicks; the hardness estimators must rank
 * the corrupted rows first (AUROC of the scores as a detector of the corrupted flags).
 */
class NoisyClickDetectionTest {
  static Toys.Corrupted data;
  static EstimationContext ctx;
  static final Map<String, Double> AUROC = new LinkedHashMap<>();

  @BeforeAll
  static void setUp() {
    data = Toys.interaction(20_000, 0.1, 77);
    CtrTask task = CtrTask.ctr().model(Models.fm().embeddingDim(8)).epochs(3).batchSize(1024).learningRate(0.02);
    ctx = Toys.context(task, 5);
  }

  static double auroc(ImportanceEstimator est) {
    Importance imp = est.estimate(data.samples(), ctx);
    double auc = Metrics.auc(data.corrupted(), imp.alignTo(data.samples()));
    AUROC.put(est.name(), auc);
    System.out.printf("detection AUROC %-12s %.4f  (%d ms, %d trainings)%n", est.name(), auc,
        imp.cost().wallMillis(), imp.cost().trainings());
    return auc;
  }

  @Test
  void hardnessScoresDetectFakeClicks() {
    double corrupted = 0;
    for (float f : data.corrupted()) {
      corrupted += f;
    }
    assertTrue(corrupted > 500, "toy has " + corrupted + " corrupted rows");
    for (ImportanceEstimator est : List.<ImportanceEstimator>of(gradientNorm().epochs(2), el2n().epochs(2),
        aum().epochs(3), loss().epochs(2))) {
      double auc = auroc(est);
      assertTrue(auc >= 0.75, est.name() + " AUROC " + auc);
    }
    // forgetting needs many evaluations to resolve (3 epochs give at most 2 forgetting events per row) and ADT's
    // weights (read as suspicion: low weight = suspected noise) are a coarser signal, so they get lower bars than
    // the 0.75 above, set from a measurement on this toy (seed 77: forgetting 0.669, ADT 0.717; chance is 0.5)
    double dm = auroc(dataMaps().epochs(3));
    double fg = auroc(forgetting().epochs(3).baseRateThreshold());
    Importance adt = adaptiveDenoising().epochs(3).estimate(data.samples(), ctx).on(data.samples());
    double adtAuc = Metrics.auc(data.corrupted(), adt.suspicion());
    System.out.printf("detection AUROC %-12s %.4f%n", "-adt", adtAuc);
    assertTrue(dm >= 0.75, "datamaps AUROC " + dm);
    assertTrue(fg >= 0.6, "forgetting AUROC " + fg);
    assertTrue(adtAuc >= 0.65, "ADT suspicion AUROC " + adtAuc);
    // threshold samples: the corruption only creates fake clicks, so judge the flags on the click rows
    AumResult id = aum().epochs(3).fit(data.samples(), ctx);
    boolean[] flagged = id.flagged();
    float[] c = data.corrupted();
    float[] y = data.samples().labels();
    int hits = 0;
    int count = 0;
    int clicks = 0;
    for (int i = 0; i < flagged.length; i++) {
      if (y[i] == 1) {
        clicks++;
        if (flagged[i]) {
          count++;
          hits += c[i] > 0 ? 1 : 0;
        }
      }
    }
    double precision = hits / (double) Math.max(1, count);
    double recall = hits / corrupted;
    double base = corrupted / clicks;
    System.out.printf("AUM threshold samples: %s; among clicks: %d flagged, precision %.3f (fake-click rate "
        + "%.3f), recall %.3f%n", id, count, precision, base, recall);
    assertTrue(count > 0 && precision > 1.5 * base, "flagged clicks are not enriched in fake clicks");
  }
}
