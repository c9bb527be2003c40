package siebench.benchmark;

import java.util.Map;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;

/**
 * Point removal as in OpenDataVal (Jiang et al. 2023, "OpenDataVal: a Unified Benchmark for Data Valuation"):
 * remove the highest-scored x% of training rows, and separately the lowest-scored x%, retrain, and record test
 * AUC against x. A good value estimator makes AUC drop fast when its top rows go and hold (or rise) when its
 * bottom rows go; the primary metric is the mean gap {@code AUC(remove lowest) - AUC(remove highest)} over the
 * fractions (the area between the two curves divided by their width).
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
      Map<String, Double> high = x == 0 ? trial.fit("full", trial.train())
          : trial.fit(null, importance.keepTop(x).remove(trial.train()));
      Map<String, Double> low = x == 0 ? high : trial.fit(null, importance.keepBottom(x).remove(trial.train()));
      out.add(estimator, name(), "auc_remove_highest", trial.seed(), x, high.get("auc"));
      out.add(estimator, name(), "auc_remove_lowest", trial.seed(), x, low.get("auc"));
      area += low.get("auc") - high.get("auc");
      trial.progress().checkCancelled();
    }
    out.add(estimator, name(), "area_between", trial.seed(), area / fractions.length);
  }
}
