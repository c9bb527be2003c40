package siebench.importance.dynamics;

import java.util.LinkedHashMap;
import java.util.Map;
import siebench.core.CostMeter;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.model.ModelSpec;

/**
 * Common base of the training-dynamics estimators: immutable, configured with builder-style setters that
 * return a new estimator ({@code el2n().epochs(2).seeds(3)}), trains through {@link TrainingDynamics} and
 * measures its {@link Importance.Cost} with a {@link CostMeter}.
 *
 * @param <T> the concrete estimator type, returned by the setters
 */
public abstract class DynamicsEstimator<T extends DynamicsEstimator<T>> implements ImportanceEstimator {
  private final DynamicsSettings settings;

  protected DynamicsEstimator(DynamicsSettings settings) {
    this.settings = settings;
  }

  /** The training settings. */
  public DynamicsSettings settings() {
    return settings;
  }

  /** A copy of this estimator with other training settings. */
  protected abstract T withSettings(DynamicsSettings s);

  /** Trains each run for {@code e} epochs (default: the context task's epochs). */
  public T epochs(int e) {
    return withSettings(settings.withEpochs(e));
  }

  /** Averages over {@code s} independently seeded training runs (default 1). */
  public T seeds(int s) {
    return withSettings(settings.withSeeds(s));
  }

  /**
   * Scores the rows only after these epochs (default: after every epoch 1..E); 0 is the model at
   * initialization, before any step. When 0 is the only checkpoint, the runs do not train at all.
   */
  public T checkpoints(int... epochs) {
    return withSettings(settings.withCheckpoints(epochs));
  }

  /**
   * Also scores the rows inside the first epoch, after the fraction {@code f} of its minibatch steps (step
   * {@code ceil(f * stepsPerEpoch)}), for each {@code f} in (0, 1): "early in training" at a finer resolution
   * than epochs (Paul, Ganguli and Dziugaite 2021 score a few percent into training). Without {@link
   * #checkpoints}, these are the only checkpoints; combine with {@code .epochs(1)} to stop training after the
   * first epoch. Observing inside the epoch makes the training loop synchronize with the device once per step.
   */
  public T firstEpochCheckpoints(double... fractions) {
    return withSettings(settings.withFractions(fractions));
  }

  /** Trains this model instead of the context task's. */
  public T model(ModelSpec m) {
    return withSettings(settings.withModel(m));
  }

  /** Trains with this batch size instead of the context task's. */
  public T batchSize(int b) {
    return withSettings(settings.withBatchSize(b));
  }

  /** Trains with this learning rate instead of the context task's. */
  public T learningRate(double lr) {
    return withSettings(settings.withLearningRate(lr));
  }

  /** The estimator-specific parameters (added to the training settings in {@link #parameters()}). */
  protected abstract Map<String, Object> ownParameters();

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>(settings.describe());
    m.putAll(ownParameters());
    return m;
  }

  /** Accumulates what an estimator needs from the checkpoints of all runs and turns it into scores. */
  protected interface Scorer {
    /** Called at every checkpoint; see {@link TrainingDynamics.Observer}. */
    TrainingDynamics.Observer observer();

    /** Called after every minibatch step of every run, or null (the default) for none. */
    default TrainingDynamics.StepObserver stepObserver() {
      return null;
    }

    /** The scores after all runs, one per training row in row order. */
    double[] scores();
  }

  /** Creates a fresh accumulator for one estimate on {@code train}. */
  protected abstract Scorer scorer(Samples train, EstimationContext context);

  /** What a high score means: hardness for the training-dynamics scores (overridden by adaptive denoising). */
  protected Importance.Meaning meaning() {
    return Importance.Meaning.HARDNESS;
  }

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    Observed o = observe(train, context);
    return new Importance(name(), reportParameters(context), train.rowIds(), o.scorer().scores(), o.cost(),
        meaning());
  }

  /** A scorer after all trainings, with the cost of running them. */
  protected record Observed(Scorer scorer, Importance.Cost cost) {}

  /** Runs the trainings with a fresh {@link #scorer} and measures their cost. */
  protected Observed observe(Samples train, EstimationContext context) {
    try (CostMeter meter = CostMeter.sampling()) {
      Scorer s = scorer(train, context);
      TrainingDynamics.run(name(), train, context, settings, lossModifier(train, context), meter, s.observer(),
          s.stepObserver());
      return new Observed(s, Importance.Cost.of(meter));
    }
  }

  /** The parameters recorded with a result: the context task's settings, the seed, then {@link #parameters()}. */
  protected Map<String, Object> reportParameters(EstimationContext context) {
    Map<String, Object> params = new LinkedHashMap<>(context.task().describe());
    params.put("seed", context.seed());
    params.putAll(parameters());
    return params;
  }

  /** The loss modifier to train with (null: plain weighted cross-entropy). */
  protected siebench.train.LossModifier lossModifier(Samples train, EstimationContext context) {
    return null;
  }

  @Override
  public String toString() {
    return name() + parameters();
  }
}
