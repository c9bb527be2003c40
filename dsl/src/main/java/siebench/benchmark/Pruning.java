package siebench.benchmark;

import java.util.Map;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;

/**
 * Data pruning as in Paul, Ganguli and Dziugaite (2021, "Deep Learning on a Data Diet"): keep only the top
 * fraction f of training rows by score, retrain, and measure test AUC and LogLoss against f. Reports the
 * curves, their mean AUC (primary: the area under the pruning curve divided by its width) and the smallest f
 * whose AUC is within {@code tolerance} (default 0.005 = 0.5 AUC points) of full-data training.
 */
public final class Pruning implements Protocol {
  private final double[] fractions;
  private final double tolerance;

  Pruning(double[] fractions, double tolerance) {
    this.fractions = fractions.clone();
    this.tolerance = tolerance;
  }

  public double[] fractions() {
    return fractions.clone();
  }

  @Override
  public String name() {
    return "pruning";
  }

  @Override
  public String primaryMetric() {
    return "mean_auc";
  }

  @Override
  public void evaluate(Trial trial, String estimator, ImportanceEstimator est, Importance importance,
      ResultRows out) {
    Map<String, Double> full = trial.fit("full", trial.train());
    double fullAuc = full.get("auc");
    double sum = 0;
    double smallest = 1.0;
    for (double f : fractions) {
      Map<String, Double> m = f >= 1.0 ? full : trial.fit(null, importance.keepTop(f).select(trial.train()));
      double auc = m.get("auc");
      out.add(estimator, name(), "auc", trial.seed(), f, auc);
      out.add(estimator, name(), "logloss", trial.seed(), f, m.getOrDefault("logloss", Double.NaN));
      sum += auc;
      if (auc >= fullAuc - tolerance && f < smallest) {
        smallest = f;
      }
      trial.progress().checkCancelled();
    }
    out.add(estimator, name(), "mean_auc", trial.seed(), sum / fractions.length);
    out.add(estimator, name(), "smallest_fraction_within_tolerance", trial.seed(), smallest);
  }
}
