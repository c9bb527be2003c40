package siebench.importance.valuation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import siebench.core.CostMeter;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.model.ModelSpec;

/**
 * Confident learning of Northcutt, Jiang and Chuang (2021), "Confident Learning: Estimating Uncertainty in
 * Dataset Labels" (JAIR 70), as cleanlab implements it ({@code cleanlab/filter.py} {@code find_label_issues},
 * {@code cleanlab/count.py}); its label issues equal cleanlab's row for row in every {@code filter_by} mode
 * (ConfidentLearningCleanlabParityTest, fixtures written by cleanlab 2.9). From out-of-fold predicted
 * probabilities {@code p_hat(x)} (k-fold, stratified, see {@link OutOfFold}):
 *
 * <ol>
 *   <li>per-class thresholds {@code t_j} = mean self-confidence {@code p_hat_j(x)} over the rows labeled j
 *       (at least 2e-6; 2 for a class no row has);
 *   <li>the confident joint {@code C[i][j]}: a row labeled i counts in column j when {@code p_hat_j(x) >= t_j -
 *       1e-6} for j only, or, when several classes pass, j = argmax of {@code p_hat(x)} (lowest j on ties); rows
 *       with no such class are not counted; the diagonal is raised to at least 1;
 *   <li>calibration to the label counts, {@code C~[i][j] = C[i][j] / sum_j C[i][j] * n_i}, rescaled to n rows and
 *       rounded preserving row totals (cleanlab's {@code round_preserving_row_totals}); {@code Q = C~ / n};
 *   <li>the label issues, by {@link Prune}, from the pruning counts (C~ with every diagonal at least 1, what it
 *       gained taken evenly off the row, truncated; cleanlab's {@code _keep_at_least_n_per_class});
 *   <li>cleanlab's final step ({@code count._reduce_issues}): a row is not an issue when its given label is the
 *       argmax class after a 1e-6 bonus to that label's probability (all modes but the two {@code LOW_*}
 *       rankings, whose size is the number of off-diagonal rows that survive this step).
 * </ol>
 *
 * <p>Ties in the rankings are broken by row position (numpy's argsort is not stable, so on exact ties at a
 * cut-off cleanlab may pick another of the tied rows); sums and means follow numpy's pairwise summation.
 *
 * <p>The {@link Importance} scores are the self-confidence {@code p_hat_y(x)} (default) or the normalized margin
 * {@code (p_hat_y(x) - max_{j != y} p_hat_j(x) + 1) / 2}: <b>higher = more likely correctly labeled = more
 * valuable</b>. The size of the issue set and the estimated noise rate are recorded in the parameters; {@link
 * #fit} returns the whole analysis, {@link #findLabelIssues} runs it on given labels and probabilities.
 * The out-of-fold model is the Java {@link LogisticRegression}, or the project's CTR model given to {@link
 * #model(ModelSpec)} (trained as the context's task says).
 */
public final class ConfidentLearning implements ImportanceEstimator {
  /** How the label-issue set is chosen: cleanlab's {@code filter_by} modes of {@code find_label_issues}. */
  public enum Prune {
    /** cleanlab's default: per off-diagonal cell (i, j) of the pruning counts, the rows labeled i with the largest
     * margin {@code p_j - p_i}. */
    PRUNE_BY_NOISE_RATE("prune_by_noise_rate"),
    /** Per class i, the rows labeled i with the lowest self-confidence, as many as the pruning counts say. */
    PRUNE_BY_CLASS("prune_by_class"),
    /** The rows flagged by both of the above. */
    BOTH("both"),
    /** The rows counted off the diagonal of the confident joint (cleanlab's {@code confident_learning}). */
    CONFIDENT_JOINT("confident_learning"),
    /** The rows whose argmax class is not the given label (a baseline). */
    PREDICTED_NEQ_GIVEN("predicted_neq_given"),
    /** The rows with the lowest normalized margin, as many as the confident joint's issue count. */
    LOW_NORMALIZED_MARGIN("low_normalized_margin"),
    /** The rows with the lowest self-confidence, as many as the confident joint's issue count. */
    LOW_SELF_CONFIDENCE("low_self_confidence");

