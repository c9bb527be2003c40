package siebench.model;

import static siebench.model.ParameterArrays.value;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import siebench.features.FeatureLayout;

/**
 * One DJL block for the four tabular CTR architectures, all over a shared embedding layer (one table, each
 * categorical field owning a contiguous range of rows).
 *
 * <ul>
 *   <li>LR: {@code b + sum_f w[x_f] + u . dense}.
 *   <li>FM (Rendle 2010, "Factorization Machines"): LR plus {@code 1/2 sum_k ((sum_f e_fk)^2 - sum_f e_fk^2)}.
 *   <li>DeepFM (Guo et al. 2017, IJCAI): FM plus an MLP over the concatenated embeddings and dense values.
 *   <li>DCN-v2 (Wang et al. 2021, WWW, "DCN V2"): {@code x_{l+1} = x_0 * (W_l x_l + b_l) + x_l} (full-rank
 *       cross layers) in parallel with an MLP over {@code x_0}; logit from their concatenation.
 *   <li>MLP: a plain ReLU network over the concatenated embeddings and dense values.
 * </ul>
 *
 * <p>Input: {@code NDList(int64 [B, F] global embedding rows, float32 [B, D] dense)}. Output: {@code
 * NDList(logits [B], representation [B, H])}. Pass a {@link Probe} as parameter {@code "probe"} to record the
 * per-sample gradient terms of every parameterized layer.
 */
public final class CtrNetwork extends AbstractBlock {
  /** Name of the block parameter under which a {@link Probe} is passed to {@code forward}. */
  public static final String PROBE = "probe";
  /** Name of the block parameter under which {@link BatchRows} are passed to {@code forward}. */
  public static final String BATCH_ROWS = "batch_rows";

  /**
   * The embedding-table rows a batch uses, gathered into small tables for sparse updates: {@code local} are the
   * batch's indices renumbered into those rows ({@code [B, F]}), {@code embedding} ({@code [R, k]}, or null
   * without embeddings) and {@code linear} ({@code [R, 1]}, or null without first-order weights) the gathered
   * rows. Given to {@code forward}, the lookups read these instead of the full tables, so the backward pass
   * gives gradients for the {@code R} rows only.
   */
  public record BatchRows(NDArray local, NDArray embedding, NDArray linear) {}

  private final Architecture arch;
  private final FeatureLayout layout;
  private final int embeddingDim;
  private final int[] hidden;
  private final int crossLayers;
  private final Parameter embedding;
  private final Parameter linear;
  private final Parameter denseLinear;
  private final Parameter bias;
  private final List<Parameter[]> mlp = new ArrayList<>();
  private final List<Parameter[]> cross = new ArrayList<>();
  private final Parameter output;

  CtrNetwork(Architecture arch, FeatureLayout layout, int embeddingDim, int[] hidden, int crossLayers) {
    this.arch = arch;
    this.layout = layout;
    this.embeddingDim = embeddingDim;
    this.hidden = hidden.clone();
    this.crossLayers = crossLayers;
    long vocab = Math.max(1, layout.embeddingRows());
    int f = layout.fields();
    int d = layout.dense();
    boolean firstOrder = arch != Architecture.DCN_V2 && arch != Architecture.MLP;
    boolean embeddings = arch != Architecture.LOGISTIC_REGRESSION;
    linear = firstOrder && f > 0 ? param("linear", new Shape(vocab, 1), new ConstantInitializer(0f)) : null;
    denseLinear = firstOrder && d > 0 ? param("dense_linear", new Shape(1, d), new XavierInitializer()) : null;
    bias = param("bias", new Shape(1), new ConstantInitializer(0f));
    embedding = embeddings && f > 0
        ? param("embedding", new Shape(vocab, embeddingDim), new NormalInitializer(0.01f)) : null;
    int x0 = f * embeddingDim + d;
    int in = x0;
    if (deep()) {
      for (int i = 0; i < hidden.length; i++) {
        mlp.add(new Parameter[] {
            param("mlp" + i + "_weight", new Shape(hidden[i], in), new XavierInitializer()),
            param("mlp" + i + "_bias", new Shape(hidden[i]), new ConstantInitializer(0f))});
        in = hidden[i];
      }
    }
    if (arch == Architecture.DCN_V2) {
      for (int l = 0; l < crossLayers; l++) {
        cross.add(new Parameter[] {
            param("cross" + l + "_weight", new Shape(x0, x0), new XavierInitializer()),
            param("cross" + l + "_bias", new Shape(x0), new ConstantInitializer(0f))});
      }
      in = x0 + (hidden.length > 0 ? hidden[hidden.length - 1] : 0);
    }
    output = deep() ? param("output_weight", new Shape(1, in), new XavierInitializer()) : null;
  }

  private boolean deep() {
    return arch == Architecture.DEEP_FM || arch == Architecture.DCN_V2 || arch == Architecture.MLP;
  }

