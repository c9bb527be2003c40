package siebench.cvr;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import siebench.core.Progress;
import siebench.features.EncoderOptions;

/**
 * A conversion-rate training task: the {@link CvrObjective} (naive, ESMM of Ma et al. 2018, Multi-IPS or
 * Multi-DR of Zhang et al. 2020), the {@link MultiTaskNetwork}'s size and the optimizer. Immutable: every
 * setter returns a new task, as {@link siebench.train.CtrTask} does.
 *
 * <pre>{@code
 * CvrModel m = cvr().objective(esmm()).epochs(3).seed(7).fit(train);
 * CvrPredictions p = m.predict(test.samples());
 * }</pre>
 */
public final class CvrTask {
  private CvrObjective objective = new NaiveCvr();
  private int embeddingDim = 16;
  private int[] hidden = {64, 32};
  private int epochs = 3;
  private int batchSize = 2048;
  private double learningRate = 1e-3;
  private double weightDecay;
  private long seed = 7;
  private String device = "auto";
  private Progress progress = Progress.silent();
  private EncoderOptions encoderOptions = EncoderOptions.defaults();

  private CvrTask() {}

  /**
   * The default task: the naive objective, 16-dimensional shared embeddings, 64-32 towers, 3 epochs, batch
   * 2048, Adam with learning rate 1e-3, seed 7, silent.
   */
  public static CvrTask cvr() {
    return new CvrTask();
  }

  private CvrTask copy() {
    CvrTask t = new CvrTask();
    t.objective = objective;
    t.embeddingDim = embeddingDim;
    t.hidden = hidden;
    t.epochs = epochs;
    t.batchSize = batchSize;
    t.learningRate = learningRate;
    t.weightDecay = weightDecay;
    t.seed = seed;
    t.device = device;
    t.progress = progress;
    t.encoderOptions = encoderOptions;
    return t;
  }

  public CvrTask objective(CvrObjective o) {
    if (o == null) {
      throw new IllegalArgumentException("objective must not be null");
    }
    CvrTask t = copy();
    t.objective = o;
    return t;
  }

  /** Size of the embeddings shared by the towers. */
  public CvrTask embeddingDim(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("embeddingDim must be >= 1, got " + k);
    }
    CvrTask t = copy();
    t.embeddingDim = k;
    return t;
  }

  /** Hidden widths of every tower (CTR, CVR and the Multi-DR imputation tower). */
  public CvrTask hidden(int... widths) {
    for (int w : widths) {
      if (w < 1) {
        throw new IllegalArgumentException("hidden widths must be >= 1, got " + Arrays.toString(widths));
      }
    }
    CvrTask t = copy();
    t.hidden = widths.clone();
    return t;
  }

  public CvrTask epochs(int e) {
    if (e < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + e);
    }
    CvrTask t = copy();
    t.epochs = e;
    return t;
  }

  public CvrTask batchSize(int b) {
    if (b < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + b);
    }
    CvrTask t = copy();
    t.batchSize = b;
    return t;
  }

  public CvrTask learningRate(double lr) {
    if (!(lr > 0)) {
      throw new IllegalArgumentException("learningRate must be > 0, got " + lr);
    }
    CvrTask t = copy();
    t.learningRate = lr;
    return t;
  }

  /** L2 weight decay of Adam, default 0. */
  public CvrTask weightDecay(double wd) {
    if (!(wd >= 0)) {
      throw new IllegalArgumentException("weightDecay must be >= 0, got " + wd);
    }
    CvrTask t = copy();
    t.weightDecay = wd;
    return t;
  }

  /** Seed of the parameter initialization and of the shuffling. */
  public CvrTask seed(long s) {
    CvrTask t = copy();
    t.seed = s;
    return t;
  }

  /** "auto" (GPU when DJL sees one, else CPU), "cpu" or "gpu". */
  public CvrTask device(String d) {
    if (!d.equals("auto") && !d.equals("cpu") && !d.equals("gpu")) {
      throw new IllegalArgumentException("device must be auto, cpu or gpu, got " + d);
    }
    CvrTask t = copy();
    t.device = d;
    return t;
  }

  public CvrTask progress(Progress p) {
    CvrTask t = copy();
    t.progress = p;
    return t;
  }

  /** How features are encoded; the encoder is fitted on the training rows only. */
  public CvrTask encoder(EncoderOptions options) {
    CvrTask t = copy();
    t.encoderOptions = options;
    return t;
  }

  public CvrObjective objective() {
    return objective;
  }

  public int embeddingDim() {
    return embeddingDim;
  }

  public int[] hidden() {
    return hidden.clone();
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

  public String device() {
    return device;
  }

  public Progress progress() {
    return progress;
  }

  public EncoderOptions encoderOptions() {
    return encoderOptions;
  }

  /** Trains the multi-task network on {@code train} with this task's objective. */
  public CvrModel fit(ConversionData train) {
    return CvrTrainer.train(this, train);
  }

  /** Settings as a map, for reports. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("objective", objective);
    m.put("embeddingDim", embeddingDim);
    m.put("hidden", Arrays.toString(hidden));
    m.put("epochs", epochs);
    m.put("batchSize", batchSize);
    m.put("learningRate", learningRate);
    m.put("weightDecay", weightDecay);
    m.put("seed", seed);
    return m;
  }

  @Override
  public String toString() {
    return "cvr" + describe();
  }
}
