package siebench.importance.valuation;

import java.util.Arrays;
import siebench.features.EncodedData;

/**
 * The Java {@link LogisticRegression} as a {@link ProbabilisticLearner}. Each thread warm-starts from its
 * previous fit on the same design width (the objective is strictly convex, so the optimum does not depend on
 * the start; only the number of Newton steps does), which makes the long sequences of nearly identical fits
 * in TMC-Shapley and leave-one-out cheap.
 */
final class LogisticLearner implements ProbabilisticLearner {
  private final LogisticRegression lr;
  private final ThreadLocal<double[]> warm = new ThreadLocal<>();

  public LogisticLearner(LogisticRegression lr) {
    this.lr = lr;
  }

  public LogisticRegression regression() {
    return lr;
  }

  @Override
  public String name() {
    return "java-lr(l2=" + lr.l2() + ")";
  }

  /** Fits and returns the model (warm-started as described above). */
  public LogisticRegression.Model fit(EncodedData train, int[] rows) {
    double[] start = warm.get();
    if (start != null && start.length != LogisticRegression.parameterCount(train)) {
      start = null;
    }
    LogisticRegression.Model m = lr.fit(train, rows, start);
    warm.set(m.theta());
    return m;
  }

  @Override
  public double[] fitPredict(EncodedData train, int[] rows, EncodedData predictOn) {
    if (rows.length == 0) {
      double[] p = new double[predictOn.rows()];
      Arrays.fill(p, 0.5);
      return p;
    }
    return fit(train, rows).predict(predictOn);
  }
}
