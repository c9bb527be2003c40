package siebench.importance.influence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import siebench.core.CostMeter;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.catalog.Estimators;
import siebench.importance.ImportanceEstimator;
import siebench.metrics.Ranks;
import siebench.model.Models;
import siebench.model.ModelSpec;
import siebench.train.CtrTask;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/**
 * All-parameter influence against brute force: per-sample gradients from one-sample backward passes ({@link
 * TracInTest#gradients}), the network linearized with them, and the closed-form influence of {@link
 * InfluenceFunctionsTest#leaveOneOut} with an explicitly solved Hessian; every solver on that problem against the
 * exact one; and the estimator names that reach these options.
 */
class FullModelInfluenceTest {
  static final Samples TRAIN = TracInTest.TRAIN;
  static final Samples VALID = TracInTest.VALID;
  static final double L2 = 1e-2;

  static final ModelSpec DEEP_FM = Models.deepFm().embeddingDim(3).hidden(5);
  static final ModelSpec DCN = Models.dcnV2().embeddingDim(2).hidden(4).crossLayers(1);

  static TrainedModel train(ModelSpec m, EncodedData tr, FeatureEncoder enc) {
    return TrainingLoop.train(TracInTest.task(m), enc, tr, null, null).model();
  }

  /** Brute-force logit Jacobians {@code g_i / (p_i - y_i)} over all parameters but the output bias. */
  static double[][] bruteJacobians(TrainedModel model, EncodedData data) {
    Set<String> names = new HashSet<>();
    model.parameters().forEach(p -> names.add(p.getName()));
    names.remove("bias");
    double[][] g = TracInTest.gradients(model, data, names);
    double[] z = model.logits(data);
    for (int i = 0; i < g.length; i++) {
      double r = 1 / (1 + Math.exp(-z[i])) - data.labels()[i];
      for (int j = 0; j < g[i].length; j++) {
        g[i][j] /= r;
      }
    }
    return g;
  }

  /**
   * The batched per-sample logit Jacobians of {@code model} ({@link Jacobians}) equal the one-row backward passes of
   * {@link #bruteJacobians} to 1e-4 of the largest entry, and its logits to 1e-5.
   */
  static void assertJacobiansMatchOneSampleBackwardPasses(TrainedModel model, EncodedData data, String name) {
    Jacobians.Rows rows = Jacobians.compute(model, data, null, 16, Progress.silent());
    double[][] ref = bruteJacobians(model, data);
    assertEquals(ref[0].length, rows.rows()[0].length, name + ": dimension");
    double worst = 0;
    double scale = 0;
    for (int i = 0; i < ref.length; i++) {
      for (int j = 0; j < ref[i].length; j++) {
        worst = Math.max(worst, Math.abs(ref[i][j] - rows.rows()[i][j]));
        scale = Math.max(scale, Math.abs(ref[i][j]));
      }
    }
    System.out.printf("%s Jacobians: %d parameters, max |diff| %.2e, max |entry| %.3e%n", name, ref[0].length, worst,
        scale);
    assertTrue(scale > 0, name + ": brute-force Jacobians are zero");
    assertTrue(worst <= 1e-4 * scale, name + ": " + worst + " vs " + scale);
    double[] z = model.logits(data);
    for (int i = 0; i < z.length; i++) {
      assertEquals(z[i], rows.logits()[i], 1e-5, name + " logit " + i);
    }
  }

  @Test
  void jacobiansMatchOneSampleBackwardPasses() {
    FeatureEncoder enc = FeatureEncoder.fit(TRAIN);
    EncodedData tr = enc.encode(TRAIN);
    for (ModelSpec m : new ModelSpec[] {DEEP_FM, DCN, Models.fm().embeddingDim(3)}) {
      try (TrainedModel model = train(m, tr, enc)) {
        assertJacobiansMatchOneSampleBackwardPasses(model, tr, m.name());
      }
    }
  }

