package siebench.benchmark;

import siebench.importance.WeightOptions;

/** Static factories for the benchmark protocols, meant for static import. */
public final class Protocols {
  private Protocols() {}

  /** Noisy-label detection with {@code rate} injected flipped labels (or the data's own ground truth). */
  public static NoisyLabelDetection noisyLabelDetection(double rate) {
    return new NoisyLabelDetection(rate, NoisyLabelDetection.Noise.FLIP);
  }

  /** Data pruning keeping 10%, 20%, ..., 100% of the rows; tolerance 0.5 AUC points. */
  public static Pruning pruning() {
    return pruning(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0);
  }

  /** Data pruning at the given kept fractions. */
  public static Pruning pruning(double... keptFractions) {
    return new Pruning(keptFractions, 0.005);
  }

  /** Point removal of 0%, 10%, ..., 50% of the rows from the top and from the bottom. */
  public static Removal removal() {
    return removal(0.0, 0.1, 0.2, 0.3, 0.4, 0.5);
  }

  /** Point removal at the given fractions. */
  public static Removal removal(double... fractions) {
    return new Removal(fractions);
  }

  /** Reweighted training with the default weight options. */
  public static ReweightedTraining reweightedTraining() {
    return new ReweightedTraining(WeightOptions.defaults());
  }

  /** Reweighted training with the given weight options. */
  public static ReweightedTraining reweightedTraining(WeightOptions options) {
    return new ReweightedTraining(options);
  }

  /** Debiasing of search logs: NDCG@10 against the true relevance, weighted versus uniform training. */
  public static Debiasing debiasing() {
    return new Debiasing(10);
  }

  /** Debiasing with NDCG at cut-off {@code k}. */
  public static Debiasing debiasing(int k) {
    return new Debiasing(k);
  }

  /** Cost: wall time, peak memory, trainings, gradient evaluations. */
  public static CostProtocol cost() {
    return new CostProtocol();
  }

  /** Stability of scores across seeds (add {@code .transferFrom(model)} for transfer across models). */
  public static Stability stability() {
    return new Stability(null, 0.5);
  }

  /** By command-line name: detection, pruning, removal, reweighting, debiasing, cost, stability. */
  public static Protocol named(String name, double noiseRate) {
    return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "detection", "noisy-label-detection" -> noisyLabelDetection(noiseRate);
      case "pruning" -> pruning();
      case "removal" -> removal();
      case "reweighting", "reweighted-training" -> reweightedTraining();
      case "debiasing" -> debiasing();
      case "cost" -> cost();
      case "stability" -> stability();
      default -> throw new IllegalArgumentException("unknown protocol '" + name
          + "'; expected detection, pruning, removal, reweighting, debiasing, cost or stability");
    };
  }
}
