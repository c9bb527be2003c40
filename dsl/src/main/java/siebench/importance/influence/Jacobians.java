package siebench.importance.influence;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import siebench.core.Progress;
import siebench.features.EncodedData;
import siebench.model.CtrNetwork;
import siebench.model.Probe;
import siebench.train.TrainedModel;

/**
 * Per-sample gradients of the LOGIT with respect to all trainable parameters but the scalar output bias,
 * materialized row by row ({@code J_i = dz_i / dtheta}), from one batched backward pass per batch: a {@link
 * Probe} gives each layer's per-sample output gradient {@code dZ_i} and input {@code A_i}; a dense layer's
 * weight gradient is {@code dZ_i A_i'}, its bias gradient {@code dZ_i}, and a table lookup scatters {@code
 * dZ_i[f]} into row {@code idx_i[f]} (Goodfellow 2015's outer-product identity, as in {@link FullGradients}).
 * The sequence models (DIN, BST) tap every parameter use with {@link Probe#tapLayer}, {@link Probe#tapLookup}
 * and {@link Probe#tapParameter}: a layer shared over the history positions contributes {@code sum_p dZ_ip
 * A_ip'}, a lookup scatter-adds into the rows it read, so repeated items add up.
 * Parameters are flattened row-major in the order of {@link TrainedModel#parameters()}.
 *
 * <p>The loss gradient of row {@code i} is {@code (p_i - y_i) [J_i, 1]} (the 1 for the output bias), so these
 * rows, with the intercept appended by {@link DenseDesign}, are the design of the network linearized at its
 * weights. Memory: {@code rows x dimension} floats, or {@code rows x d} with a {@link Projection} applied batch
 * by batch. The model's accumulated gradients are saved and restored.
 */
final class Jacobians {
  private Jacobians() {}

  /** Largest {@code rows x dimension} materialized without a projection. */
  static final long MAX_ENTRIES = 250_000_000L;

  /** Offsets of each parameter (except "bias") in the flattened vector; the value for key "" is the total. */
  static Map<String, Integer> layout(TrainedModel model) {
    Map<String, Integer> m = new LinkedHashMap<>();
    long off = 0;
    for (Parameter p : model.parameters()) {
      if (p.getName().equals("bias")) {
        continue;
      }
      m.put(p.getName(), (int) off);
      off += p.getArray().getShape().size();
    }
    if (off > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("the model has " + off + " parameters, too many to materialize");
    }
    m.put("", (int) off);
    return m;
  }

  /** Rows {@code J_i} (or {@code P J_i}) and the logits of {@code data}. */
  record Rows(float[][] rows, double[] logits) {}

  static Rows compute(TrainedModel model, EncodedData data, Projection projection, int batchSize,
      Progress progress) {
    Block net = Forward.allParameters(model);
    Map<String, Integer> layout = layout(model);
    int dim = layout.get("");
    if (projection != null && projection.inputDim() != dim) {
      throw new IllegalArgumentException("projection expects " + projection.inputDim() + " inputs, the model has "
          + dim + " parameters besides the output bias");
    }
    if (projection == null && (long) data.rows() * dim > MAX_ENTRIES) {
      throw new IllegalArgumentException(data.rows() + " rows x " + dim + " parameters is too large to "
          + "materialize; project the gradients (projectTo(d))");
    }
    List<Parameter> params = model.parameters();
    float[][] out = new float[data.rows()][];
    double[] logits = new double[data.rows()];
    Engine engine = Engine.getInstance();
    int f = data.layout().fields();
    try (NDManager root = NDManager.newBaseManager(model.device())) {
      ParameterStore store = new ParameterStore(root, false);
      NDArray[] saved = FullGradients.saveGradients(params, root);
      try {
        for (int start = 0; start < data.rows(); start += batchSize) {
          progress.checkCancelled();
          int end = Math.min(data.rows(), start + batchSize);
          int b = end - start;
          try (NDManager m = root.newSubManager()) {
            NDList in = TrainedModel.inputs(m, data, start, end);
            Probe probe = new Probe();
            PairList<String, Object> pl = new PairList<>();
            pl.add(CtrNetwork.PROBE, probe);
            float[] z;
            try (GradientCollector gc = engine.newGradientCollector()) {
              NDArray logit = net.forward(store, in, true, pl).get(0);
              z = logit.toFloatArray();
              gc.backward(logit.sum());
            }
            long[] idx = in.get(0).toLongArray();
            double[][] rows = new double[b][dim];
            if (!probe.parameterTaps().isEmpty()) {
              addParameterTaps(probe, layout, rows, start == 0);
            }
            for (String tap : probe.names()) {
              if (tap.equals("bias")) {
                continue;
              }
              float[] dz = probe.gradient(tap).toFloatArray();
              int width = dz.length / b;
              switch (tap) {
                case "linear", "embedding" -> {
                  int base = layout.get(tap);
                  int k = width / f;
                  for (int r = 0; r < b; r++) {
                    for (int ff = 0; ff < f; ff++) {
                      int row = (int) idx[r * f + ff];
                      for (int c = 0; c < k; c++) {
                        rows[r][base + row * k + c] += dz[r * width + ff * k + c];
                      }
                    }
                  }
                }
                default -> {
                  String weight = tap.equals("output") || tap.equals("dense_linear")
                      ? (tap.equals("output") ? "output_weight" : "dense_linear") : tap + "_weight";
                  Integer wBase = layout.get(weight);
                  if (wBase == null) {
                    throw new IllegalStateException("unknown CtrNetwork layer '" + tap + "'");
                  }
                  float[] a = probe.input(tap).toFloatArray();
                  int in2 = a.length / b;
                  for (int r = 0; r < b; r++) {
                    for (int o = 0; o < width; o++) {
                      double g = dz[r * width + o];
                      if (g == 0) {
                        continue;
                      }
                      int base = wBase + o * in2;
                      for (int j = 0; j < in2; j++) {
                        rows[r][base + j] += g * a[r * in2 + j];
                      }
                    }
                  }
                  Integer bBase = layout.get(tap + "_bias");
                  if (bBase != null) {
                    for (int r = 0; r < b; r++) {
                      for (int o = 0; o < width; o++) {
                        rows[r][bBase + o] += dz[r * width + o];
                      }
                    }
                  }
                }
              }
            }
            for (int r = 0; r < b; r++) {
              logits[start + r] = z[r];
              if (projection != null) {
                out[start + r] = projection.apply(rows[r]);
              } else {
                float[] fr = new float[dim];
                for (int j = 0; j < dim; j++) {
                  fr[j] = (float) rows[r][j];
                }
                out[start + r] = fr;
              }
            }
          }
          progress.update("influence: per-sample Jacobians", end, data.rows(), dim + " parameters"
              + (projection == null ? "" : ", projected to " + projection.outputDim()));
        }
      } finally {
        FullGradients.restoreGradients(params, saved);
      }
    }
    return new Rows(out, logits);
  }

