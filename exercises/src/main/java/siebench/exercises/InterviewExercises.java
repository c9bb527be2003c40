package siebench.exercises;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import siebench.core.Numerics;
import siebench.data.Samples;
import siebench.importance.correction.ImportanceSampling;
import siebench.train.TrainedModel;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Five interview questions on sample importance as exercises with checks, for
 * {@code notebooks/06-interview-exercises.ipynb}. Each {@code check...} method takes the student's function,
 * runs it on seeded random and edge-case inputs, compares it with an independent reference, and returns an
 * {@link ExerciseResult} (never throws, also when the student's function throws). A failed result names the
 * input, the expected and the received value, and recognizes the usual mistakes (a flipped sign, a missing
 * weight, term or square root, overflow, uniform sampling) to give a hint.
 *
 * <ol>
 *   <li>{@link #checkLeaveOneOut}: leave-one-out importance of each training row of a tiny ridge regression,
 *       by brute-force retraining; reference: the Sherman–Morrison closed form of the refit without row i.
 *   <li>{@link #checkL1Loss}: value and subgradient of the weighted logistic loss plus {@code λ‖w‖₁};
 *       reference: direct evaluation, with the whole subdifferential accepted where {@code w_j = 0}.
 *   <li>{@link #checkResampling}: resampling indices with probability proportional to importance weights (the
 *       resampling step of adaptive importance sampling and of SIR); reference: the exact probabilities
 *       {@code w_i / Σw}, compared with the observed frequencies within five standard errors.
 *   <li>{@link #checkSelfNormalized}: the self-normalized importance-sampling estimator
 *       {@code Σ w_i f_i / Σ w_i}; reference: {@link ImportanceSampling#selfNormalizedMean}.
 *   <li>{@link #checkGradientNorm}: the per-sample gradient norm (GraNd) of a logistic regression by hand,
 *       {@code |σ(w·x + b) − y| · sqrt(‖x‖² + 1)}; reference: that closed form (the tests show it equals both
 *       central finite differences and SIEBench's {@code TrainedModel.gradientNorms} for the LR model).
 * </ol>
 *
 * <p>References: Cook (1977), "Detection of influential observation in linear regression" (leave-one-out);
 * Tibshirani (1996), "Regression shrinkage and selection via the lasso" (L1); Rubin (1988), "Using the SIR
 * algorithm to simulate posterior distributions" and Cappé et al. (2004), "Population Monte Carlo" (resampling
 * by weights); Swaminathan and Joachims (2015), "The self-normalized estimator for counterfactual learning"
 * (SNIPS); Paul, Ganguli and Dziugaite (2021), "Deep learning on a data diet" (GraNd).
 */
public final class InterviewExercises {
  private InterviewExercises() {}

  // ------------------------------------------------------------------ the student's functions

  /**
   * Exercise 1: the leave-one-out importance of every training row. With {@code θ(S)} the ridge fit on the rows
   * {@code S} ({@link #ridge}) and {@code L(θ)} the mean squared error on the validation rows
   * ({@link #meanSquaredError}), row {@code i} has importance {@code L(θ(all but i)) − L(θ(all))}: positive
   * when the row helps.
   */
  @FunctionalInterface
  public interface LeaveOneOutImportance {
    /** One importance per row of {@code x}. */
    double[] importance(double[][] x, double[] y, double[][] xVal, double[] yVal, double lambda);
  }

  /**
   * Exercise 2, value: {@code L(w) = (1/n) Σ_i s_i ℓ(x_i·w, y_i) + λ Σ_j |w_j|} with the logistic loss
   * {@code ℓ(z, y) = log(1 + e^z) − y z}, sample weights {@code s_i}, labels {@code y_i ∈ {0, 1}}, no intercept.
   */
  @FunctionalInterface
  public interface L1LogisticLoss {
    /** The regularized loss value. */
    double value(double[][] x, double[] y, double[] s, double[] w, double lambda);
  }

  /**
   * Exercise 2, subgradient of {@link L1LogisticLoss}: {@code g_j = (1/n) Σ_i s_i (σ(x_i·w) − y_i) x_ij +
   * λ sign(w_j)}; where {@code w_j = 0} any value within {@code λ} of the smooth part is a valid subgradient.
   */
  @FunctionalInterface
  public interface L1LogisticSubgradient {
    /** A subgradient with respect to {@code w} (one entry per feature). */
    double[] subgradient(double[][] x, double[] y, double[] s, double[] w, double lambda);
  }

  /**
   * Exercise 3: draw {@code m} indices with replacement, index {@code i} with probability
   * {@code weights[i] / Σ weights} (weights are non-negative and need not sum to 1).
   */
  @FunctionalInterface
  public interface Resampler {
    /** {@code m} indices in {@code [0, weights.length)}, drawn with {@code rng}. */
    int[] resample(double[] weights, int m, Random rng);
  }

  /** Exercise 4: the self-normalized importance-sampling estimate {@code Σ w_i f_i / Σ w_i}. */
  @FunctionalInterface
  public interface SelfNormalizedMean {
    /** The estimate for values {@code f} and importance weights {@code w} (same length, {@code Σw > 0}). */
    double estimate(double[] f, double[] w);
  }

  /**
   * Exercise 5: the L2 norm of the gradient of one row's logistic loss {@code ℓ(w·x + b, y)} with respect to all
   * parameters {@code (w, b)}.
   */
  @FunctionalInterface
  public interface GradientNorm {
    /** {@code ‖∇_(w,b) ℓ(w·x + b, y)‖₂}. */
    double norm(double[] w, double b, double[] x, double y);
  }

  // ------------------------------------------------------------------ helpers the exercises may use

  /**
   * The ridge regression fit {@code argmin_θ Σ_i (x_i·θ − y_i)² + λ‖θ‖²}, i.e. the solution of
   * {@code (XᵀX + λI) θ = Xᵀy} (by Cholesky: the matrix is positive definite for λ > 0 or X of full column
   * rank). No intercept: add a column of ones
   * to {@code x} for one.
   */
  public static double[] ridge(double[][] x, double[] y, double lambda) {
    int d = x.length == 0 ? 0 : x[0].length;
    double[][] a = gram(x, lambda);
    double[] rhs = new double[d];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < d; j++) {
        rhs[j] += x[i][j] * y[i];
      }
    }
    return cholesky(a).getSolver().solve(new ArrayRealVector(rhs, false)).toArray();
  }

  /** The mean squared error {@code (1/n) Σ_i (x_i·θ − y_i)²}. */
  public static double meanSquaredError(double[] theta, double[][] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double r = dot(x[i], theta) - y[i];
      s += r * r;
    }
    return s / x.length;
  }

  /** A copy of {@code x} without row {@code i}. */
  public static double[][] withoutRow(double[][] x, int i) {
    double[][] out = new double[x.length - 1][];
    for (int r = 0, k = 0; r < x.length; r++) {
      if (r != i) {
        out[k++] = x[r].clone();
      }
    }
    return out;
  }

  /** A copy of {@code y} without entry {@code i}. */
  public static double[] withoutRow(double[] y, int i) {
    double[] out = new double[y.length - 1];
    for (int r = 0, k = 0; r < y.length; r++) {
      if (r != i) {
        out[k++] = y[r];
      }
    }
    return out;
  }

  /** The logistic function, computed without overflow ({@code siebench.core.Numerics#sigmoid}). */
  public static double sigmoid(double z) {
    return Numerics.sigmoid(z);
  }

  /** How often each index in {@code [0, n)} occurs in {@code draws}, as a fraction of {@code draws.length}. */
  public static double[] frequencies(int[] draws, int n) {
    double[] f = new double[n];
    for (int i : draws) {
      if (i >= 0 && i < n) {
        f[i]++;
      }
    }
    for (int i = 0; i < n; i++) {
      f[i] /= Math.max(1, draws.length);
    }
    return f;
  }

  // ------------------------------------------------------------------ exercise data

  /**
   * A tiny ridge problem for exercise 1: rows {@code (1, u)} with {@code y ≈ 1 + 2u} plus noise, ridge
   * penalty {@code λ}, and a validation set from the same line.
   *
   * @param x training features (a column of ones, then {@code u})
   * @param y training targets
   * @param xVal validation features
   * @param yVal validation targets
   * @param lambda the ridge penalty
   */
  public record RidgeProblem(double[][] x, double[] y, double[][] xVal, double[] yVal, double lambda) {
    /** The training rows as a table: {@code row}, one column per feature {@code x0, x1, ...}, {@code y}. */
    public Table trainTable() {
      Table t = Table.create("training rows (λ = " + lambda + ")", IntColumn.create("row"));
      for (int i = 0; i < x.length; i++) {
        t.intColumn("row").append(i);
      }
      for (int j = 0; j < x[0].length; j++) {
        DoubleColumn c = DoubleColumn.create("x" + j);
        for (double[] row : x) {
          c.append(row[j]);
        }
        t.addColumns(c);
      }
      t.addColumns(DoubleColumn.create("y", y));
      return t;
    }
  }

  /**
   * The notebook's problem for exercise 1: 8 training rows on the line {@code y = 1 + 2u} with small noise,
   * except row 7 whose target is 4 too high (a corrupted label), 40 validation rows, {@code λ = 0.5}.
   */
  public static RidgeProblem looProblem() {
    Random r = new Random(2024);
    int n = 8;
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double u = -1 + 2.0 * i / (n - 1);
      x[i] = new double[] {1, u};
      y[i] = 1 + 2 * u + 0.1 * r.nextGaussian() + (i == n - 1 ? 4 : 0);
    }
    double[][] xv = new double[40][];
    double[] yv = new double[40];
    for (int i = 0; i < 40; i++) {
      double u = -1 + 2 * r.nextDouble();
      xv[i] = new double[] {1, u};
      yv[i] = 1 + 2 * u + 0.1 * r.nextGaussian();
    }
    return new RidgeProblem(x, y, xv, yv, 0.5);
  }

  /**
   * The notebook's data for exercise 5: {@code rows} rows with two standard-normal numeric features {@code a} and
   * {@code b} and a click drawn with probability {@code σ(1.5a − b − 0.5)}, the model a logistic regression
   * fits, as {@link Samples} (label {@code click}).
   */
  public static Samples logisticSamples(int rows, long seed) {
    if (rows < 1) {
      throw new IllegalArgumentException("need at least one row, got " + rows);
    }
    Random r = new Random(seed);
    DoubleColumn a = DoubleColumn.create("a");
    DoubleColumn b = DoubleColumn.create("b");
    IntColumn click = IntColumn.create("click");
    for (int i = 0; i < rows; i++) {
      double u = r.nextGaussian();
      double v = r.nextGaussian();
      a.append(u);
      b.append(v);
      click.append(r.nextDouble() < sigmoid(1.5 * u - v - 0.5) ? 1 : 0);
    }
    return Samples.from(Table.create("two numeric features", a, b, click));
  }

  // ------------------------------------------------------------------ references

  /**
   * Exercise 1's reference: the leave-one-out importances in closed form, without refitting. With
   * {@code A = XᵀX + λI}, residual {@code r_i = y_i − x_i·θ} and leverage {@code h_i = x_iᵀA⁻¹x_i}, the fit
   * without row {@code i} is {@code θ − A⁻¹x_i r_i / (1 − h_i)} (Sherman–Morrison).
   */
  public static double[] leaveOneOutReference(double[][] x, double[] y, double[][] xVal, double[] yVal,
      double lambda) {
    double[] theta = ridge(x, y, lambda);
    double[][] inv = cholesky(gram(x, lambda)).getSolver().getInverse().getData();
    double base = meanSquaredError(theta, xVal, yVal);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double[] ax = multiply(inv, x[i]);
      double h = dot(x[i], ax);
      double r = y[i] - dot(x[i], theta);
      double[] without = theta.clone();
      for (int j = 0; j < without.length; j++) {
        without[j] -= ax[j] * r / (1 - h);
      }
      out[i] = meanSquaredError(without, xVal, yVal) - base;
    }
    return out;
  }

  /** Exercise 2's reference value, with the overflow-free logistic loss {@code max(z,0) − yz + log1p(e^−|z|)}. */
  public static double l1LossReference(double[][] x, double[] y, double[] s, double[] w, double lambda) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += s[i] * Numerics.bce(dot(x[i], w), y[i]);
    }
    return sum / x.length + lambda * l1(w);
  }

  /** Exercise 2's reference subgradient, taking {@code sign(0) = 0}. */
  public static double[] l1SubgradientReference(double[][] x, double[] y, double[] s, double[] w, double lambda) {
    double[] g = smoothGradient(x, y, s, w, false);
    for (int j = 0; j < g.length; j++) {
      g[j] += lambda * Math.signum(w[j]);
    }
    return g;
  }

  /** Exercise 5's reference: {@code |σ(w·x + b) − y| · sqrt(‖x‖² + 1)}. */
  public static double gradientNormReference(double[] w, double b, double[] x, double y) {
    return Math.abs(sigmoid(dot(w, x) + b) - y) * Math.sqrt(dot(x, x) + 1);
  }

  // ------------------------------------------------------------------ exercise 1

  /**
   * Checks exercise 1 on the notebook's problem ({@link #looProblem()}), on six seeded random ridge problems
   * (2 to 10 rows, 1 to 3 features), one with a duplicated row and one with a nearly singular design, against
   * {@link #leaveOneOutReference}. Relative tolerance 1e-6.
   */
  public static ExerciseResult checkLeaveOneOut(LeaveOneOutImportance student) {
    final int ex = 1;
    final String title = "leave-one-out importance";
    List<Named<RidgeProblem>> cases = new ArrayList<>();
    cases.add(new Named<>("the notebook's problem", looProblem()));
    Random r = new Random(11);
    for (int c = 0; c < 6; c++) {
      int n = 3 + r.nextInt(8);
      int d = 1 + r.nextInt(3);
      cases.add(new Named<>("random problem #" + (c + 1), randomRidge(r, n, d, 20, 0.05 + r.nextDouble())));
    }
    RidgeProblem dup = randomRidge(r, 6, 2, 15, 0.3);
    dup.x()[5] = dup.x()[0].clone();
    dup.y()[5] = dup.y()[0];
    cases.add(new Named<>("duplicated row (rows 0 and 5 equal)", dup));
    RidgeProblem collinear = randomRidge(r, 7, 2, 15, 0.01);
    for (double[] row : collinear.x()) {
      row[1] = 2 * row[0] + 1e-3 * row[1];
    }
    cases.add(new Named<>("nearly collinear features, λ = 0.01", collinear));

    for (Named<RidgeProblem> c : cases) {
      RidgeProblem p = c.value();
      String where = String.format(Locale.ROOT, "on %s (n = %d rows, d = %d, λ = %s)", c.name(), p.x().length,
          p.x()[0].length, fmt(p.lambda()));
      double[] expected = leaveOneOutReference(p.x(), p.y(), p.xVal(), p.yVal(), p.lambda());
      Outcome<double[]> got = call(() -> student.importance(deepCopy(p.x()), p.y().clone(), deepCopy(p.xVal()),
          p.yVal().clone(), p.lambda()));
      if (got.error() != null) {
        return ExerciseResult.fail(ex, title, "your function threw " + got.error() + " " + where);
      }
      double[] g = got.value();
      if (g == null || g.length != expected.length) {
        return ExerciseResult.fail(ex, title, where + ": expected " + expected.length + " importances (one per "
            + "row), got " + (g == null ? "null" : g.length) + ". Hint: return an array of length x.length.");
      }
      int bad = firstMismatch(expected, g, 1e-6, 1e-10);
      if (bad < 0) {
        continue;
      }
      String hint;
      if (allNear(g, 0)) {
        hint = "every importance is 0. Hint: for each row i, refit ridge(withoutRow(x, i), withoutRow(y, i), "
            + "lambda) and take meanSquaredError on the validation rows minus that of the fit on all rows.";
      } else if (firstMismatch(negate(expected), g, 1e-6, 1e-10) < 0) {
        hint = "the signs are flipped. Importance = validation loss WITHOUT the row − validation loss with all "
            + "rows, so a row that helps has a positive importance.";
      } else if (firstMismatch(trainingLossVariant(p), g, 1e-6, 1e-10) < 0) {
        hint = "you measured the loss on the training rows. Measure it on the validation rows (xVal, yVal).";
      } else if (firstMismatch(noPenaltyVariant(p), g, 1e-6, 1e-10) < 0) {
        hint = "your refits ignore the ridge penalty. Refit with the same lambda as the full fit.";
      } else {
        hint = "Hint: refit ridge on the other n − 1 rows (same λ) and compare mean squared errors on the "
            + "validation rows.";
      }
      return ExerciseResult.fail(ex, title, String.format(Locale.ROOT, "%s, row %d: expected %s, got %s; %s",
          where, bad, fmt(expected[bad]), fmt(g[bad]), hint));
    }
    return ExerciseResult.pass(ex, title, cases.size() + " ridge problems match the Sherman–Morrison closed form, "
        + "including a duplicated row and nearly collinear features");
  }

  // ------------------------------------------------------------------ exercise 2

  /**
   * Checks exercise 2: the value against {@link #l1LossReference} (relative tolerance 1e-7) and the subgradient
   * against {@link #l1SubgradientReference} (where {@code w_j = 0}, anything within {@code λ} of the smooth
   * part passes), on eight seeded random problems with some {@code w_j = 0}, one with {@code λ = 0}, one with
   * unit weights and one with logits of several hundred (where {@code log(1 + e^z)} overflows).
   */
  public static ExerciseResult checkL1Loss(L1LogisticLoss value, L1LogisticSubgradient subgradient) {
    final int ex = 2;
    final String title = "L1-regularized weighted logistic loss";
    List<Named<L1Problem>> cases = new ArrayList<>();
    Random r = new Random(22);
    for (int c = 0; c < 8; c++) {
      cases.add(new Named<>("random problem #" + (c + 1), randomL1(r, 4 + r.nextInt(20), 2 + r.nextInt(4),
          c % 3 == 0 ? 0.1 : 0.5, 1)));
    }
    L1Problem noPenalty = randomL1(r, 10, 3, 0, 1);
    cases.add(new Named<>("λ = 0", noPenalty));
    L1Problem unit = randomL1(r, 12, 3, 0.3, 1);
    Arrays.fill(unit.s(), 1);
    cases.add(new Named<>("all sample weights 1", unit));
    L1Problem large = randomL1(r, 8, 3, 0.2, 300);
    double ww = dot(large.w(), large.w());
    for (int j = 0; j < 3; j++) {
      large.x()[0][j] = large.w()[j] * 800 / ww;     // z = 800, y = 0: loss 800
      large.x()[1][j] = -large.w()[j] * 800 / ww;    // z = -800, y = 1: loss 800
    }
    large.y()[0] = 0;
    large.y()[1] = 1;
    cases.add(new Named<>("large logits (|x·w| up to 800)", large));

    for (Named<L1Problem> c : cases) {
      L1Problem p = c.value();
      String where = String.format(Locale.ROOT, "on %s (n = %d, w = %s, λ = %s)", c.name(), p.x().length,
          fmt(p.w()), fmt(p.lambda()));
      double expected = l1LossReference(p.x(), p.y(), p.s(), p.w(), p.lambda());
      Outcome<Double> got = call(() -> value.value(deepCopy(p.x()), p.y().clone(), p.s().clone(), p.w().clone(),
          p.lambda()));
      if (got.error() != null) {
        return ExerciseResult.fail(ex, title, "your loss threw " + got.error() + " " + where);
      }
      double v = got.value() == null ? Double.NaN : got.value();
      if (!near(expected, v, 1e-7, 1e-12)) {
        return ExerciseResult.fail(ex, title, String.format(Locale.ROOT, "loss value %s: expected %s, got %s; %s",
            where, fmt(expected), fmt(v), lossHint(p, v)));
      }
    }
    for (Named<L1Problem> c : cases) {
      L1Problem p = c.value();
      String where = String.format(Locale.ROOT, "on %s (n = %d, w = %s, λ = %s)", c.name(), p.x().length,
          fmt(p.w()), fmt(p.lambda()));
      double[] smooth = smoothGradient(p.x(), p.y(), p.s(), p.w(), false);
      double[] expected = l1SubgradientReference(p.x(), p.y(), p.s(), p.w(), p.lambda());
      Outcome<double[]> got = call(() -> subgradient.subgradient(deepCopy(p.x()), p.y().clone(), p.s().clone(),
          p.w().clone(), p.lambda()));
      if (got.error() != null) {
        return ExerciseResult.fail(ex, title, "your subgradient threw " + got.error() + " " + where);
      }
      double[] g = got.value();
      if (g == null || g.length != expected.length) {
        return ExerciseResult.fail(ex, title, "subgradient " + where + ": expected " + expected.length
            + " entries (one per feature), got " + (g == null ? "null" : g.length));
      }
      for (int j = 0; j < g.length; j++) {
        double tol = 1e-7 * Math.max(1, Math.abs(expected[j])) + 1e-12;
        boolean ok = p.w()[j] == 0
            ? g[j] >= smooth[j] - p.lambda() - tol && g[j] <= smooth[j] + p.lambda() + tol
            : near(expected[j], g[j], 1e-7, 1e-12);
        if (!ok) {
          String expect = p.w()[j] == 0
              ? "a value in [" + fmt(smooth[j] - p.lambda()) + ", " + fmt(smooth[j] + p.lambda()) + "]"
              : fmt(expected[j]);
          return ExerciseResult.fail(ex, title, String.format(Locale.ROOT,
              "subgradient %s, entry %d (w_%d = %s): expected %s, got %s; %s", where, j, j, fmt(p.w()[j]), expect,
              fmt(g[j]), subgradientHint(p, g, j)));
        }
      }
    }
    return ExerciseResult.pass(ex, title, "value and subgradient match on " + cases.size() + " problems, "
        + "including w_j = 0, λ = 0 and logits of ±800");
  }

  private static String lossHint(L1Problem p, double got) {
    int n = p.x().length;
    double data = 0;
    double unweighted = 0;
    double sumS = 0;
    for (int i = 0; i < n; i++) {
      double l = Numerics.bce(dot(p.x()[i], p.w()), p.y()[i]);
      data += p.s()[i] * l;
      unweighted += l;
      sumS += p.s()[i];
    }
    double pen = p.lambda() * l1(p.w());
    double l2 = p.lambda() * dot(p.w(), p.w());
    if (!Double.isFinite(got)) {
      return "the loss is not finite: log(1 + e^z) overflows for large z. Hint: use the stable form "
          + "max(z, 0) − y·z + log1p(exp(−|z|)).";
    }
    if (near(unweighted / n + pen, got, 1e-7, 1e-12) && !near(data / n + pen, got, 1e-7, 1e-12)) {
      return "you ignored the sample weights s_i: multiply each row's loss by s_i.";
    }
    if (near(data / n, got, 1e-7, 1e-12)) {
      return "the L1 penalty λ·Σ|w_j| is missing.";
    }
    if (near(data / n + l2, got, 1e-7, 1e-12)) {
      return "that is the L2 penalty λ·Σw_j²; the L1 penalty is λ·Σ|w_j|.";
    }
    if (near(data / sumS + pen, got, 1e-7, 1e-12)) {
      return "divide the weighted sum by n (the number of rows), not by Σ s_i.";
    }
    if (near(data + pen, got, 1e-7, 1e-12)) {
      return "take the mean over rows: divide the weighted sum of losses by n before adding the penalty.";
    }
    return "Hint: L(w) = (1/n) Σ_i s_i·(log(1 + e^z_i) − y_i·z_i) + λ·Σ_j |w_j| with z_i = x_i·w.";
  }

  private static String subgradientHint(L1Problem p, double[] g, int j) {
    double[] smooth = smoothGradient(p.x(), p.y(), p.s(), p.w(), false);
    double[] unweighted = smoothGradient(p.x(), p.y(), p.s(), p.w(), true);
    double lam = p.lambda();
    double[] w = p.w();
    if (matches(g, k -> smooth[k])) {
      return "the penalty's part λ·sign(w_j) is missing.";
    }
    if (matches(g, k -> -smooth[k] + lam * Math.signum(w[k]))) {
      return "the data part has the wrong sign: it is (1/n) Σ s_i·(σ(z_i) − y_i)·x_ij, not (y_i − σ(z_i)).";
    }
    if (matches(g, k -> smooth[k] - lam * Math.signum(w[k]))) {
      return "the penalty's part has the wrong sign: it is +λ·sign(w_j).";
    }
    if (matches(g, k -> unweighted[k] + lam * Math.signum(w[k]))) {
      return "you ignored the sample weights s_i in the data part.";
    }
    if (matches(g, k -> smooth[k] + 2 * lam * w[k])) {
      return "2λ·w_j is the gradient of the L2 penalty; for λ·|w_j| it is λ·sign(w_j).";
    }
    if (w[j] == 0) {
      return "at w_j = 0 |w_j| has no derivative; any value in [−λ, λ] (e.g. 0) added to the data part is a valid "
          + "subgradient.";
    }
    return "Hint: g_j = (1/n) Σ_i s_i·(σ(z_i) − y_i)·x_ij + λ·sign(w_j).";
  }

  // ------------------------------------------------------------------ exercise 3

  /**
   * Checks exercise 3 on seven weight vectors (zeros at the first and last index, skewed, unnormalized in the
   * millions, one dominant weight, a single weight, 20 random weights, equal weights), drawing 50,000 indices
   * each with a seeded {@link Random}: the result must have length {@code m}, valid indices, never an index of
   * weight 0, and every frequency within five standard errors (plus 1e-3) of {@code w_i / Σw}.
   */
  public static ExerciseResult checkResampling(Resampler student) {
    final int ex = 3;
    final String title = "resampling by importance weights";
    List<Named<double[]>> cases = new ArrayList<>();
    cases.add(new Named<>("zero weights at both ends", new double[] {0, 3, 0, 1, 6, 0}));
    cases.add(new Named<>("skewed weights", new double[] {0.5, 1, 2, 4, 8, 0.25}));
    cases.add(new Named<>("unnormalized weights", new double[] {2e6, 1e6, 5e6, 2e6}));
    cases.add(new Named<>("one dominant weight", new double[] {1000, 1, 1, 1}));
    cases.add(new Named<>("a single weight", new double[] {2.5}));
    Random r = new Random(33);
    double[] random = new double[20];
    for (int i = 0; i < random.length; i++) {
      random[i] = -Math.log(1 - r.nextDouble());
    }
    cases.add(new Named<>("20 random weights", random));
    cases.add(new Named<>("equal weights", new double[] {1, 1, 1, 1, 1}));
    int m = 50_000;
    int index = 0;
    for (Named<double[]> c : cases) {
      double[] w = c.value();
      String where = "on " + c.name() + " " + fmt(w) + " with m = " + m;
      Random rng = new Random(3000 + index++);
      Outcome<int[]> got = call(() -> student.resample(w.clone(), m, rng));
      if (got.error() != null) {
        return ExerciseResult.fail(ex, title, "your function threw " + got.error() + " " + where);
      }
      int[] draws = got.value();
      if (draws == null || draws.length != m) {
        return ExerciseResult.fail(ex, title, where + ": expected " + m + " indices, got "
            + (draws == null ? "null" : draws.length + " indices") + ". Hint: return one index per draw.");
      }
      for (int d : draws) {
        if (d < 0 || d >= w.length) {
          return ExerciseResult.fail(ex, title, where + ": index " + d + " is outside [0, " + w.length + "). "
              + "Hint: with cumulative sums, pick the first index whose cumulative weight exceeds u·Σw.");
        }
      }
      if (w.length > 1 && Arrays.stream(draws).allMatch(d -> d == draws[0])) {
        return ExerciseResult.fail(ex, title, where + ": all " + m + " draws returned index " + draws[0]
            + ". Hint: for each draw, take u uniform in [0, Σw) (rng.nextDouble() * Σw) and return the first "
            + "index whose cumulative weight exceeds u.");
      }
      double total = Arrays.stream(w).sum();
      double[] freq = frequencies(draws, w.length);
      boolean uniform = w.length > 1;
      for (double f : freq) {
        uniform &= Math.abs(f - 1.0 / w.length) < 0.01;
      }
      if (uniform && Arrays.stream(w).anyMatch(v -> Math.abs(v / total - 1.0 / w.length) > 0.05)) {
        return ExerciseResult.fail(ex, title, String.format(Locale.ROOT, "%s: the frequencies %s look uniform, "
            + "expected %s: the weights were ignored. Draw index i with probability w_i / Σw.", where, fmt(freq),
            fmt(Arrays.stream(w).map(v -> v / total).toArray())));
      }
      for (int i = 0; i < w.length; i++) {
        if (w[i] == 0 && freq[i] > 0) {
          return ExerciseResult.fail(ex, title, String.format(Locale.ROOT,
              "%s: index %d has weight 0 but was drawn %d times; an index of weight 0 must never be drawn. "
                  + "Hint: look for an off-by-one in the cumulative search: return the first index whose "
                  + "cumulative weight (including its own) exceeds u.", where, i,
              Math.round(freq[i] * m)));
        }
      }
      for (int i = 0; i < w.length; i++) {
        double p = w[i] / total;
        double tol = 5 * Math.sqrt(p * (1 - p) / m) + 1e-3;
        if (Math.abs(freq[i] - p) > tol) {
          String hint = "Hint: draw u uniform in [0, Σw) and return the first index whose cumulative weight "
              + "exceeds u.";
          return ExerciseResult.fail(ex, title, String.format(Locale.ROOT,
              "%s: index %d (weight %s) should be drawn with probability %s ± %s, observed frequency %s; %s",
              where, i, fmt(w[i]), fmt(p), fmt(tol), fmt(freq[i]), hint));
        }
      }
    }
    return ExerciseResult.pass(ex, title, cases.size() + " weight vectors, " + m + " draws each: frequencies "
        + "within 5 standard errors of w_i / Σw, weight-0 indices never drawn");
  }

  // ------------------------------------------------------------------ exercise 4

  /**
   * Checks exercise 4 against SIEBench's {@link ImportanceSampling#selfNormalizedMean} (relative tolerance
   * 1e-9) on six seeded random cases and on edge cases: weights scaled by 1e6 (the estimate must not change),
   * one dominant weight, a single sample, some zero weights, negative values.
   */
  public static ExerciseResult checkSelfNormalized(SelfNormalizedMean student) {
    final int ex = 4;
    final String title = "self-normalized importance sampling";
    List<Named<double[][]>> cases = new ArrayList<>();
    Random r = new Random(44);
    for (int c = 0; c < 6; c++) {
      int n = 3 + r.nextInt(30);
      double[] f = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        f[i] = c % 2 == 0 ? r.nextInt(2) : 3 * r.nextDouble() - 1;
        w[i] = -Math.log(1 - r.nextDouble()) * 2;
      }
      cases.add(new Named<>("random case #" + (c + 1), new double[][] {f, w}));
    }
    double[] f0 = {1, 0, 0, 1, 0};
    double[] w0 = {0.5, 2, 1, 4, 0.5};
    cases.add(new Named<>("clicks with weights", new double[][] {f0, w0}));
    cases.add(new Named<>("the same weights times 1e6", new double[][] {f0, Arrays.stream(w0).map(v -> v * 1e6)
        .toArray()}));
    cases.add(new Named<>("one dominant weight", new double[][] {{0.2, 0.9, 0.4, 0.1}, {1e4, 1, 1, 1}}));
    cases.add(new Named<>("a single sample", new double[][] {{0.7}, {3}}));
    cases.add(new Named<>("some zero weights", new double[][] {{5, -2, 1, 8}, {0, 1.5, 0.5, 0}}));
    cases.add(new Named<>("negative values", new double[][] {{-3, -1, 2}, {1, 2, 3}}));
    for (Named<double[][]> c : cases) {
      double[] f = c.value()[0];
      double[] w = c.value()[1];
      String where = "on " + c.name() + " (f = " + fmt(f) + ", w = " + fmt(w) + ")";
      double expected = ImportanceSampling.selfNormalizedMean(f, w);
      Outcome<Double> got = call(() -> student.estimate(f.clone(), w.clone()));
      if (got.error() != null) {
        return ExerciseResult.fail(ex, title, "your function threw " + got.error() + " " + where);
      }
      double v = got.value() == null ? Double.NaN : got.value();
      if (near(expected, v, 1e-9, 1e-12)) {
        continue;
      }
      double swf = 0;
      double sw = 0;
      double sf = 0;
      for (int i = 0; i < f.length; i++) {
        swf += w[i] * f[i];
        sw += w[i];
        sf += f[i];
      }
      String hint;
      if (near(swf / f.length, v, 1e-9, 1e-12)) {
        hint = "you divided by n = " + f.length + ", which is the ordinary (unnormalized) IS estimate; the "
            + "self-normalized one divides by Σw = " + fmt(sw) + ".";
      } else if (near(sf / f.length, v, 1e-9, 1e-12)) {
        hint = "that is the plain mean of f: the weights were ignored.";
      } else if (near(swf, v, 1e-9, 1e-12)) {
        hint = "divide Σ w_i·f_i by Σ w_i.";
      } else {
        hint = "Hint: Σ_i w_i·f_i / Σ_i w_i.";
      }
      return ExerciseResult.fail(ex, title, String.format(Locale.ROOT, "%s: expected %s, got %s; %s", where,
          fmt(expected), fmt(v), hint));
    }
    return ExerciseResult.pass(ex, title, cases.size() + " cases match ImportanceSampling.selfNormalizedMean, "
        + "including weights scaled by 1e6, a dominant weight and a single sample");
  }

  // ------------------------------------------------------------------ exercise 5

  /**
   * Checks exercise 5 against {@link #gradientNormReference} on 20 seeded random rows (1 to 6 features,
   * labels 0 and 1) and on edge cases: {@code x = 0} (only the bias has a gradient) and logits of ±30, where the
   * model is confidently right or wrong. Tolerance: relative 1e-6 plus {@code 1e-9 · sqrt(‖x‖² + 1)}.
   */
  public static ExerciseResult checkGradientNorm(GradientNorm student) {
    final int ex = 5;
    final String title = "gradient-norm importance (GraNd) by hand";
    List<Named<GradCase>> cases = new ArrayList<>();
    Random r = new Random(55);
    for (int c = 0; c < 20; c++) {
      int d = 1 + r.nextInt(6);
      cases.add(new Named<>("random row #" + (c + 1), new GradCase(gaussian(r, d), r.nextGaussian(),
          gaussian(r, d), r.nextInt(2))));
    }
    cases.add(new Named<>("x = 0", new GradCase(new double[] {0.5, -1}, 0.3, new double[] {0, 0}, 1)));
    cases.add(new Named<>("confidently wrong (z = 30, y = 0)", new GradCase(new double[] {3, 4}, 0,
        new double[] {6, 3}, 0)));
    cases.add(new Named<>("confidently right (z = -30, y = 0)", new GradCase(new double[] {3, 4}, 0,
        new double[] {-6, -3}, 0)));
    for (Named<GradCase> c : cases) {
      GradCase k = c.value();
      String where = "on " + c.name() + " (w = " + fmt(k.w()) + ", b = " + fmt(k.b()) + ", x = " + fmt(k.x())
          + ", y = " + (int) k.y() + ")";
      double expected = gradientNormReference(k.w(), k.b(), k.x(), k.y());
      Outcome<Double> got = call(() -> student.norm(k.w().clone(), k.b(), k.x().clone(), k.y()));
      if (got.error() != null) {
        return ExerciseResult.fail(ex, title, "your function threw " + got.error() + " " + where);
      }
      double v = got.value() == null ? Double.NaN : got.value();
      double scale = Math.sqrt(dot(k.x(), k.x()) + 1);
      if (Math.abs(v - expected) <= 1e-6 * expected + 1e-9 * scale) {
        continue;
      }
      double p = sigmoid(dot(k.w(), k.x()) + k.b());
      double e = p - k.y();
      double xx = dot(k.x(), k.x());
      String hint;
      if (near(-expected, v, 1e-6, 1e-12) || near(e * scale, v, 1e-6, 1e-12) && e < 0) {
        hint = "a norm is never negative: take |σ(z) − y|.";
      } else if (near(Math.abs(e) * Math.sqrt(xx), v, 1e-6, 1e-12)) {
        hint = "the bias b is a parameter too: ∂ℓ/∂b = σ(z) − y, so the norm is |σ(z) − y|·sqrt(‖x‖² + 1).";
      } else if (near(Math.abs(e) * (xx + 1), v, 1e-6, 1e-12)) {
        hint = "the square root is missing: the norm is |σ(z) − y|·sqrt(‖x‖² + 1).";
      } else if (near(Math.abs(e) * (Math.sqrt(xx) + 1), v, 1e-6, 1e-12)) {
        hint = "sqrt(‖x‖² + 1) is not ‖x‖ + 1: the gradient is (σ(z) − y)·(x, 1), take its Euclidean norm.";
      } else if (near(Math.abs(sigmoid(dot(k.w(), k.x())) - k.y()) * scale, v, 1e-6, 1e-12)) {
        hint = "the logit is z = w·x + b: include b.";
      } else {
        hint = "Hint: ∇_w ℓ = (σ(z) − y)·x and ∂ℓ/∂b = σ(z) − y, with z = w·x + b.";
      }
      return ExerciseResult.fail(ex, title, String.format(Locale.ROOT, "%s: expected %s, got %s; %s", where,
          fmt(expected), fmt(v), hint));
    }
    return ExerciseResult.pass(ex, title, cases.size() + " rows match |σ(w·x + b) − y|·sqrt(‖x‖² + 1), "
        + "including x = 0 and logits of ±30");
  }

  // ------------------------------------------------------------------ internals

  /** A test input with a name that the failure message shows. */
  private record Named<T>(String name, T value) {}

  private record L1Problem(double[][] x, double[] y, double[] s, double[] w, double lambda) {}

  private record GradCase(double[] w, double b, double[] x, double y) {}

  /** The student's return value, or what it threw. */
  private record Outcome<T>(T value, String error) {}

  private static <T> Outcome<T> call(Supplier<T> f) {
    try {
      return new Outcome<>(f.get(), null);
    } catch (RuntimeException | StackOverflowError | AssertionError e) {
      return new Outcome<>(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage()
          + ")"));
    }
  }

  private static RidgeProblem randomRidge(Random r, int n, int d, int nVal, double lambda) {
    double[] truth = gaussian(r, d);
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = gaussian(r, d);
      y[i] = dot(x[i], truth) + 0.3 * r.nextGaussian() + (i == n - 1 ? 2 : 0);
    }
    double[][] xv = new double[nVal][];
    double[] yv = new double[nVal];
    for (int i = 0; i < nVal; i++) {
      xv[i] = gaussian(r, d);
      yv[i] = dot(xv[i], truth) + 0.3 * r.nextGaussian();
    }
    return new RidgeProblem(x, y, xv, yv, lambda);
  }

  private static L1Problem randomL1(Random r, int n, int d, double lambda, double scale) {
    double[][] x = new double[n][];
    double[] y = new double[n];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = gaussian(r, d);
      for (int j = 0; j < d; j++) {
        x[i][j] *= scale;
      }
      y[i] = r.nextInt(2);
      s[i] = 0.2 + 2.8 * r.nextDouble();
    }
    double[] w = gaussian(r, d);
    w[r.nextInt(d)] = 0;
    return new L1Problem(x, y, s, w, lambda);
  }

  /** The mistake of measuring the loss on the training rows instead of the validation rows. */
  private static double[] trainingLossVariant(RidgeProblem p) {
    return bruteForceLeaveOneOut(p, p.x(), p.y(), p.lambda());
  }

  /** The mistake of refitting without the ridge penalty. */
  private static double[] noPenaltyVariant(RidgeProblem p) {
    return bruteForceLeaveOneOut(p, p.xVal(), p.yVal(), 1e-12);
  }

  /**
   * Leave-one-out by refitting: the loss on {@code (xEval, yEval)} of the fit without row i (penalty
   * {@code refitLambda}) minus that of the fit on all rows (penalty {@code p.lambda()}).
   */
  private static double[] bruteForceLeaveOneOut(RidgeProblem p, double[][] xEval, double[] yEval,
      double refitLambda) {
    double base = meanSquaredError(ridge(p.x(), p.y(), p.lambda()), xEval, yEval);
    double[] out = new double[p.x().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = meanSquaredError(ridge(withoutRow(p.x(), i), withoutRow(p.y(), i), refitLambda), xEval, yEval)
          - base;
    }
    return out;
  }

  /** The gradient of the data term {@code (1/n) Σ s_i ℓ(x_i·w, y_i)} (with {@code s_i = 1} if unweighted). */
  private static double[] smoothGradient(double[][] x, double[] y, double[] s, double[] w, boolean unweighted) {
    double[] g = new double[w.length];
    for (int i = 0; i < x.length; i++) {
      double e = (unweighted ? 1 : s[i]) * (sigmoid(dot(x[i], w)) - y[i]);
      for (int j = 0; j < g.length; j++) {
        g[j] += e * x[i][j];
      }
    }
    for (int j = 0; j < g.length; j++) {
      g[j] /= x.length;
    }
    return g;
  }

  private static boolean matches(double[] g, java.util.function.IntToDoubleFunction variant) {
    for (int k = 0; k < g.length; k++) {
      if (!near(variant.applyAsDouble(k), g[k], 1e-7, 1e-12)) {
        return false;
      }
    }
    return true;
  }

  private static double l1(double[] w) {
    double s = 0;
    for (double v : w) {
      s += Math.abs(v);
    }
    return s;
  }

  private static double[][] gram(double[][] x, double lambda) {
    int d = x.length == 0 ? 0 : x[0].length;
    double[][] a = new double[d][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          a[j][k] += row[j] * row[k];
        }
      }
    }
    for (int j = 0; j < d; j++) {
      a[j][j] += lambda;
    }
    return a;
  }

  /**
   * The Cholesky factorization of a symmetric positive definite matrix (commons-math; any positive pivot is
   * accepted, so a tiny ridge penalty on a full-rank design still factors).
   */
  private static CholeskyDecomposition cholesky(double[][] a) {
    return new CholeskyDecomposition(MatrixUtils.createRealMatrix(a),
        CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 0);
  }

  private static double[] multiply(double[][] a, double[] v) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = dot(a[i], v);
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double[] gaussian(Random r, int d) {
    double[] v = new double[d];
    for (int i = 0; i < d; i++) {
      v[i] = r.nextGaussian();
    }
    return v;
  }

  private static double[][] deepCopy(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].clone();
    }
    return out;
  }

  private static double[] negate(double[] v) {
    return Arrays.stream(v).map(a -> -a).toArray();
  }

  private static boolean near(double expected, double got, double rel, double abs) {
    return Math.abs(got - expected) <= rel * Math.abs(expected) + abs;
  }

  private static int firstMismatch(double[] expected, double[] got, double rel, double abs) {
    double scale = 0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      if (!(Math.abs(got[i] - expected[i]) <= rel * Math.max(Math.abs(expected[i]), 1e-3 * scale) + abs)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean allNear(double[] v, double target) {
    for (double a : v) {
      if (Math.abs(a - target) > 1e-12) {
        return false;
      }
    }
    return true;
  }

  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e7) {
      return String.valueOf((long) v);
    }
    String g = String.format(Locale.ROOT, "%.6g", v);
    int e = g.indexOf('e');
    String mantissa = e < 0 ? g : g.substring(0, e);
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return e < 0 ? mantissa : mantissa + g.substring(e);
  }

  static String fmt(double[] v) {
    StringBuilder b = new StringBuilder("[");
    int shown = Math.min(v.length, 6);
    for (int i = 0; i < shown; i++) {
      b.append(i == 0 ? "" : ", ").append(fmt(v[i]));
    }
    return b.append(v.length > shown ? ", … (" + v.length + " values)]" : "]").toString();
  }
}