  @Test
  void allParameterInfluenceMatchesTheLinearizedClosedForm() {
    FeatureEncoder enc = FeatureEncoder.fit(TRAIN);
    EncodedData tr = enc.encode(TRAIN);
    EncodedData va = enc.encode(VALID);
    try (TrainedModel model = train(DEEP_FM, tr, enc)) {
      InfluenceFunctions est = Estimators.influence().l2(L2).allParameters();
      InfluenceFunctions.Problem pr = est.fullModelProblem(model, tr, va, null, Progress.silent());
      double[] scores = est.score(pr, Progress.silent(), new CostMeter()).scores();
      InfluenceFunctionsTest.Reference train = new InfluenceFunctionsTest.Reference(
          withIntercept(bruteJacobians(model, tr)), model.logits(tr), tr.labels(), L2);
      InfluenceFunctionsTest.Reference valid = new InfluenceFunctionsTest.Reference(
          withIntercept(bruteJacobians(model, va)), model.logits(va), va.labels(), L2);
      double[][] loo = InfluenceFunctionsTest.leaveOneOut(train, valid);
      InfluenceFunctionsTest.assertClose(loo[0], scores, 1e-3, "DeepFM all-parameter influence vs closed form");
      double r = Ranks.pearson(scores, loo[1]);
      System.out.printf("DeepFM all parameters (%d): Pearson(predicted, leave-one-out of the linearized model) = "
          + "%.4f%n", pr.train().dim(), r);
      assertTrue(r >= 0.9, "Pearson " + r);
      // every solver on this problem against the default (CG to 1e-8)
      double[] cg = scores;
      double[] chol = est.solver(InverseHvp.cholesky()).score(pr, Progress.silent(), new CostMeter()).scores();
      InfluenceFunctionsTest.assertClose(cg, chol, 1e-6, "Cholesky vs CG");
      int p = pr.train().dim();
      double[] arnoldi = est.solver(InverseHvp.arnoldi(p, p)).score(pr, Progress.silent(), new CostMeter())
          .scores();
      InfluenceFunctionsTest.assertClose(cg, arnoldi, 1e-6, "Arnoldi at k = dim vs CG");
      double[] lissa = est.solver(InverseHvp.lissa().batchSize(tr.rows()).depth(100_000))
          .score(pr, Progress.silent(), new CostMeter()).scores();
      InfluenceFunctionsTest.assertClose(cg, lissa, 1e-2, "LiSSA with exact products vs CG");
    }
  }

  static double[][] withIntercept(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = Arrays.copyOf(x[i], x[i].length + 1);
      out[i][x[i].length] = 1;
    }
    return out;
  }

  @Test
  void namesReachSolversScopesAndProjections() {
    ImportanceEstimator e = Estimators.named("influence-all-lissa");
    assertEquals("lissa", e.parameters().get("solver"));
    assertEquals("all-parameters", e.parameters().get("gradients"));
    assertEquals("arnoldi", Estimators.named("Influence-Arnoldi").parameters().get("solver"));
    assertEquals("ekfac", Estimators.named("influence-ekfac").parameters().get("solver"));
    assertEquals("cholesky", Estimators.named("influence-cholesky").parameters().get("solver"));
    assertEquals("cg", Estimators.named("influence-cg").parameters().get("solver"));
    assertEquals("256 (rademacher)", Estimators.named("influence-trak256").parameters().get("projection"));
    ImportanceEstimator t = Estimators.named("tracin-all-trak");
    assertTrue(t instanceof TracIn);
    assertEquals("512 (rademacher)", t.parameters().get("projection"));
    assertEquals("all-parameters", t.parameters().get("gradients"));
    // each variant names itself so that the name parses back to it (the bench labels its columns by name)
    for (String n : new String[] {"influence", "influence-all-lissa", "influence-arnoldi", "influence-ekfac",
        "influence-cg-trak256", "tracin", "tracin-all-trak512", "tracin-trak64"}) {
      assertEquals(n, Estimators.named(n).name());
    }
    assertEquals("tracin-all-trak512", t.name());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> Estimators.named("influence-lissa-cg"));
    assertTrue(bad.getMessage().contains("cholesky, cg, lissa"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Estimators.named("tracin-lissa"));
    IllegalArgumentException ek = assertThrows(IllegalArgumentException.class, () -> Estimators.influence()
        .solver(InverseHvp.ekfac()).allParameters().estimate(TRAIN, TracInTest.context(DEEP_FM, true)));
    assertTrue(ek.getMessage().contains("EK-FAC"), ek.getMessage());
  }
}
