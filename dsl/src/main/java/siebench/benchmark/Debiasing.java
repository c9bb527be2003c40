package siebench.benchmark;

import siebench.data.Role;
import siebench.data.Samples;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.metrics.Groups;
import siebench.metrics.RankingMetrics;

/**
 * Debiasing of search logs: train with the estimator's weights (IPS weights as they are, other scores through
 * {@link Samples#reweight(Importance)}) and rank each test query's results by the predicted click probability;
 * NDCG@k is measured against the TRUE relevance (column {@value #RELEVANCE}, which the synthetic generator
 * records), not against the position-biased clicks. Reports NDCG@k with the weights, and its difference to
 * uniform weights (primary). Needs a query column and the relevance ground truth.
 */
public final class Debiasing implements Protocol {
  /** The ground-truth relevance column. */
  public static final String RELEVANCE = "truth_relevance";

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
    double[] weighted = trial.fitAndPredict(null, trial.train().reweight(importance)).testPredictions();
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
