package siebench.importance.influence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.core.CostMeter;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.catalog.Estimators;
import siebench.metrics.Ranks;
import siebench.model.Models;

/**
 * TRAK-style projections: the Johnson-Lindenstrauss property of {@link Projection} (inner products within {@code
 * eps |x||y|}, the deviation shrinking like {@code 1/sqrt(d)}), exact reproduction of influence and TracIn
 * scores under an orthogonal projection of full dimension, and projected estimators tracking the exact ones.
 */
class ProjectionTest {
  static double[][] vectors(int count, int p, long seed) {
    Random r = new Random(seed);
    double[][] v = new double[count][p];
    for (double[] x : v) {
      for (int j = 0; j < p; j++) {
        x[j] = r.nextGaussian() * (1 + j % 3);
      }
    }
    return v;
  }

  /** The largest {@code |Px.Py - x.y| / (|x||y|)} over all pairs (including x = y). */
  static double worstDistortion(Projection proj, double[][] v) {
    float[][] pv = new float[v.length][];
    for (int i = 0; i < v.length; i++) {
      pv[i] = proj.apply(v[i]);
    }
    double worst = 0;
    for (int i = 0; i < v.length; i++) {
      for (int k = i; k < v.length; k++) {
        double exact = TracInTest.dot(v[i], v[k]);
        double got = 0;
        for (int j = 0; j < pv[i].length; j++) {
          got += (double) pv[i][j] * pv[k][j];
        }
        double norm = Math.sqrt(TracInTest.dot(v[i], v[i]) * TracInTest.dot(v[k], v[k]));
        worst = Math.max(worst, Math.abs(got - exact) / norm);
      }
    }
    return worst;
  }

  @Test
  void innerProductsObeyTheJohnsonLindenstraussBound() {
    double[][] v = vectors(20, 300, 1);
    for (Projection.Kind kind : Projection.Kind.values()) {
      double small = worstDistortion(Projection.random(kind, 64, 300, 7), v);
      double large = worstDistortion(Projection.random(kind, 4096, 300, 7), v);
      System.out.printf("%s: worst inner-product distortion over 210 pairs: d=64 %.3f, d=4096 %.4f%n", kind, small,
          large);
      // per pair the deviation has standard deviation <= sqrt(2/d) (0.022 at d=4096); 0.12 is over 5 of them
      assertTrue(large < 0.12, kind + " d=4096: " + large);
      assertTrue(large < small / 2, kind + ": larger d must distort less: " + small + " -> " + large);
    }
    assertEquals(8, Projection.random(Projection.Kind.GAUSSIAN, 8, 5, 3).apply(new double[] {1, 2, 3, 4, 5}).length);
    float[] p1 = Projection.random(Projection.Kind.RADEMACHER, 16, 10, 5).apply(v[0]);
    float[] p2 = Projection.random(Projection.Kind.RADEMACHER, 16, 10, 5).apply(v[0]);
    assertEquals(java.util.Arrays.toString(p1), java.util.Arrays.toString(p2), "seeded");
    assertThrows(IllegalArgumentException.class, () -> Projection.random(Projection.Kind.GAUSSIAN, 0, 5, 1));
    assertThrows(IllegalArgumentException.class,
        () -> Projection.random(Projection.Kind.GAUSSIAN, 4, 5, 1).apply(new double[3]));
  }

  @Test
  void orthogonalFullDimensionalProjectionReproducesExactScores() {
    Samples train = InfluenceFunctionsTest.TRAIN;
    FeatureEncoder enc = FeatureEncoder.fit(train);
    EncodedData tr = enc.encode(train);
    EncodedData va = enc.encode(InfluenceFunctionsTest.VALID);
    InfluenceFunctions.Problem pr = new InfluenceFunctions.Problem("lr", new OneHotDesign(tr), null, tr.labels(),
        tr.weights(), new OneHotDesign(va), null, va.labels());
    Projection q = Projection.orthogonal(pr.train().dim() - 1, 3);
    InfluenceFunctions est = Estimators.influence().l2(1e-2);
    double[] exact = est.score(pr, Progress.silent(), new CostMeter()).scores();
    double[] rotated = est.score(InfluenceFunctions.project(pr, q), Progress.silent(), new CostMeter()).scores();
    InfluenceFunctionsTest.assertClose(exact, rotated, 1e-5, "influence under an orthogonal projection");
    GradientDesign.Side t = new GradientDesign.Side(pr.train(), new double[tr.rows()]);
    GradientDesign.Side v = new GradientDesign.Side(pr.validation(), new double[va.rows()]);
    double[] dots = GradientDesign.dotsOrNorms(t, tr.labels(), v, va.labels());
    double[] rotDots = GradientDesign.dotsOrNorms(new GradientDesign.Side(q.project(pr.train()), t.logits()),
        tr.labels(), new GradientDesign.Side(q.project(pr.validation()), v.logits()), va.labels());
    InfluenceFunctionsTest.assertClose(dots, rotDots, 1e-5, "gradient inner products under an orthogonal "
        + "projection");
  }

  @Test
  void projectedEstimatorsTrackTheExactOnes() {
    // TracIn over all parameters of a small DeepFM: exact (FullGradients) vs projected Jacobians
    double[] exact = TracInTest.estimate(Estimators.tracIn().allParameters(), FullModelInfluenceTest.DEEP_FM, true);
    double[] proj = TracInTest.estimate(Estimators.tracIn().allParameters().projectTo(2048),
        FullModelInfluenceTest.DEEP_FM, true);
    double[] coarse = TracInTest.estimate(Estimators.tracIn().allParameters().projectTo(16),
        FullModelInfluenceTest.DEEP_FM, true);
    double r = Ranks.pearson(exact, proj);
    double rc = Ranks.pearson(exact, coarse);
    System.out.printf("TracIn all parameters: Pearson(exact, projected d=2048) = %.4f, d=16: %.4f%n", r, rc);
    assertTrue(r > 0.98, "d=2048: " + r);
    assertTrue(r > rc, "more dimensions must track better");
    // last-layer TracIn of LR
    double[] lrExact = TracInTest.estimate(Estimators.tracIn(), Models.logisticRegression(), true);
    double[] lrProj = TracInTest.estimate(Estimators.tracIn().projectTo(2048).projection(Projection.Kind.GAUSSIAN),
        Models.logisticRegression(), true);
    double rl = Ranks.pearson(lrExact, lrProj);
    System.out.printf("TracIn LR: Pearson(exact, projected d=2048) = %.4f%n", rl);
    assertTrue(rl > 0.98, "LR d=2048: " + rl);
    // influence, all parameters, projected
    double[] infExact = Estimators.influence().l2(1e-2).allParameters()
        .estimate(TracInTest.TRAIN, TracInTest.context(FullModelInfluenceTest.DEEP_FM, true))
        .alignTo(TracInTest.TRAIN);
    double[] infProj = Estimators.influence().l2(1e-2).allParameters().projectTo(2048)
        .estimate(TracInTest.TRAIN, TracInTest.context(FullModelInfluenceTest.DEEP_FM, true))
        .alignTo(TracInTest.TRAIN);
    double ri = Ranks.pearson(infExact, infProj);
    System.out.printf("influence all parameters: Pearson(exact, projected d=2048) = %.4f%n", ri);
    assertTrue(ri > 0.95, "influence d=2048: " + ri);
  }
}
