package siebench.importance.valuation;

import siebench.metrics.Metrics;

/**
 * How a model trained on a subset is scored on the validation rows. Higher is better for all three. A
 * constant prediction of 0.5 (the model of the empty set) scores accuracy 0.5 (ties count half), AUC 0.5 and
 * log-loss -ln 2.
 */
public enum UtilityMetric {
  /** Fraction of validation rows on the right side of 0.5; a prediction of exactly 0.5 counts half. */
  ACCURACY,
  /** ROC AUC (ties half); 0.5 when the validation rows hold one class only. */
  AUC,
  /** Negative mean log-loss. */
  NEG_LOG_LOSS;

  /** The metric of probabilities {@code p} against labels {@code y}. */
  public double score(float[] y, double[] p) {
    switch (this) {
      case ACCURACY: {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
          s += p[i] == 0.5 ? 0.5 : (p[i] > 0.5) == (y[i] > 0.5f) ? 1 : 0;
        }
        return y.length == 0 ? 0 : s / y.length;
      }
      case AUC: {
        double a = Metrics.auc(y, p);
        return Double.isNaN(a) ? 0.5 : a;
      }
      default:
        return -Metrics.logLoss(y, p);
    }
  }
}
