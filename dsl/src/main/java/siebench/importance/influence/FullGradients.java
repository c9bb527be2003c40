package siebench.importance.influence;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import siebench.core.Progress;
import siebench.features.EncodedData;
import siebench.model.CtrNetwork;
import siebench.model.Probe;
import siebench.train.Losses;
import siebench.train.TrainedModel;

/**
 * Exact per-sample gradients with respect to ALL trainable parameters, used only through dot products and
 * squared norms, in batched passes (no per-sample backward loop).
 *
 * <p>A {@link Probe} gives, for every parameterized layer, the per-sample gradient {@code dZ_i} at the layer's
 * output and its input {@code A_i}. Sample {@code i}'s gradient with respect to a weight {@code W} of {@code Z = A
 * W' + b} is {@code dZ_i A_i'}, so its dot product with a reference gradient {@code G_W} is {@code dZ_i . (G_W
 * A_i)}, and with {@code G_b} it is {@code dZ_i . G_b}; for a table lookup (embeddings, first-order weights) the
 * gradient scatters {@code dZ_i[f]} into row {@code idx_i[f]}, so the dot product is {@code sum_f dZ_i[f] .
 * G[idx_i[f]]}. The reference {@code G} (the summed validation gradient) comes from one ordinary backward pass.
 *
 * <p>The model's accumulated parameter gradients are saved before and restored after, so calling this from an
 * {@link siebench.train.EpochListener} leaves training unchanged.
 */
final class FullGradients {
  private FullGradients() {}

  /** How a probe tap maps to parameters. */
  private record TapParams(String weight, String bias, boolean lookup) {}

  static TapParams tapParams(String tap) {
    return switch (tap) {
      case "linear", "embedding" -> new TapParams(tap, null, true);
      case "bias" -> new TapParams(null, "bias", false);
      case "dense_linear" -> new TapParams("dense_linear", null, false);
      case "output" -> new TapParams("output_weight", null, false);
      default -> {
        if (tap.matches("(mlp|cross)\\d+")) {
          yield new TapParams(tap + "_weight", tap + "_bias", false);
        }
        throw new IllegalStateException("unknown CtrNetwork layer '" + tap + "'; FullGradients does not know its "
            + "parameters");
      }
    };
  }

  /**
   * For each training row: {@code g_i . sum_v g_v} over the rows of {@code validation}, or {@code |g_i|^2} when
   * {@code validation} is null. Gradients are of the unweighted per-row BCE.
   */
  static double[] dotsOrNorms(TrainedModel model, EncodedData train, EncodedData validation, int batchSize,
      Progress progress) {
    CtrNetwork net = Forward.network(model);
    List<Parameter> params = model.parameters();
    Engine engine = Engine.getInstance();
    try (NDManager root = NDManager.newBaseManager(model.device())) {
      ParameterStore store = new ParameterStore(root, false);
      NDArray[] saved = saveGradients(params, root);
      try {
        Map<String, NDArray> g = validation == null ? null
            : validationSum(net, store, params, validation, batchSize, root, engine, progress);
        double[] out = new double[train.rows()];
        boolean checked = false;
        for (int start = 0; start < train.rows(); start += batchSize) {
          progress.checkCancelled();
          int end = Math.min(train.rows(), start + batchSize);
          try (NDManager m = root.newSubManager()) {
            NDList in = Forward.inputs(m, train, start, end);
            Probe probe = new Probe();
            PairList<String, Object> pl = new PairList<>();
            pl.add(CtrNetwork.PROBE, probe);
            try (GradientCollector gc = engine.newGradientCollector()) {
              NDArray z = net.forward(store, new NDList(in.get(0), in.get(1)), true, pl).get(0);
              gc.backward(Losses.bce(z, in.get(2)).sum());
            }
            if (!checked) {
              checkCoverage(probe, params);
              checked = true;
            }
            NDArray r = g == null ? probe.squaredNorms() : dots(probe, g, in.get(0));
            float[] v = r.toFloatArray();
            for (int k = 0; k < v.length; k++) {
              out[start + k] = v[k];
            }
          }
        }
        return out;
      } finally {
        restoreGradients(params, saved);
      }
    }
  }

