package siebench.importance.dynamics;

/**
 * Static DSL factories for the training-dynamics estimators, meant for static import:
 *
 * <pre>{@code
 * Importance g = samples.importance(gradientNorm().epochs(2).seeds(3));
 * DataMap map = dataMaps().epochs(5).map(samples, context);
 * }</pre>
 *
 * <p>Every estimator trains the context task's model (overridable with {@code .model(...)}) on all training
 * rows, observes it after each checkpoint epoch, and returns an immutable configurable estimator. Sign
 * convention: GraNd, EL2N, loss, forgetting, -AUM and data maps (1 - confidence) are <em>hardness</em> scores,
 * higher = harder / more likely mislabeled; adaptive denoising returns weights, higher = more trusted.
 */
public final class DynamicsEstimators {
  private DynamicsEstimators() {}

  /** GraNd (Paul et al. 2021): expected per-sample gradient norm over early checkpoints and seeds. */
  public static GraNd gradientNorm() {
    return GraNd.create();
  }

  /** EL2N (Paul et al. 2021): expected {@code |p - y|} over early checkpoints and seeds. */
  public static El2n el2n() {
    return El2n.create();
  }

  /** Per-sample training loss, averaged over epochs or at one checkpoint. */
  public static TrainingLoss loss() {
    return TrainingLoss.create();
  }

  /** Forgetting events (Toneva et al. 2019). */
  public static ForgettingEvents forgetting() {
    return ForgettingEvents.create();
  }

  /** Area Under the Margin (Pleiss et al. 2020), scored as {@code -AUM}. */
  public static AreaUnderMargin aum() {
    return AreaUnderMargin.create();
  }

  /** Dataset Cartography data maps (Swayamdipta et al. 2020), scored as {@code 1 - confidence}. */
  public static DataMaps dataMaps() {
    return DataMaps.create();
  }

  /**
   * The truncated denoising loss (T-CE, Wang et al. 2021) for training: {@code
   * ctr().lossModifier(truncatedLoss(0.2, 30_000))} drops the largest-loss clicks at a rate rising linearly to
   * {@code maxDropRate} over {@code rampSteps} optimizer steps.
   */
  public static DenoisingLoss truncatedLoss(double maxDropRate, long rampSteps) {
    return DenoisingLoss.truncated(maxDropRate, rampSteps);
  }

  /** The reweighted denoising loss (R-CE, Wang et al. 2021) for training: clicks weighted by {@code p^beta}. */
  public static DenoisingLoss reweightedLoss(double beta) {
    return DenoisingLoss.reweighted(beta);
  }

  /** Adaptive denoising training (Wang et al. 2021): the per-sample T-CE / R-CE weights. */
  public static AdaptiveDenoising adaptiveDenoising() {
    return AdaptiveDenoising.create();
  }
}
