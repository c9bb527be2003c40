package siebench.importance.correction;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import siebench.core.Progress;
import siebench.data.Role;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Position-bias estimation by expectation-maximization in the position-based click model
 * {@code P(click | q, d, k) = theta_k * gamma_(q,d)}: examination {@code E} with probability {@code theta_k}
 * of the display position, relevance {@code R} with probability {@code gamma}, click iff both.
 *
 * <p>Reference: Wang, Golbandi, Bendersky, Metzler &amp; Najork (2018), "Position Bias Estimation for
 * Unbiased Learning to Rank in Personal Search", WSDM.
 *
 * <p><b>E-step</b> (per row, closed form): a click implies {@code E = R = 1}; for a non-click
 * {@code P(E=1, R=0 | c=0) = theta (1 - gamma) / (1 - theta gamma)} and
 * {@code P(E=0, R=1 | c=0) = (1 - theta) gamma / (1 - theta gamma)}.
 * <b>M-step</b>: {@code theta_k} = mean over rows at position k of {@code P(E = 1 | c)}; relevance either
 * <ul>
 *   <li>{@link Mode#PER_PAIR} ({@link #perPair()}, "per-pair EM"): {@code gamma_(q,d)} = mean over that pair's
 *       rows of {@code P(R = 1 | c)}, the standard EM of the position-based model, with no regression; needs
 *       each (query, item) pair shown at several positions, or
 *   <li>{@link Mode#REGRESSION} ({@link #defaults()}, regression-EM, the method of Wang et al.): {@code gamma =
 *       sigmoid(beta . x)}, an L2
 *       {@link LogisticRegression} on the encoded features fitted to the posterior relevance. Wang et al.
 *       sample binary relevance labels from the posterior and fit a GBDT; we fit the expected labels (soft
 *       targets) instead, which is the Rao-Blackwellized version of the same step and deterministic.
 * </ul>
 * Iterates until the relative change of the log-likelihood falls below the tolerance. The overall scale
 * of {@code theta} is not identified ({@code theta * c, gamma / c} fit equally): {@link Result#absolute(double)}
 * fixes it by assuming the top position's examination probability (1 in the usual reading of eye-tracking
 * studies). Initialization: {@code theta_k = 0.5}, {@code gamma = 0.5}.
 */
public final class PositionBiasEm {
  /** How relevance {@code gamma} is modeled. */
  public enum Mode {
    /** One free parameter per (query, item) pair. */
    PER_PAIR,
    /** A logistic-regression relevance model on the encoded features (regression-EM). */
    REGRESSION
  }

  private final Mode mode;
  private final int maxIterations;
  private final double tolerance;
  private final double l2;

  private PositionBiasEm(Mode mode, int maxIterations, double tolerance, double l2) {
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("tolerance must be > 0, got " + tolerance);
    }
    this.mode = mode;
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
    this.l2 = l2;
  }

  /**
   * Regression-EM (Wang et al. 2018): relevance from a logistic regression on the features (L2 1e-4), at most
   * 50 iterations, tolerance 1e-6.
   */
  public static PositionBiasEm defaults() {
    return new PositionBiasEm(Mode.REGRESSION, 50, 1e-6, 1e-4);
  }

  /**
   * Per-pair EM instead: one relevance per (query, item) pair, no regression; at most 200 iterations, tolerance
   * 1e-7 (its own defaults; set others after this call).
   */
  public PositionBiasEm perPair() {
    return new PositionBiasEm(Mode.PER_PAIR, 200, 1e-7, l2);
  }

  public PositionBiasEm maxIterations(int m) {
    return new PositionBiasEm(mode, m, tolerance, l2);
  }

  /** Stops when the log-likelihood changes by less than {@code t} relative to its magnitude. */
  public PositionBiasEm tolerance(double t) {
    return new PositionBiasEm(mode, maxIterations, t, l2);
  }

  /** L2 strength of the feature-based relevance model. */
  public PositionBiasEm l2(double lambda) {
    LogisticRegression.l2(lambda);
    return new PositionBiasEm(mode, maxIterations, tolerance, lambda);
  }

  /** per-pair-em or regression-em. */
  public String name() {
    return mode == Mode.PER_PAIR ? "per-pair-em" : "regression-em";
  }

  public Mode mode() {
    return mode;
  }

  public int maxIterations() {
    return maxIterations;
  }

  public double tolerance() {
    return tolerance;
  }

  /** Parameters for reports. */
  public Map<String, Object> parameters() {
    Map<String, Object> p = new java.util.LinkedHashMap<>();
    p.put("em", name());
    p.put("em.maxIterations", maxIterations);
    p.put("em.tolerance", tolerance);
    if (mode == Mode.REGRESSION) {
      p.put("em.l2", l2);
    }
    return p;
  }

  /**
   * What the EM found: the (absolute, scale-unidentified) propensities, the relevance estimate of every row,
   * the log-likelihood per iteration, and how many relevance-model fits it took.
   */
  public record Result(Propensities propensities, double[] relevance, Table trace, int iterations, int fits) {
    /** Propensities relative to position 1. */
    public Propensities relative() {
      return propensities.relative();
    }

    /** Absolute propensities, assuming position 1 is examined with probability {@code top}. */
    public Propensities absolute(double top) {
      return propensities.relative().scaledTo(top);
    }
  }

  /**
   * Runs EM on click logs: {@code samples} needs a label (click), a position role and, for {@link
   * Mode#PER_PAIR}, an item role (and a query role when present; without one, relevance is per item).
   */
  public Result fit(Samples samples, Progress progress) {
    int[] pos = Propensities.positions(samples);
    float[] c = samples.labels();
    int n = c.length;
    if (n == 0) {
      throw new IllegalArgumentException("regression-EM needs click logs; " + samples.describe() + " is empty");
    }
    int kMax = Arrays.stream(pos).max().getAsInt();
    int[] atPos = new int[kMax];
    for (int p : pos) {
      atPos[p - 1]++;
    }
    double[] theta = new double[kMax];
    Arrays.fill(theta, 0.5);
    double[] gamma = new double[n];
    Arrays.fill(gamma, 0.5);
    int[] pair = null;
    int pairs = 0;
    EncodedData x = null;
    // generalized EM: a warm-started, partially converged M-step still increases the likelihood
    LogisticRegression fitter = LogisticRegression.l2(l2).maxIterations(10);
    LogisticRegression.Fitted relevanceModel = null;
    if (mode == Mode.PER_PAIR) {
      String item = samples.schema().column(Role.ITEM).orElseThrow(() -> new IllegalStateException(
          "per-pair EM needs an item column in " + samples.describe() + "; declare it with .item(\"col\")"));
      String[] items = samples.strings(item);
      String[] queries = samples.schema().column(Role.QUERY).map(samples::strings).orElse(null);
      Map<String, Integer> index = new HashMap<>();
      pair = new int[n];
      for (int i = 0; i < n; i++) {
        String key = (queries == null ? "" : queries[i]) + '\u0001' + items[i];
        Integer id = index.putIfAbsent(key, index.size());
        pair[i] = id == null ? index.size() - 1 : id;
      }
      pairs = index.size();
    } else {
      if (samples.schema().features().isEmpty()) {
        throw new IllegalStateException("regression-EM needs feature columns in " + samples.describe());
      }
      x = FeatureEncoder.fit(samples).encode(samples);
    }
    IntColumn itCol = IntColumn.create("iteration");
    DoubleColumn llCol = DoubleColumn.create("log_likelihood");
    double prevLl = Double.NaN;
    int fits = 0;
    int it = 0;
    double[] postE = new double[n];
    double[] postR = new double[n];
    while (it < maxIterations) {
      progress.checkCancelled();
      it++;
      // E-step
      for (int i = 0; i < n; i++) {
        if (c[i] > 0.5f) {
          postE[i] = 1;
          postR[i] = 1;
        } else {
          double t = theta[pos[i] - 1];
          double g = gamma[i];
          double denom = Math.max(1e-12, 1 - t * g);
          postE[i] = t * (1 - g) / denom;
          postR[i] = (1 - t) * g / denom;
        }
      }
      // M-step: theta
      double[] sum = new double[kMax];
      for (int i = 0; i < n; i++) {
        sum[pos[i] - 1] += postE[i];
      }
      for (int k = 0; k < kMax; k++) {
        theta[k] = atPos[k] == 0 ? Double.NaN : clamp(sum[k] / atPos[k]);
      }
      // M-step: gamma
      if (mode == Mode.PER_PAIR) {
        double[] gs = new double[pairs];
        int[] gn = new int[pairs];
        for (int i = 0; i < n; i++) {
          gs[pair[i]] += postR[i];
          gn[pair[i]]++;
        }
        for (int i = 0; i < n; i++) {
          gamma[i] = clamp(gs[pair[i]] / gn[pair[i]]);
        }
      } else {
        relevanceModel = fitter.fit(x, postR, null, progress, relevanceModel);
        fits++;
        double[] p = relevanceModel.probabilities(x);
        for (int i = 0; i < n; i++) {
          gamma[i] = clamp(p[i]);
        }
      }
      double ll = 0;
      for (int i = 0; i < n; i++) {
        double pc = theta[pos[i] - 1] * gamma[i];
        ll += c[i] > 0.5f ? Math.log(pc) : Math.log1p(-pc);
      }
      itCol.append(it);
      llCol.append(ll);
      progress.update(name(), it, maxIterations, String.format("log-likelihood %.6f", ll));
      if (!Double.isNaN(prevLl) && Math.abs(ll - prevLl) <= tolerance * Math.abs(ll)) {
        break;
      }
      prevLl = ll;
    }
    Propensities p = Propensities.estimated(theta, null, name());
    return new Result(p, gamma, Table.create(name() + " trace", itCol, llCol), it, fits);
  }

  private static double clamp(double v) {
    return Math.min(1 - 1e-9, Math.max(1e-9, v));
  }
}
