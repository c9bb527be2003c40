package siebench.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import siebench.core.Progress;
import siebench.data.Learner;
import siebench.data.Samples;
import siebench.features.EncoderOptions;
import siebench.model.ModelSpec;
import siebench.model.Models;

/**
 * A CTR training task: which model, how to optimize it, how to evaluate it. Immutable (every field final) in the
 * style of jOOQ / Tablesaw: every setter returns a new task.
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
  private final LossModifier lossModifier;
  private final Objective objective;
  private final EncoderOptions encoderOptions;
  private final EmbeddingUpdates embeddingUpdates;

  private CtrTask(Settings s) {
    this.model = s.model;
    this.epochs = s.epochs;
    this.batchSize = s.batchSize;
    this.learningRate = s.learningRate;
    this.weightDecay = s.weightDecay;
    this.seed = s.seed;
    this.patience = s.patience;
    this.validationFraction = s.validationFraction;
    this.testFraction = s.testFraction;
    this.test = s.test;
    this.validation = s.validation;
    this.progress = s.progress;
    this.device = s.device;
    this.lossModifier = s.lossModifier;
    this.objective = s.objective;
    this.encoderOptions = s.encoderOptions;
    this.embeddingUpdates = s.embeddingUpdates;
  }

  /** The mutable scratch copy behind every setter: each setter copies the task, changes one field, freezes it. */
  private static final class Settings {
    ModelSpec model;
    int epochs;
    int batchSize;
    double learningRate;
    double weightDecay;
    long seed;
    int patience;
    double validationFraction;
    double testFraction;
    Samples test;
    Samples validation;
    Progress progress;
    String device;
    LossModifier lossModifier;
    Objective objective;
    EncoderOptions encoderOptions;
    EmbeddingUpdates embeddingUpdates;
  }

  private CtrTask with(Consumer<Settings> change) {
    Settings s = new Settings();
    s.model = model;
    s.epochs = epochs;
    s.batchSize = batchSize;
    s.learningRate = learningRate;
    s.weightDecay = weightDecay;
    s.seed = seed;
    s.patience = patience;
    s.validationFraction = validationFraction;
    s.testFraction = testFraction;
    s.test = test;
    s.validation = validation;
    s.progress = progress;
    s.device = device;
    s.lossModifier = lossModifier;
    s.objective = objective;
    s.encoderOptions = encoderOptions;
    s.embeddingUpdates = embeddingUpdates;
    change.accept(s);
    return new CtrTask(s);
  }

  /**
   * The default task: DeepFM, 3 epochs, batch 4096, Adam with learning rate 1e-3, seed 7, early stopping with
   * patience 2 on a 10% validation split, and a 20% test split when no test samples are given.
   */
  public static CtrTask ctr() {
    Settings s = new Settings();
    s.model = Models.deepFm();
    s.epochs = 3;
    s.batchSize = 4096;
    s.learningRate = 1e-3;
    s.seed = 7;
    s.patience = 2;
    s.validationFraction = 0.1;
    s.testFraction = 0.2;
    s.progress = Progress.standard();
    s.device = "auto";
    s.objective = Objective.bce();
    s.encoderOptions = EncoderOptions.defaults();
    s.embeddingUpdates = EmbeddingUpdates.AUTO;
    return new CtrTask(s);
  }

  /**
   * Dense or lazy (batch rows only) Adam updates of the embedding tables; default {@link EmbeddingUpdates#AUTO}:
   * lazy from {@value EmbeddingUpdates#LAZY_FROM_ROWS} embedding rows.
   */
  public CtrTask embeddingUpdates(EmbeddingUpdates u) {
    Objects.requireNonNull(u, "embedding updates");
    return with(s -> s.embeddingUpdates = u);
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
    Objects.requireNonNull(o, "objective");
    return with(s -> s.objective = o);
  }

  public Objective objective() {
    return objective;
  }

  /** How features are encoded (vocabularies or hashing, numeric transform, history length). */
  public CtrTask encoder(EncoderOptions options) {
    return with(s -> s.encoderOptions = options);
  }

  public EncoderOptions encoderOptions() {
    return encoderOptions;
  }

  /** Reweights rows' losses during training (e.g. adaptive denoising); null for plain weighted BCE. */
  public CtrTask lossModifier(LossModifier m) {
    return with(s -> s.lossModifier = m);
  }

  public LossModifier lossModifier() {
    return lossModifier;
  }

  public CtrTask model(ModelSpec m) {
    return with(s -> s.model = m);
  }

  public CtrTask epochs(int e) {
    if (e < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + e);
    }
    return with(s -> s.epochs = e);
  }

  public CtrTask batchSize(int b) {
    if (b < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + b);
    }
    return with(s -> s.batchSize = b);
  }

  public CtrTask learningRate(double lr) {
    if (!(lr > 0)) {
      throw new IllegalArgumentException("learningRate must be > 0, got " + lr);
    }
    return with(s -> s.learningRate = lr);
  }

  /** L2 weight decay of the optimizer (Adam's decoupled-from-nothing classic form), default 0. */
  public CtrTask weightDecay(double wd) {
    return with(s -> s.weightDecay = wd);
  }

  public CtrTask seed(long seed) {
    return with(s -> s.seed = seed);
  }

  /** Early stopping: stop after {@code p} epochs without validation-AUC improvement; 0 disables it. */
  public CtrTask earlyStopping(int p) {
    return with(s -> s.patience = p);
  }

  /** Fraction of the training samples held out for early stopping when no validation set is given (0 = none). */
  public CtrTask validationFraction(double f) {
    return with(s -> s.validationFraction = f);
  }

  /** Fraction held out for the test metrics when no test set is given (0 = report training metrics only). */
  public CtrTask testFraction(double f) {
    return with(s -> s.testFraction = f);
  }

  /** Evaluates on these samples instead of an internal test split. */
  public CtrTask testOn(Samples t) {
    return with(s -> s.test = t);
  }

  /** Early-stops on these samples instead of an internal validation split. */
  public CtrTask validateOn(Samples v) {
    return with(s -> s.validation = v);
  }

  public CtrTask progress(Progress p) {
    return with(s -> s.progress = p);
  }

  /** "auto" (GPU when DJL sees one, else CPU), "cpu" or "gpu". */
  public CtrTask device(String d) {
    if (!d.equals("auto") && !d.equals("cpu") && !d.equals("gpu")) {
      throw new IllegalArgumentException("device must be auto, cpu or gpu, got " + d);
    }
    return with(s -> s.device = d);
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