  private static NDArray dots(Probe probe, Map<String, NDArray> g, NDArray idx) {
    NDArray total = null;
    for (String tap : probe.names()) {
      TapParams tp = tapParams(tap);
      NDArray dz = probe.gradient(tap);
      long b = dz.getShape().get(0);
      NDArray term;
      if (tp.lookup()) {
        NDArray rows = idx.getNDArrayInternal().embedding(idx, g.get(tp.weight()), SparseFormat.DENSE).get(0);
        term = dz.mul(rows).reshape(b, -1).sum(new int[] {1});
      } else if (tp.weight() == null) { // scalar bias broadcast to [B]
        term = dz.reshape(b).mul(g.get(tp.bias()).reshape(1));
      } else {
        NDArray a = probe.input(tap);
        NDArray dz2 = dz.reshape(b, -1);
        term = a.reshape(b, -1).matMul(g.get(tp.weight()).transpose()).mul(dz2).sum(new int[] {1});
        if (tp.bias() != null) {
          term = term.add(dz2.mul(g.get(tp.bias()).reshape(1, -1)).sum(new int[] {1}));
        }
      }
      total = total == null ? term : total.add(term);
    }
    return total;
  }

  /** Fails unless the probe's layers account for exactly the model's parameters. */
  private static void checkCoverage(Probe probe, List<Parameter> params) {
    Set<String> covered = new TreeSet<>();
    for (String tap : probe.names()) {
      TapParams tp = tapParams(tap);
      if (tp.weight() != null) {
        covered.add(tp.weight());
      }
      if (tp.bias() != null) {
        covered.add(tp.bias());
      }
    }
    Set<String> all = new TreeSet<>();
    params.forEach(p -> all.add(p.getName()));
    if (!covered.equals(all)) {
      throw new IllegalStateException("probe layers cover parameters " + covered + " but the model has " + all);
    }
  }

  private static Map<String, NDArray> validationSum(CtrNetwork net, ParameterStore store, List<Parameter> params,
      EncodedData validation, int batchSize, NDManager root, Engine engine, Progress progress) {
    zeroGradients(params);
    for (int start = 0; start < validation.rows(); start += batchSize) {
      progress.checkCancelled();
      int end = Math.min(validation.rows(), start + batchSize);
      try (NDManager m = root.newSubManager()) {
        NDList in = Forward.inputs(m, validation, start, end);
        try (GradientCollector gc = engine.newGradientCollector()) {
          NDArray z = net.forward(store, new NDList(in.get(0), in.get(1)), true).get(0);
          gc.backward(Losses.bce(z, in.get(2)).sum());
        }
      }
    }
    Map<String, NDArray> g = new HashMap<>();
    for (Parameter p : params) {
      try (NDArray grad = p.getArray().getGradient()) {
        NDArray copy = grad.duplicate();
        copy.attach(root);
        g.put(p.getName(), copy);
      }
    }
    return g;
  }

  static NDArray[] saveGradients(List<Parameter> params, NDManager root) {
    NDArray[] saved = new NDArray[params.size()];
    for (int i = 0; i < saved.length; i++) {
      NDArray a = params.get(i).getArray();
      if (!a.hasGradient()) {
        continue;
      }
      try (NDArray grad = a.getGradient()) {
        saved[i] = grad.duplicate();
        saved[i].attach(root);
      } catch (RuntimeException e) {
        saved[i] = null; // no gradient recorded yet
      }
    }
    return saved;
  }

  private static void zeroGradients(List<Parameter> params) {
    for (Parameter p : params) {
      NDArray a = p.getArray();
      if (!a.hasGradient()) {
        continue;
      }
      try (NDArray grad = a.getGradient()) {
        grad.muli(0);
      } catch (RuntimeException e) {
        // no gradient recorded yet: nothing to zero
      }
    }
  }

  static void restoreGradients(List<Parameter> params, NDArray[] saved) {
    for (int i = 0; i < saved.length; i++) {
      NDArray a = params.get(i).getArray();
      if (!a.hasGradient()) {
        continue;
      }
      try (NDArray grad = a.getGradient()) {
        grad.muli(0);
        if (saved[i] != null) {
          grad.addi(saved[i]);
        }
      } catch (RuntimeException e) {
        // no gradient was ever recorded
      }
    }
  }
}
