package siebench.importance.correction;

import java.util.LinkedHashMap;
import java.util.Map;
import siebench.core.CostMeter;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;

/**
 * Covariate-shift correction by importance weighting: every training row gets
 * {@code w(x) = p_target(x) / q_train(x)}, estimated with a train-vs-target domain classifier
 * ({@link DensityRatio}). Training with these weights minimizes an estimate of the target-distribution risk.
 *
 * <p>References: Shimodaira (2000), "Improving predictive inference under covariate shift by weighting the
 * log-likelihood function", J. Statistical Planning and Inference 90; Bickel, Brückner &amp; Scheffer (2007),
 * "Discriminative learning for differing training and test distributions", ICML.
 *
 * <p>The target sample is {@link #target(Samples) given explicitly} or else the context's validation set.
 * Post-processing, in this order: clip at an absolute maximum of the raw ratio ({@link #clip(double)}), clip
 * at a quantile ({@link #clipQuantile(double)}), then (by default) rescale to mean 1 over the training rows,
 * which makes weighted averages self-normalized importance-sampling estimates. Scores are weights: higher
 * means the row is more typical of the target distribution. {@code samples.reweight(importance)} uses them as
 * given (rescaled to mean 1, clipped to [0, 10]); {@code samples.withWeights(importance.alignTo(samples))} uses
 * them untouched.
 *
 * <p>The domain classifier is the plain-Java {@link LogisticRegression} rather than the DJL trainer with
 * {@code Models.logisticRegression()}: it converges to the unique optimum of a convex objective (no
 * learning-rate or epoch settings, no minibatch noise), so the ratio is deterministic and, for a saturated
 * categorical model, equals the empirical frequency ratio. The context's CTR task is therefore not used.
 *
 * <p>Cost: one fit of the domain classifier. Immutable; every setter returns a new estimator.
 */
public final class DensityRatioEstimator implements ImportanceEstimator {
  private final Samples target;
  private final double l2;
  private final double clipMax;
  private final double clipQuantile;
  private final boolean normalize;
  private final String[] features;

  DensityRatioEstimator(Samples target, double l2, double clipMax, double clipQuantile, boolean normalize,
      String[] features) {
    this.target = target;
    this.l2 = l2;
    this.clipMax = clipMax;
    this.clipQuantile = clipQuantile;
    this.normalize = normalize;
    this.features = features;
  }

  /** Defaults: target = context validation, L2 1e-4, no clipping, mean-1 normalization, all features. */
  public static DensityRatioEstimator defaults() {
    return new DensityRatioEstimator(null, 1e-4, Double.POSITIVE_INFINITY, 1.0, true, null);
  }

  /** The sample of the target distribution (overrides the context's validation set). */
  public DensityRatioEstimator target(Samples t) {
    return new DensityRatioEstimator(t, l2, clipMax, clipQuantile, normalize, features);
  }

  /** L2 strength of the domain classifier (default 1e-4, per-row averaged loss). */
  public DensityRatioEstimator l2(double lambda) {
    LogisticRegression.l2(lambda); // validates
    return new DensityRatioEstimator(target, lambda, clipMax, clipQuantile, normalize, features);
  }

  /** Caps raw ratios at {@code max} (truncated importance sampling); default no cap. */
  public DensityRatioEstimator clip(double max) {
    if (!(max > 0)) {
      throw new IllegalArgumentException("clip maximum must be > 0, got " + max);
    }
    return new DensityRatioEstimator(target, l2, max, clipQuantile, normalize, features);
  }

  /** Caps ratios at their {@code q}-quantile over the training rows, e.g. 0.99; 1 = no cap (default). */
  public DensityRatioEstimator clipQuantile(double q) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("clip quantile must be in (0, 1], got " + q);
    }
    return new DensityRatioEstimator(target, l2, clipMax, q, normalize, features);
  }

  /** Whether to rescale the weights to mean 1 (default true); false keeps the raw estimated ratio. */
  public DensityRatioEstimator normalize(boolean n) {
    return new DensityRatioEstimator(target, l2, clipMax, clipQuantile, n, features);
  }

  /** Restricts the domain classifier to these feature columns (default: all features of the training schema). */
  public DensityRatioEstimator features(String... columns) {
    return new DensityRatioEstimator(target, l2, clipMax, clipQuantile, normalize, columns.clone());
  }

  @Override
  public String name() {
    return "density-ratio";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("target", target == null ? "validation" : target.describe());
    p.put("l2", l2);
    p.put("clip", clipMax);
    p.put("clipQuantile", clipQuantile);
    p.put("normalize", normalize);
    p.put("features", features == null ? "all" : String.join(",", features));
    return p;
  }

  /** Fits the density ratio between the target sample and {@code train} (for diagnostics and reuse). */
  public DensityRatio fit(Samples train, EstimationContext context) {
    Samples t = resolveTarget(context);
    Samples tr = features == null ? train : train.features(features);
    return DensityRatio.fit(tr, t, LogisticRegression.l2(l2), context.progress());
  }

  private Samples resolveTarget(EstimationContext context) {
    Samples t = target != null ? target : context.validation();
    if (t == null) {
      throw new IllegalStateException("density-ratio needs a target sample: call .target(samples) or put the target "
          + "rows in the context's validation set");
    }
    return t;
  }

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    CostMeter meter = new CostMeter();
    Progress progress = context.progress();
    progress.checkCancelled();
    progress.update(name(), 0, 2, "fitting domain classifier on " + train.size() + " train + "
        + resolveTarget(context).size() + " target rows");
    DensityRatio ratio = fit(train, context);
    meter.training();
    double[] w = ratio.ratio(features == null ? train : train.features(features));
    meter.evaluations(w.length);
    w = postProcess(w, clipMax, clipQuantile, normalize);
    double ess = ImportanceSampling.effectiveSampleSize(w);
    progress.update(name(), 2, 2, String.format("domain AUC %.4f, ESS %.0f of %d", ratio.classifierAuc(), ess,
        w.length));
    Map<String, Object> p = parameters();
    p.put("domainAuc", ratio.classifierAuc());
    p.put("ess", ess);
    return new Importance(name(), p, train.rowIds(), w, Importance.Cost.of(meter), Importance.Meaning.WEIGHT);
  }

  static double[] postProcess(double[] w, double clipMax, double clipQuantile, boolean normalize) {
    double[] out = w;
    if (Double.isFinite(clipMax)) {
      out = ImportanceSampling.clip(out, clipMax);
    }
    if (clipQuantile < 1) {
      out = ImportanceSampling.clipQuantile(out, clipQuantile);
    }
    return normalize ? ImportanceSampling.normalizeMean(out) : out;
  }
}
