package siebench.benchmark;

import siebench.core.Progress;
import siebench.data.Role;
import siebench.data.Samples;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.importance.correction.PositionBiasIps;
import siebench.importance.correction.Propensities;
import siebench.metrics.Groups;
import siebench.metrics.RankingMetrics;

/**
 * Debiasing of search logs: train a debiased model and rank each test query's results by its scores; NDCG@k is
 * measured against the TRUE relevance (column {@value #RELEVANCE}, which the synthetic generator records), not
 * against the position-biased clicks. A position-bias estimator ({@link PositionBiasIps}) trains with its
 * unbiased objective on the rows' propensities; any other estimator trains on its weights ({@link
 * Samples#reweight(siebench.data.RowImportance)}). Reports NDCG@k of the debiased model, of naive training on the clicks
 * ({@code _uniform}), their difference ({@code _delta}, primary) and, where the data records the true
 * examination propensities ({@value #PROPENSITY}), the mean relative error of the propensities the estimator
 * used ({@code propensity_error}). Needs a query column and the relevance ground truth.
 */
public final class Debiasing implements Protocol {
  /** The ground-truth relevance column. */
  public static final String RELEVANCE = "truth_relevance";
  /** The ground-truth examination propensity column. */
  public static final String PROPENSITY = "truth_propensity";

  private final int k;

  Debiasing(int k) {
    this.k = k;
  }

  @Override
  public String name() {
    return "debiasing";
  }

  @Override
  public String primaryMetric() {
    return "ndcg@" + k + "_delta";
  }

  @Override
  public void evaluate(Trial trial, String estimator, ImportanceEstimator est, Importance importance,
      ResultRows out) {
    Samples test = trial.test();
    String query = test.schema().column(Role.QUERY).orElseThrow(() -> new IllegalStateException(
        "the debiasing protocol needs a query column in " + test.describe()));
    if (!test.table().columnNames().contains(RELEVANCE)) {
      throw new IllegalStateException("the debiasing protocol needs the true relevance column '" + RELEVANCE
          + "' in " + test.describe() + " (the synthetic generator writes it)");
    }
    double[] relevance = test.doubles(RELEVANCE);
    Groups groups = Groups.of(test.strings(query));
    double[] uniform = trial.noisyFit().testPredictions();
    double[] weighted;
    if (est instanceof PositionBiasIps ips) {
      Samples train = ips.withPropensities(trial.train(), Progress.silent());
      weighted = trial.fitAndPredict(null, train, ips.objective()).testPredictions();
      if (train.table().columnNames().contains(PROPENSITY)) {
        out.add(estimator, name(), "propensity_error", trial.seed(),
            Propensities.meanRelativeError(train.propensities(), train.doubles(PROPENSITY)));
      }
    } else {
      weighted = trial.fitAndPredict(null, trial.train().reweight(importance)).testPredictions();
    }
    double base = ndcg(relevance, uniform, groups);
    double w = ndcg(relevance, weighted, groups);
    out.add(estimator, name(), "ndcg@" + k, trial.seed(), w);
    out.add(estimator, name(), "ndcg@" + k + "_uniform", trial.seed(), base);
    out.add(estimator, name(), "ndcg@" + k + "_delta", trial.seed(), w - base);
  }

  private double ndcg(double[] relevance, double[] scores, Groups groups) {
    if (scores == null) {
      return Double.NaN;
    }
    return RankingMetrics.ndcg(relevance, scores, groups, k, RankingMetrics.EmptyGroups.SKIP).value();
  }
}
