package siebench.model;

import static siebench.model.ParameterArrays.copy;
import static siebench.model.ParameterArrays.lookup;
import static siebench.model.ParameterArrays.value;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import siebench.features.FeatureLayout;

/**
 * The neural collaborative filtering models of He, Liao, Zhang, Nie, Hu and Chua (2017), "Neural
 * Collaborative Filtering" (WWW), over the project's shared embedding table with exactly two fields (user and
 * item, each owning a contiguous range of rows):
 *
 * <ul>
 *   <li><b>GMF</b> (Sec. 3.2): {@code logit = h . (p_u * q_i) + b}, the element-wise product of the user and
 *       item embeddings weighted by the output layer {@code h}.
 *   <li><b>NeuMF</b> (Sec. 3.4, Eq. 11-12): GMF's product vector concatenated with the last layer of an MLP
 *       tower over the concatenation of separate MLP embeddings {@code [p^M_u, q^M_i]}; the tower halves its
 *       width at every ReLU layer down to {@code factors} ("tower pattern", Sec. 4.1), so the MLP embeddings
 *       have {@code factors * 2^(layers-1)} dimensions. {@code logit = h . [p_u * q_i, phi_MLP] + b}.
 * </ul>
 *
 * <p>The bias {@code b} is not in the paper's Eq. 11 but lets the training loop start at the base rate of the
 * sampled negatives. Same contract as {@link CtrNetwork}: input {@code NDList(int64 [B, 2], float32 [B, 0])},
 * output {@code NDList(logits [B], representation [B, H])} (the vector the output layer reads), and a
 * {@link Probe} passed as parameter {@link CtrNetwork#PROBE} records the per-sample gradient terms of every
 * parameter (embedding rows, MLP layers, output layer, bias), so exact per-sample gradient norms (GraNd) come
 * from one batched backward pass.
 */
public final class NcfNetwork extends AbstractBlock implements LinearHead {
  /** Which NCF model. */
  public enum Kind {
    /** Generalized matrix factorization. */
    GMF,
    /** GMF and an MLP tower fused under one output layer. */
    NEUMF
  }

  private final Kind kind;
  private final FeatureLayout layout;
  private final int factors;
  private final int layers;
  private final Parameter embedding;
  private final Parameter mlpEmbedding;
  private final List<Parameter[]> mlp = new ArrayList<>();
  private final Parameter output;
  private final Parameter bias;

  NcfNetwork(Kind kind, FeatureLayout layout, int factors, int layers) {
    if (layout.fields() != 2 || layout.dense() != 0 || layout.hasHistory()) {
      throw new IllegalArgumentException(kind.name().toLowerCase(java.util.Locale.ROOT) + " needs exactly the two"
          + " categorical fields user and item, no dense features and no history; got " + layout);
    }
    this.kind = kind;
    this.layout = layout;
    this.factors = factors;
    this.layers = layers;
    long vocab = Math.max(1, layout.embeddingRows());
    embedding = param("embedding", new Shape(vocab, factors), new NormalInitializer(0.01f));
    int rep = factors;
    if (kind == Kind.NEUMF) {
      int m = mlpEmbeddingDim();
      mlpEmbedding = param("mlp_embedding", new Shape(vocab, m), new NormalInitializer(0.01f));
      int in = 2 * m;
      for (int i = 0; i < layers; i++) {
        int out = in / 2;
        mlp.add(new Parameter[] {
            param("mlp" + i + "_weight", new Shape(out, in), new XavierInitializer()),
            param("mlp" + i + "_bias", new Shape(out), new ConstantInitializer(0f))});
        in = out;
      }
      rep = factors + in;
    } else {
      mlpEmbedding = null;
    }
    output = param("output_weight", new Shape(1, rep), new XavierInitializer());
    bias = param("bias", new Shape(1), new ConstantInitializer(0f));
  }

