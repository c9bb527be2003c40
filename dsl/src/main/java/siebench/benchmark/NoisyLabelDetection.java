package siebench.benchmark;

import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.metrics.Detection;

/**
 * Noisy-label detection: how well an estimator's scores single out the corrupted training rows (known from the
 * generator's {@code truth_corrupted} flags, or injected by the benchmark's noise). Scores are read
 * through {@link Importance#suspicion()}. Reports AUROC (primary), average precision, and precision / recall /
 * F1 when the k most suspicious rows are flagged, k = the true number of corrupted rows; plus the interpolated
 * precision-recall curve.
 */
public final class NoisyLabelDetection implements Protocol {
  NoisyLabelDetection() {}

  @Override
  public boolean needsGroundTruth() {
    return true;
  }

  @Override
  public String name() {
    return "detection";
  }

  @Override
  public String primaryMetric() {
    return "auroc";
  }

  @Override
  public void evaluate(Trial trial, String estimator, ImportanceEstimator est, Importance importance,
      ResultRows out) {
    boolean[] flags = trial.corrupted();
    if (flags == null) {
      throw new IllegalStateException("noisy-label detection needs corrupted-row flags, but trial "
          + trial.repeat() + " has none");
    }
    double[] s = importance.on(trial.train()).suspicion();
    int k = 0;
    for (boolean f : flags) {
      k += f ? 1 : 0;
    }
    long seed = trial.seed();
    out.add(estimator, name(), "auroc", seed, Detection.auroc(flags, s));
    out.add(estimator, name(), "average_precision", seed, Detection.averagePrecision(flags, s));
    double[] prf = Detection.atK(flags, s, k);
    out.add(estimator, name(), "precision@k", seed, prf[0]);
    out.add(estimator, name(), "recall@k", seed, prf[1]);
    out.add(estimator, name(), "f1@k", seed, prf[2]);
    double[] curve = Detection.precisionAtRecallLevels(flags, s);
    for (int l = 0; l < curve.length; l++) {
      out.add(estimator, name(), "precision_at_recall", seed, (l + 1) / 10.0, curve[l]);
    }
  }
}
