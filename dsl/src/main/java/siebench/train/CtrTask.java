package siebench.train;

import java.util.LinkedHashMap;
import java.util.Map;
import siebench.data.Learner;
import siebench.data.Samples;
import siebench.features.EncoderOptions;
import siebench.model.ModelSpec;
import siebench.model.Models;

/**
 * A CTR training task: which model, how to optimize it, how to evaluate it. Immutable builder in the style of
 * jOOQ / Tablesaw: every setter returns a new task.
 *
 * <pre>{@code
 * TrainResult r = samples.train(ctr().model(deepFm()).epochs(5).batchSize(4096).learningRate(1e-3));
 * }</pre>
 *
 * <p>Weighted binary cross-entropy {@code sum_i w_i * bce_i / sum_i w_i} is used when the samples carry
 * weights, so a weight of 0 is exactly the same as removing the row.
 */
public final class CtrTask implements Learner<TrainResult> {
  private final ModelSpec model;
  private final int epochs;
  private final int batchSize;
  private final double learningRate;
  private final double weightDecay;
  private final long seed;
  private final int patience;
  private final double validationFraction;
  private final double testFraction;
  private final Samples test;
  private final Samples validation;
  private final Progress progress;
  private final String device;
  private LossModifier lossModifier;
  private Objective objective = Objective.bce();
  private EncoderOptions encoderOptions = EncoderOptions.defaults();
  private EmbeddingUpdates embeddingUpdates = EmbeddingUpdates.AUTO;

  private CtrTask(ModelSpec model, int epochs, int batchSize, double learningRate, double weightDecay, long seed,
      int patience, double validationFraction, double testFraction, Samples test, Samples validation,
      Progress progress, String device) {
    this.model = model;
    this.epochs = epochs;
    this.batchSize = batchSize;
    this.learningRate = learningRate;
    this.weightDecay = weightDecay;
    this.seed = seed;
    this.patience = patience;
    this.validationFraction = validationFraction;
    this.testFraction = testFraction;
    this.test = test;
    this.validation = validation;
    this.progress = progress;
    this.device = device;
  }

  /**
   * The default task: DeepFM, 3 epochs, batch 4096, Adam with learning rate 1e-3, seed 7, early stopping with
   * patience 2 on a 10% validation split, and a 20% test split when no test samples are given.
   */
  public static CtrTask ctr() {
    return new CtrTask(Models.deepFm(), 3, 4096, 1e-3, 0, 7, 2, 0.1, 0.2, null, null, Progress.standard(), "auto");
  }

  private CtrTask copy(ModelSpec m, int e, int b, double lr, double wd, long s, int p, double vf, double tf,
      Samples te, Samples va, Progress pr, String dev) {
    CtrTask t = new CtrTask(m, e, b, lr, wd, s, p, vf, tf, te, va, pr, dev);
    t.lossModifier = lossModifier;
    t.objective = objective;
    t.encoderOptions = encoderOptions;
    t.embeddingUpdates = embeddingUpdates;
    return t;
  }

  /**
   * Dense or lazy (batch rows only) Adam updates of the embedding tables; default {@link EmbeddingUpdates#AUTO}:
   * lazy from {@value EmbeddingUpdates#LAZY_FROM_ROWS} embedding rows.
   */
  public CtrTask embeddingUpdates(EmbeddingUpdates u) {
    CtrTask t = copy(model, epochs, batchSize, learningRate, weightDecay, seed, patience, validationFraction,
        testFraction, test, validation, progress, device);
    t.embeddingUpdates = java.util.Objects.requireNonNull(u, "embedding updates");
    return t;
  }

  public EmbeddingUpdates embeddingUpdates() {
    return embeddingUpdates;
  }

  /**
   * What training minimises (default {@link Objective#bce()}); the unbiased position-bias objectives
   * ({@link Objective#ips()}, {@link Objective#snips()}, {@link Objective#pairwiseIps()}) read the samples'
   * propensity column.
   */
  public CtrTask objective(Objective o) {
    CtrTask t = copy(model, epochs, batchSize, learningRate, weightDecay, seed, patience, validationFraction,
        testFraction, test, validation, progress, device);
    t.objective = java.util.Objects.requireNonNull(o, "objective");
    return t;
  }

  public Objective objective() {
    return objective;
  }

  /** How features are encoded (vocabularies or hashing, numeric transform, history length). */
  public CtrTask encoder(EncoderOptions options) {
    CtrTask t = copy(model, epochs, batchSize, learningRate, weightDecay, seed, patience, validationFraction,
        testFraction, test, validation, progress, device);
    t.encoderOptions = options;
    return t;
  }

  public EncoderOptions encoderOptions() {
    return encoderOptions;
  }

