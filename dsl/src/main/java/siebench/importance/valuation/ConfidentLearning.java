package siebench.importance.valuation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.model.ModelSpec;

/**
 * Confident learning of Northcutt, Jiang and Chuang (2021), "Confident Learning: Estimating Uncertainty in
 * Dataset Labels" (JAIR 70), the method behind cleanlab. From out-of-fold predicted probabilities
 * {@code p_hat(x)} (k-fold, stratified, see {@link OutOfFold}):
 *
 * <ol>
 *   <li>per-class thresholds {@code t_j} = mean self-confidence {@code p_hat_j(x)} over the rows labeled j;
 *   <li>the confident joint {@code C[i][j]}: a row labeled i counts in column j = argmax of {@code p_hat_j(x)}
 *       over the classes with {@code p_hat_j(x) >= t_j} (lowest j on ties; rows with no such class are not
 *       counted);
 *   <li>calibration to the label counts, {@code C~[i][j] = C[i][j] / sum_j C[i][j] * n_i}, and the estimated
 *       joint {@code Q = C~ / sum C~};
 *   <li>the label issues, by {@link Prune}: {@code PRUNE_BY_NOISE_RATE} (cleanlab's default) flags, for each
 *       i != j, the {@code round(n * Q[i][j])} rows labeled i with the largest margin {@code p_hat_j -
 *       p_hat_i}; {@code PRUNE_BY_CLASS} flags the {@code round(n * sum_{j != i} Q[i][j])} rows labeled i
 *       with the lowest self-confidence; {@code BOTH} the rows flagged by both; {@code CONFIDENT_JOINT} the
 *       rows counted off the diagonal of C. Ties are broken by row position; at least one row per class is
 *       always kept (cleanlab's {@code min_examples_per_class = 1}); {@code round} is half-up.
 * </ol>
 *
 * <p>The {@link Importance} scores are the self-confidence {@code p_hat_y(x)} (default) or the normalized margin
 * {@code (p_hat_y(x) - max_{j != y} p_hat_j(x) + 1) / 2}: <b>higher = more likely correctly labeled = more
 * valuable</b>. The size of the issue set and the estimated noise rate are recorded in the parameters; {@link
 * #labelIssues} returns the whole analysis. The out-of-fold model is the Java {@link LogisticRegression}, or
 * the project's CTR model given to {@link #model(ModelSpec)} (trained as the context's task says).
 */
public final class ConfidentLearning implements ImportanceEstimator {
  /** How the label-issue set is chosen from the estimated joint. */
  public enum Prune {
    PRUNE_BY_NOISE_RATE, PRUNE_BY_CLASS, BOTH, CONFIDENT_JOINT
  }

  /** Which per-row score the estimator returns. */
  public enum Score {
    SELF_CONFIDENCE, NORMALIZED_MARGIN
  }

