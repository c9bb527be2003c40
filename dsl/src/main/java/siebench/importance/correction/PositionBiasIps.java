package siebench.importance.correction;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import siebench.core.CostMeter;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.train.Objective;

/**
 * Position-bias correction for search and recommendation click logs: absolute examination propensities per
 * row, and the unbiased training objective that uses them.
 *
 * <p>Training: {@code ips.withPropensities(logs, progress)} adds each row's propensity ({@code theta} of its
 * display position) as the samples' propensity column, and {@code .train(ctr().objective(ips.objective()))}
 * minimises the unbiased pointwise loss of Saito et al. (2020, "Unbiased Recommender Learning from
 * Missing-Not-At-Random Implicit Feedback", WSDM), its self-normalised or non-negative variant, or the
 * propensity-weighted pairwise loss of Joachims, Swaminathan &amp; Schnabel (2017, "Unbiased Learning-to-Rank
 * with Biased Feedback", WSDM); see {@link Objective}. The debiasing benchmark protocol trains this way.
 *
 * <p>Propensities come from one of: a per-row column ({@link #propensityColumn}), given values per position
 * ({@link #propensities}), regression-EM on the same logs (the default; Wang, Golbandi, Bendersky, Metzler
 * &amp; Najork 2018, "Position Bias Estimation for Unbiased Learning to Rank in Personal Search", WSDM), per-pair
 * EM, or randomized logs ({@link ResultRandomization}). Estimated propensities are only identified relative to
 * position 1; they are made absolute by assuming the top position's examination probability ({@link
 * #topPropensity}, default 1).
 *
 * <p>As an {@link ImportanceEstimator} the scores are the propensity weights of the click term, {@code
 * 1 / max(theta, clip)} on clicks and 1 on non-clicks ({@link Importance.Meaning#WEIGHT}), for inspection and
 * export. Training on them as sample weights ({@code samples.reweight(importance)}) is <b>not</b> unbiased for a
 * pointwise click model: that loss is minimised by {@code gamma / (gamma + 1 - theta gamma)}, not by the
 * relevance {@code gamma}; use the objective. Immutable.
 */
public final class PositionBiasIps implements ImportanceEstimator {
  private enum Source { COLUMN, FIXED, EM, RANDOMIZED }

  private final Source source;
  private final String column;
  private final Propensities fixed;
  private final PositionBiasEm em;
  private final Samples randomized;
  private final double top;
  private final Objective objective;

  private PositionBiasIps(Source source, String column, Propensities fixed, PositionBiasEm em, Samples randomized,
      double top, Objective objective) {
    this.source = source;
    this.column = column;
    this.fixed = fixed;
    this.em = em;
    this.randomized = randomized;
    this.top = top;
    this.objective = objective;
  }

  /**
   * Defaults: propensities by regression-EM, position 1 examined with probability 1, the unbiased pointwise
   * objective with propensities clipped at {@value Objective#DEFAULT_CLIP}.
   */
  public static PositionBiasIps defaults() {
    return new PositionBiasIps(Source.EM, null, null, PositionBiasEm.defaults(), null, 1, Objective.ips());
  }

  /** Per-row absolute examination propensities in column {@code c} (values in (0, 1]). */
  public PositionBiasIps propensityColumn(String c) {
    return new PositionBiasIps(Source.COLUMN, c, null, null, null, top, objective);
  }

  /** Known absolute propensities per display position. */
  public PositionBiasIps propensities(Propensities p) {
    return new PositionBiasIps(Source.FIXED, null, p, null, null, top, objective);
  }

  /** Known absolute propensities as a map position (1 = top) to propensity. */
  public PositionBiasIps propensities(Map<Integer, Double> p) {
    return propensities(Propensities.of(p));
  }

  /** Propensities estimated on the training logs by EM: {@link PositionBiasEm#defaults()} (regression-EM) or its {@code perPair()}. */
  public PositionBiasIps em(PositionBiasEm config) {
    return new PositionBiasIps(Source.EM, null, null, Objects.requireNonNull(config, "em"), null, top, objective);
  }

  /** Propensities estimated from separate randomized-ranking logs ({@link ResultRandomization}). */
  public PositionBiasIps randomizedLogs(Samples logs) {
    return new PositionBiasIps(Source.RANDOMIZED, null, null, null, logs, top, objective);
  }

