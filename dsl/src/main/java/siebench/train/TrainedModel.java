package siebench.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import siebench.core.Numerics;
import siebench.data.Samples;
import siebench.features.BatchSource;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.model.CtrNetwork;
import siebench.model.ModelSpec;
import siebench.model.Probe;

/**
 * A trained CTR model with the encoder it was trained with: predicts probabilities and gives the per-sample
 * quantities that importance estimators need (logits, losses, representations, exact per-sample gradient
 * norms). Holds native memory; {@link #close()} frees it (it is also freed with the JVM).
 */
public final class TrainedModel implements AutoCloseable {
  /** Rows per forward pass at inference. */
  static final int INFERENCE_BATCH = 16384;

  private final ModelSpec spec;
  private final Block block;
  private final FeatureEncoder encoder;
  private final NDManager manager;
  private final Device device;
  private final ParameterStore store;

  TrainedModel(ModelSpec spec, Block block, FeatureEncoder encoder, NDManager manager) {
    this.spec = spec;
    this.block = block;
    this.encoder = encoder;
    this.manager = manager;
    this.device = manager.getDevice();
    this.store = new ParameterStore(manager, false);
  }

  /** The architecture and hyper-parameters the block was built from. */
  public ModelSpec spec() {
    return spec;
  }

  /**
   * Saves the model to directory {@code dir} (created if needed) in {@link ModelFormat}: spec, encoder and
   * parameters. {@link #load} gives a model with the same predictions.
   */
  public void save(Path dir) {
    ModelFormat.save(this, dir);
  }

  /** Loads a model saved by {@link #save} onto the CPU (or the device {@code auto} picks). */
  public static TrainedModel load(Path dir) {
    return ModelFormat.load(dir, Devices.pick("auto"));
  }

  public Block block() {
    return block;
  }

  public FeatureEncoder encoder() {
    return encoder;
  }

  public Device device() {
    return device;
  }

  NDManager manager() {
    return manager;
  }

  ParameterStore store() {
    return store;
  }

  /** Click probabilities for {@code samples}. */
  public double[] predict(Samples samples) {
    return predict(encoder.encode(samples));
  }

  /** Click probabilities for encoded rows. */
  public double[] predict(EncodedData data) {
    double[] z = logits(data);
    for (int i = 0; i < z.length; i++) {
      z[i] = Numerics.sigmoid(z[i]);
    }
    return z;
  }

  /** Rows per range when predicting from a {@link BatchSource}: whole inference batches. */
  public static final int SOURCE_RANGE = 4 * INFERENCE_BATCH;