  /**
   * Adds the per-sample logit gradients recorded by {@link Probe#parameterTaps()} (layers shared over positions,
   * table lookups, parameters broadcast per sample; see {@link Probe.Kind}) into {@code rows}; with {@code check},
   * fails unless the taps account for exactly the parameters of {@code layout}.
   */
  static void addParameterTaps(Probe probe, Map<String, Integer> layout, double[][] rows, boolean check) {
    int b = rows.length;
    Set<String> covered = new TreeSet<>();
    for (Probe.ParameterTap t : probe.parameterTaps()) {
      Integer base = layout.get(t.weight());
      if (base == null) { // the output bias: the intercept of the design
        if (!t.weight().equals("bias")) {
          throw new IllegalStateException("tap '" + t.name() + "' is of unknown parameter '" + t.weight() + "'");
        }
        continue;
      }
      covered.add(t.weight());
      NDArray dz = t.gradient();
      switch (t.kind()) {
        case PARAMETER -> addRows(rows, base, dz.toFloatArray());
        case LOOKUP -> {
          float[] g = dz.toFloatArray();
          long[] idx = t.indices().toLongArray();
          int q = idx.length / b;
          int k = g.length / idx.length;
          for (int r = 0; r < b; r++) {
            for (int j = 0; j < q; j++) {
              int off = base + (int) idx[r * q + j] * k;
              int src = (r * q + j) * k;
              for (int c = 0; c < k; c++) {
                rows[r][off + c] += g[src + c];
              }
            }
          }
        }
        case LAYER -> {
          addRows(rows, base, dz.transpose(0, 2, 1).matMul(t.input()).toFloatArray()); // sum_p dZ_p A_p'
          if (t.bias() != null) {
            Integer bb = layout.get(t.bias());
            if (bb == null) {
              throw new IllegalStateException("tap '" + t.name() + "': unknown bias '" + t.bias() + "'");
            }
            covered.add(t.bias());
            addRows(rows, bb, dz.sum(new int[] {1}).toFloatArray());
          }
        }
        default -> throw new IllegalStateException("unknown tap kind " + t.kind());
      }
    }
    if (check) {
      Set<String> all = new TreeSet<>(layout.keySet());
      all.remove("");
      if (!covered.equals(all)) {
        throw new IllegalStateException("the probe's taps cover parameters " + covered + " but the model has " + all);
      }
    }
  }

  /** Adds a {@code [B, width]} row-major block at column {@code base} of every row. */
  private static void addRows(double[][] rows, int base, float[] g) {
    int width = g.length / rows.length;
    for (int r = 0; r < rows.length; r++) {
      double[] row = rows[r];
      for (int j = 0; j < width; j++) {
        row[base + j] += g[r * width + j];
      }
    }
  }
}
