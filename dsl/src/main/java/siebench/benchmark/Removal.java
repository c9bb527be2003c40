package siebench.benchmark;

import java.util.Map;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;

/**
 * Point removal as in OpenDataVal (Jiang et al. 2023, "OpenDataVal: a Unified Benchmark for Data Valuation"):
 * remove the most valuable x% of training rows, and separately the most suspicious x% (both read through the
 * importance's meaning), retrain, and record test AUC against x. A good estimator makes AUC drop fast when its
 * most valuable rows go and hold (or rise) when its most suspicious rows go; the primary metric is the mean gap
 * {@code AUC(remove suspicious) - AUC(remove valuable)} over the fractions (the area between the two curves
 * divided by their width).
 */
public final class Removal implements Protocol {
  private final double[] fractions;

  Removal(double[] fractions) {
    this.fractions = fractions.clone();
  }

  @Override
  public String name() {
    return "removal";
  }

  @Override
  public String primaryMetric() {
    return "area_between";
  }

  @Override
  public void evaluate(Trial trial, String estimator, ImportanceEstimator est, Importance importance,
      ResultRows out) {
    double area = 0;
    for (double x : fractions) {
      Map<String, Double> valuable = x == 0 ? trial.noisy()
          : trial.fit(null, importance.on(trial.train()).mostValuable(x).remove(trial.train()));
      Map<String, Double> suspicious = x == 0 ? valuable : trial.fit(null, trial.train().clean(importance, x));
      out.add(estimator, name(), "auc_remove_valuable", trial.seed(), x, valuable.get("auc"));
      out.add(estimator, name(), "auc_remove_suspicious", trial.seed(), x, suspicious.get("auc"));
      area += suspicious.get("auc") - valuable.get("auc");
      trial.progress().checkCancelled();
    }
    out.add(estimator, name(), "area_between", trial.seed(), area / fractions.length);
  }
}
