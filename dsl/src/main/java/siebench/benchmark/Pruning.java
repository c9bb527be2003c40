package siebench.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.importance.PruningStrategy;

/**
 * Data pruning as in Paul, Ganguli and Dziugaite (2021, "Deep Learning on a Data Diet"): keep a fraction f of
 * the training rows, retrain, and measure the test metrics against f, in both strategies of {@link
 * PruningStrategy}: keep the most valuable rows (metrics without suffix) and keep the hardest, Data Diet's
 * choice (suffix {@code _hardest}). Each retraining is read by {@link Gains} (deltas from the noisy full-data
 * baseline and, with ground truth, the oracle recovery). Scalars per strategy: {@code mean_auc} (primary: the
 * area under the keep-valuable AUC curve divided by its width), {@code recovery} (mean LogLoss recovery over
 * the fractions, with ground truth) and the smallest f whose AUC is within {@code tolerance} (default 0.005)
 * of full-data training.
 */
public final class Pruning implements Protocol {
  private final double[] fractions;
  private final double tolerance;

  Pruning(double[] fractions, double tolerance) {
    for (double f : fractions) {
      if (!(f > 0 && f <= 1)) {
        throw new IllegalArgumentException("kept fractions must be in (0, 1], got " + f);
      }
    }
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
    double fullAuc = trial.noisy().get("auc");
    for (PruningStrategy s : PruningStrategy.values()) {
      String suffix = s == PruningStrategy.KEEP_VALUABLE ? "" : "_hardest";
      double sum = 0;
      double smallest = 1.0;
      List<Double> recoveries = new ArrayList<>();
      for (double f : fractions) {
        Map<String, Double> m = f >= 1.0 ? trial.noisy() : trial.fit(null, s.prune(trial.train(), importance, f));
        recoveries.add(Gains.record(trial, estimator, name(), f, suffix, m, out));
        double auc = m.get("auc");
        sum += auc;
        if (auc >= fullAuc - tolerance && f < smallest) {
          smallest = f;
        }
        trial.progress().checkCancelled();
      }
      out.add(estimator, name(), "mean_auc" + suffix, trial.seed(), sum / fractions.length);
      out.add(estimator, name(), "smallest_fraction_within_tolerance" + suffix, trial.seed(), smallest);
      if (trial.oracle() != null) {
        out.add(estimator, name(), "recovery" + suffix, trial.seed(), Cleaning.mean(recoveries));
      }
    }
  }
}