  /** The full analysis: thresholds, confident joint, estimated joint, issue flags and the per-row scores. */
  public record Analysis(double[] thresholds, int[][] confidentJoint, double[][] joint, boolean[] issues,
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

  /** Runs the analysis on a probability matrix {@code probs[row][class]} and integer labels 0..K-1. */
  public static Analysis analyze(int[] labels, double[][] probs, Prune prune) {
    int n = labels.length;
    if (probs.length != n || n == 0) {
      throw new IllegalArgumentException(probs.length + " probability rows for " + n + " labels");
    }
    int k = probs[0].length;
    int[] count = new int[k];
    double[] t = new double[k];
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= k || probs[i].length != k) {
        throw new IllegalArgumentException("row " + i + ": label " + labels[i] + " with " + probs[i].length
            + " class probabilities, expected a label in 0.." + (k - 1));
      }
      count[labels[i]]++;
      t[labels[i]] += probs[i][labels[i]];
    }
    for (int j = 0; j < k; j++) {
      t[j] = count[j] == 0 ? Double.POSITIVE_INFINITY : t[j] / count[j];
    }
    int[][] c = new int[k][k];
    boolean[] offDiagonal = new boolean[n];
    for (int i = 0; i < n; i++) {
      int best = -1;
      for (int j = 0; j < k; j++) {
        if (probs[i][j] >= t[j] && (best < 0 || probs[i][j] > probs[i][best])) {
          best = j;
        }
      }
      if (best >= 0) {
        c[labels[i]][best]++;
        offDiagonal[i] = best != labels[i];
      }
    }
    double[][] cal = new double[k][k];
    double total = 0;
    for (int i = 0; i < k; i++) {
      int row = Arrays.stream(c[i]).sum();
      for (int j = 0; j < k; j++) {
        cal[i][j] = row == 0 ? 0 : (double) c[i][j] / row * count[i];
        total += cal[i][j];
      }
    }
    double[][] q = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        q[i][j] = total == 0 ? 0 : cal[i][j] / total;
      }
    }
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
      margin[i] = k == 1 ? 1 : (self[i] - other + 1) / 2;
    }
    boolean[] issues;
    switch (prune) {
      case CONFIDENT_JOINT:
        issues = offDiagonal;
        break;
      case PRUNE_BY_CLASS:
        issues = byClass(labels, probs, q, count, n);
        break;
      case PRUNE_BY_NOISE_RATE:
        issues = byNoiseRate(labels, probs, q, count, n);
        break;
      default: {
        boolean[] a = byClass(labels, probs, q, count, n);
        boolean[] b = byNoiseRate(labels, probs, q, count, n);
        issues = new boolean[n];
        for (int i = 0; i < n; i++) {
          issues[i] = a[i] && b[i];
        }
      }
    }
    int flagged = 0;
    for (boolean v : issues) {
      flagged += v ? 1 : 0;
    }
    return new Analysis(t, c, q, issues, flagged, self, margin);
  }

  private static boolean[] byClass(int[] labels, double[][] probs, double[][] q, int[] count, int n) {
    int k = count.length;
    boolean[] issues = new boolean[n];
    for (int i = 0; i < k; i++) {
      double off = 0;
      for (int j = 0; j < k; j++) {
        off += j == i ? 0 : q[i][j];
      }
      int m = Math.min((int) Math.floor(n * off + 0.5), Math.max(0, count[i] - 1));
      final int cls = i;
      Integer[] rows = ofClass(labels, cls);
      // lowest self-confidence first, ties by position
      Arrays.sort(rows, (a, b) -> probs[a][cls] != probs[b][cls] ? Double.compare(probs[a][cls], probs[b][cls])
          : Integer.compare(a, b));
      for (int r = 0; r < m; r++) {
        issues[rows[r]] = true;
      }
    }
    return issues;
  }

  private static boolean[] byNoiseRate(int[] labels, double[][] probs, double[][] q, int[] count, int n) {
    int k = count.length;
    boolean[] issues = new boolean[n];
    for (int i = 0; i < k; i++) {
      final int cls = i;
      int budget = Math.max(0, count[i] - 1);
      for (int j = 0; j < k; j++) {
        if (j == i) {
          continue;
        }
        final int other = j;
        int m = (int) Math.floor(n * q[i][j] + 0.5);
        Integer[] rows = ofClass(labels, cls);
        // largest margin p_j - p_i first, ties by position
        Arrays.sort(rows, (a, b) -> {
          double ma = probs[a][other] - probs[a][cls];
          double mb = probs[b][other] - probs[b][cls];
          return ma != mb ? Double.compare(mb, ma) : Integer.compare(a, b);
        });
        for (int r = 0; r < Math.min(m, rows.length); r++) {
          issues[rows[r]] = true;
        }
      }
      // keep at least one row of the class: unflag the most self-confident flagged rows beyond the budget
      Integer[] rows = ofClass(labels, cls);
      Arrays.sort(rows, (a, b) -> probs[a][cls] != probs[b][cls] ? Double.compare(probs[b][cls], probs[a][cls])
          : Integer.compare(a, b));
      int flagged = 0;
      for (Integer r : rows) {
        flagged += issues[r] ? 1 : 0;
      }
      for (int r = 0; r < rows.length && flagged > budget; r++) {
        if (issues[rows[r]]) {
          issues[rows[r]] = false;
          flagged--;
        }
      }
    }
    return issues;
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
  public LabelIssues labelIssues(Samples train, EstimationContext context) {
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
    return new Importance(name(), params, li.rowIds(), s, meter.cost());
  }
}