    private final String cleanlab;

    Prune(String cleanlab) {
      this.cleanlab = cleanlab;
    }

    /** The {@code filter_by} name cleanlab gives this mode. */
    public String cleanlabName() {
      return cleanlab;
    }

    /** The mode cleanlab calls {@code filterBy} (e.g. {@code "prune_by_noise_rate"}). */
    public static Prune fromCleanlab(String filterBy) {
      for (Prune p : values()) {
        if (p.cleanlab.equals(filterBy)) {
          return p;
        }
      }
      throw new IllegalArgumentException("unknown cleanlab filter_by '" + filterBy + "', expected one of "
          + Arrays.stream(values()).map(Prune::cleanlabName).toList());
    }
  }

  /** Which per-row score the estimator returns. */
  public enum Score {
    SELF_CONFIDENCE, NORMALIZED_MARGIN
  }

  /**
   * The full analysis: per-class thresholds, the confident joint {@code C[given][true]} (diagonal at least 1, as
   * cleanlab's), its calibration to the label counts rounded preserving row totals, the estimated joint {@code
   * Q}, the issue flags and the per-row scores.
   */
  public record Analysis(double[] thresholds, int[][] confidentJoint, int[][] calibratedJoint, double[][] joint,
      boolean[] issues,
      int issueCount, double[] selfConfidence, double[] normalizedMargin) {
    /** Estimated fraction of wrong labels: the off-diagonal mass of the joint. */
    public double noiseRate() {
      double s = 0;
      for (int i = 0; i < joint.length; i++) {
        for (int j = 0; j < joint.length; j++) {
          s += i == j ? 0 : joint[i][j];
        }
      }
      return s;
    }
  }

  /** The analysis of training samples with their row ids: the flagged rows in {@link #issueRowIds()}. */
  public record LabelIssues(Analysis analysis, long[] rowIds) {
    public long[] issueRowIds() {
      List<Long> out = new ArrayList<>();
      for (int i = 0; i < rowIds.length; i++) {
        if (analysis.issues()[i]) {
          out.add(rowIds[i]);
        }
      }
      return out.stream().mapToLong(Long::longValue).toArray();
    }
  }

  private final int folds;
  private final Prune prune;
  private final Score score;
  private final LogisticRegression regression;
  private final ModelSpec model;

  private ConfidentLearning(int folds, Prune prune, Score score, LogisticRegression regression, ModelSpec model) {
    if (folds < 2) {
      throw new IllegalArgumentException("folds must be >= 2, got " + folds);
    }
    this.folds = folds;
    this.prune = prune;
    this.score = score;
    this.regression = regression;
    this.model = model;
  }

  /** 5 folds, prune by noise rate, self-confidence scores, Java LR. */
  public static ConfidentLearning defaults() {
    return new ConfidentLearning(5, Prune.PRUNE_BY_NOISE_RATE, Score.SELF_CONFIDENCE, LogisticRegression.defaults(),
        null);
  }

  public ConfidentLearning folds(int k) {
    return new ConfidentLearning(k, prune, score, regression, model);
  }

  public ConfidentLearning prune(Prune p) {
    return new ConfidentLearning(folds, p, score, regression, model);
  }

  public ConfidentLearning score(Score s) {
    return new ConfidentLearning(folds, prune, s, regression, model);
  }

  public ConfidentLearning regression(LogisticRegression r) {
    return new ConfidentLearning(folds, prune, score, r, null);
  }

  /** Out-of-fold probabilities from this CTR model, trained as the context's task says. */
  public ConfidentLearning model(ModelSpec m) {
    return new ConfidentLearning(folds, prune, score, regression, m);
  }

