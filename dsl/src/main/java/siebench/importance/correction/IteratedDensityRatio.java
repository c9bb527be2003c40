package siebench.importance.correction;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import siebench.core.CostMeter;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Iterated density-ratio estimation over a fixed training pool: a classifier-based density ratio {@code p / q}
 * (target over training distribution; Bickel, Brückner &amp; Scheffer 2009, "Discriminative Learning under
 * Covariate Shift", JMLR 10; Sugiyama, Suzuki &amp; Kanamori 2012, "Density Ratio Estimation in Machine
 * Learning") is estimated in several steps, each correcting what the previous ones left: the training rows are
 * resampled in proportion to the current weights (sampling-importance-resampling, Rubin 1988, "Using the SIR
 * algorithm to simulate posterior distributions"), a domain classifier separates the target from the resample,
 * and its ratio multiplies the weights. Splitting one large ratio into a product of flatter ones is the idea of
 * telescoping density-ratio estimation (Rhodes, Xu &amp; Gutmann 2020, "Telescoping Density-Ratio Estimation",
 * NeurIPS).
 *
 * <p><b>What it is not.</b> It is not adaptive importance sampling or population Monte Carlo (Cappé, Guillin,
 * Marin &amp; Robert 2004; Bugallo et al. 2017): those draw <i>fresh</i> samples from an adapted proposal
 * distribution, whereas here every "draw" is a training row of the fixed pool, so the support never grows
 * beyond the training rows and the iterations only re-estimate the ratio. (It was called {@code
 * AdaptiveImportanceSampling} / {@code adaptive-is} before; the name claimed more than it does.)
 *
 * <p>Iteration t (w_0 = 1 on every training row, so the first resample follows the training distribution q):
 * <ol>
 *   <li>draw {@code m} rows of the pool with replacement, with probability proportional to {@code w_t}; these
 *       follow the reweighted pool {@code q_t(x) ∝ w_t(x) q(x)};
 *   <li>fit a domain classifier target-vs-resample ({@link DensityRatio}, multiplicities as row weights),
 *       giving {@code rho_t = p / q_t};
 *   <li>report the self-normalized IS estimate of the target mean of the estimand (default: the label, i.e.
 *       the target CTR) from the resample with weights {@code rho_t}, its delta-method variance, and Kish's
 *       effective sample size;
 *   <li>update {@code w_{t+1} = w_t * rho_t} (since {@code p / q = (p / q_t) (q_t / q)}), rescaled to mean 1.
 * </ol>
 * As {@code q_t} approaches the target, {@code rho_t} flattens and the ESS approaches {@code m}. The importance
 * returned is {@code w_T} over the training rows (mean 1, optionally clipped at a quantile each iteration);
 * {@link #fit} also returns the per-iteration table. The reported variance is that of the estimate given the
 * iteration's resample (the delta-method variance of the self-normalized estimator); it does not include the
 * extra noise of the resampling step itself. Seeded by the context's seed; cost = one classifier fit per
 * iteration.
 */
public final class IteratedDensityRatio implements ImportanceEstimator {
  private final Samples target;
  private final int iterations;
  private final int sampleSize;
  private final double l2;
  private final double clipQuantile;
  private final String estimand;
  private final String[] features;

  private IteratedDensityRatio(Samples target, int iterations, int sampleSize, double l2, double clipQuantile,
      String estimand, String[] features) {
    this.target = target;
    this.iterations = iterations;
    this.sampleSize = sampleSize;
    this.l2 = l2;
    this.clipQuantile = clipQuantile;
    this.estimand = estimand;
    this.features = features;
  }

  /** Defaults: 5 iterations, resample size = number of training rows, L2 1e-4, no clipping, estimand = label. */
  public static IteratedDensityRatio defaults() {
    return new IteratedDensityRatio(null, 5, 0, 1e-4, 1.0, null, null);
  }

  /** The target sample (default: the context's validation set). */
  public IteratedDensityRatio target(Samples t) {
    return new IteratedDensityRatio(t, iterations, sampleSize, l2, clipQuantile, estimand, features);
  }

  public IteratedDensityRatio iterations(int t) {
    if (t < 1) {
      throw new IllegalArgumentException("iterations must be >= 1, got " + t);
    }
    return new IteratedDensityRatio(target, t, sampleSize, l2, clipQuantile, estimand, features);
  }

  /** Rows drawn per iteration; 0 (default) = as many as training rows. */
  public IteratedDensityRatio sampleSize(int m) {
    if (m < 0) {
      throw new IllegalArgumentException("sampleSize must be >= 0, got " + m);
    }
    return new IteratedDensityRatio(target, iterations, m, l2, clipQuantile, estimand, features);
  }

  /** L2 strength of the domain classifier. */
  public IteratedDensityRatio l2(double lambda) {
    LogisticRegression.l2(lambda);
    return new IteratedDensityRatio(target, iterations, sampleSize, lambda, clipQuantile, estimand, features);
  }

  /** Clips the weights at this quantile after every update (e.g. 0.99); 1 = none (default). */
  public IteratedDensityRatio clipQuantile(double q) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("clip quantile must be in (0, 1], got " + q);
    }
    return new IteratedDensityRatio(target, iterations, sampleSize, l2, q, estimand, features);
  }

  /** The numeric column whose target mean is estimated and reported per iteration (default: the label). */
  public IteratedDensityRatio estimand(String column) {
    return new IteratedDensityRatio(target, iterations, sampleSize, l2, clipQuantile, column, features);
  }

  /** Restricts the domain classifier to these feature columns. */
  public IteratedDensityRatio features(String... columns) {
    return new IteratedDensityRatio(target, iterations, sampleSize, l2, clipQuantile, estimand, columns.clone());
  }

  @Override
  public String name() {
    return "iterated-density-ratio";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("target", target == null ? "validation" : target.describe());
    p.put("iterations", iterations);
    p.put("sampleSize", sampleSize == 0 ? "n" : sampleSize);
    p.put("l2", l2);
    p.put("clipQuantile", clipQuantile);
    p.put("estimand", estimand == null ? "label" : estimand);
    p.put("features", features == null ? "all" : String.join(",", features));
    return p;
  }

  /** The final weights and the per-iteration table. */
  public record Result(Importance importance, Table iterations) {}

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    return fit(train, context).importance();
  }

  /**
   * Runs all iterations. The table has one row per iteration: iteration, estimate, variance,
   * standard_error, ess, ess_fraction, domain_auc, max_weight (of the updated training weights).
   */
  public Result fit(Samples train, EstimationContext context) {
    CostMeter meter = new CostMeter();
    Progress progress = context.progress();
    Samples t = target != null ? target : context.validation();
    if (t == null) {
      throw new IllegalStateException("iterated-density-ratio needs a target sample: call .target(samples) or put the target "
          + "rows in the context's validation set");
    }
    Samples x = features == null ? train : train.features(features);
    double[] f = estimandValues(train);
    int n = train.size();
    int m = sampleSize == 0 ? n : sampleSize;
    LogisticRegression fitter = LogisticRegression.l2(l2);
    double[] w = new double[n];
    Arrays.fill(w, 1);
    IntColumn itCol = IntColumn.create("iteration");
    DoubleColumn est = DoubleColumn.create("estimate");
    DoubleColumn var = DoubleColumn.create("variance");
    DoubleColumn se = DoubleColumn.create("standard_error");
    DoubleColumn ess = DoubleColumn.create("ess");
    DoubleColumn essFrac = DoubleColumn.create("ess_fraction");
    DoubleColumn auc = DoubleColumn.create("domain_auc");
    DoubleColumn maxW = DoubleColumn.create("max_weight");
    SplittableRandom rnd = new SplittableRandom(context.seed());
    for (int it = 1; it <= iterations; it++) {
      progress.checkCancelled();
      double[] counts = resample(w, m, rnd);
      DensityRatio ratio = DensityRatio.fit(x, counts, t, fitter, progress);
      meter.training();
      double[] rho = ratio.ratio(x);
      meter.evaluations(n);
      // the IS estimate on the resample: row i counted counts[i] times, weight rho_i
      double[] fw = new double[m];
      double[] ww = new double[m];
      int k = 0;
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < (int) counts[i]; c++) {
          fw[k] = f[i];
          ww[k] = rho[i];
          k++;
        }
      }
      Estimate e = ImportanceSampling.selfNormalized(fw, ww, 0.95);
      double essV = ImportanceSampling.effectiveSampleSize(ww);
      for (int i = 0; i < n; i++) {
        w[i] *= rho[i];
      }
      w = ImportanceSampling.normalizeMean(w);
      if (clipQuantile < 1) {
        w = ImportanceSampling.normalizeMean(ImportanceSampling.clipQuantile(w, clipQuantile));
      }
      itCol.append(it);
      est.append(e.value());
      var.append(e.standardError() * e.standardError());
      se.append(e.standardError());
      ess.append(essV);
      essFrac.append(essV / m);
      auc.append(ratio.classifierAuc());
      maxW.append(Arrays.stream(w).max().orElse(Double.NaN));
      progress.update(name(), it, iterations, String.format("estimate %.5f (se %.2e), ESS %.0f of %d, domain AUC %.3f",
          e.value(), e.standardError(), essV, m, ratio.classifierAuc()));
    }
    Table table = Table.create("iterated density ratio", itCol, est, var, se, ess, essFrac, auc, maxW);
    Map<String, Object> p = parameters();
    p.put("finalEss", ImportanceSampling.effectiveSampleSize(w));
    p.put("finalEstimate", est.get(est.size() - 1));
    Importance imp = new Importance(name(), p, train.rowIds(), w, Importance.Cost.of(meter), Importance.Meaning.WEIGHT);
    return new Result(imp, table);
  }

  private double[] estimandValues(Samples train) {
    if (estimand == null) {
      float[] y = train.labels();
      double[] f = new double[y.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = y[i];
      }
      return f;
    }
    double[] f = train.doubles(estimand);
    long[] ids = null;
    for (int i = 0; i < f.length; i++) {
      if (!Double.isFinite(f[i])) {
        ids = ids == null ? train.rowIds() : ids;
        throw new IllegalArgumentException("estimand column '" + estimand + "' of " + train.describe()
            + " has " + f[i] + " at row_id " + ids[i]);
      }
    }
    return f;
  }

  /** Multinomial resampling: how often each row is drawn in {@code m} draws with probability ∝ w. */
  static double[] resample(double[] w, int m, SplittableRandom rnd) {
    int n = w.length;
    double[] cum = new double[n];
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += w[i];
      cum[i] = s;
    }
    double[] counts = new double[n];
    for (int d = 0; d < m; d++) {
      double u = rnd.nextDouble() * s;
      int pos = Arrays.binarySearch(cum, u);
      int i = pos >= 0 ? pos + 1 : -pos - 1;
      while (i < n - 1 && w[i] == 0) {
        i++;
      }
      counts[Math.min(i, n - 1)]++;
    }
    return counts;
  }
}
