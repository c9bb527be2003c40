package siebench.importance.valuation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import siebench.core.CostMeter;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;

/**
 * Class-balance weights: each row scores the inverse frequency of its label, normalized to mean 1, i.e.
 * {@code w_i = n / (C * n_{y_i})} with C the number of labels present (the "balanced" class weight of
 * King and Zeng 2001, "Logistic Regression in Rare Events Data", as in scikit-learn). Every label then carries
 * the same total weight. A baseline that knows nothing about the rows beyond their label. <b>Sign:</b> higher =
 * rarer label.
 */
public final class ClassBalance implements ImportanceEstimator {
  private ClassBalance() {}

  /** Balanced class weights. */
  public static ClassBalance defaults() {
    return new ClassBalance();
  }

  @Override
  public String name() {
    return "class-balance";
  }

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    CostMeter meter = new CostMeter();
    float[] y = train.labels();
    Map<Float, Integer> counts = new TreeMap<>();
    for (float v : y) {
      counts.merge(v, 1, Integer::sum);
    }
    double[] w = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      w[i] = (double) y.length / (counts.size() * counts.get(y[i]));
    }
    Map<String, Object> p = new LinkedHashMap<>();
    counts.forEach((k, v) -> p.put("count[" + (k > 0.5f ? 1 : 0) + "]", v));
    return new Importance(name(), p, train.rowIds(), w, Importance.Cost.of(meter), Importance.Meaning.WEIGHT);
  }
}
