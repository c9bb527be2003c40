package siebench.importance.dynamics;

import java.util.Arrays;
import java.util.Objects;
import siebench.core.CostMeter;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.train.CtrTask;
import siebench.train.EpochListener;
import siebench.train.LossModifier;
import siebench.train.StepListener;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/**
 * Runs the trainings a training-dynamics estimator observes: {@code seeds} independently seeded runs of the
 * context task on all training rows (no early stopping), calling an {@link Observer} at every checkpoint
 * epoch with the model in its current state (checkpoint 0: the model at initialization, before any step; when
 * 0 is the only checkpoint the runs only initialize their models and do not train), and optionally a {@link
 * StepObserver} after every minibatch step. Reports progress per epoch and run through the context's
 * {@link Progress}, checks cancellation, and counts trainings and evaluations on a {@link CostMeter}.
 */
final class TrainingDynamics {
  /** Receives the model at every checkpoint. */
  @FunctionalInterface
  public interface Observer {
    /**
     * Observes the model after {@code epoch} (1-based) of run {@code run} (0-based) and returns how many
     * per-sample evaluations (losses, logits or gradients) it made.
     *
     * @param data the encoded training rows, in the order of the training samples
     */
    long observe(int run, int epoch, TrainedModel model, EncodedData data);
  }

  /**
   * Receives every minibatch presentation (see {@link StepListener}): the batch's row positions in the training
   * data and the logits of the step's forward pass, before the update. Used for forgetting events counted per
   * minibatch step (Toneva et al. 2019, "An Empirical Study of Example Forgetting during Deep Neural Network
   * Learning").
   */
  @FunctionalInterface
  public interface StepObserver {
    /** Observes step {@code step} (1-based within the run) of {@code epoch} (1-based) of run {@code run}. */
    void step(int run, int epoch, long step, int[] rows, float[] logits);
  }

  private TrainingDynamics() {}

  /** The encoder an estimator fits on the training samples (exposed so tests can reproduce a run). */
  public static FeatureEncoder encoderFor(Samples train) {
    return FeatureEncoder.fit(train);
  }

  /**
   * Trains {@code settings.seeds()} models and calls {@code observer} at every checkpoint of each.
   *
   * @param name the estimator name shown in progress messages
   * @param modifier a loss modifier to train with, or null
   */
  public static void run(String name, Samples train, EstimationContext context, DynamicsSettings settings,
      LossModifier modifier, CostMeter meter, Observer observer) {
    run(name, train, context, settings, modifier, meter, observer, null);
  }

  /** Like the above, also calling {@code steps} (may be null) after every minibatch step of every run. */
  public static void run(String name, Samples train, EstimationContext context, DynamicsSettings settings,
      LossModifier modifier, CostMeter meter, Observer observer, StepObserver steps) {
    Objects.requireNonNull(train, "train samples");
    if (train.size() == 0) {
      throw new IllegalArgumentException(name + ": no training rows in " + train.describe());
    }
    context.progress().checkCancelled();
    FeatureEncoder encoder = encoderFor(train);
    run(name, encoder, encoder.encode(train), context, settings, modifier, meter, observer, steps);
  }

  /**
   * Like {@link #run(String, Samples, EstimationContext, DynamicsSettings, LossModifier, CostMeter, Observer)}
   * on already encoded rows (e.g. with some labels changed on purpose, as AUM's threshold samples).
   */
  public static void run(String name, FeatureEncoder encoder, EncodedData data, EstimationContext context,
      DynamicsSettings settings, LossModifier modifier, CostMeter meter, Observer observer) {
    run(name, encoder, data, context, settings, modifier, meter, observer, null);
  }

  /** Like the above, also calling {@code steps} (may be null) after every minibatch step of every run. */
  public static void run(String name, FeatureEncoder encoder, EncodedData data, EstimationContext context,
      DynamicsSettings settings, LossModifier modifier, CostMeter meter, Observer observer, StepObserver steps) {
    Progress outer = context.progress();
    outer.checkCancelled();
    int epochs = settings.epochsIn(context);
    int runs = settings.seeds();
    long total = (long) runs * epochs;
    for (int run = 0; run < runs; run++) {
      final int r = run;
      CtrTask task = settings.taskFor(context, run, forwarding(outer, name));
      if (modifier != null) {
        task = task.lossModifier(modifier);
      }
      if (settings.initializationOnly() && steps == null) {
        try (TrainedModel model = TrainingLoop.initialModel(task, encoder, data)) {
          meter.sample();
          meter.evaluations(observer.observe(r, 0, model, data));
          meter.sample();
        }
        outer.update(name, r + 1, runs, "seed " + (r + 1) + "/" + runs + ", at initialization");
        continue;
      }
      TrainedModel[] live = new TrainedModel[1];
      TrainingLoop.Run result;
      EpochListener listener = new EpochListener() {
        @Override
        public void beforeTraining(TrainedModel model) {
          live[0] = model;
          if (settings.isCheckpoint(0)) {
            meter.evaluations(observer.observe(r, 0, model, data));
            meter.sample();
          }
        }

        @Override
        public void afterEpoch(int epoch, TrainedModel model) {
          live[0] = model;
          outer.checkCancelled();
          meter.sample();
          if (settings.isCheckpoint(epoch)) {
            meter.evaluations(observer.observe(r, epoch, model, data));
            meter.sample();
          }
          outer.update(name, (long) r * epochs + epoch, total,
              "seed " + (r + 1) + "/" + runs + ", epoch " + epoch + "/" + epochs);
        }
      };
      long[] fractionSteps = settings.fractionSteps(stepsPerEpoch(task, data));
      StepListener stepListener = steps == null && fractionSteps.length == 0 ? null
          : (epoch, step, rows, logits, model) -> {
            if (steps != null) {
              steps.step(r, epoch, step, rows, logits);
            }
            if (epoch == 1 && Arrays.stream(fractionSteps).anyMatch(k -> k == step)) {
              meter.evaluations(observer.observe(r, 1, model, data)); // a checkpoint inside the first epoch
              meter.sample();
            }
          };
      try {
        result = TrainingLoop.train(task, encoder, data, null, listener, stepListener);
      } catch (RuntimeException | Error e) {
        if (live[0] != null) {
          live[0].close(); // free the native memory of a run stopped by cancellation or a failure
        }
        throw e;
      }
      meter.training();
      result.model().close();
    }
  }

  /** The number of minibatch steps of one epoch of {@code task} on {@code data} (as in {@link TrainingLoop}). */
  public static long stepsPerEpoch(CtrTask task, EncodedData data) {
    int n = data.rows();
    int batch = Math.min(task.batchSize(), Math.max(1, n));
    return (n + batch - 1) / batch;
  }

  /** A progress sink for the inner training loop: cancels with {@code outer}, prefixes messages with the name. */
  static Progress forwarding(Progress outer, String name) {
    return new Progress() {
      @Override
      public void update(String task, long done, long total, String message) {
        outer.update(name + ": " + task, done, total, message);
      }

      @Override
      public boolean isCancelled() {
        return outer.isCancelled();
      }

      @Override
      public void checkCancelled() {
        outer.checkCancelled();
      }
    };
  }
}
