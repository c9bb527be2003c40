package siebench.importance.valuation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import siebench.core.CostMeter;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.model.ModelSpec;

/**
 * Importance reweighting for class-conditional label noise, after Liu and Tao (2016, "Classification with Noisy
 * Labels by Importance Reweighting", IEEE TPAMI 38(3)). With flip rates {@code rho01 = P(noisy 1 | clean 0)}
 * (fake, accidental and fraudulent clicks) and {@code rho10 = P(noisy 0 | clean 1)}, the noisy click
 * probability is {@code p~(x) = (1 - rho10) p(x) + rho01 (1 - p(x))}, and weighting every row by
 *
 * <pre>
 *   beta(x, 1) = (p~(x) - rho01) / ((1 - rho01 - rho10) p~(x))        for observed clicks,
 *   beta(x, 0) = (1 - p~(x) - rho10) / ((1 - rho01 - rho10) (1 - p~(x))) for observed non-clicks
 * </pre>
 *
 * makes the weighted noisy risk equal the clean risk, so a model trained with these weights estimates the clean
 * {@code p(x)}: the weight of a click is the probability that it is real. {@code p~} comes out of fold (k-fold,
 * stratified, as in {@link ConfidentLearning}) from the Java logistic regression or the project's CTR model;
 * the flip rates are given or estimated from anchor points, as in the paper: {@code rho01} = a low quantile of
 * {@code p~} (rows whose clean click probability is near 0 are clicked only by noise) and, for {@link
 * #twoSided()} noise, {@code rho10} = 1 - a high quantile. The default is one-sided noise ({@code rho10 = 0}):
 * in click logs the noise adds clicks (fraud, accidents, bots) and click probabilities near 1, which the
 * two-sided anchor needs, do not occur.
 *
 * <p>The scores are the weights ({@link Importance.Meaning#WEIGHT}): a low weight is a suspicious row.
 * Weights are clipped at 0 from below; the estimated rates are recorded in the parameters.
 */
public final class NoisyLabelReweighting implements ImportanceEstimator {
  private final int folds;
  private final double anchorQuantile;
  private final boolean twoSided;
  private final double[] fixedRates;
  private final LogisticRegression regression;
  private final ModelSpec model;

  private NoisyLabelReweighting(int folds, double anchorQuantile, boolean twoSided, double[] fixedRates,
      LogisticRegression regression, ModelSpec model) {
    if (folds < 2) {
      throw new IllegalArgumentException("folds must be >= 2, got " + folds);
    }
    if (!(anchorQuantile >= 0 && anchorQuantile < 0.5)) {
      throw new IllegalArgumentException("anchor quantile must be in [0, 0.5), got " + anchorQuantile);
    }
    this.folds = folds;
    this.anchorQuantile = anchorQuantile;
    this.twoSided = twoSided;
    this.fixedRates = fixedRates;
    this.regression = regression;
    this.model = model;
  }

  /** 5 folds, Java LR, one-sided noise, {@code rho01} at the 1% quantile of the out-of-fold probabilities. */
  public static NoisyLabelReweighting defaults() {
    return new NoisyLabelReweighting(5, 0.01, false, null, LogisticRegression.defaults(), null);
  }

  public NoisyLabelReweighting folds(int k) {
    return new NoisyLabelReweighting(k, anchorQuantile, twoSided, fixedRates, regression, model);
  }

  /** The quantile of the out-of-fold probabilities taken as the anchor (0 = the minimum, as in the paper). */
  public NoisyLabelReweighting anchorQuantile(double q) {
    return new NoisyLabelReweighting(folds, q, twoSided, fixedRates, regression, model);
  }

  /** Estimates {@code rho10} too, from the high anchor {@code 1 - quantile(1 - q)} (labels flipped both ways). */
  public NoisyLabelReweighting twoSided() {
    return new NoisyLabelReweighting(folds, anchorQuantile, true, fixedRates, regression, model);
  }

  /** Known flip rates instead of estimated ones ({@code rho01 + rho10 < 1}). */
  public NoisyLabelReweighting flipRates(double rho01, double rho10) {
    if (!(rho01 >= 0 && rho10 >= 0 && rho01 + rho10 < 1)) {
      throw new IllegalArgumentException("need rho01, rho10 >= 0 and rho01 + rho10 < 1, got " + rho01 + ", "
          + rho10);
    }
    return new NoisyLabelReweighting(folds, anchorQuantile, twoSided, new double[] {rho01, rho10}, regression,
        model);
  }

  public NoisyLabelReweighting regression(LogisticRegression r) {
    return new NoisyLabelReweighting(folds, anchorQuantile, twoSided, fixedRates, r, null);
  }

  /** Out-of-fold probabilities from this CTR model, trained as the context's task says. */
  public NoisyLabelReweighting model(ModelSpec m) {
    return new NoisyLabelReweighting(folds, anchorQuantile, twoSided, fixedRates, regression, m);
  }

  @Override
  public String name() {
    return "noise-reweighting";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("folds", folds);
    p.put("noise", fixedRates != null ? "given" : twoSided ? "two-sided" : "one-sided");
    p.put("anchorQuantile", anchorQuantile);
    p.put("learner", Learners.describe(null, model, regression));
    return p;
  }

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    CostMeter meter = new CostMeter();
    double[] p = OutOfFold.probabilities(train, folds, model, regression, context, meter);
    double[] rates = fixedRates != null ? fixedRates.clone() : anchorRates(p, anchorQuantile, twoSided);
    double[] w = weights(train.labels(), p, rates[0], rates[1]);
    Map<String, Object> params = parameters();
    params.put("rho01", rates[0]);
    params.put("rho10", rates[1]);
    return new Importance(name(), params, train.rowIds(), w, Importance.Cost.of(meter), Importance.Meaning.WEIGHT);
  }

  /** {@code {rho01, rho10}} from the anchor quantiles of the noisy probabilities (rho10 = 0 when one-sided). */
  static double[] anchorRates(double[] p, double q, boolean twoSided) {
    double[] s = p.clone();
    Arrays.sort(s);
    double lo = s[(int) Math.floor(q * (s.length - 1))];
    double hi = s[(int) Math.ceil((1 - q) * (s.length - 1))];
    double rho01 = Math.max(0, lo);
    double rho10 = twoSided ? Math.max(0, 1 - hi) : 0;
    if (rho01 + rho10 >= 1) {
      throw new IllegalStateException(String.format("anchor estimates rho01 = %.3f and rho10 = %.3f sum to >= 1: "
          + "the out-of-fold model separates nothing; give flipRates(...) instead", rho01, rho10));
    }
    return new double[] {rho01, rho10};
  }

  /** Liu and Tao's beta for every row, clipped at 0. */
  static double[] weights(float[] y, double[] p, double rho01, double rho10) {
    double[] w = new double[y.length];
    double d = 1 - rho01 - rho10;
    for (int i = 0; i < w.length; i++) {
      double pi = Math.min(1 - 1e-12, Math.max(1e-12, p[i]));
      double b = y[i] > 0.5f ? (pi - rho01) / (d * pi) : (1 - pi - rho10) / (d * (1 - pi));
      w[i] = Math.max(0, b);
    }
    return w;
  }
}