  private Parameter param(String name, Shape shape, ai.djl.training.initializer.Initializer init) {
    return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape)
        .optInitializer(init).build());
  }

  public Architecture architecture() {
    return arch;
  }

  public FeatureLayout layout() {
    return layout;
  }

  public int embeddingDim() {
    return embeddingDim;
  }

  public int[] hidden() {
    return hidden.clone();
  }

  public int crossLayers() {
    return crossLayers;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    Probe probe = Probe.in(params);
    BatchRows rows = params == null ? null : (BatchRows) params.get(BATCH_ROWS);
    NDArray idx = inputs.get(0);
    NDArray lookup = rows == null ? idx : rows.local();
    NDArray dense = inputs.get(1);
    long b = idx.getShape().get(0);
    NDArrayEx ex = idx.getNDArrayInternal();
    NDArray logit = null;
    NDArray rep = null;
    int f = layout.fields();
    int d = layout.dense();

    if (linear != null) {
      NDArray table = rows == null ? value(ps, linear, idx, training) : rows.linear();
      NDArray w = ex.embedding(lookup, table, SparseFormat.DENSE).get(0); // [B,F,1]
      if (probe != null) {
        w = probe.tap("linear", w, null, false);
      }
      logit = w.sum(new int[] {1, 2});
      rep = w.reshape(b, f);
    }
    if (denseLinear != null) {
      NDArray z = ex.linear(dense, value(ps, denseLinear, idx, training), null).get(0); // [B,1]
      if (probe != null) {
        z = probe.tap("dense_linear", z, dense, false);
      }
      logit = logit == null ? z.reshape(b) : logit.add(z.reshape(b));
      rep = rep == null ? dense : NDArrays.concat(new NDList(rep, dense), 1);
    }
    NDArray emb = null;
    if (embedding != null) {
      NDArray table = rows == null ? value(ps, embedding, idx, training) : rows.embedding();
      emb = ex.embedding(lookup, table, SparseFormat.DENSE).get(0); // [B,F,k]
      if (probe != null) {
        emb = probe.tap("embedding", emb, null, false);
      }
    }
    if (arch == Architecture.FM || arch == Architecture.DEEP_FM) {
      if (emb != null) {
        NDArray s = emb.sum(new int[] {1});
        NDArray fm = s.square().sub(emb.square().sum(new int[] {1})).sum(new int[] {1}).mul(0.5f);
        logit = logit == null ? fm : logit.add(fm);
        rep = s;
      }
    }
    if (deep()) {
      NDArray x0 = emb == null ? dense : d == 0 ? emb.reshape(b, (long) f * embeddingDim)
          : NDArrays.concat(new NDList(emb.reshape(b, (long) f * embeddingDim), dense), 1);
      NDArray h = x0;
      for (int i = 0; i < mlp.size(); i++) {
        Parameter[] layer = mlp.get(i);
        NDArray z = ex.linear(h, value(ps, layer[0], idx, training), value(ps, layer[1], idx, training)).get(0);
        if (probe != null) {
          z = probe.tap("mlp" + i, z, h, true);
        }
        h = Activation.relu(z);
      }
      if (arch == Architecture.DCN_V2) {
        NDArray xl = x0;
        for (int l = 0; l < cross.size(); l++) {
          Parameter[] layer = cross.get(l);
          NDArray u = ex.linear(xl, value(ps, layer[0], idx, training), value(ps, layer[1], idx, training)).get(0);
          if (probe != null) {
            u = probe.tap("cross" + l, u, xl, true);
          }
          xl = x0.mul(u).add(xl);
        }
        h = mlp.isEmpty() ? xl : NDArrays.concat(new NDList(xl, h), 1);
      }
      NDArray z = ex.linear(h, value(ps, output, idx, training), null).get(0).reshape(b, 1);
      if (probe != null) {
        z = probe.tap("output", z, h, false);
      }
      logit = logit == null ? z.reshape(b) : logit.add(z.reshape(b));
      rep = h;
    }
    NDArray bv = value(ps, bias, idx, training);
    if (probe != null) {
      NDArray bb = probe.tap("bias", bv.broadcast(new Shape(b)), null, false);
      logit = logit == null ? bb : logit.add(bb);
    } else {
      logit = logit == null ? bv.broadcast(new Shape(b)) : logit.add(bv);
    }
    if (rep == null) {
      rep = idx.getManager().zeros(new Shape(b, 1));
    }
    return new NDList(logit, rep);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    return new Shape[] {new Shape(b), new Shape(b, representationSize())};
  }

  /** Width of the representation output. */
  public long representationSize() {
    int f = layout.fields();
    int d = layout.dense();
    return switch (arch) {
      case LOGISTIC_REGRESSION -> Math.max(1, f + d);
      case FM -> f > 0 ? embeddingDim : Math.max(1, d);
      case DEEP_FM -> hidden.length > 0 ? hidden[hidden.length - 1] : (long) f * embeddingDim + d;
      case DCN_V2 -> (long) f * embeddingDim + d + (hidden.length > 0 ? hidden[hidden.length - 1] : 0);
      case MLP -> hidden.length > 0 ? hidden[hidden.length - 1] : (long) f * embeddingDim + d;
    };
  }

  /** Initializes all parameters on {@code manager}'s device (seed the engine first for reproducibility). */
  public void initialize(NDManager manager) {
    initialize(manager, DataType.FLOAT32, new Shape(1, layout.fields()), new Shape(1, layout.dense()));
  }
}