  /**
   * Click probabilities for rows read range by range from {@code source} (e.g. an {@link
   * siebench.features.EncodedCache}); the same as {@link #predict(EncodedData)} on the rows in memory, since the
   * ranges hold whole inference batches.
   */
  public double[] predict(BatchSource source) {
    long n = source.size();
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(n + " rows do not fit in one array of predictions");
    }
    double[] out = new double[(int) n];
    for (long s = 0; s < n; s += SOURCE_RANGE) {
      double[] p = predict(source.read(s, (int) Math.min(SOURCE_RANGE, n - s)));
      System.arraycopy(p, 0, out, (int) s, p.length);
    }
    return out;
  }

  /** Logits for {@code samples}. */
  public double[] logits(Samples samples) {
    return logits(encoder.encode(samples));
  }

  /** Logits for encoded rows. */
  public double[] logits(EncodedData data) {
    double[] out = new double[data.rows()];
    forEachBatch(data, (start, m, in) -> {
      float[] z = block.forward(store, in.inputs(), false).get(0).toFloatArray();
      for (int i = 0; i < z.length; i++) {
        out[start + i] = z[i];
      }
    });
    return out;
  }

  /** Per-sample (unweighted) binary cross-entropy for {@code samples}. */
  public double[] losses(Samples samples) {
    return losses(encoder.encode(samples));
  }

  /** Per-sample (unweighted) binary cross-entropy for encoded rows. */
  public double[] losses(EncodedData data) {
    double[] z = logits(data);
    float[] y = data.labels();
    for (int i = 0; i < z.length; i++) {
      z[i] = Numerics.bce(z[i], y[i]);
    }
    return z;
  }

  /** The model's last hidden representation of each row (see {@link CtrNetwork}). */
  public float[][] representations(Samples samples) {
    return representations(encoder.encode(samples));
  }

  /** The model's last hidden representation of each encoded row. */
  public float[][] representations(EncodedData data) {
    float[][] out = new float[data.rows()][];
    forEachBatch(data, (start, m, in) -> {
      NDArray r = block.forward(store, in.inputs(), false).get(1);
      int h = (int) r.getShape().get(1);
      float[] flat = r.toFloatArray();
      for (int i = 0; i < flat.length / h; i++) {
        float[] row = new float[h];
        System.arraycopy(flat, i * h, row, 0, h);
        out[start + i] = row;
      }
    });
    return out;
  }

  /**
   * Exact per-sample L2 norms of the gradient of each row's (unweighted) loss with respect to all trainable
   * parameters, computed in batched backward passes with a {@link Probe} (no per-sample loop). The parameters do
   * not record gradients during these passes (only the probes do), so no parameter-sized gradient, in particular
   * none of the embedding tables, is computed or cleared: a pass costs about a training epoch's forward and backward
   * without the update.
   */
  public double[] gradientNorms(EncodedData data) {
    if (!(block instanceof CtrNetwork || block instanceof siebench.model.LinearHead)) {
      throw new UnsupportedOperationException("exact per-sample gradients need a CtrNetwork, NcfNetwork or "
          + "TwoTowerNetwork, got " + block.getClass().getSimpleName());
    }
    double[] out = new double[data.rows()];
    List<NDArray> recording = new ArrayList<>();
    for (Parameter p : parameters()) {
      if (p.getArray().hasGradient()) {
        recording.add(p.getArray());
      }
    }
    recording.forEach(a -> a.setRequiresGradient(false));
    try {
      forEachBatch(data, (start, m, in) -> {
        Probe probe = new Probe();
        PairList<String, Object> params = new PairList<>();
        params.add(CtrNetwork.PROBE, probe);
        try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
          NDArray z = block.forward(store, in.inputs(), true, params).get(0);
          NDArray y = in.labels();
          gc.backward(Losses.bce(z, y).sum());
        }
        float[] sq = probe.squaredNorms().toFloatArray();
        for (int i = 0; i < sq.length; i++) {
          out[start + i] = Math.sqrt(sq[i]);
        }
      });
    } finally {
      recording.forEach(a -> a.setRequiresGradient(true));
    }
    return out;
  }

  /** The trainable parameters, in block order. */
  public List<Parameter> parameters() {
    List<Parameter> list = new ArrayList<>();
    block.getParameters().forEach(p -> list.add(p.getValue()));
    return list;
  }

  /**
   * The current values of the trainable parameter {@code name}, flattened in row-major order: e.g. for
   * {@code logisticRegression()} the weights of the dense features, {@code "dense_linear"} (one per dense
   * column of the encoder's layout), and the intercept, {@code "bias"}.
   */
  public double[] parameterValues(String name) {
    List<String> names = new ArrayList<>();
    for (Parameter p : parameters()) {
      if (p.getName().equals(name)) {
        float[] v = p.getArray().toFloatArray();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
          out[i] = v[i];
        }
        return out;
      }
      names.add(p.getName());
    }
    throw new IllegalArgumentException("no parameter named '" + name + "'; this model has " + names);
  }

  interface BatchBody {
    void run(int start, NDManager m, Batch batch);
  }

  /**
   * One batch on the device: the model inputs ({@code cat, dense} and, when the layout has one, {@code
   * history}), labels and weights.
   */
  public record Batch(NDList inputs, NDArray labels, NDArray weights) {}

  /** Model inputs for rows {@code [start, end)} of {@code data}, created in {@code m}. */
  public static NDList inputs(NDManager m, EncodedData data, int start, int end) {
    int b = end - start;
    int f = data.layout().fields();
    int d = data.layout().dense();
    int l = data.layout().historyLength();
    long[] cat = new long[b * f];
    System.arraycopy(data.cat(), start * f, cat, 0, b * f);
    float[] dense = new float[b * d];
    System.arraycopy(data.dense(), start * d, dense, 0, b * d);
    NDList in = new NDList(m.create(cat, new Shape(b, f)), m.create(dense, new Shape(b, d)));
    if (l > 0) {
      long[] hist = new long[b * l];
      System.arraycopy(data.history(), start * l, hist, 0, b * l);
      in.add(m.create(hist, new Shape(b, l)));
    }
    return in;
  }

  /** Runs {@code body} over inference batches, each in its own sub-manager. */
  void forEachBatch(EncodedData data, BatchBody body) {
    int n = data.rows();
    for (int start = 0; start < n; start += INFERENCE_BATCH) {
      int end = Math.min(n, start + INFERENCE_BATCH);
      try (NDManager m = manager.newSubManager()) {
        NDList in = inputs(m, data, start, end);
        float[] y = new float[end - start];
        System.arraycopy(data.labels(), start, y, 0, y.length);
        float[] w = new float[end - start];
        System.arraycopy(data.weights(), start, w, 0, w.length);
        body.run(start, m, new Batch(in, m.create(y), m.create(w)));
      }
    }
  }

  static NDIndex rows(long from, long to) {
    return new NDIndex().addSliceDim(from, to);
  }

  @Override
  public void close() {
    manager.close();
  }
}
