package siebench.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import siebench.benchmark.ThroughputBenchmark.Config;
import siebench.core.Progress;
import siebench.features.EncodedData;
import siebench.importance.dynamics.GraNd;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/**
 * The cost of one checkpoint of the per-sample scores as a multiple of one training epoch of the same model on the
 * same rows, measured side by side: per repeat, the model is trained for {@code epochs} epochs (the last one is the
 * timed epoch, the earlier ones warm up), then every training row is scored once by each pass. The passes are the
 * ones the dynamics estimators run at each checkpoint: the forward pass of loss and EL2N (Paul, Ganguli &amp;
 * Dziugaite 2021, "Deep Learning on a Data Diet", NeurIPS), GraNd's exact per-sample gradient norm over all
 * parameters (one batched backward pass with a {@code Probe}), and GraNd's last-layer norm. Each multiple is
 * reported as its median over the repeats with its range, since single timings on a shared machine swing.
 */
public final class ScoringCost {
  /** The pass names, in run order. */
  public static final List<String> PASSES = List.of("loss / el2n", "grand (all parameters)", "grand (last layer)");

  /** One repeat: the timed epoch and each pass, in seconds. */
  public record Repeat(double epochSeconds, double[] passSeconds) {
    /** Pass {@code p}'s time as a multiple of the epoch. */
    public double multiple(int p) {
      return passSeconds[p] / epochSeconds;
    }
  }

  /** The repeats in run order. */
  public record Result(List<Repeat> repeats) {
    public double medianMultiple(int pass) {
      return ThroughputBenchmark.median(multiples(pass));
    }

    public double minMultiple(int pass) {
      return java.util.Arrays.stream(multiples(pass)).min().orElse(Double.NaN);
    }

    public double maxMultiple(int pass) {
      return java.util.Arrays.stream(multiples(pass)).max().orElse(Double.NaN);
    }

    public double medianEpochSeconds() {
      return ThroughputBenchmark.median(repeats.stream().mapToDouble(Repeat::epochSeconds).toArray());
    }

    private double[] multiples(int pass) {
      return repeats.stream().mapToDouble(r -> r.multiple(pass)).toArray();
    }
  }

  private ScoringCost() {}

  /** Runs {@code c.repeats()} repeats on the data and model of {@code c}'s mode. */
  public static Result run(Config c, Progress progress) {
    EncodedData data = ThroughputBenchmark.data(c);
    List<ToDoubleFunction<TrainedModel>> passes = List.of(
        m -> time(() -> m.logits(data)),
        m -> time(() -> m.gradientNorms(data)),
        m -> time(() -> GraNd.lastLayerNorms(m, data)));
    List<Repeat> repeats = new ArrayList<>();
    for (int r = 0; r < c.repeats(); r++) {
      progress.checkCancelled();
      TrainingLoop.Run run = TrainingLoop.train(ThroughputBenchmark.task(c, Progress.silent()), null, data, null, null);
      double epoch = run.history().get(run.history().size() - 1).seconds();
      double[] secs = new double[passes.size()];
      try (TrainedModel m = run.model()) {
        for (int p = 0; p < passes.size(); p++) {
          secs[p] = passes.get(p).applyAsDouble(m);
        }
      }
      repeats.add(new Repeat(epoch, secs));
      progress.update("scoring cost", r + 1, c.repeats(), String.format("epoch %.2f s, grand %.2fx", epoch,
          secs[1] / epoch));
    }
    return new Result(repeats);
  }

  private static double time(Runnable pass) {
    long t0 = System.nanoTime();
    pass.run();
    return (System.nanoTime() - t0) / 1e9;
  }
}
