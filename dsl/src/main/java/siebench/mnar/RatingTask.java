package siebench.mnar;

import java.util.Objects;
import siebench.data.RatingData;
import siebench.data.Samples;
import siebench.model.MatrixFactorization;

/**
 * A rating-regression task on MNAR explicit feedback: biased matrix factorization ({@link MatrixFactorization})
 * trained on the observed ratings with squared error and one of the {@link RatingObjective}s (naive, IPS, SNIPS,
 * doubly robust), by minibatch Adam on DJL. Immutable builder in the style of {@link siebench.train.CtrTask}:
 * every setter returns a new task.
 *
 * <pre>{@code
 * double[] p = PropensityEstimators.naiveBayes().estimate(data, marSample);
 * try (RatingModel m = RatingTask.ratings().objective(RatingObjective.IPS).fit(data, p)) {
 *   System.out.println(m.evaluate(marTest, 5));
 * }
 * }</pre>
 *
 * <p>Propensities below {@link #propensityFloor} are raised to it before they divide (clipping of the inverse
 * weights, the usual variance control; 0 = none). Deterministic for a seed on the CPU.
 */
public final class RatingTask {
  private final RatingObjective objective;
  private final MatrixFactorization model;
  private final MatrixFactorization imputation;
  private final int epochs;
  private final int batchSize;
  private final double learningRate;
  private final double weightDecay;
  private final double propensityFloor;
  private final long seed;
  private final String device;

  private RatingTask(RatingObjective objective, MatrixFactorization model, MatrixFactorization imputation, int epochs,
      int batchSize, double learningRate, double weightDecay, double propensityFloor, long seed, String device) {
    if (epochs < 1 || batchSize < 1) {
      throw new IllegalArgumentException("epochs and batch size must be >= 1, got " + epochs + " and " + batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
    }
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
    }
    if (!(propensityFloor >= 0 && propensityFloor < 1)) {
      throw new IllegalArgumentException("propensity floor must be in [0, 1), got " + propensityFloor);
    }
    this.objective = Objects.requireNonNull(objective, "objective");
    this.model = Objects.requireNonNull(model, "model");
    this.imputation = Objects.requireNonNull(imputation, "imputation");
    this.epochs = epochs;
    this.batchSize = batchSize;
    this.learningRate = learningRate;
    this.weightDecay = weightDecay;
    this.propensityFloor = propensityFloor;
    this.seed = seed;
    this.device = device;
  }

  /**
   * The default task: naive objective, MF with 8 factors (the DR imputation model too), 40 epochs, batch 512,
   * Adam with learning rate 0.01 and weight decay 1e-3, no propensity floor, seed 7, device auto.
   */
  public static RatingTask ratings() {
    return new RatingTask(RatingObjective.NAIVE, MatrixFactorization.defaults(), MatrixFactorization.defaults(), 40, 512,
        0.01, 1e-3, 0, 7, "auto");
  }

  public RatingTask objective(RatingObjective o) {
    return new RatingTask(o, model, imputation, epochs, batchSize, learningRate, weightDecay, propensityFloor,
        seed, device);
  }

  /** The prediction model. */
  public RatingTask model(MatrixFactorization m) {
    return new RatingTask(objective, m, imputation, epochs, batchSize, learningRate, weightDecay, propensityFloor,
        seed, device);
  }

  /** The imputation model of the doubly robust objective. */
  public RatingTask imputation(MatrixFactorization m) {
    return new RatingTask(objective, model, m, epochs, batchSize, learningRate, weightDecay, propensityFloor,
        seed, device);
  }

  public RatingTask epochs(int e) {
    return new RatingTask(objective, model, imputation, e, batchSize, learningRate, weightDecay, propensityFloor,
        seed, device);
  }

  public RatingTask batchSize(int b) {
    return new RatingTask(objective, model, imputation, epochs, b, learningRate, weightDecay, propensityFloor,
        seed, device);
  }

  public RatingTask learningRate(double lr) {
    return new RatingTask(objective, model, imputation, epochs, batchSize, lr, weightDecay, propensityFloor,
        seed, device);
  }

  /** L2 weight decay of Adam on all parameters. */
  public RatingTask weightDecay(double wd) {
    return new RatingTask(objective, model, imputation, epochs, batchSize, learningRate, wd, propensityFloor,
        seed, device);
  }

  /** Propensities below {@code floor} are raised to it (0 = no clipping). */
  public RatingTask propensityFloor(double floor) {
    return new RatingTask(objective, model, imputation, epochs, batchSize, learningRate, weightDecay, floor,
        seed, device);
  }

  /** Seed of the parameter initialization, the shuffling and the DR cell sampling. */
  public RatingTask seed(long s) {
    return new RatingTask(objective, model, imputation, epochs, batchSize, learningRate, weightDecay,
        propensityFloor, s, device);
  }

  /** auto, cpu or gpu (see {@link siebench.train.Devices}). */
  public RatingTask device(String d) {
    return new RatingTask(objective, model, imputation, epochs, batchSize, learningRate, weightDecay,
        propensityFloor, seed, d);
  }

  public RatingObjective objective() {
    return objective;
  }

  public MatrixFactorization model() {
    return model;
  }

  public MatrixFactorization imputation() {
    return imputation;
  }

  public int epochs() {
    return epochs;
  }

  public int batchSize() {
    return batchSize;
  }

  public double learningRate() {
    return learningRate;
  }

  public double weightDecay() {
    return weightDecay;
  }

  public double propensityFloor() {
    return propensityFloor;
  }

  public long seed() {
    return seed;
  }

  public String device() {
    return device;
  }

  /** Trains with the naive objective (fails for the others, which need propensities). */
  public RatingModel fit(RatingData data) {
    if (objective.needsPropensities()) {
      throw new IllegalStateException("the " + objective.shortName() + " objective needs propensities: use"
          + " fit(data, propensities) or fit(data, estimator, marSample)");
    }
    return RatingTrainer.train(this, data, null);
  }

  /** Trains on {@code data.train()} with the given propensities of its rows (ignored by the naive objective). */
  public RatingModel fit(RatingData data, double[] propensities) {
    return RatingTrainer.train(this, data, propensities);
  }

  /** Estimates the propensities with {@code estimator} (from {@code marSample} when it needs one), then trains. */
  public RatingModel fit(RatingData data, PropensityEstimator estimator, Samples marSample) {
    return fit(data, objective.needsPropensities() ? estimator.estimate(data, marSample) : null);
  }

  /** The settings without the objective, e.g. {@code mf{factors=8}, 40 epochs, batch 512, lr 0.01, ...}. */
  public String settings() {
    return String.format("%s, %d epochs, batch %d, Adam lr %s, weight decay %s%s", model, epochs, batchSize,
        learningRate, weightDecay, propensityFloor > 0 ? ", propensity floor " + propensityFloor : "");
  }

  @Override
  public String toString() {
    return objective.shortName() + " objective, " + settings();
  }
}
