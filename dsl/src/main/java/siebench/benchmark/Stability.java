package siebench.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.model.ModelSpec;

/**
 * Stability and transfer of scores. Across seeds: the Spearman rank correlation of an estimator's scores
 * between every pair of repeats, over the row ids both repeats scored (primary: its mean). Across models
 * (optional, {@link #transferFrom(ModelSpec)}): the estimator is re-run with a cheaper source model (e.g.
 * logistic regression), and its scores are compared with the target model's (Spearman) and used to prune
 * the data to {@code keep} for the target model, against pruning with the target model's own scores.
 *
 * <p>In the tidy table the seed-pair rows carry {@code seed = 1000 * a + b} for repeats {@code a < b} (repeat
 * indices, not seeds), since a pair has no single seed.
 */
public final class Stability implements Protocol {
  private final ModelSpec source;
  private final double keep;
  private final Map<String, List<Importance>> seen = new LinkedHashMap<>();

  Stability(ModelSpec source, double keep) {
    this.source = source;
    this.keep = keep;
  }

  /** Also measures transfer from scores computed with {@code sourceModel}. */
  public Stability transferFrom(ModelSpec sourceModel) {
    return new Stability(sourceModel, keep);
  }

  @Override
  public String name() {
    return "stability";
  }

  @Override
  public String primaryMetric() {
    return "seed_spearman";
  }

  @Override
  public synchronized void evaluate(Trial trial, String estimator, ImportanceEstimator est,
      Importance importance, ResultRows out) {
    seen.computeIfAbsent(estimator, k -> new ArrayList<>()).add(importance);
    if (source == null) {
      return;
    }
    Importance transferred = est.estimate(trial.train(), trial.context().task(trial.task().model(source)));
    out.add(estimator, name(), "model_spearman", trial.seed(), importance.spearman(transferred));
    double own = trial.fit(null, trial.train().prune(importance, keep)).get("auc");
    double other = trial.fit(null, trial.train().prune(transferred, keep)).get("auc");
    out.add(estimator, name(), "pruned_auc_own_scores", trial.seed(), keep, own);
    out.add(estimator, name(), "pruned_auc_transferred_scores", trial.seed(), keep, other);
  }

  @Override
  public synchronized void finish(ResultRows out) {
    for (Map.Entry<String, List<Importance>> e : seen.entrySet()) {
      List<Importance> list = e.getValue();
      for (int a = 0; a < list.size(); a++) {
        for (int b = a + 1; b < list.size(); b++) {
          out.add(e.getKey(), name(), "seed_spearman", a * 1000L + b, list.get(a).spearman(list.get(b)));
        }
      }
    }
    seen.clear();
  }
}
