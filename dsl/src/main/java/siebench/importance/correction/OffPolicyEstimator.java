package siebench.importance.correction;

import java.util.Locale;

/**
 * An off-policy estimator of a target policy's value {@code V(pi_e) = E[sum_a pi_e(a|x) r(x, a)]} from
 * {@link BanditFeedback} logged by another policy {@code pi_b}, with the definitions of Open Bandit Pipeline's
 * {@code obp.ope.estimators} (Saito, Aihara, Matsutani &amp; Narita 2021, "Open Bandit Dataset and Pipeline:
 * Towards Realistic and Reproducible Off-Policy Evaluation", NeurIPS Datasets and Benchmarks):
 * {@link DirectMethod}, {@link InverseProbabilityWeighting}, {@link SelfNormalizedInverseProbabilityWeighting},
 * {@link DoublyRobust}, {@link SelfNormalizedDoublyRobust} and {@link SwitchDoublyRobust}.
 *
 * <p>{@link #estimate} adds a percentile-bootstrap interval over rows ({@link OffPolicy#bootstrap(String, int,
 * java.util.function.ToDoubleFunction, double, int, long)}); the reward model's predictions stay fixed across
 * replicates (as in obp), while self-normalizers are recomputed on every resample.
 */
public interface OffPolicyEstimator {
  /** The short name, e.g. {@code dr}. */
  String name();

  /** True for the estimators that read a reward model's {@link EstimatedRewards}. */
  boolean needsEstimatedRewards();

  /**
   * The estimate on the listed rows of {@code data} (repetitions allowed, as in a bootstrap resample); NaN
   * where it is undefined on them (a self-normalizer of zero).
   */
  double value(BanditFeedback data, int[] rows);

  /** The point estimate on all rows; fails when it is undefined. */
  default double value(BanditFeedback data) {
    double v = value(data, OffPolicy.allRows(data.size()));
    if (Double.isNaN(v)) {
      throw new IllegalArgumentException(name() + " is undefined on these rows: every importance weight is zero");
    }
    return v;
  }

  /**
   * The point estimate with a percentile-bootstrap interval at {@code level} from {@code replicates} seeded
   * resamples of the rows; the standard error is the replicates' standard deviation.
   */
  default Estimate estimate(BanditFeedback data, double level, int replicates, long seed) {
    value(data); // fails early on an undefined or model-less estimate
    return OffPolicy.bootstrap(name(), data.size(), rows -> value(data, rows), level, replicates, seed);
  }

  /**
   * The estimator named {@code dm}, {@code ips}, {@code snips}, {@code dr}, {@code sndr} or {@code switch-dr}
   * (the last with threshold {@code tau}).
   */
  static OffPolicyEstimator named(String name, double tau) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "dm" -> new DirectMethod();
      case "ips", "ipw" -> new InverseProbabilityWeighting();
      case "snips", "snipw" -> new SelfNormalizedInverseProbabilityWeighting();
      case "dr" -> new DoublyRobust();
      case "sndr" -> new SelfNormalizedDoublyRobust();
      case "switch-dr" -> new SwitchDoublyRobust(tau);
      default -> throw new IllegalArgumentException("unknown off-policy estimator '" + name
          + "'; expected one of dm, ips, snips, dr, sndr, switch-dr");
    };
  }
}
