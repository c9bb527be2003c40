package siebench.benchmark;

import java.util.Locale;
import siebench.importance.Reweighting;

/** Static factories for the benchmark protocols, meant for static import. */
public final class Protocols {
  private Protocols() {}

  /** Noisy-label detection against the trial's corrupted rows (the data's own or the benchmark's noise). */
  public static NoisyLabelDetection noisyLabelDetection() {
    return new NoisyLabelDetection();
  }

  /** Cleaning: remove the most suspicious 5%, 10%, 20% and 30%; oracle-anchored recovery. */
  public static Cleaning cleaning() {
    return cleaning(0.05, 0.1, 0.2, 0.3);
  }

  /** Cleaning at the given removed fractions (each in (0, 1)). */
  public static Cleaning cleaning(double... removedFractions) {
    return new Cleaning(removedFractions);
  }

  /** Data pruning keeping 20%, 40%, 60%, 80% and 100% of the rows, both strategies; tolerance 0.5 AUC points. */
  public static Pruning pruning() {
    return pruning(0.2, 0.4, 0.6, 0.8, 1.0);
  }

  /** Data pruning at the given kept fractions. */
  public static Pruning pruning(double... keptFractions) {
    return new Pruning(keptFractions, 0.005);
  }

  /** Point removal of 0%, 10%, ..., 50% of the rows, most valuable and most suspicious first. */
  public static Removal removal() {
    return removal(0.0, 0.1, 0.2, 0.3, 0.4, 0.5);
  }

  /** Point removal at the given fractions. */
  public static Removal removal(double... fractions) {
    return new Removal(fractions);
  }

  /** Reweighted training with {@link Reweighting#defaults()}. */
  public static ReweightedTraining reweightedTraining() {
    return new ReweightedTraining(Reweighting.defaults());
  }

  /** Reweighted training with the given weighting. */
  public static ReweightedTraining reweightedTraining(Reweighting options) {
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

  /** By command-line name: detection, cleaning, pruning, removal, reweighting, debiasing, cost, stability. */
  public static Protocol named(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "detection", "noisy-label-detection" -> noisyLabelDetection();
      case "cleaning" -> cleaning();
      case "pruning" -> pruning();
      case "removal" -> removal();
      case "reweighting", "reweighted-training" -> reweightedTraining();
      case "debiasing" -> debiasing();
      case "cost" -> cost();
      case "stability" -> stability();
      default -> throw new IllegalArgumentException("unknown protocol '" + name
          + "'; expected detection, cleaning, pruning, removal, reweighting, debiasing, cost or stability");
    };
  }
}
