package siebench.cvr;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import siebench.core.Numerics;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;

/**
 * A trained {@link MultiTaskNetwork} (ESMM's shared-embedding CTR and CVR towers, Ma et al. 2018, SIGIR) with
 * the encoder it was trained with and the task that trained it: predicts {@code pCTR}, {@code pCVR} and {@code
 * pCTCVR = pCTR * pCVR} for any impression. Holds native memory; {@link #close()} frees it.
 */
public final class CvrModel implements AutoCloseable {
  private static final int INFERENCE_BATCH = 16384;

  private final MultiTaskNetwork network;
  private final FeatureEncoder encoder;
  private final NDManager manager;
  private final ParameterStore store;
  private final CvrTask task;

  CvrModel(MultiTaskNetwork network, FeatureEncoder encoder, NDManager manager, CvrTask task) {
    this.network = network;
    this.encoder = encoder;
    this.manager = manager;
    this.store = new ParameterStore(manager, false);
    this.task = task;
  }

  /** The task (objective and settings) that trained this model. */
  public CvrTask task() {
    return task;
  }

  public MultiTaskNetwork network() {
    return network;
  }

  public FeatureEncoder encoder() {
    return encoder;
  }

  /** Predictions for the impressions of {@code data}. */
  public CvrPredictions predict(ConversionData data) {
    return predict(data.samples());
  }

  /** Predictions for {@code samples} (encoded with the training encoder: unseen values are out of vocabulary). */
  public CvrPredictions predict(Samples samples) {
    EncodedData data = encoder.encode(samples);
    int n = data.rows();
    int f = data.layout().fields();
    int d = data.layout().dense();
    double[] ctr = new double[n];
    double[] cvr = new double[n];
    double[] ctcvr = new double[n];
    for (int start = 0; start < n; start += INFERENCE_BATCH) {
      int end = Math.min(n, start + INFERENCE_BATCH);
      int b = end - start;
      try (NDManager m = manager.newSubManager()) {
        long[] cat = new long[b * f];
        System.arraycopy(data.cat(), start * f, cat, 0, b * f);
        float[] dense = new float[b * d];
        System.arraycopy(data.dense(), start * d, dense, 0, b * d);
        NDList in = new NDList(m.create(cat, new Shape(b, f)), m.create(dense, new Shape(b, d)));
        NDList out = network.forward(store, in, false);
        float[] zc = out.get(0).toFloatArray();
        float[] zv = out.get(1).toFloatArray();
        for (int i = 0; i < b; i++) {
          ctr[start + i] = Numerics.sigmoid(zc[i]);
          cvr[start + i] = Numerics.sigmoid(zv[i]);
          ctcvr[start + i] = ctr[start + i] * cvr[start + i];
        }
      }
    }
    return new CvrPredictions(ctr, cvr, ctcvr);
  }

  @Override
  public void close() {
    manager.close();
  }

  @Override
  public String toString() {
    return "CvrModel" + task.describe();
  }
}
