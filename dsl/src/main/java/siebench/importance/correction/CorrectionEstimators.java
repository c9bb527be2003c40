package siebench.importance.correction;

/**
 * Static DSL factories of the bias-correction estimators, meant for static import:
 *
 * <pre>{@code
 * Importance w = densityRatio().target(testSamples).clipQuantile(0.99).estimate(train, context);
 * Importance ipw = ips().regressionEm().clip(20).estimate(searchLogs, context);
 * Importance ais = adaptiveImportanceSampling().iterations(5).estimate(train, context.validation(target));
 * }</pre>
 *
 * <p>All three return immutable, configurable {@link siebench.importance.ImportanceEstimator}s whose scores
 * are per-row training weights (use them with {@code samples.withWeights(importance.alignTo(samples))}).
 * Stand-alone estimates rather than weights come from {@link ImportanceSampling} and {@link OffPolicy}.
 */
public final class CorrectionEstimators {
  private CorrectionEstimators() {}

  /** Covariate-shift weights {@code p_target(x) / q_train(x)} from a domain classifier ({@link DensityRatioEstimator}). */
  public static DensityRatioEstimator densityRatio() {
    return DensityRatioEstimator.defaults();
  }

  /**
   * Position-bias inverse propensity weights for click logs ({@link PositionBiasIps}); propensities from
   * regression-EM unless configured otherwise.
   */
  public static PositionBiasIps ips() {
    return PositionBiasIps.defaults();
  }

  /** Per-pair regression-EM position-bias estimation ({@link RegressionEm}). */
  public static RegressionEm regressionEm() {
    return RegressionEm.perPair();
  }

  /** Adaptive importance sampling toward a target sample ({@link AdaptiveImportanceSampling}). */
  public static AdaptiveImportanceSampling adaptiveImportanceSampling() {
    return AdaptiveImportanceSampling.defaults();
  }
}
