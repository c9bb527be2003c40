package siebench.cvr;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import siebench.core.Numerics;
import siebench.metrics.Metrics;

/**
 * Conversion metrics of {@link CvrPredictions} on held-out impressions, in the protocol of ESMM (Ma et al. 2018,
 * SIGIR) and Multi-IPS / Multi-DR (Zhang et al. 2020, WWW), plus the entire-space metrics that only simulated
 * data allows (the true conversion probability of every impression, clicked or not, is known):
 *
 * <ul>
 *   <li>{@value #CTR_AUC}: AUC of pCTR against clicks, all impressions.
 *   <li>{@value #CVR_AUC_CLICKED}, {@value #CVR_LOGLOSS_CLICKED}: pCVR against conversions on the clicked
 *       impressions (the observable CVR metrics; they are measured where the naive model was trained).
 *   <li>{@value #CTCVR_AUC}: AUC of pCTCVR against conversions, all impressions.
 *   <li>{@value #CVR_AUC_ENTIRE} (oracle): the AUC of pCVR when every impression's conversion is drawn from its
 *       true probability q, in ratio-of-expectations form over pairs of distinct impressions: {@code sum_{i != j}
 *       q_i (1 - q_j) ([s_i > s_j] + [s_i = s_j] / 2) / sum_{i != j} q_i (1 - q_j)}.
 *   <li>{@value #CVR_LOGLOSS_ENTIRE} (oracle): mean cross-entropy {@code -q log p - (1 - q) log(1 - p)} over
 *       all impressions (the expectation of the CVR LogLoss over the conversion draw).
 *   <li>{@value #CVR_BIAS} (oracle): mean pCVR minus mean q over all impressions (0 = unbiased on the entire
 *       space).
 * </ul>
 */
final class CvrEvaluation {
  public static final String CTR_AUC = "ctr_auc";
  public static final String CVR_AUC_CLICKED = "cvr_auc_clicked";
  public static final String CVR_LOGLOSS_CLICKED = "cvr_logloss_clicked";
  public static final String CTCVR_AUC = "ctcvr_auc";
  public static final String CVR_AUC_ENTIRE = "cvr_auc_entire";
  public static final String CVR_LOGLOSS_ENTIRE = "cvr_logloss_entire";
  public static final String CVR_BIAS = "cvr_bias";

  private CvrEvaluation() {}

  /** The metrics of {@code p} on {@code test} (oracle metrics only when {@code test} has the oracle). */
  public static Map<String, Double> of(ConversionData test, CvrPredictions p) {
    if (p.size() != test.size()) {
      throw new IllegalArgumentException(p.size() + " predictions for " + test.size() + " impressions");
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(CTR_AUC, Metrics.auc(test.clicks(), p.ctr()));
    int[] clicked = clickedRows(test.clicks());
    float[] r = new float[clicked.length];
    double[] s = new double[clicked.length];
    for (int i = 0; i < clicked.length; i++) {
      r[i] = test.purchases()[clicked[i]];
      s[i] = p.cvr()[clicked[i]];
    }
    m.put(CVR_AUC_CLICKED, clicked.length == 0 ? Double.NaN : Metrics.auc(r, s));
    m.put(CVR_LOGLOSS_CLICKED, clicked.length == 0 ? Double.NaN : Metrics.logLoss(r, s));
    m.put(CTCVR_AUC, Metrics.auc(test.purchases(), p.ctcvr()));
    if (test.hasOracle()) {
      m.put(CVR_AUC_ENTIRE, softAuc(test.trueCvr(), p.cvr()));
      m.put(CVR_LOGLOSS_ENTIRE, softLogLoss(test.trueCvr(), p.cvr()));
      m.put(CVR_BIAS, mean(p.cvr()) - mean(test.trueCvr()));
    }
    return m;
  }

  private static int[] clickedRows(float[] clicks) {
    return java.util.stream.IntStream.range(0, clicks.length).filter(i -> clicks[i] == 1f).toArray();
  }

  /**
   * The AUC of {@code scores} against labels drawn from the probabilities {@code q}, as a ratio of expectations
   * over pairs of distinct rows (see the class comment). Every row enters the weighted AUC once as a positive
   * with weight q and once as a negative with weight 1 - q; the pairs of a row with itself (ties, weight
   * {@code q (1 - q)}) are then taken out of numerator and denominator.
   */
  static double softAuc(double[] q, double[] scores) {
    int n = q.length;
    float[] y = new float[2 * n];
    double[] s = new double[2 * n];
    double[] w = new double[2 * n];
    double self = 0;
    double pos = 0;
    double neg = 0;
    for (int i = 0; i < n; i++) {
      y[i] = 1f;
      s[i] = scores[i];
      w[i] = q[i];
      s[n + i] = scores[i];
      w[n + i] = 1 - q[i];
      self += q[i] * (1 - q[i]);
      pos += q[i];
      neg += 1 - q[i];
    }
    double pairs = pos * neg;
    double auc = Metrics.weightedAuc(y, s, w);
    double denominator = pairs - self;
    return denominator <= 0 || Double.isNaN(auc) ? Double.NaN : (auc * pairs - 0.5 * self) / denominator;
  }

  /** Mean cross-entropy of probabilities {@code p} (clipped to [1e-7, 1 - 1e-7]) against soft labels {@code q}. */
  static double softLogLoss(double[] q, double[] p) {
    double sum = 0;
    for (int i = 0; i < q.length; i++) {
      sum += Numerics.bceOfProbability(p[i], q[i], 1e-7);
    }
    return q.length == 0 ? Double.NaN : sum / q.length;
  }

  private static double mean(double[] a) {
    return a.length == 0 ? Double.NaN : Arrays.stream(a).average().orElse(Double.NaN);
  }
}
