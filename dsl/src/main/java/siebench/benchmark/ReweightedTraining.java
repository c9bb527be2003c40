package siebench.benchmark;

import java.util.Map;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.importance.Reweighting;

/**
 * Reweighted training: train with the importance's training weights ({@code Samples.reweight}: suspicious
 * rows down-weighted, mean 1, as {@link Reweighting} says) against the noisy baseline (uniform weights on the
 * same rows) and, when the trial knows its corrupted rows, the oracle. Reports test AUC, LogLoss and GAUC,
 * their deltas from the baseline and the share of the oracle's gain recovered ({@link Gains}); primary: the
 * LogLoss {@code recovery}. Confidence intervals come from the spread across repeats in {@link
 * BenchmarkResult#summary()}, where a weighting that lowers AUC below the baseline beyond its interval is
 * flagged.
 */
public final class ReweightedTraining implements Protocol {
  private final Reweighting options;

  ReweightedTraining(Reweighting options) {
    this.options = options;
  }

  public Reweighting options() {
    return options;
  }

  @Override
  public String name() {
    return "reweighting";
  }

  @Override
  public String primaryMetric() {
    return "recovery";
  }

  @Override
  public void evaluate(Trial trial, String estimator, ImportanceEstimator est, Importance importance,
      ResultRows out) {
    Map<String, Double> weighted = trial.fit(null, options.reweight(trial.train(), importance));
    double r = Gains.record(trial, estimator, name(), Double.NaN, "", weighted, out);
    if (trial.oracle() != null) {
      out.add(estimator, name(), "recovery", trial.seed(), r);
    }
  }
}
