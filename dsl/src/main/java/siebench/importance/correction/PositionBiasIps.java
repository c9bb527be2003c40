package siebench.importance.correction;

import java.util.LinkedHashMap;
import java.util.Map;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.train.Progress;

/**
 * Inverse propensity weighting for position bias in search and recommendation click logs: a click at
 * display position k gets weight {@code 1 / theta_k} (clipped at a maximum), a non-click weight 1.
 *
 * <p>Reference: Joachims, Swaminathan &amp; Schnabel (2017), "Unbiased Learning-to-Rank with Biased Feedback",
 * WSDM. Their unbiased estimator sums {@code 1 / theta} over clicked results only; non-clicked rows carry no
 * IPS term there, so here they keep weight 1 and enter the pointwise loss as negatives, as in IPS-weighted
 * pointwise click models. Clipping follows Strehl, Langford, Li &amp; Kakade (2010), "Learning from Logged
 * Implicit Exploration Data" (NeurIPS); self-normalization follows Swaminathan &amp; Joachims (2015), "The
 * Self-Normalized Estimator for Counterfactual Learning" (NeurIPS): with {@link #selfNormalized(boolean)}
 * the clicked rows' weights are divided by their mean, so the weighted number of clicks equals the observed
 * number and only the relative weighting among clicks changes.
 *
 * <p>Propensities come from one of: a per-row column ({@link #propensityColumn}), given values per position
 * ({@link #propensities}), regression-EM on the same logs ({@link #regressionEm}), or randomized logs
 * ({@link #randomizedLogs}). Estimated ones are used relative to position 1 ({@code theta_1 = 1}), because
 * only the ratios are identified.
 *
 * <p>Scores are training weights (higher = larger weight); {@code samples.reweight(importance)}
 * applies them as given (rescaled to mean 1, clipped to [0, 10]); {@code
 * samples.withWeights(importance.alignTo(samples))} applies them unclipped. Immutable.
 */
public final class PositionBiasIps implements ImportanceEstimator {
  private enum Source { COLUMN, FIXED, EM, RANDOMIZED }

  private final Source source;
  private final String column;
  private final Propensities fixed;
  private final RegressionEm em;
  private final Samples randomized;
  private final double clip;
  private final boolean selfNormalized;

  private PositionBiasIps(Source source, String column, Propensities fixed, RegressionEm em, Samples randomized,
      double clip, boolean selfNormalized) {
    this.source = source;
    this.column = column;
    this.fixed = fixed;
    this.em = em;
    this.randomized = randomized;
    this.clip = clip;
    this.selfNormalized = selfNormalized;
  }

  /** Defaults: propensities by per-pair regression-EM, no clipping, not self-normalized. */
  public static PositionBiasIps defaults() {
    return new PositionBiasIps(Source.EM, null, null, RegressionEm.perPair(), null, Double.POSITIVE_INFINITY, false);
  }

  /** Per-row examination propensities in column {@code c} (values in (0, 1]). */
  public PositionBiasIps propensityColumn(String c) {
    return new PositionBiasIps(Source.COLUMN, c, null, null, null, clip, selfNormalized);
  }

  /** Known propensities per display position. */
  public PositionBiasIps propensities(Propensities p) {
    return new PositionBiasIps(Source.FIXED, null, p, null, null, clip, selfNormalized);
  }

  /** Known propensities as a map position (1 = top) to propensity. */
  public PositionBiasIps propensities(Map<Integer, Double> p) {
    return propensities(Propensities.of(p));
  }

  /** Propensities estimated on the training logs by per-pair regression-EM (the default). */
  public PositionBiasIps regressionEm() {
    return regressionEm(RegressionEm.perPair());
  }

  /** Propensities estimated on the training logs by the given EM configuration. */
  public PositionBiasIps regressionEm(RegressionEm config) {
    return new PositionBiasIps(Source.EM, null, null, config, null, clip, selfNormalized);
  }

  /** Propensities estimated from separate randomized-ranking logs ({@link ResultRandomization}). */
  public PositionBiasIps randomizedLogs(Samples logs) {
    return new PositionBiasIps(Source.RANDOMIZED, null, null, null, logs, clip, selfNormalized);
  }

