package siebench.importance.valuation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import siebench.core.Progress;

/**
 * What a retraining-based valuation (TMC-Shapley, Data Banzhaf, Data-OOB) may cost before it starts: at most
 * {@link #maxFits()} model fits (utility evaluations) and at most {@link #maxSeconds()} seconds of fitting,
 * estimated by timing one fit and multiplying by the planned number of fits. Above either limit the estimator
 * refuses with an {@link IllegalArgumentException} that states the estimate and names cheaper estimators, the
 * way {@link LeaveOneOut} refuses above its row limit. The fit count is decided before any fitting (it depends
 * only on the row count and the estimator's settings, so the refusal is reproducible); the seconds estimate
 * needs timed fits and is only as stable as the machine's speed. It errs high: the timed fit uses all rows of
 * the fold (subsets are smaller). Early in a JVM a fit also pays class loading and JIT compilation (measured: a
 * first Java LR fit on 16,000 rows took 233 ms, the following subset fits about 50 ms each; on 400 rows the first
 * fit extrapolated Beta Shapley to 14 hours, and it ran in 30 s), so an estimate over the budget is re-timed on up
 * to {@link #WARM_FITS} fits and the fastest is used before refusing.
 *
 * <p>Semivalues need many fits because each utility evaluation retrains the model: Ghorbani and Zou (2019)
 * report TMC-Shapley on at most a few thousand points, and Kwon and Zou (2023) propose Data-OOB precisely as the
 * one-ensemble alternative; KNN-Shapley (Jia et al. 2019) has a closed form without retraining.
 *
 * @param maxFits the largest number of model fits agreed to; at least 1
 * @param maxSeconds the largest extrapolated fitting time in seconds; {@code Double.POSITIVE_INFINITY} disables it
 */
public record FitBudget(long maxFits, double maxSeconds) {
  /** The cheaper estimators a refusal names (factory method / command-line name), by command-line name. */
  private static final Map<String, String> ALTERNATIVES = new LinkedHashMap<>(Map.of(
      "knn-shapley", "knnShapley() / knn-shapley (exact closed form, no retraining)",
      "data-oob", "dataOob() / data-oob (one bagged ensemble)",
      "loss", "loss() / loss (one training)"));

  /** The cheaper estimators, other than {@code estimator} itself. */
  static String alternatives(String estimator) {
    return ALTERNATIVES.entrySet().stream().filter(e -> !e.getKey().equals(estimator))
        .map(Map.Entry::getValue).sorted().collect(Collectors.joining(", "));
  }

  public FitBudget {
    if (maxFits < 1 || !(maxSeconds > 0)) {
      throw new IllegalArgumentException("need maxFits >= 1 and maxSeconds > 0, got " + maxFits + ", " + maxSeconds);
    }
  }

  /** One million fits and one hour of extrapolated fitting. */
  public static FitBudget defaults() {
    return new FitBudget(1_000_000, 3600);
  }

  public FitBudget withMaxFits(long v) {
    return new FitBudget(v, maxSeconds);
  }

  public FitBudget withMaxSeconds(double v) {
    return new FitBudget(maxFits, v);
  }

  /**
   * Refuses when {@code plannedFits} exceeds {@link #maxFits()}.
   *
   * @param estimator the estimator's name, as in its messages
   * @param plan how the count arises (e.g. "1,000 permutations x 9,999 prefixes x 2 folds")
   * @param raise the call that raises the limit, with a {@code %d} for the needed value
   * @param cheaper settings of the same estimator that cost less (e.g. "fewer permutations"), or empty
   */
  void checkFits(String estimator, long plannedFits, String plan, String raise, String cheaper) {
    if (plannedFits > maxFits) {
      throw new IllegalArgumentException(String.format(
          "%s would fit the model up to %,d times (%s), above the budget of %,d fits. Use a cheaper estimator"
              + " instead: %s%s; or raise the budget with %s if that many fits are affordable.",
          estimator, plannedFits, plan, maxFits, alternatives(estimator), cheaper.isEmpty() ? "" : "; or " + cheaper,
          String.format(raise, plannedFits)));
    }
  }

  /** The most fits timed before a refusal. */
  static final int WARM_FITS = 3;

  /**
   * Times one fit ({@code fit} returns anything), or the fastest of up to {@link #WARM_FITS} when the first
   * estimate is over the budget, extrapolates to {@code plannedFits}, reports the
   * estimate on {@code progress} and refuses when it exceeds {@link #maxSeconds()}. Returns the seconds per fit.
   */
  double timeAndCheck(String estimator, long plannedFits, int rows, LongSupplier fit, Progress progress,
      String raise, String cheaper) {
    double perFit = Double.POSITIVE_INFINITY;
    int timed = 0;
    // the first fit in a JVM also pays class loading and JIT compilation; before refusing, take the fastest of
    // up to WARM_FITS fits
    while (timed < WARM_FITS && (timed == 0 || perFit * plannedFits > maxSeconds)) {
      long t0 = System.nanoTime();
      fit.getAsLong();
      perFit = Math.min(perFit, (System.nanoTime() - t0) / 1e9);
      timed++;
    }
    double total = perFit * plannedFits;
    String estimate = String.format("cost estimate: up to %,d fits x %.1f ms (fastest of %d timed fit%s on %,d rows) "
        + "= about %s", plannedFits, perFit * 1e3, timed, timed == 1 ? "" : "s", rows, seconds(total));
    progress.update(estimator, 0, 0, estimate);
    if (total > maxSeconds) {
      throw new IllegalArgumentException(String.format(
          "%s would take about %s (%s), above the budget of %s. Use a cheaper estimator instead: %s%s; or raise"
              + " the budget with %s if that much time is affordable.",
          estimator, seconds(total), estimate, seconds(maxSeconds), alternatives(estimator),
          cheaper.isEmpty() ? "" : "; or " + cheaper, String.format(raise, (long) Math.ceil(total) + 1)));
    }
    return perFit;
  }

  static String seconds(double s) {
    if (s < 120) {
      return String.format("%.1f s", s);
    }
    if (s < 7200) {
      return String.format("%.1f min", s / 60);
    }
    return String.format("%.1f h", s / 3600);
  }
}
