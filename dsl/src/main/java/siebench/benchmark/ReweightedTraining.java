package siebench.benchmark;

import java.util.Map;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.importance.WeightOptions;

/**
 * Reweighted training: train with {@link Importance#toWeights(WeightOptions)} as sample weights versus uniform
 * weights on the same rows, and record the test-metric deltas (weighted minus uniform). Confidence intervals
 * come from the spread across repeats in {@link BenchmarkResult#summary()}. Primary: the AUC delta.
 */
public final class ReweightedTraining implements Protocol {
  private final WeightOptions options;

  ReweightedTraining(WeightOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "reweighting";
  }

  @Override
  public String primaryMetric() {
    return "auc_delta";
  }

  @Override
  public void evaluate(Trial trial, String estimator, ImportanceEstimator est, Importance importance,
      ResultRows out) {
    Map<String, Double> uniform = trial.fit("full", trial.train());
    Map<String, Double> weighted = trial.fit(null, trial.train().withWeights(
        importance.toWeights(options).alignTo(trial.train())));
    for (String metric : new String[] {"auc", "logloss", "gauc"}) {
      if (weighted.containsKey(metric) && uniform.containsKey(metric)) {
        out.add(estimator, name(), metric, trial.seed(), weighted.get(metric));
        out.add(estimator, name(), metric + "_delta", trial.seed(), weighted.get(metric) - uniform.get(metric));
      }
    }
  }
}
