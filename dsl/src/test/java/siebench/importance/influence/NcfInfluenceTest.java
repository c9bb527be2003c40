package siebench.importance.influence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import siebench.core.CostMeter;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.implicit.ImplicitSamples;
import siebench.data.implicit.Interactions;
import siebench.data.implicit.PlantedCommunities;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.importance.catalog.Estimators;
import siebench.importance.Importance;
import siebench.model.ModelSpec;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/**
 * TracIn (Pruthi et al. 2020) on GMF / NeuMF (He et al. 2017) and two-tower (Yi et al. 2019) rows, last-layer
 * scope, against brute force: each row's gradient of the last layer (output layer and bias; for the two-tower the
 * user tower's output layer and bias) from its own one-sample backward pass at every epoch checkpoint;
 * and last-layer influence functions (Koh &amp; Liang 2017) against the closed form with an explicit Hessian solve
 * and against actual leave-one-out refits of the head.
 */
class NcfInfluenceTest {
  static final long SEED = 3;

  /** 16 users in two communities of 10 items, 4 items each; positives and one sampled negative per positive. */
  static Samples samples(long negativeSeed) {
    Interactions log = PlantedCommunities.of("toy", 16, 10, 4, 9);
    return ImplicitSamples.defaults().seed(negativeSeed).build(log);
  }

  static final Samples TRAIN = samples(1);
  static final Samples VALID = samples(2);

  static CtrTask task(ModelSpec model) {
    return CtrTask.ctr().model(model).epochs(3).batchSize(16).learningRate(0.05).earlyStopping(0).seed(SEED)
        .progress(Progress.silent());
  }

  static ModelSpec model(String name) {
    return name.equals("gmf") ? Models.gmf().embeddingDim(4) : Models.named(name).embeddingDim(4);
  }

  /** The last layer: the output layer and bias (GMF, NeuMF), the user tower's output layer and bias (two-tower). */
  static Set<String> lastLayer(ModelSpec model) {
    return model.name().equals("two-tower") ? Set.of("user_output_weight", "bias") : Set.of("output_weight", "bias");
  }

  static double[] bruteForce(ModelSpec model, boolean withValidation) {
    return TracInTest.bruteForce(task(model), TRAIN, VALID, withValidation, lastLayer(model));
  }

  static double[] estimate(ModelSpec model, boolean withValidation) {
    EstimationContext c = EstimationContext.defaults().task(task(model)).seed(SEED).progress(Progress.silent());
    Importance imp = Estimators.tracIn().estimate(TRAIN, withValidation ? c.validation(VALID) : c);
    return imp.alignTo(TRAIN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gmf", "neumf", "two-tower"})
  void lastLayerTracInMatchesOneRowBackwardPasses(String name) {
    ModelSpec m = model(name);
    TracInTest.assertClose(bruteForce(m, true), estimate(m, true), 1e-4, name + " last-layer TracIn");
    TracInTest.assertClose(bruteForce(m, false), estimate(m, false), 1e-4, name + " last-layer self-influence");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gmf", "neumf", "two-tower"})
  void lastLayerInfluencePredictsLeaveOneOutOfTheHead(String name) {
    FeatureEncoder enc = FeatureEncoder.fit(TRAIN);
    EncodedData tr = enc.encode(TRAIN);
    EncodedData va = enc.encode(VALID);
    InfluenceFunctions est = Estimators.influence().l2(InfluenceFunctionsTest.L2);
    try (TrainedModel model = TrainingLoop.train(task(model(name)), enc, tr, null, null).model()) {
      InfluenceFunctions.Problem pr = est.lastLayerProblem(model, tr, va, Progress.silent());
      double[] scores = est.score(pr, Progress.silent(), new CostMeter()).scores();
      InfluenceFunctionsTest.Reference train = new InfluenceFunctionsTest.Reference(
          InfluenceFunctionsTest.withIntercept(model.representations(tr)), model.logits(tr), tr.labels(),
          InfluenceFunctionsTest.L2);
      InfluenceFunctionsTest.Reference valid = new InfluenceFunctionsTest.Reference(
          InfluenceFunctionsTest.withIntercept(model.representations(va)), model.logits(va), va.labels(),
          InfluenceFunctionsTest.L2);
      double[][] loo = InfluenceFunctionsTest.leaveOneOut(train, valid);
      TracInTest.assertClose(loo[0], scores, 1e-5, name + " head influence vs closed form");
      double r = siebench.metrics.Ranks.pearson(scores, loo[1]);
      System.out.printf("%s last layer: Pearson(predicted, actual LOO) = %.4f%n", name, r);
      org.junit.jupiter.api.Assertions.assertTrue(r >= 0.9, "Pearson " + r);
    }
  }

  @Test
  void allParameterScopeOnGmfFailsNamingTheLastLayer() {
    EstimationContext c = EstimationContext.defaults().task(task(model("gmf"))).seed(SEED).progress(Progress.silent());
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> Estimators.tracIn().allParameters().estimate(TRAIN, c));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("last-layer"), e.getMessage());
  }
}