  /** Caps click weights {@code 1 / theta} at {@code max} (>= 1); default no cap. */
  public PositionBiasIps clip(double max) {
    if (!(max >= 1)) {
      throw new IllegalArgumentException("IPS clip must be >= 1, got " + max);
    }
    return new PositionBiasIps(source, column, fixed, em, randomized, max, selfNormalized);
  }

  /** Rescales clicked rows' weights to mean 1 (self-normalized IPS); default false. */
  public PositionBiasIps selfNormalized(boolean s) {
    return new PositionBiasIps(source, column, fixed, em, randomized, clip, s);
  }

  @Override
  public String name() {
    return selfNormalized ? "snips-position" : "ips-position";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("propensities", switch (source) {
      case COLUMN -> "column " + column;
      case FIXED -> fixed.toString();
      case EM -> "regression-em";
      case RANDOMIZED -> "randomized logs " + randomized.describe();
    });
    if (source == Source.EM) {
      p.putAll(em.parameters());
    }
    p.put("clip", clip);
    p.put("selfNormalized", selfNormalized);
    return p;
  }

  /** The propensities this estimator would use on {@code logs} (null for the per-row column source). */
  public Propensities propensitiesFor(Samples logs, Progress progress) {
    return switch (source) {
      case COLUMN -> null;
      case FIXED -> fixed;
      case EM -> em.fit(logs, progress).relative();
      case RANDOMIZED -> ResultRandomization.estimate(randomized);
    };
  }

  @Override
  public Importance estimate(Samples logs, EstimationContext context) {
    CostMeter meter = new CostMeter();
    Progress progress = context.progress();
    progress.checkCancelled();
    float[] y = logs.labels();
    int n = y.length;
    double[] theta = new double[n];
    Map<String, Object> params = parameters();
    if (source == Source.COLUMN) {
      double[] col = logs.doubles(column);
      long[] ids = logs.rowIds();
      for (int i = 0; i < n; i++) {
        if (!(col[i] > 0 && col[i] <= 1)) {
          throw new IllegalArgumentException("propensity column '" + column + "' of " + logs.describe()
              + " must hold values in (0, 1], but row_id " + ids[i] + " has " + col[i]);
        }
        theta[i] = col[i];
      }
    } else {
      Propensities p;
      if (source == Source.EM) {
        RegressionEm.Result r = em.fit(logs, progress);
        for (int f = 0; f < Math.max(1, r.fits()); f++) {
          meter.fit();
        }
        p = r.relative();
        params.put("em.iterations", r.iterations());
      } else {
        p = propensitiesFor(logs, progress);
      }
      int[] pos = Propensities.positions(logs);
      for (int i = 0; i < n; i++) {
        theta[i] = p.at(pos[i]);
      }
      for (int k = 1; k <= p.positions(); k++) {
        if (p.covers(k)) {
          params.put("propensity@" + k, p.at(k));
        }
      }
    }
    meter.sample();
    double[] w = new double[n];
    int clicks = 0;
    int clipped = 0;
    double clickSum = 0;
    for (int i = 0; i < n; i++) {
      if (y[i] > 0.5f) {
        double v = 1 / theta[i];
        if (v > clip) {
          v = clip;
          clipped++;
        }
        w[i] = v;
        clicks++;
        clickSum += v;
      } else {
        w[i] = 1;
      }
    }
    if (selfNormalized && clicks > 0) {
      double mean = clickSum / clicks;
      for (int i = 0; i < n; i++) {
        if (y[i] > 0.5f) {
          w[i] /= mean;
        }
      }
    }
    params.put("clicks", clicks);
    params.put("clippedClicks", clipped);
    params.put("meanClickWeight", clicks == 0 ? Double.NaN : clickSum / clicks);
    progress.update(name(), 1, 1, String.format("%d clicks reweighted (%d clipped), mean click weight %.3f", clicks,
        clipped, clicks == 0 ? Double.NaN : clickSum / clicks));
    return new Importance(name(), params, logs.rowIds(), w, meter.cost(), Importance.Meaning.WEIGHT);
  }
}