  /** Reweights rows' losses during training (e.g. adaptive denoising); null for plain weighted BCE. */
  public CtrTask lossModifier(LossModifier m) {
    CtrTask t = copy(model, epochs, batchSize, learningRate, weightDecay, seed, patience, validationFraction,
        testFraction, test, validation, progress, device);
    t.lossModifier = m;
    return t;
  }

  public LossModifier lossModifier() {
    return lossModifier;
  }

  public CtrTask model(ModelSpec m) {
    return copy(m, epochs, batchSize, learningRate, weightDecay, seed, patience, validationFraction, testFraction,
        test, validation, progress, device);
  }

  public CtrTask epochs(int e) {
    if (e < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + e);
    }
    return copy(model, e, batchSize, learningRate, weightDecay, seed, patience, validationFraction, testFraction,
        test, validation, progress, device);
  }

  public CtrTask batchSize(int b) {
    if (b < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + b);
    }
    return copy(model, epochs, b, learningRate, weightDecay, seed, patience, validationFraction, testFraction,
        test, validation, progress, device);
  }

  public CtrTask learningRate(double lr) {
    if (!(lr > 0)) {
      throw new IllegalArgumentException("learningRate must be > 0, got " + lr);
    }
    return copy(model, epochs, batchSize, lr, weightDecay, seed, patience, validationFraction, testFraction, test,
        validation, progress, device);
  }

  /** L2 weight decay of the optimizer (Adam's decoupled-from-nothing classic form), default 0. */
  public CtrTask weightDecay(double wd) {
    return copy(model, epochs, batchSize, learningRate, wd, seed, patience, validationFraction, testFraction, test,
        validation, progress, device);
  }

  public CtrTask seed(long s) {
    return copy(model, epochs, batchSize, learningRate, weightDecay, s, patience, validationFraction, testFraction,
        test, validation, progress, device);
  }

  /** Early stopping: stop after {@code p} epochs without validation-AUC improvement; 0 disables it. */
  public CtrTask earlyStopping(int p) {
    return copy(model, epochs, batchSize, learningRate, weightDecay, seed, p, validationFraction, testFraction, test,
        validation, progress, device);
  }

  /** Fraction of the training samples held out for early stopping when no validation set is given (0 = none). */
  public CtrTask validationFraction(double f) {
    return copy(model, epochs, batchSize, learningRate, weightDecay, seed, patience, f, testFraction, test,
        validation, progress, device);
  }

  /** Fraction held out for the test metrics when no test set is given (0 = report training metrics only). */
  public CtrTask testFraction(double f) {
    return copy(model, epochs, batchSize, learningRate, weightDecay, seed, patience, validationFraction, f, test,
        validation, progress, device);
  }

  /** Evaluates on these samples instead of an internal test split. */
  public CtrTask testOn(Samples t) {
    return copy(model, epochs, batchSize, learningRate, weightDecay, seed, patience, validationFraction, testFraction,
        t, validation, progress, device);
  }

  /** Early-stops on these samples instead of an internal validation split. */
  public CtrTask validateOn(Samples v) {
    return copy(model, epochs, batchSize, learningRate, weightDecay, seed, patience, validationFraction, testFraction,
        test, v, progress, device);
  }

  public CtrTask progress(Progress p) {
    return copy(model, epochs, batchSize, learningRate, weightDecay, seed, patience, validationFraction, testFraction,
        test, validation, p, device);
  }

  /** "auto" (GPU when DJL sees one, else CPU), "cpu" or "gpu". */
  public CtrTask device(String d) {
    if (!d.equals("auto") && !d.equals("cpu") && !d.equals("gpu")) {
      throw new IllegalArgumentException("device must be auto, cpu or gpu, got " + d);
    }
    return copy(model, epochs, batchSize, learningRate, weightDecay, seed, patience, validationFraction, testFraction,
        test, validation, progress, d);
  }

  public ModelSpec model() {
    return model;
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

  public long seed() {
    return seed;
  }

  public int patience() {
    return patience;
  }

  public double validationFraction() {
    return validationFraction;
  }

  public double testFraction() {
    return testFraction;
  }

  public Samples test() {
    return test;
  }

  public Samples validation() {
    return validation;
  }

  public Progress progress() {
    return progress;
  }

  public String device() {
    return device;
  }

  /** Settings as a map, for reports. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", model.name());
    m.putAll(model.parameters());
    m.put("epochs", epochs);
    m.put("batchSize", batchSize);
    m.put("learningRate", learningRate);
    m.put("weightDecay", weightDecay);
    m.put("seed", seed);
    m.put("earlyStopping", patience);
    if (objective.kind() != Objective.Kind.BCE) {
      m.putAll(objective.parameters());
    }
    return m;
  }

  /** Splits (if needed), encodes, trains and evaluates. */
  @Override
  public TrainResult fit(Samples samples) {
    return CtrTrainer.fit(this, samples);
  }

  @Override
  public String toString() {
    return "ctr" + describe();
  }
}