  @Override
  public String name() {
    return "confident-learning";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("folds", folds);
    p.put("prune", prune.name().toLowerCase());
    p.put("score", score.name().toLowerCase());
    p.put("learner", Learners.describe(null, model, regression));
    return p;
  }

  /** cleanlab's {@code FLOATING_POINT_COMPARISON}: the slack on the thresholds and the bonus of the final step. */
  static final double EPSILON = 1e-6;
  /** cleanlab's {@code CONFIDENT_THRESHOLDS_LOWER_BOUND} (2 * FLOATING_POINT_COMPARISON). */
  static final double THRESHOLD_LOWER_BOUND = 2 * EPSILON;
  /** cleanlab's threshold of a class no row is labeled with: no probability reaches it. */
  static final double MISSING_CLASS_THRESHOLD = 2;
  /** cleanlab's {@code TINY_VALUE}, the floor of the denominators of the calibration. */
  static final double TINY = 1e-100;

  /**
   * The label issues of cleanlab's {@code filter.find_label_issues(labels, pred_probs, filter_by=...)} with its
   * defaults ({@code frac_noise = 1}, {@code min_examples_per_class = 1}): {@code issues[row]} is true for a
   * flagged row. The estimator runs the same code; see {@link #analyze} for the steps.
   *
   * @param labels given labels 0..K-1
   * @param probs out-of-fold predicted probabilities {@code probs[row][class]}, K columns
   */
  public static boolean[] findLabelIssues(int[] labels, double[][] probs, Prune filterBy) {
    return analyze(labels, probs, filterBy).issues();
  }

