package siebench.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.core.Numerics;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.model.Models;
import siebench.exercises.InterviewExercises.GradientNorm;
import siebench.exercises.InterviewExercises.L1LogisticLoss;
import siebench.exercises.InterviewExercises.L1LogisticSubgradient;
import siebench.exercises.InterviewExercises.LeaveOneOutImportance;
import siebench.exercises.InterviewExercises.Resampler;
import siebench.train.CtrTask;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Every check passes a correct solution written independently of its reference and fails typical wrong ones with
 * a message that names the mistake; the references agree with finite differences and with SIEBench's own
 * per-sample gradient norms.
 */
class InterviewExercisesTest {

  // ------------------------------------------------------------------ solutions as a student would write them

  static final LeaveOneOutImportance BRUTE_FORCE_LOO = (x, y, xv, yv, lambda) -> {
    double base = InterviewExercises.meanSquaredError(InterviewExercises.ridge(x, y, lambda), xv, yv);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double[] theta = InterviewExercises.ridge(InterviewExercises.withoutRow(x, i),
          InterviewExercises.withoutRow(y, i), lambda);
      out[i] = InterviewExercises.meanSquaredError(theta, xv, yv) - base;
    }
    return out;
  };

  static final L1LogisticLoss LOSS = (x, y, s, w, lambda) -> {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double z = 0;
      for (int j = 0; j < w.length; j++) {
        z += x[i][j] * w[j];
      }
      double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      sum += s[i] * (softplus - y[i] * z);
    }
    double pen = 0;
    for (double v : w) {
      pen += Math.abs(v);
    }
    return sum / x.length + lambda * pen;
  };

  /** A subgradient with sign(0) taken as +1: still valid, since any value in [-1, 1] is. */
  static final L1LogisticSubgradient SUBGRADIENT = (x, y, s, w, lambda) -> {
    double[] g = new double[w.length];
    for (int i = 0; i < x.length; i++) {
      double z = 0;
      for (int j = 0; j < w.length; j++) {
        z += x[i][j] * w[j];
      }
      double e = s[i] * (1 / (1 + Math.exp(-z)) - y[i]);
      for (int j = 0; j < w.length; j++) {
        g[j] += e * x[i][j] / x.length;
      }
    }
    for (int j = 0; j < w.length; j++) {
      g[j] += lambda * (w[j] >= 0 ? 1 : -1);
    }
    return g;
  };

  static final Resampler CUMULATIVE = (w, m, rng) -> {
    double[] cum = new double[w.length];
    double total = 0;
    for (int i = 0; i < w.length; i++) {
      total += w[i];
      cum[i] = total;
    }
    int[] out = new int[m];
    for (int k = 0; k < m; k++) {
      double u = rng.nextDouble() * total;
      int i = 0;
      while (cum[i] <= u) {
        i++;
      }
      out[k] = i;
    }
    return out;
  };

  static final GradientNorm GRAD_NORM = (w, b, x, y) -> {
    double z = b;
    double xx = 0;
    for (int j = 0; j < w.length; j++) {
      z += w[j] * x[j];
      xx += x[j] * x[j];
    }
    double p = 1 / (1 + Math.exp(-z));
    return Math.abs(p - y) * Math.sqrt(xx + 1);
  };

  // ------------------------------------------------------------------ result format

  @Test
  void resultPrintsTickOrCross() {
    assertEquals("\u2713 Exercise 3 passed (all good)", ExerciseResult.pass(3, "t", "all good").toString());
    assertEquals("\u2717 Exercise 4 not yet: row 2 is wrong", ExerciseResult.fail(4, "t", "row 2 is wrong").toString());
  }

  @Test
  void numbersPrintShort() {
    assertEquals("0.5", InterviewExercises.fmt(0.5));
    assertEquals("3", InterviewExercises.fmt(3.0));
    assertEquals("0.0371879", InterviewExercises.fmt(0.03718791285903561));
    assertEquals("1.5e-07", InterviewExercises.fmt(1.5e-7));
    assertEquals("NaN", InterviewExercises.fmt(Double.NaN));
    assertEquals("[1, 2, 3, 4, 5, 6, … (7 values)]", InterviewExercises.fmt(new double[] {1, 2, 3, 4, 5, 6, 7}));
  }

  // ------------------------------------------------------------------ exercise 1

  @Test
  void leaveOneOutPassesBruteForce() {
    ExerciseResult r = InterviewExercises.checkLeaveOneOut(BRUTE_FORCE_LOO);
    assertTrue(r.passed(), r.toString());
    assertTrue(r.toString().startsWith("\u2713 Exercise 1 passed"), r.toString());
  }

  @Test
  void leaveOneOutFlagsTheStubAndTheUsualMistakes() {
    assertFails(InterviewExercises.checkLeaveOneOut((x, y, xv, yv, l) -> new double[x.length]), 1,
        "every importance is 0", "row 0: expected");
    assertFails(InterviewExercises.checkLeaveOneOut((x, y, xv, yv, l) -> negate(BRUTE_FORCE_LOO.importance(x, y,
        xv, yv, l))), 1, "signs are flipped");
    assertFails(InterviewExercises.checkLeaveOneOut((x, y, xv, yv, l) -> BRUTE_FORCE_LOO.importance(x, y, x, y, l)),
        1, "training rows");
    assertFails(InterviewExercises.checkLeaveOneOut((x, y, xv, yv, l) -> new double[x.length - 1]), 1,
        "expected 8 importances");
    assertFails(InterviewExercises.checkLeaveOneOut((x, y, xv, yv, l) -> {
      throw new UnsupportedOperationException("TODO");
    }), 1, "threw UnsupportedOperationException (TODO)");
  }

  @Test
  void looProblemHasAHarmfulLastRow() {
    InterviewExercises.RidgeProblem p = InterviewExercises.looProblem();
    double[] imp = InterviewExercises.leaveOneOutReference(p.x(), p.y(), p.xVal(), p.yVal(), p.lambda());
    assertTrue(imp[7] < 0, "the corrupted row 7 should hurt: " + imp[7]);
    assertEquals(8, p.trainTable().rowCount());
    assertEquals(4, p.trainTable().columnCount());
  }

  // ------------------------------------------------------------------ exercise 2

  @Test
  void l1LossPassesACorrectSolution() {
    ExerciseResult r = InterviewExercises.checkL1Loss(LOSS, SUBGRADIENT);
    assertTrue(r.passed(), r.toString());
  }

  @Test
  void l1LossFlagsTheUsualMistakes() {
    assertFails(InterviewExercises.checkL1Loss((x, y, s, w, l) -> 0, SUBGRADIENT), 2, "loss value", "expected");
    L1LogisticLoss naive = (x, y, s, w, l) -> {
      double sum = 0;
      for (int i = 0; i < x.length; i++) {
        double z = dot(x[i], w);
        sum += s[i] * (Math.log(1 + Math.exp(z)) - y[i] * z);
      }
      return sum / x.length + l * l1(w);
    };
    assertFails(InterviewExercises.checkL1Loss(naive, SUBGRADIENT), 2, "large logits", "overflows");
    assertFails(InterviewExercises.checkL1Loss((x, y, s, w, l) -> LOSS.value(x, y, ones(s.length), w, l),
        SUBGRADIENT), 2, "ignored the sample weights");
    assertFails(InterviewExercises.checkL1Loss((x, y, s, w, l) -> LOSS.value(x, y, s, w, 0), SUBGRADIENT), 2,
        "penalty λ·Σ|w_j| is missing");
    assertFails(InterviewExercises.checkL1Loss((x, y, s, w, l) -> LOSS.value(x, y, s, w, 0) + l * dot(w, w),
        SUBGRADIENT), 2, "L2 penalty");
    assertFails(InterviewExercises.checkL1Loss((x, y, s, w, l) -> LOSS.value(x, y, s, w, 0) * x.length + l * l1(w),
        SUBGRADIENT), 2, "mean over rows");
  }

  @Test
  void l1SubgradientFlagsTheUsualMistakes() {
    assertFails(InterviewExercises.checkL1Loss(LOSS, (x, y, s, w, l) -> new double[w.length]), 2, "subgradient");
    assertFails(InterviewExercises.checkL1Loss(LOSS, (x, y, s, w, l) -> SUBGRADIENT.subgradient(x, y, s, w, 0)), 2,
        "λ·sign(w_j) is missing");
    assertFails(InterviewExercises.checkL1Loss(LOSS, (x, y, s, w, l) -> {
      double[] g = SUBGRADIENT.subgradient(x, y, s, w, 0);
      for (int j = 0; j < g.length; j++) {
        g[j] = -g[j] + l * Math.signum(w[j]);
      }
      return g;
    }), 2, "not (y_i − σ(z_i))");
    assertFails(InterviewExercises.checkL1Loss(LOSS, (x, y, s, w, l) -> {
      double[] g = SUBGRADIENT.subgradient(x, y, s, w, 0);
      for (int j = 0; j < g.length; j++) {
        g[j] += 2 * l * w[j];
      }
      return g;
    }), 2, "gradient of the L2 penalty");
    assertFails(InterviewExercises.checkL1Loss(LOSS, (x, y, s, w, l) -> {
      double[] g = SUBGRADIENT.subgradient(x, y, s, w, 0);
      for (int j = 0; j < g.length; j++) {
        g[j] += w[j] == 0 ? 3 * l + 1 : l * Math.signum(w[j]);
      }
      return g;
    }), 2, "at w_j = 0");
  }

  @Test
  void l1SubgradientReferenceMatchesFiniteDifferences() {
    Random r = new Random(5);
    for (int t = 0; t < 20; t++) {
      int n = 5 + r.nextInt(10);
      int d = 1 + r.nextInt(4);
      double[][] x = new double[n][d];
      double[] y = new double[n];
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          x[i][j] = r.nextGaussian();
        }
        y[i] = r.nextInt(2);
        s[i] = 0.5 + r.nextDouble();
      }
      double[] w = new double[d];
      for (int j = 0; j < d; j++) {
        w[j] = r.nextGaussian();
      }
      double lambda = r.nextDouble();
      double[] g = InterviewExercises.l1SubgradientReference(x, y, s, w, lambda);
      for (int j = 0; j < d; j++) {
        double h = 1e-6;
        double[] up = w.clone();
        double[] down = w.clone();
        up[j] += h;
        down[j] -= h;
        double fd = (InterviewExercises.l1LossReference(x, y, s, up, lambda)
            - InterviewExercises.l1LossReference(x, y, s, down, lambda)) / (2 * h);
        assertEquals(fd, g[j], 1e-6, "trial " + t + ", entry " + j);
      }
    }
  }

  // ------------------------------------------------------------------ exercise 3

  @Test
  void resamplingPassesCumulativeSearch() {
    ExerciseResult r = InterviewExercises.checkResampling(CUMULATIVE);
    assertTrue(r.passed(), r.toString());
  }

  @Test
  void resamplingFlagsTheUsualMistakes() {
    assertFails(InterviewExercises.checkResampling((w, m, rng) -> new int[m]), 3,
        "all 50000 draws returned index 0");
    assertFails(InterviewExercises.checkResampling((w, m, rng) -> {
      int[] out = new int[m];
      for (int k = 0; k < m; k++) {
        out[k] = rng.nextInt(w.length);
      }
      return out;
    }), 3, "look uniform");
    // exclusive prefix sums, but returns the first index past u instead of the one before it
    Resampler offByOne = (w, m, rng) -> {
      double[] before = new double[w.length];
      for (int i = 1; i < w.length; i++) {
        before[i] = before[i - 1] + w[i - 1];
      }
      double total = before[w.length - 1] + w[w.length - 1];
      int[] out = new int[m];
      for (int k = 0; k < m; k++) {
        double u = rng.nextDouble() * total;
        int i = 0;
        while (i < w.length - 1 && before[i] <= u) {
          i++;
        }
        out[k] = i;
      }
      return out;
    };
    assertFails(InterviewExercises.checkResampling(offByOne), 3, "weight 0 but was drawn");
    assertFails(InterviewExercises.checkResampling((w, m, rng) -> new int[m / 2]), 3, "expected 50000 indices");
    assertFails(InterviewExercises.checkResampling((w, m, rng) -> {
      int[] out = CUMULATIVE.resample(w, m, rng);
      out[0] = w.length;
      return out;
    }), 3, "outside [0, 6)");
  }

  @Test
  void frequenciesCountDraws() {
    double[] f = InterviewExercises.frequencies(new int[] {0, 2, 2, 1}, 3);
    assertEquals(0.25, f[0], 0);
    assertEquals(0.25, f[1], 0);
    assertEquals(0.5, f[2], 0);
  }

  // ------------------------------------------------------------------ exercise 4

  @Test
  void selfNormalizedPassesACorrectSolution() {
    ExerciseResult r = InterviewExercises.checkSelfNormalized((f, w) -> {
      double num = 0;
      double den = 0;
      for (int i = 0; i < f.length; i++) {
        num += w[i] * f[i];
        den += w[i];
      }
      return num / den;
    });
    assertTrue(r.passed(), r.toString());
  }

  @Test
  void selfNormalizedFlagsTheUsualMistakes() {
    assertFails(InterviewExercises.checkSelfNormalized((f, w) -> 0), 4, "expected", "got 0");
    assertFails(InterviewExercises.checkSelfNormalized((f, w) -> {
      double num = 0;
      for (int i = 0; i < f.length; i++) {
        num += w[i] * f[i];
      }
      return num / f.length;
    }), 4, "you divided by n");
    assertFails(InterviewExercises.checkSelfNormalized((f, w) -> java.util.Arrays.stream(f).average().orElse(0)), 4,
        "weights were ignored");
  }

  // ------------------------------------------------------------------ exercise 5

  @Test
  void gradientNormPassesACorrectSolution() {
    ExerciseResult r = InterviewExercises.checkGradientNorm(GRAD_NORM);
    assertTrue(r.passed(), r.toString());
  }

  @Test
  void gradientNormFlagsTheUsualMistakes() {
    assertFails(InterviewExercises.checkGradientNorm((w, b, x, y) -> 0), 5, "random row #1", "expected");
    assertFails(InterviewExercises.checkGradientNorm((w, b, x, y) -> GRAD_NORM.norm(w, b, x, y)
        / Math.sqrt(dot(x, x) + 1) * Math.sqrt(dot(x, x))), 5, "the bias b is a parameter too");
    assertFails(InterviewExercises.checkGradientNorm((w, b, x, y) -> GRAD_NORM.norm(w, b, x, y)
        * Math.sqrt(dot(x, x) + 1)), 5, "square root is missing");
    assertFails(InterviewExercises.checkGradientNorm((w, b, x, y) -> {
      double p = 1 / (1 + Math.exp(-(dot(w, x) + b)));
      return (p - y) * Math.sqrt(dot(x, x) + 1);
    }), 5, "never negative");
    assertFails(InterviewExercises.checkGradientNorm((w, b, x, y) -> GRAD_NORM.norm(w, 0, x, y)), 5,
        "include b");
  }

  @Test
  void gradientNormReferenceMatchesFiniteDifferences() {
    Random r = new Random(9);
    for (int t = 0; t < 30; t++) {
      int d = 1 + r.nextInt(5);
      double[] w = new double[d];
      double[] x = new double[d];
      for (int j = 0; j < d; j++) {
        w[j] = r.nextGaussian();
        x[j] = r.nextGaussian();
      }
      double b = r.nextGaussian();
      double y = r.nextInt(2);
      double sq = 0;
      double h = 1e-6;
      for (int j = 0; j <= d; j++) {
        double[] wu = w.clone();
        double[] wd = w.clone();
        double bu = b;
        double bd = b;
        if (j < d) {
          wu[j] += h;
          wd[j] -= h;
        } else {
          bu += h;
          bd -= h;
        }
        double g = (Numerics.bce(dot(wu, x) + bu, y) - Numerics.bce(dot(wd, x) + bd, y))
            / (2 * h);
        sq += g * g;
      }
      assertEquals(Math.sqrt(sq), InterviewExercises.gradientNormReference(w, b, x, y), 1e-6, "trial " + t);
    }
  }

  /** The closed form equals SIEBench's exact per-sample gradient norms (what GraNd averages) for the LR model. */
  @Test
  void logisticSamplesFollowTheStatedModel() {
    Samples s = InterviewExercises.logisticSamples(4_000, 5);
    Table t = s.table();
    assertEquals(java.util.List.of("row_id", "a", "b", "click"), t.columnNames());
    double expected = 0;
    for (int i = 0; i < t.rowCount(); i++) {
      expected += InterviewExercises.sigmoid(1.5 * t.doubleColumn("a").getDouble(i) - t.doubleColumn("b").getDouble(i)
          - 0.5);
    }
    expected /= t.rowCount();
    double rate = t.intColumn("click").sum() / (double) t.rowCount();
    // clicks are Bernoulli(σ(1.5a − b − 0.5)): the click rate is within 4 standard errors of the mean probability
    assertEquals(expected, rate, 4 * Math.sqrt(0.25 / t.rowCount()));
    // and rise with a: the click rate of the upper half of a beats the lower half's
    double hi = 0;
    double lo = 0;
    for (int i = 0; i < t.rowCount(); i++) {
      if (t.doubleColumn("a").getDouble(i) > 0) {
        hi += t.intColumn("click").getInt(i);
      } else {
        lo += t.intColumn("click").getInt(i);
      }
    }
    assertTrue(hi > 2 * lo, hi + " vs " + lo);
    assertEquals(t.print(), InterviewExercises.logisticSamples(4_000, 5).table().print(), "seeded");
    assertEquals("click", s.schema().label());
  }

  @Test
  void scoreTableListsEveryResult() {
    Table t = ExerciseResult.table(java.util.List.of(new ExerciseResult(1, "leave-one-out", true, "ok"),
        new ExerciseResult(3, "resampling", false, "index 2 too rare")));
    assertEquals(java.util.List.of("exercise", "title", "result"), t.columnNames());
    assertEquals(2, t.rowCount());
    assertEquals(3, t.intColumn("exercise").getInt(1));
    assertEquals("passed", t.stringColumn("result").get(0));
    assertEquals("not yet", t.stringColumn("result").get(1));
    assertEquals(0, ExerciseResult.table(java.util.List.of()).rowCount());
  }

  @Test
  void gradientNormReferenceMatchesSiebenchLogisticRegression() {
    Random r = new Random(13);
    DoubleColumn a = DoubleColumn.create("a");
    DoubleColumn b = DoubleColumn.create("b");
    IntColumn click = IntColumn.create("click");
    for (int i = 0; i < 200; i++) {
      double u = r.nextGaussian();
      double v = r.nextGaussian();
      a.append(u);
      b.append(v);
      click.append(r.nextDouble() < 1 / (1 + Math.exp(-(1.5 * u - v))) ? 1 : 0);
    }
    Samples s = Samples.from(Table.create("dense", a, b, click));
    FeatureEncoder enc = FeatureEncoder.fit(s);
    EncodedData data = enc.encode(s);
    assertEquals(0, data.layout().fields(), "numeric features only");
    int d = data.layout().dense();
    CtrTask task = CtrTask.ctr().model(Models.logisticRegression()).epochs(2).batchSize(32).learningRate(0.05)
        .seed(3).earlyStopping(0).progress(Progress.silent());
    try (TrainedModel model = TrainingLoop.train(task, enc, data, null, null).model()) {
      double[] siebench = model.gradientNorms(data);
      double[] z = model.logits(data);
      for (int i = 0; i < data.rows(); i++) {
        double[] xi = new double[d];
        for (int j = 0; j < d; j++) {
          xi[j] = data.dense()[i * d + j];
        }
        double expected = Math.abs(InterviewExercises.sigmoid(z[i]) - data.labels()[i]) * Math.sqrt(dot(xi, xi) + 1);
        assertEquals(expected, siebench[i], 1e-4 * expected + 1e-6, "row " + i);
        // the same through the exercise's reference, with the logit passed as the bias and w = 0
        assertEquals(expected, InterviewExercises.gradientNormReference(new double[d], z[i], xi, data.labels()[i]),
            1e-12);
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  static void assertFails(ExerciseResult r, int exercise, String... fragments) {
    assertFalse(r.passed(), "should not pass: " + r);
    assertEquals(exercise, r.exercise());
    String text = r.toString();
    assertTrue(text.startsWith("\u2717 Exercise " + exercise + " not yet: "), text);
    for (String f : fragments) {
      assertTrue(text.contains(f), "message lacks '" + f + "': " + text);
    }
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double l1(double[] w) {
    double s = 0;
    for (double v : w) {
      s += Math.abs(v);
    }
    return s;
  }

  static double[] ones(int n) {
    double[] o = new double[n];
    java.util.Arrays.fill(o, 1);
    return o;
  }

  static double[] negate(double[] v) {
    double[] o = v.clone();
    for (int i = 0; i < o.length; i++) {
      o[i] = -o[i];
    }
    return o;
  }
}
