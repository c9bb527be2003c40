package siebench.importance.valuation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.Split;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.importance.catalog.Estimators;
import siebench.importance.ImportanceEstimator;
import siebench.model.ModelSpec;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/**
 * {@link TaskLearner}: bound by an estimator, it is the same learner as one built by hand from the context's
 * task ({@link CtrTaskLearner#warmStartedFrom} of a model trained on the valued rows, or a cold {@link
 * CtrTaskLearner}); out-of-sample estimators refuse the warm-started one.
 */
class TaskLearnerTest {
  static final long SEED = 5;
  static final ModelSpec MODEL = Models.deepFm().embeddingDim(2).hidden(4);
  static final Samples DATA = Toys.blobs(60, 3, 17);
  static final Split SPLIT = DATA.split(0.6, 2);
  static final CtrTask TASK = CtrTask.ctr().model(MODEL).epochs(2).batchSize(16).learningRate(2e-2)
      .earlyStopping(0).progress(Progress.silent());
  static final EstimationContext CONTEXT = EstimationContext.defaults().task(TASK).seed(SEED)
      .validation(SPLIT.test()).progress(Progress.silent());

  static TmcShapley tmc() {
    return TmcShapley.defaults().maxPermutations(2).truncation(0).convergence(0);
  }

  @Test
  void boundWarmStartIsTheHandBuiltWarmStart() {
    FeatureEncoder enc = FeatureEncoder.fit(SPLIT.train());
    EncodedData tr = enc.encode(SPLIT.train());
    CtrTaskLearner byHand;
    try (TrainedModel start = TrainingLoop.train(TASK.seed(SEED), enc, tr, null, null).model()) {
      byHand = CtrTaskLearner.warmStartedFrom(start, TASK.seed(SEED).epochs(1));
    }
    double[] expected = tmc().learner(byHand).estimate(SPLIT.train(), CONTEXT).scores();
    ImportanceEstimator viaTask = TaskLearner.warmStarted(1).useIn(tmc(), MODEL);
    double[] actual = viaTask.estimate(SPLIT.train(), CONTEXT).scores();
    assertTrue(Arrays.stream(expected).anyMatch(v -> v != 0), "some marginal contribution is non-zero");
    assertArrayEquals(expected, actual, 1e-9);
    assertTrue(String.valueOf(viaTask.parameters().get("learner")).contains("warm start, 1 epochs"),
        String.valueOf(viaTask.parameters().get("learner")));
  }

  @Test
  void boundColdLearnerIsTheTaskModelTrainedAfresh() {
    FeatureEncoder enc = FeatureEncoder.fit(SPLIT.train());
    double[] expected = DataBanzhaf.defaults().samples(4).learner(new CtrTaskLearner(TASK.seed(SEED), enc))
        .estimate(SPLIT.train(), CONTEXT).scores();
    double[] actual = TaskLearner.cold().useIn(DataBanzhaf.defaults().samples(4), MODEL)
        .estimate(SPLIT.train(), CONTEXT).scores();
    assertArrayEquals(expected, actual, 1e-9);
    // leave-one-out and the out-of-sample estimators take the cold model through model(spec)
    assertEquals("ctr:" + MODEL.name(), TaskLearner.cold().useIn(Estimators.leaveOneOut(), MODEL).parameters()
        .get("learner"));
    assertEquals("ctr:" + MODEL.name(), TaskLearner.cold().useIn(Estimators.dataOob(), MODEL).parameters()
        .get("learner"));
    assertEquals("ctr:" + MODEL.name(), TaskLearner.cold().useIn(Estimators.confidentLearning(), MODEL)
        .parameters().get("learner"));
    // estimators without a learner are returned as they are
    ImportanceEstimator loss = Estimators.loss();
    assertTrue(TaskLearner.cold().useIn(loss, MODEL) == loss);
  }

  @Test
  void outOfSampleEstimatorsRefuseTheWarmStart() {
    for (ImportanceEstimator e : new ImportanceEstimator[] {Estimators.dataOob(), Estimators.confidentLearning()}) {
      IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
          () -> TaskLearner.warmStarted(1).useIn(e, MODEL));
      assertTrue(x.getMessage().contains("out of sample"), x.getMessage());
    }
    IllegalArgumentException direct = assertThrows(IllegalArgumentException.class,
        () -> DataOob.defaults().learners(2).learner(TaskLearner.warmStarted(1)).estimate(SPLIT.train(), CONTEXT));
    assertTrue(direct.getMessage().contains("out of sample"), direct.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TaskLearner.warmStarted(0));
    EncodedData d = Toys.logistic(10, 2, 1);
    IllegalStateException unbound = assertThrows(IllegalStateException.class,
        () -> TaskLearner.cold().fitPredict(d, new int[] {0, 1}, d));
    assertTrue(unbound.getMessage().contains("bind"), unbound.getMessage());
  }
}