  /**
   * The examination probability assumed for position 1 when propensities are estimated (EM or randomized
   * logs identify only ratios to it); default 1.
   */
  public PositionBiasIps topPropensity(double p) {
    if (!(p > 0 && p <= 1)) {
      throw new IllegalArgumentException("the top position's propensity must lie in (0, 1], got " + p);
    }
    return new PositionBiasIps(source, column, fixed, em, randomized, p, objective);
  }

  /** The training objective: {@link Objective#ips()} (default), {@code snips()}, {@code pairwiseIps()}, ... */
  public PositionBiasIps objective(Objective o) {
    if (!Objects.requireNonNull(o, "objective").needsPropensities()) {
      throw new IllegalArgumentException("position-bias correction needs a propensity objective (one of "
          + Objective.NAMES.subList(1, Objective.NAMES.size()) + "), not " + o.name());
    }
    return new PositionBiasIps(source, column, fixed, em, randomized, top, o);
  }

  /** The objective to train with on {@link #withPropensities} samples. */
  public Objective objective() {
    return objective;
  }

  /** The objective's name followed by {@code -position}, e.g. {@code ips-position}. */
  @Override
  public String name() {
    return objective.name() + "-position";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("propensities", switch (source) {
      case COLUMN -> "column " + column;
      case FIXED -> fixed.toString();
      case EM -> em.name();
      case RANDOMIZED -> "randomized logs " + randomized.describe();
    });
    if (source == Source.EM) {
      p.putAll(em.parameters());
    }
    if (source == Source.EM || source == Source.RANDOMIZED) {
      p.put("topPropensity", top);
    }
    p.putAll(objective.parameters());
    return p;
  }

  /**
   * The absolute propensities by position this estimator uses on {@code logs} (null for the per-row column
   * source).
   */
  public Propensities propensitiesFor(Samples logs, Progress progress) {
    return switch (source) {
      case COLUMN -> null;
      case FIXED -> fixed;
      case EM -> em.fit(logs, progress).absolute(top);
      case RANDOMIZED -> ResultRandomization.estimate(randomized).scaledTo(top);
    };
  }

  /**
   * {@code logs} with every row's examination propensity in column {@code propensity} (the propensity role),
   * ready for training with {@link #objective()}; for the column source, that column is declared instead.
   */
  public Samples withPropensities(Samples logs, Progress progress) {
    if (source == Source.COLUMN) {
      Samples s = logs.propensity(column);
      s.propensities(); // validates
      return s;
    }
    return logs.withPropensities("propensity", rowPropensities(logs, propensitiesFor(logs, progress)));
  }

  private static double[] rowPropensities(Samples logs, Propensities p) {
    int[] pos = Propensities.positions(logs);
    double[] theta = new double[pos.length];
    for (int i = 0; i < pos.length; i++) {
      theta[i] = p.at(pos[i]);
    }
    return theta;
  }

  @Override
  public Importance estimate(Samples logs, EstimationContext context) {
    CostMeter meter = new CostMeter();
    Progress progress = context.progress();
    progress.checkCancelled();
    float[] y = logs.labels();
    int n = y.length;
    double[] theta;
    Map<String, Object> params = parameters();
    if (source == Source.COLUMN) {
      theta = logs.propensity(column).propensities();
    } else {
      Propensities p;
      if (source == Source.EM) {
        PositionBiasEm.Result r = em.fit(logs, progress);
        for (int f = 0; f < Math.max(1, r.fits()); f++) {
          meter.training();
        }
        p = r.absolute(top);
        params.put("em.iterations", r.iterations());
      } else {
        p = propensitiesFor(logs, progress);
      }
      theta = rowPropensities(logs, p);
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
        if (theta[i] < objective.clip()) {
          clipped++;
        }
        w[i] = 1 / Math.max(theta[i], objective.clip());
        clicks++;
        clickSum += w[i];
      } else {
        w[i] = 1;
      }
    }
    params.put("clicks", clicks);
    params.put("clippedClicks", clipped);
    params.put("meanClickWeight", clicks == 0 ? Double.NaN : clickSum / clicks);
    progress.update(name(), 1, 1, String.format("%d clicks, %d with clipped propensity, mean click weight %.3f",
        clicks, clipped, clicks == 0 ? Double.NaN : clickSum / clicks));
    return new Importance(name(), params, logs.rowIds(), w, Importance.Cost.of(meter), Importance.Meaning.WEIGHT);
  }
}