  private Parameter param(String name, Shape shape, Initializer init) {
    return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape)
        .optInitializer(init).build());
  }

  public Kind kind() {
    return kind;
  }

  public FeatureLayout layout() {
    return layout;
  }

  public int factors() {
    return factors;
  }

  /** Number of MLP layers (NeuMF). */
  public int layers() {
    return layers;
  }

  /** Size of NeuMF's MLP embeddings, {@code factors * 2^(layers - 1)}. */
  public int mlpEmbeddingDim() {
    return factors << Math.max(0, layers - 1);
  }

  /** Width of the representation output (what the output layer reads). */
  @Override
  public long representationSize() {
    return kind == Kind.GMF ? factors : 2L * factors;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    Probe probe = Probe.in(params);
    NDArray idx = inputs.get(0);
    long b = idx.getShape().get(0);
    NDArrayEx ex = idx.getNDArrayInternal();
    NDArray emb = lookup(ps, embedding, idx, training); // [B,2,k]
    if (probe != null) {
      emb = probe.tap("embedding", emb, null, false);
    }
    NDArray gmf = emb.get(":, 0, :").mul(emb.get(":, 1, :")); // [B,k]
    NDArray h = gmf;
    if (kind == Kind.NEUMF) {
      NDArray me = lookup(ps, mlpEmbedding, idx, training);
      if (probe != null) {
        me = probe.tap("mlp_embedding", me, null, false);
      }
      NDArray a = me.reshape(b, 2L * mlpEmbeddingDim());
      for (int i = 0; i < mlp.size(); i++) {
        Parameter[] layer = mlp.get(i);
        NDArray z = ex.linear(a, value(ps, layer[0], idx, training), value(ps, layer[1], idx, training)).get(0);
        if (probe != null) {
          z = probe.tap("mlp" + i, z, a, true);
        }
        a = Activation.relu(z);
      }
      h = NDArrays.concat(new NDList(gmf, a), 1);
    }
    NDArray z = ex.linear(h, value(ps, output, idx, training), null).get(0).reshape(b, 1);
    if (probe != null) {
      z = probe.tap("output", z, h, false);
    }
    NDArray bv = value(ps, bias, idx, training);
    NDArray logit;
    if (probe != null) {
      logit = z.reshape(b).add(probe.tap("bias", bv.broadcast(new Shape(b)), null, false));
    } else {
      logit = z.reshape(b).add(bv);
    }
    return new NDList(logit, h);
  }

  /**
   * The logits of every (user, item) pair of {@code userRows x itemRows} (global embedding rows), row-major
   * {@code [users][items]}: the forward pass's arithmetic, factored for ranking a whole corpus. GMF is one matrix
   * product {@code (P * h) Q^T + b}; NeuMF's first MLP layer splits into a user part and an item part ({@code
   * W [p; q] = W_p p + W_q q}), so only the later layers run per pair. Uses the trained parameter arrays.
   */
  public float[] scoreAll(long[] userRows, long[] itemRows) {
    ai.djl.ndarray.NDManager root = embedding.getArray().getManager();
    // every intermediate must live in m: operations attach their results to their operand's manager, so the
    // parameters are copied into m first (they are small) instead of being used in place
    try (ai.djl.ndarray.NDManager m = root.newSubManager()) {
      NDArray e = copy(embedding, m);
      NDArray u = e.get(m.create(userRows)); // [U,k]
      NDArray it = e.get(m.create(itemRows)); // [I,k]
      NDArray h = copy(output, m).reshape(-1); // [rep]
      NDArray hg = h.get("0:" + factors);
      NDArray s = u.mul(hg).matMul(it.transpose()).add(copy(bias, m)); // [U,I]
      if (kind == Kind.NEUMF) {
        int me = mlpEmbeddingDim();
        NDArray em = copy(mlpEmbedding, m);
        NDArray w1 = copy(mlp.get(0)[0], m); // [out, 2me]
        NDArray a = em.get(m.create(userRows)).matMul(w1.get(":, 0:" + me).transpose()).add(copy(mlp.get(0)[1], m));
        NDArray b = em.get(m.create(itemRows)).matMul(w1.get(":, " + me + ":").transpose()); // [I,out]
        List<NDArray[]> layers = new ArrayList<>();
        for (int l = 1; l < mlp.size(); l++) {
          layers.add(new NDArray[] {copy(mlp.get(l)[0], m).transpose(), copy(mlp.get(l)[1], m)});
        }
        NDArray hm = h.get(factors + ":").reshape(-1, 1);
        NDArray bx = b.expandDims(0);
        int users = userRows.length;
        int chunk = Math.max(1, 4_000_000 / Math.max(1, itemRows.length * (int) b.getShape().get(1)));
        float[] out = s.toFloatArray();
        int items = itemRows.length;
        for (int start = 0; start < users; start += chunk) {
          int end = Math.min(users, start + chunk);
          try (ai.djl.ndarray.NDManager cm = m.newSubManager()) {
            NDArray ac = a.get(start + ":" + end);
            ac.attach(cm);
            NDArray z = Activation.relu(ac.expandDims(1).add(bx)); // [c,I,out], in cm
            for (NDArray[] layer : layers) {
              z = Activation.relu(z.matMul(layer[0]).add(layer[1]));
            }
            float[] part = z.matMul(hm).toFloatArray();
            for (int q = 0; q < part.length; q++) {
              out[start * items + q] += part[q];
            }
          }
        }
        return out;
      }
      return s.toFloatArray();
    }
  }


  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    return new Shape[] {new Shape(b), new Shape(b, representationSize())};
  }
}
