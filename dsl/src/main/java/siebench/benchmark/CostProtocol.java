package siebench.benchmark;

import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;

/**
 * Cost of each estimator as recorded in its {@link Importance.Cost}: wall time (primary, lower is better), peak
 * memory, trainings and per-sample gradient / utility evaluations.
 */
public final class CostProtocol implements Protocol {
  @Override
  public String name() {
    return "cost";
  }

  @Override
  public String primaryMetric() {
    return "seconds";
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  @Override
  public void evaluate(Trial trial, String estimator, ImportanceEstimator est, Importance importance,
      ResultRows out) {
    Importance.Cost c = importance.cost();
    out.add(estimator, name(), "seconds", trial.seed(), c.wallMillis() / 1000.0);
    out.add(estimator, name(), "peak_memory_mib", trial.seed(), c.peakMemoryBytes() / 1048576.0);
    out.add(estimator, name(), "trainings", trial.seed(), c.trainings());
    out.add(estimator, name(), "gradient_evaluations", trial.seed(), c.gradientEvaluations());
  }
}
