package siebench.benchmark;

import java.util.Map;
import java.util.Set;

/**
 * The oracle-anchored reading of one retraining, shared by the gain protocols (cleaning, pruning,
 * reweighting): for each test metric (AUC, LogLoss, GAUC where groups exist) its value, its change from the
 * noisy baseline (all training rows, uniform weights) and, when the trial knows its corrupted rows, the share of
 * the oracle's gain it recovers, {@code recovery = (metric - metric_noisy) / (metric_oracle - metric_noisy)}:
 * 0 = no better than training on the noisy data, 1 = as good as training with every corrupted row dropped,
 * negative = worse than doing nothing. It has the same reading for LogLoss (lower is better) because numerator
 * and denominator change sign together. When the oracle is not better than the noisy baseline by at least
 * {@link #MIN_GAP} (it can be worse on a small test set, e.g. in AUC) the recovery is undefined (NaN): there is
 * no gain to recover, and the deltas say what happened.
 */
final class Gains {
  /** The test metrics read, in this order. */
  static final String[] METRICS = {"auc", "logloss", "gauc"};

  /** The protocols read against the noisy and oracle references (the actions on the scores). */
  static final Set<String> PROTOCOLS = Set.of("cleaning", "pruning", "reweighting");

  /** Oracle gaps smaller than this (absolute) leave the recovery undefined. */
  static final double MIN_GAP = 1e-3;

  private Gains() {}

  /**
   * Writes {@code metric+suffix}, {@code metric_delta+suffix} and {@code recovery_metric+suffix} rows for one
   * retraining at abscissa {@code x} (NaN for a scalar), and returns the LogLoss recovery (NaN when unknown).
   */
  static double record(Trial trial, String estimator, String protocol, double x, String suffix,
      Map<String, Double> fit, ResultRows out) {
    Map<String, Double> noisy = trial.noisy();
    Map<String, Double> oracle = trial.oracle();
    double loglossRecovery = Double.NaN;
    for (String m : METRICS) {
      Double v = fit.get(m);
      Double base = noisy.get(m);
      if (v == null || base == null || v.isNaN()) {
        continue;
      }
      out.add(estimator, protocol, m + suffix, trial.seed(), x, v);
      out.add(estimator, protocol, m + "_delta" + suffix, trial.seed(), x, v - base);
      if (oracle != null && oracle.get(m) != null) {
        double r = recovery(v, base, oracle.get(m), !m.equals("logloss"));
        out.add(estimator, protocol, "recovery_" + m + suffix, trial.seed(), x, r);
        if (m.equals("logloss")) {
          loglossRecovery = r;
        }
      }
    }
    return loglossRecovery;
  }

  /**
   * {@code (method - noisy) / (oracle - noisy)}, NaN unless the oracle is better than the noisy baseline by at
   * least {@link #MIN_GAP} ({@code higherIsBetter}: AUC, GAUC; else LogLoss).
   */
  static double recovery(double method, double noisy, double oracle, boolean higherIsBetter) {
    double gain = higherIsBetter ? oracle - noisy : noisy - oracle;
    return !(gain >= MIN_GAP) ? Double.NaN : (method - noisy) / (oracle - noisy);
  }
}
