package siebench.benchmark;

import java.util.ArrayList;
import java.util.List;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;

/**
 * Cleaning, anchored on the oracle: remove the most suspicious x% of the training rows ({@code
 * Samples.clean}, read through the importance's meaning), retrain the benchmark's task on the rest and score it
 * on the clean test rows against two references trained on the same split with the same seed, the noisy data
 * as it is and the oracle (every corrupted row dropped). Per fraction it reports the test AUC, LogLoss and GAUC,
 * their change from the noisy baseline and the share of the oracle's gain recovered ({@link Gains}); the
 * primary metric {@code recovery} is the LogLoss recovery averaged over the fractions (the area under the
 * recovery curve divided by its width), so an estimator gains nothing by a lucky fraction. A second action,
 * importance resampling ({@code Samples.resample}: each row kept with probability proportional to its training
 * weight), is reported as scalars with the suffix {@code _resampled} ({@code recovery_resampled} for LogLoss).
 * Cleaning is the confident-learning recipe (Northcutt, Jiang and Chuang 2021: find the label issues, drop them, retrain) for
 * any estimator; it needs ground truth (generator flags or injected noise).
 */
public final class Cleaning implements Protocol {
  private final double[] fractions;

  Cleaning(double[] fractions) {
    for (double f : fractions) {
      if (!(f > 0 && f < 1)) {
        throw new IllegalArgumentException("cleaning fractions must be in (0, 1), got " + f);
      }
    }
    this.fractions = fractions.clone();
  }

  public double[] fractions() {
    return fractions.clone();
  }

  @Override
  public String name() {
    return "cleaning";
  }

  @Override
  public String primaryMetric() {
    return "recovery";
  }

  @Override
  public boolean needsGroundTruth() {
    return true;
  }

  @Override
  public void evaluate(Trial trial, String estimator, ImportanceEstimator est, Importance importance,
      ResultRows out) {
    Gains.record(trial, estimator, name(), 0, "", trial.noisy(), out); // the curve starts at the baseline
    List<Double> recoveries = new ArrayList<>();
    List<Double> deltas = new ArrayList<>();
    for (double x : fractions) {
      var m = trial.fit(null, trial.train().clean(importance, x));
      recoveries.add(Gains.record(trial, estimator, name(), x, "", m, out));
      deltas.add(m.get("auc") - trial.noisy().get("auc"));
      trial.progress().checkCancelled();
    }
    out.add(estimator, name(), "recovery", trial.seed(), mean(recoveries));
    out.add(estimator, name(), "auc_delta", trial.seed(), mean(deltas));
    var resampled = trial.fit(null, trial.train().resample(importance, trial.seed()));
    double r = Gains.record(trial, estimator, name(), Double.NaN, "_resampled", resampled, out);
    out.add(estimator, name(), "recovery_resampled", trial.seed(), r);
  }

  static double mean(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
