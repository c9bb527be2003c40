package siebench.mnar;

import java.util.Arrays;
import siebench.core.Progress;
import siebench.data.RatingData;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.importance.correction.LogisticRegression;

/**
 * Propensities from a logistic regression of the observation indicator on user and item features, the second
 * propensity model of Schnabel, Swaminathan, Singh, Chandak &amp; Joachims 2016 ("Recommendations as Treatments:
 * Debiasing Learning and Evaluation", ICML, Sec. 5): {@code P(O_ui = 1) = sigma(w . x_ui + b)}, fitted on every
 * user-item cell (observed = 1, else 0) with the project's L2 logistic regression ({@link LogisticRegression},
 * L-BFGS). {@code x_ui} one-hot encodes the user id and the item id (which capture user activity and item
 * popularity) and the data's user and item feature columns; {@link #withoutIds()} keeps the features only.
 * Needs no MAR sample, but cannot see a dependence of observation on the rating itself. Immutable.
 */
public final class LogisticPropensities implements PropensityEstimator {
  private final double lambda;
  private final boolean ids;

  private LogisticPropensities(double lambda, boolean ids) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("L2 strength must be finite and >= 0, got " + lambda);
    }
    this.lambda = lambda;
    this.ids = ids;
  }

  /** L2 strength 1e-4, ids and features. */
  static LogisticPropensities defaults() {
    return new LogisticPropensities(1e-4, true);
  }

  /** The same model with L2 strength {@code lambda} (on the mean log-loss). */
  public LogisticPropensities l2(double lambda) {
    return new LogisticPropensities(lambda, ids);
  }

  /** The same model on the user and item feature columns only (fails for data without features). */
  public LogisticPropensities withoutIds() {
    return new LogisticPropensities(lambda, false);
  }

  @Override
  public String name() {
    return "logistic";
  }

  /** The fitted propensity of every cell, {@code [user][item]}. */
  public double[][] cells(RatingData data) {
    CellFeatures features = new CellFeatures(data, ids);
    int users = data.users();
    int items = data.items();
    if (data.cells() > Integer.MAX_VALUE / Math.max(1, features.layout().fields())) {
      throw new IllegalArgumentException("too many cells for the logistic propensity model: " + data.cells());
    }
    int n = (int) data.cells();
    int[] us = new int[n];
    int[] is = new int[n];
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        us[u * items + i] = u;
        is[u * items + i] = i;
      }
    }
    double[] observed = new double[n];
    int[] tu = RatingData.users(data.train());
    int[] ti = RatingData.items(data.train());
    for (int r = 0; r < tu.length; r++) {
      observed[tu[r] * items + ti[r]] = 1;
    }
    float[] labels = new float[n];
    for (int c = 0; c < n; c++) {
      labels[c] = (float) observed[c];
    }
    EncodedData x = features.encode(us, is, labels);
    double[] p = LogisticRegression.l2(lambda).fit(x, observed, null, Progress.silent()).probabilities(x);
    double[][] out = new double[users][];
    for (int u = 0; u < users; u++) {
      out[u] = Arrays.copyOfRange(p, u * items, (u + 1) * items);
    }
    return out;
  }

  @Override
  public double[] estimate(RatingData data, Samples marSample) {
    double[][] cells = cells(data);
    int[] tu = RatingData.users(data.train());
    int[] ti = RatingData.items(data.train());
    double[] p = new double[tu.length];
    for (int r = 0; r < p.length; r++) {
      p[r] = cells[tu[r]][ti[r]];
    }
    return p;
  }

  @Override
  public String toString() {
    return name() + "(l2 " + lambda + (ids ? ", ids and features" : ", features only") + ")";
  }
}
