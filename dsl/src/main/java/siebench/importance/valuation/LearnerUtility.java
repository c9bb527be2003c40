package siebench.importance.valuation;

import java.util.concurrent.atomic.AtomicInteger;
import siebench.features.EncodedData;

/**
 * U(S) = validation {@link UtilityMetric metric} of a {@link ProbabilisticLearner} fitted on the training rows
 * S; U(empty) is the metric of the constant 0.5 prediction. Counts its fits.
 */
final class LearnerUtility implements SubsetUtility {
  private final ProbabilisticLearner learner;
  private final EncodedData train;
  private final EncodedData validation;
  private final UtilityMetric metric;
  private final AtomicInteger fits = new AtomicInteger();

  public LearnerUtility(ProbabilisticLearner learner, EncodedData train, EncodedData validation,
      UtilityMetric metric) {
    this.learner = learner;
    this.train = train;
    this.validation = validation;
    this.metric = metric;
  }

  @Override
  public double value(int[] subset) {
    if (subset.length > 0) {
      fits.incrementAndGet();
    }
    return metric.score(validation.labels(), learner.fitPredict(train, subset, validation));
  }

  /** Models fitted so far. */
  public int fits() {
    return fits.get();
  }
}
