package siebench.importance.dynamics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import siebench.core.Progress;
import siebench.importance.EstimationContext;
import siebench.model.ModelSpec;
import siebench.train.CtrTask;

/**
 * How a training-dynamics estimator trains and observes its models: the number of epochs, the number of
 * independently seeded training runs, the checkpoints (epochs after which the rows are scored; checkpoint 0 is
 * the model at initialization, before any step, as for "GraNd at initialization" in Paul, Ganguli and
 * Dziugaite 2021, "Deep Learning on a Data Diet"), and optional
 * overrides of the context task's model, batch size and learning rate. Immutable; {@code null} fields mean
 * "take it from the {@link EstimationContext#task() context task}".
 *
 * @param epochs training epochs per run, or null for the task's
 * @param seeds number of training runs, each with its own seed (see {@link #seedOf})
 * @param checkpoints epochs after which rows are scored (0 = at initialization), or null for every epoch 1..E
 * @param model the model to train, or null for the task's
 * @param batchSize the batch size, or null for the task's
 * @param learningRate the learning rate, or null for the task's
 * @param fractions checkpoints inside the first epoch, as fractions in (0, 1) of its minibatch steps (the model
 *     after step {@code ceil(f * stepsPerEpoch)}), or null for none; when set and {@code checkpoints} is null,
 *     only these are checkpoints (not every epoch)
 */
