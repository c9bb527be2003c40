package siebench.importance.influence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import siebench.core.CostMeter;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.synthetic.BehaviorSequences;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.importance.catalog.Estimators;
import siebench.importance.Importance;
import siebench.metrics.Ranks;
import siebench.model.Models;
import siebench.model.ModelSpec;
import siebench.train.CtrTask;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/**
 * Influence functions and TracIn over all parameters of the sequence models (DIN, BST) against brute force:
 * per-sample gradients from one-sample backward passes ({@link TracInTest#gradients}), the network linearized
 * with them and the closed-form influence with an explicitly solved Hessian ({@link
 * InfluenceFunctionsTest#leaveOneOut}), and TracIn from explicit per-checkpoint gradient dot products.
 */
class SequenceInfluenceTest {
  static final Samples DATA = BehaviorSequences.defaults().rows(90).users(6).items(14).categories(3)
      .historyLength(4).seed(5).generate();
  static final Samples TRAIN = DATA.rows(java.util.stream.IntStream.range(0, 60).toArray());
  static final Samples VALID = DATA.rows(java.util.stream.IntStream.range(60, 90).toArray());
  static final double L2 = 5e-2;
  static final ModelSpec DIN = Models.din().embeddingDim(2).attentionHidden(3).hidden(4);
  static final ModelSpec BST = Models.bst().embeddingDim(2).heads(2).depth(1).hidden(3);

  static EstimationContext context(ModelSpec m) {
    return EstimationContext.defaults().task(TracInTest.task(m)).seed(TracInTest.SEED).progress(Progress.silent())
        .validation(VALID);
  }

  @Test
  void jacobiansMatchOneSampleBackwardPasses() {
    FeatureEncoder enc = FeatureEncoder.fit(TRAIN);
    EncodedData tr = enc.encode(TRAIN);
    assertTrue(tr.layout().historyLength() > 0, "the rows carry histories");
    for (ModelSpec m : new ModelSpec[] {DIN, BST}) {
      try (TrainedModel model = FullModelInfluenceTest.train(m, tr, enc)) {
        FullModelInfluenceTest.assertJacobiansMatchOneSampleBackwardPasses(model, tr, m.name());
      }
    }
  }

  @Test
  void allParameterInfluenceMatchesTheLinearizedClosedForm() {
    FeatureEncoder enc = FeatureEncoder.fit(TRAIN);
    EncodedData tr = enc.encode(TRAIN);
    EncodedData va = enc.encode(VALID);
    for (ModelSpec m : new ModelSpec[] {DIN, BST}) {
      try (TrainedModel model = FullModelInfluenceTest.train(m, tr, enc)) {
        InfluenceFunctions est = Estimators.influence().l2(L2).allParameters();
        InfluenceFunctions.Problem pr = est.fullModelProblem(model, tr, va, null, Progress.silent());
        double[] scores = est.score(pr, Progress.silent(), new CostMeter()).scores();
        InfluenceFunctionsTest.Reference train = new InfluenceFunctionsTest.Reference(
            FullModelInfluenceTest.withIntercept(FullModelInfluenceTest.bruteJacobians(model, tr)),
            model.logits(tr), tr.labels(), L2);
        InfluenceFunctionsTest.Reference valid = new InfluenceFunctionsTest.Reference(
            FullModelInfluenceTest.withIntercept(FullModelInfluenceTest.bruteJacobians(model, va)),
            model.logits(va), va.labels(), L2);
        double[][] loo = InfluenceFunctionsTest.leaveOneOut(train, valid);
        InfluenceFunctionsTest.assertClose(loo[0], scores, 1e-3, m.name() + " all-parameter influence vs closed form");
        double r = Ranks.pearson(scores, loo[1]);
        System.out.printf("%s all parameters (%d): Pearson(predicted, leave-one-out of the linearized model) = "
            + "%.4f%n", m.name(), pr.train().dim(), r);
        // the first-order approximation of the refit on 60 rows (measured: DIN 0.75, BST 0.96); the code's
        // check is the closed form above, this one checks that the reference problem is meaningful
        assertTrue(r >= 0.6, m.name() + " Pearson " + r);
        double[] chol = est.solver(InverseHvp.cholesky()).score(pr, Progress.silent(), new CostMeter()).scores();
        InfluenceFunctionsTest.assertClose(scores, chol, 1e-6, m.name() + " Cholesky vs CG");
      }
    }
  }

  @Test
  void estimatorRunsEndToEndOnSequenceModels() {
    for (ModelSpec m : new ModelSpec[] {DIN, BST}) {
      Importance all = Estimators.named("influence-all").estimate(TRAIN, context(m));
      Importance last = Estimators.influence().estimate(TRAIN, context(m));
      assertEquals(TRAIN.size(), all.size());
      assertEquals("all-parameters", all.parameters().get("gradients"));
      assertTrue(String.valueOf(all.parameters().get("features")).startsWith("all parameters of " + m.name()),
          String.valueOf(all.parameters().get("features")));
      assertTrue(String.valueOf(last.parameters().get("features")).startsWith("last layer of " + m.name()),
          String.valueOf(last.parameters().get("features")));
      double spread = java.util.Arrays.stream(all.alignTo(TRAIN)).map(Math::abs).max().orElse(0);
      assertTrue(spread > 0, m.name() + ": all-parameter influence scores are all zero");
    }
  }

  @Test
  void tracInAllParametersMatchesBruteForce() {
    for (ModelSpec m : new ModelSpec[] {DIN, BST}) {
      CtrTask t = TracInTest.task(m);
      double[] brute = TracInTest.bruteForce(t, TRAIN, VALID, true, null);
      double[] est = Estimators.tracIn().allParameters().estimate(TRAIN, context(m)).alignTo(TRAIN);
      TracInTest.assertClose(brute, est, 1e-4, m.name() + " TracIn all parameters");
      double[] bruteSelf = TracInTest.bruteForce(t, TRAIN, VALID, false, null);
      double[] self = Estimators.tracIn().allParameters().selfInfluence().estimate(TRAIN, context(m))
          .alignTo(TRAIN);
      TracInTest.assertClose(bruteSelf, self, 1e-4, m.name() + " TracIn all parameters, self-influence");
    }
  }

  @Test
  void tracInLastLayerMatchesBruteForceRestrictedToTheOutputLayer() {
    CtrTask t = TracInTest.task(DIN);
    double[] brute = TracInTest.bruteForce(t, TRAIN, VALID, true, Set.of("output_weight", "bias"));
    double[] est = Estimators.tracIn().estimate(TRAIN, context(DIN)).alignTo(TRAIN);
    TracInTest.assertClose(brute, est, 1e-4, "din TracIn last layer");
  }
}