  /** Runs the analysis on a probability matrix {@code probs[row][class]} and integer labels 0..K-1. */
  public static Analysis analyze(int[] labels, double[][] probs, Prune prune) {
    if (prune == null) {
      throw new IllegalArgumentException("prune (cleanlab's filter_by) must not be null");
    }
    int n = labels.length;
    if (probs.length != n || n == 0) {
      throw new IllegalArgumentException(probs.length + " probability rows for " + n + " labels");
    }
    int k = probs[0].length;
    if (k < 2) {
      throw new IllegalArgumentException("need at least 2 class probabilities per row, got " + k);
    }
    int[] count = new int[k];
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= k || probs[i].length != k) {
        throw new IllegalArgumentException("row " + i + ": label " + labels[i] + " with " + probs[i].length
            + " class probabilities, expected a label in 0.." + (k - 1));
      }
      count[labels[i]]++;
    }
    // 1. per-class thresholds (count.get_confident_thresholds): numpy's mean, pairwise summation included
    double[] t = new double[k];
    for (int j = 0; j < k; j++) {
      if (count[j] == 0) {
        t[j] = MISSING_CLASS_THRESHOLD;
        continue;
      }
      double[] self = new double[count[j]];
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (labels[i] == j) {
          self[m++] = probs[i][j];
        }
      }
      t[j] = Math.max(pairwiseSum(self, 0, m) / m, THRESHOLD_LOWER_BOUND);
    }
    // 2. confident joint (count.compute_confident_joint): p_j >= t_j - 1e-6; of 2+ such classes the argmax
    // over all classes, of one that class; rows with none are not counted
    int[][] c = new int[k][k];
    boolean[] offDiagonal = new boolean[n];
    for (int i = 0; i < n; i++) {
      int confident = 0;
      int only = -1;
      for (int j = 0; j < k; j++) {
        if (probs[i][j] >= t[j] - EPSILON) {
          confident++;
          only = only < 0 ? j : only;
        }
      }
      if (confident > 0) {
        int guess = confident > 1 ? argmax(probs[i]) : only;
        c[labels[i]][guess]++;
        offDiagonal[i] = guess != labels[i];
      }
    }
    for (int j = 0; j < k; j++) {
      c[j][j] = Math.max(c[j][j], 1); // at least one correctly labeled row in every class
    }
    // 3. calibration to the label counts and the row count (count.calibrate_confident_joint)
    double[] flat = new double[k * k];
    for (int i = 0; i < k; i++) {
      double row = 0;
      for (int j = 0; j < k; j++) {
        row += c[i][j];
      }
      row = Math.max(row, TINY);
      for (int j = 0; j < k; j++) {
        flat[i * k + j] = c[i][j] / row * count[i];
      }
    }
    double total = Math.max(pairwiseSum(flat, 0, flat.length), TINY);
    int[][] cal = new int[k][];
    double[] row = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        row[j] = flat[i * k + j] / total * n;
      }
      cal[i] = roundPreservingSum(row);
    }
    double calTotal = 0;
    for (int[] r : cal) {
      calTotal += Arrays.stream(r).sum();
    }
    double[][] q = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        q[i][j] = calTotal == 0 ? 0 : cal[i][j] / calTotal;
      }
    }
    // scores (rank.get_self_confidence_for_each_label, get_normalized_margin_for_each_label)
    double[] self = new double[n];
    double[] margin = new double[n];
    for (int i = 0; i < n; i++) {
      self[i] = probs[i][labels[i]];
      double other = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        if (j != labels[i]) {
          other = Math.max(other, probs[i][j]);
        }
      }
      margin[i] = (self[i] - other + 1) / 2;
    }
    boolean[] predictedIsGiven = predictedIsGiven(labels, probs);
    // 4. the label issues (filter.find_label_issues)
    boolean[] issues;
    switch (prune) {
      case CONFIDENT_JOINT:
        issues = offDiagonal.clone();
        break;
      case PREDICTED_NEQ_GIVEN:
        issues = new boolean[n];
        for (int i = 0; i < n; i++) {
          issues[i] = argmax(probs[i]) != labels[i];
        }
        break;
      case LOW_SELF_CONFIDENCE:
      case LOW_NORMALIZED_MARGIN: {
        // count.num_label_issues: the off-diagonal rows that survive the final step
        int budget = 0;
        for (int i = 0; i < n; i++) {
          budget += offDiagonal[i] && !predictedIsGiven[i] ? 1 : 0;
        }
        double[] s = prune == Prune.LOW_SELF_CONFIDENCE ? self : margin;
        issues = new boolean[n];
        Integer[] order = allRows(n);
        Arrays.sort(order, (a, b) -> s[a] != s[b] ? Double.compare(s[a], s[b]) : Integer.compare(a, b));
        for (int r = 0; r < budget; r++) {
          issues[order[r]] = true;
        }
        break;
      }
      default: {
        int[][] keep = pruneCounts(cal);
        boolean byClass = prune == Prune.PRUNE_BY_CLASS || prune == Prune.BOTH;
        boolean byNoise = prune == Prune.PRUNE_BY_NOISE_RATE || prune == Prune.BOTH;
        boolean[] a = byClass ? byClass(labels, probs, keep, count) : null;
        boolean[] b = byNoise ? byNoiseRate(labels, probs, keep, count) : null;
        issues = a == null ? b : b == null ? a : new boolean[n];
        if (a != null && b != null) {
          for (int i = 0; i < n; i++) {
            issues[i] = a[i] && b[i];
          }
        }
      }
    }
    // 5. cleanlab's final step (count._reduce_issues): not an issue when the given label is the predicted one
    // after a 1e-6 bonus; the low_* rankings skip it (their budget already did)
    if (prune != Prune.LOW_SELF_CONFIDENCE && prune != Prune.LOW_NORMALIZED_MARGIN) {
      for (int i = 0; i < n; i++) {
        issues[i] &= !predictedIsGiven[i];
      }
    }
    int flagged = 0;
    for (boolean v : issues) {
      flagged += v ? 1 : 0;
    }
    return new Analysis(t, c, cal, q, issues, flagged, self, margin);
  }

  /** cleanlab's {@code _reduce_issues}: argmax of the probabilities, the given label's plus 1e-6, is the label. */
  static boolean[] predictedIsGiven(int[] labels, double[][] probs) {
    boolean[] out = new boolean[labels.length];
    for (int i = 0; i < labels.length; i++) {
      double[] p = probs[i].clone();
      p[labels[i]] += EPSILON;
      out[i] = argmax(p) == labels[i];
    }
    return out;
  }

  /** numpy's argmax: the first largest entry. */
  static int argmax(double[] p) {
    int best = 0;
    for (int j = 1; j < p.length; j++) {
      if (p[j] > p[best]) {
        best = j;
      }
    }
    return best;
  }

  /**
   * numpy's pairwise summation of {@code x[from..from+n)} (what {@code np.sum} and {@code np.mean} do on a
   * contiguous float64 array), so the thresholds and the calibration are bit-for-bit cleanlab's.
   */
  static double pairwiseSum(double[] x, int from, int n) {
    if (n < 8) {
      double res = 0.;
      for (int i = 0; i < n; i++) {
        res += x[from + i];
      }
      return res;
    } else if (n <= 128) {
      double[] r = new double[8];
      for (int j = 0; j < 8; j++) {
        r[j] = x[from + j];
      }
      int i;
      for (i = 8; i < n - (n % 8); i += 8) {
        for (int j = 0; j < 8; j++) {
          r[j] += x[from + i + j];
        }
      }
      double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) {
        res += x[from + i];
      }
      return res;
    } else {
      int n2 = n / 2;
      n2 -= n2 % 8;
      return pairwiseSum(x, from, n2) + pairwiseSum(x, from + n2, n - n2);
    }
  }

  /**
   * cleanlab's {@code round_preserving_sum} (one row of {@code round_preserving_row_totals}): round half to
   * even, then move the rounding error onto the entries with the largest remainders until the integers add up
   * to the rounded total.
   */
  static int[] roundPreservingSum(double[] floats) {
    int k = floats.length;
    double[] ints = new double[k];
    for (int j = 0; j < k; j++) {
      ints[j] = Math.rint(floats[j]);
    }
    double origSum = Math.rint(pairwiseSum(floats, 0, k));
    double intSum = Math.rint(pairwiseSum(ints, 0, k));
    while (Math.abs(intSum - origSum) > EPSILON) {
      double diff = Math.rint(origSum - intSum);
      int increment = diff < 0 ? -1 : 1;
      int changes = (int) Math.min(Math.abs(diff), k);
      double[] rem = new double[k];
      for (int j = 0; j < k; j++) {
        rem[j] = floats[j] - ints[j];
      }
      // np.argsort (stable for these few entries), reversed when rounding up
      Integer[] order = allRows(k);
      Arrays.sort(order, (a, b) -> rem[a] != rem[b] ? Double.compare(rem[a], rem[b]) : Integer.compare(a, b));
      for (int c = 0; c < changes; c++) {
        int j = increment > 0 ? order[k - 1 - c] : order[c];
        ints[j] += increment;
      }
      intSum = Math.rint(pairwiseSum(ints, 0, k));
    }
    int[] out = new int[k];
    for (int j = 0; j < k; j++) {
      out[j] = (int) ints[j];
    }
    return out;
  }

  /**
   * cleanlab's {@code _keep_at_least_n_per_class} with n = 1 and {@code frac_noise = 1} on the calibrated joint,
   * returned in the joint's orientation: {@code keep[given][true]}, the diagonal at least 1, what it gained
   * taken evenly off the row's nonzero off-diagonal entries (clipped at 0), truncated to integers.
   */
  static int[][] pruneCounts(int[][] cal) {
    int k = cal.length;
    int[][] keep = new int[k][k];
    for (int g = 0; g < k; g++) {
      double diag = cal[g][g];
      double newDiag = Math.max(diag, 1);
      double gained = newDiag - diag;
      int nonzero = 0;
      for (int j = 0; j < k; j++) {
        nonzero += cal[g][j] != 0 ? 1 : 0;
      }
      double spread = Math.max(nonzero - 1.0, 1.0);
      for (int j = 0; j < k; j++) {
        double v = j == g ? newDiag : Math.max(cal[g][j] - gained / spread, 0);
        keep[g][j] = (int) v;
      }
    }
    return keep;
  }

  /** cleanlab's {@code _prune_by_class}: of the rows labeled i, the count minus the kept diagonal with the lowest
   * self-confidence (ties by position). Classes with at most one row are left alone. */
  private static boolean[] byClass(int[] labels, double[][] probs, int[][] keep, int[] count) {
    int k = count.length;
    boolean[] issues = new boolean[labels.length];
    for (int i = 0; i < k; i++) {
      int m = count[i] - keep[i][i];
      if (count[i] <= 1 || m < 1) {
        continue;
      }
      final int cls = i;
      Integer[] rows = ofClass(labels, cls);
      Arrays.sort(rows, (a, b) -> probs[a][cls] != probs[b][cls] ? Double.compare(probs[a][cls], probs[b][cls])
          : Integer.compare(a, b));
      for (int r = 0; r < Math.min(m, rows.length); r++) {
        issues[rows[r]] = true;
      }
    }
    return issues;
  }

  /** cleanlab's {@code _prune_by_count}: for each j != i, the {@code keep[i][j]} rows labeled i with the largest
   * margin {@code p_j - p_i} (ties by position). Classes with at most one row are left alone. */
  private static boolean[] byNoiseRate(int[] labels, double[][] probs, int[][] keep, int[] count) {
    int k = count.length;
    boolean[] issues = new boolean[labels.length];
    for (int i = 0; i < k; i++) {
      if (count[i] <= 1) {
        continue;
      }
      final int cls = i;
      for (int j = 0; j < k; j++) {
        int m = keep[i][j];
        if (j == i || m <= 0) {
          continue;
        }
        final int other = j;
        Integer[] rows = ofClass(labels, cls);
        Arrays.sort(rows, (a, b) -> {
          double ma = probs[a][other] - probs[a][cls];
          double mb = probs[b][other] - probs[b][cls];
          return ma != mb ? Double.compare(mb, ma) : Integer.compare(a, b);
        });
        for (int r = 0; r < Math.min(m, rows.length); r++) {
          issues[rows[r]] = true;
        }
      }
    }
    return issues;
  }

  private static Integer[] allRows(int n) {
    Integer[] rows = new Integer[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  private static Integer[] ofClass(int[] labels, int cls) {
    List<Integer> rows = new ArrayList<>();
    for (int r = 0; r < labels.length; r++) {
      if (labels[r] == cls) {
        rows.add(r);
      }
    }
    return rows.toArray(new Integer[0]);
  }

  /** Out-of-fold probabilities and the confident-learning analysis of the training samples. */
  public LabelIssues fit(Samples train, EstimationContext context) {
    return run(train, context, new CostMeter());
  }

  private LabelIssues run(Samples train, EstimationContext context, CostMeter meter) {
    double[] p = OutOfFold.probabilities(train, folds, model, regression, context, meter);
    int[] y = KnnShapley.ints(train.labels());
    double[][] probs = new double[p.length][];
    for (int i = 0; i < p.length; i++) {
      probs[i] = new double[] {1 - p[i], p[i]};
    }
    return new LabelIssues(analyze(y, probs, prune), train.rowIds());
  }

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    CostMeter meter = new CostMeter();
    LabelIssues li = run(train, context, meter);
    Analysis a = li.analysis();
    Map<String, Object> params = parameters();
    params.put("labelIssues", a.issueCount());
    params.put("estimatedNoiseRate", a.noiseRate());
    params.put("thresholds", Arrays.toString(a.thresholds()));
    params.put("confidentJoint", Arrays.deepToString(a.confidentJoint()));
    double[] s = score == Score.SELF_CONFIDENCE ? a.selfConfidence() : a.normalizedMargin();
    return new Importance(name(), params, li.rowIds(), s, Importance.Cost.of(meter));
  }
}