public record DynamicsSettings(Integer epochs, int seeds, int[] checkpoints, ModelSpec model, Integer batchSize,
    Double learningRate, double[] fractions) {

  /** Validates the settings. */
  public DynamicsSettings {
    if (epochs != null && epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
    }
    if (checkpoints != null) {
      if (checkpoints.length == 0) {
        throw new IllegalArgumentException("checkpoints must name at least one epoch");
      }
      checkpoints = Arrays.stream(checkpoints).sorted().distinct().toArray();
      if (checkpoints[0] < 0) {
        throw new IllegalArgumentException("checkpoints are epochs >= 0 (0 = at initialization), got "
            + checkpoints[0]);
      }
      if (epochs != null && checkpoints[checkpoints.length - 1] > epochs) {
        throw new IllegalArgumentException("checkpoint epoch " + checkpoints[checkpoints.length - 1]
            + " is after the last training epoch " + epochs);
      }
    }
    if (batchSize != null && batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (learningRate != null && !(learningRate > 0)) {
      throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
    }
    if (fractions != null) {
      if (fractions.length == 0) {
        throw new IllegalArgumentException("first-epoch checkpoints must name at least one fraction");
      }
      fractions = Arrays.stream(fractions).sorted().distinct().toArray();
      for (double f : fractions) {
        if (!(f > 0 && f < 1)) {
          throw new IllegalArgumentException("first-epoch checkpoints are fractions in (0, 1), got " + f);
        }
      }
    }
  }

  /** Defaults: the task's epochs, one seed, every epoch a checkpoint, the task's model and optimizer. */
  public static DynamicsSettings defaults() {
    return new DynamicsSettings(null, 1, null, null, null, null, null);
  }

  /** The seed of training run {@code run} (0-based) under base seed {@code base}: {@code base + 7919 * run}. */
  public static long seedOf(long base, int run) {
    return base + 7919L * run;
  }

  /** The number of epochs each run trains under {@code context}. */
  public int epochsIn(EstimationContext context) {
    int e = epochs != null ? epochs : context.task().epochs();
    if (checkpoints != null && checkpoints[checkpoints.length - 1] > e) {
      throw new IllegalArgumentException("checkpoint epoch " + checkpoints[checkpoints.length - 1]
          + " is after the last training epoch " + e);
    }
    return e;
  }

  /** Whether the rows are scored after {@code epoch} (0 = at initialization, only when named explicitly). */
  public boolean isCheckpoint(int epoch) {
    return checkpoints == null ? fractions == null && epoch >= 1 : Arrays.binarySearch(checkpoints, epoch) >= 0;
  }

  /**
   * Whether no training is needed: the only checkpoint is 0 (at initialization), so each run only initializes
   * a model and scores the rows with it.
   */
  public boolean initializationOnly() {
    return checkpoints != null && checkpoints.length == 1 && checkpoints[0] == 0 && fractions == null;
  }

  /** The number of epoch checkpoints per run under {@code context} (first-epoch fractions not counted). */
  public int checkpointCount(EstimationContext context) {
    return checkpoints == null ? (fractions == null ? epochsIn(context) : 0) : checkpoints.length;
  }

  /**
   * The exact task that training run {@code run} uses: the context task with this object's overrides, the run's
   * seed, no early stopping (every row is a training row) and {@code progress} as its progress sink.
   */
  public CtrTask taskFor(EstimationContext context, int run, Progress progress) {
    CtrTask t = context.task().epochs(epochsIn(context)).seed(seedOf(context.seed(), run)).earlyStopping(0)
        .progress(progress);
    if (model != null) {
      t = t.model(model);
    }
    if (batchSize != null) {
      t = t.batchSize(batchSize);
    }
    if (learningRate != null) {
      t = t.learningRate(learningRate);
    }
    return t;
  }

  public DynamicsSettings withEpochs(int e) {
    return new DynamicsSettings(e, seeds, checkpoints, model, batchSize, learningRate, fractions);
  }

  public DynamicsSettings withSeeds(int s) {
    return new DynamicsSettings(epochs, s, checkpoints, model, batchSize, learningRate, fractions);
  }

  public DynamicsSettings withCheckpoints(int... c) {
    return new DynamicsSettings(epochs, seeds, c == null ? null : c.clone(), model, batchSize, learningRate, fractions);
  }

  public DynamicsSettings withFractions(double... f) {
    return new DynamicsSettings(epochs, seeds, checkpoints, model, batchSize, learningRate,
        f == null ? null : f.clone());
  }

  /**
   * The 1-based steps of the first epoch after which the rows are scored, for {@code stepsPerEpoch} steps per
   * epoch: {@code max(1, ceil(f * stepsPerEpoch))} per fraction, distinct; empty without fractions.
   */
  public long[] fractionSteps(long stepsPerEpoch) {
    if (fractions == null) {
      return new long[0];
    }
    return Arrays.stream(fractions).mapToLong(f -> Math.max(1, (long) Math.ceil(f * stepsPerEpoch - 1e-9)))
        .distinct().toArray();
  }

  public DynamicsSettings withModel(ModelSpec m) {
    return new DynamicsSettings(epochs, seeds, checkpoints, m, batchSize, learningRate, fractions);
  }

  public DynamicsSettings withBatchSize(int b) {
    return new DynamicsSettings(epochs, seeds, checkpoints, model, b, learningRate, fractions);
  }

  public DynamicsSettings withLearningRate(double lr) {
    return new DynamicsSettings(epochs, seeds, checkpoints, model, batchSize, lr, fractions);
  }

  /** The settings as a map, for reports (only what is set). */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (epochs != null) {
      m.put("epochs", epochs);
    }
    m.put("seeds", seeds);
    if (checkpoints != null) {
      m.put("checkpoints", Arrays.toString(checkpoints));
    }
    if (fractions != null) {
      m.put("firstEpochFractions", Arrays.toString(fractions));
    }
    if (model != null) {
      m.put("model", model.name());
    }
    if (batchSize != null) {
      m.put("batchSize", batchSize);
    }
    if (learningRate != null) {
      m.put("learningRate", learningRate);
    }
    return m;
  }

  @Override
  public int[] checkpoints() {
    return checkpoints == null ? null : checkpoints.clone();
  }

  @Override
  public double[] fractions() {
    return fractions == null ? null : fractions.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DynamicsSettings s && java.util.Objects.equals(epochs, s.epochs) && seeds == s.seeds
        && Arrays.equals(checkpoints, s.checkpoints) && java.util.Objects.equals(model, s.model)
        && java.util.Objects.equals(batchSize, s.batchSize) && java.util.Objects.equals(learningRate, s.learningRate)
        && Arrays.equals(fractions, s.fractions);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(epochs, seeds, Arrays.hashCode(checkpoints), model, batchSize, learningRate,
        Arrays.hashCode(fractions));
  }

  @Override
  public String toString() {
    return "DynamicsSettings" + describe();
  }
}
