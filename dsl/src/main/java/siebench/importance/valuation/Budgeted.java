package siebench.importance.valuation;

import siebench.importance.ImportanceEstimator;

/**
 * A retraining-based valuation that checks its planned cost against a {@link FitBudget} before it starts
 * (TMC-Shapley, Data Banzhaf, Data-OOB); the command line's {@code --max-fits} and {@code --max-seconds} set it.
 */
public interface Budgeted extends ImportanceEstimator {
  /** The same estimator under another budget. */
  Budgeted within(FitBudget budget);

  /** The budget in force. */
  FitBudget budget();
}
