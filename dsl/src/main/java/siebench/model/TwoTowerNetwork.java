package siebench.model;

import static siebench.model.ParameterArrays.copy;
import static siebench.model.ParameterArrays.lookup;
import static siebench.model.ParameterArrays.value;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
import java.util.Set;
import siebench.features.FeatureLayout;

/**
 * The two-tower (dual encoder) model of Yi, Yang, Hong, Cheng, Heldt, Kumthekar, Zhao, Wei and Chi (2019),
 * "Sampling-Bias-Corrected Neural Modeling for Large Corpus Item Recommendations" (RecSys), and Covington et al.
 * (2016), as a pointwise model of the training loop: a user tower maps the user fields' embeddings, and an item
 * tower the item fields' embeddings (item id and any item side features such as a category), each through
 * {@code out = W2 relu(W1 x + b1)} (or {@code out = W2 x} with no hidden layer) to a vector of the same size, and
 * the logit is their dot product {@code z = <u, v> + b}. It is trained like GMF / NeuMF, with BCE on sampled
 * negatives or BPR (Rendle et al. 2009) through the training loop's objective. {@link siebench.retrieval.TwoTower}
 * trains the same towers ({@link #userVectors}, {@link #itemVectors}) with Yi et al.'s in-batch sampled softmax and
 * logQ correction over L2-normalized outputs; here the outputs are not normalized, so the score is linear in each
 * tower's output layer.
 *
 * <p>The bias {@code b} does not change any ranking; it lets the training loop start at the base rate of the
 * sampled negatives, as in {@link NcfNetwork}. All fields share one embedding table (each field owns a contiguous
 * range of rows, as in {@link CtrNetwork}), initialized from N(0, 0.01) as in He et al. 2017 (Sec. 4.1); the tower
 * layers use Xavier initialization.
 *
 * <p>Same contract as {@link CtrNetwork}: input {@code NDList(int64 [B, F], float32 [B, 0])}, output {@code
 * NDList(logits [B], representation [B, H])}. The representation is what the last layer reads ({@link
 * LinearHead}): the last layer is the user tower's output layer {@code W2_user} (named {@code user_output_weight})
 * with the bias, and since {@code z = sum_{d,j} W2_user[d, j] v_d a_j + b} for the user tower's last activation
 * {@code a}, the representation is the outer product {@code v (x) a} flattened row-major ({@code H = output *
 * width(a)}), so {@code z = vec(W2_user) . h + b} exactly. A {@link Probe} passed as parameter {@link
 * CtrNetwork#PROBE} records the per-sample gradient terms of every parameter (embedding rows, both towers'
 * layers, bias), so exact per-sample gradient norms (GraNd) come from one batched backward pass. In training mode
 * ({@code forward(..., true)}: gradient steps, whose callers read only the logit) the representation is returned
 * empty ({@code [B, 0]}) instead of being computed, because at {@code H = 2048} it would cost more than the towers.
 */
public final class TwoTowerNetwork extends AbstractBlock implements LinearHead {
  private final FeatureLayout layout;
  private final int embeddingDim;
  private final int hidden;
  private final int outputDim;
  private final int[] userFields;
  private final int[] itemFields;
  private final Parameter embedding;
  private final Parameter[] userTower;
  private final Parameter[] itemTower;
  private final Parameter bias;

  TwoTowerNetwork(FeatureLayout layout, int embeddingDim, int hidden, int outputDim, Set<String> userFieldNames) {
    if (layout.dense() != 0 || layout.hasHistory()) {
      throw new IllegalArgumentException("two-tower needs categorical fields only (no dense features, no history);"
          + " got " + layout);
    }
    List<Integer> u = new ArrayList<>();
    List<Integer> i = new ArrayList<>();
    for (int f = 0; f < layout.fields(); f++) {
      (userFieldNames.contains(layout.fieldNames().get(f)) ? u : i).add(f);
    }
    if (u.isEmpty() || i.isEmpty()) {
      throw new IllegalArgumentException("two-tower needs at least one user field " + userFieldNames
          + " and one item field (every other field); got fields " + layout.fieldNames());
    }
    this.layout = layout;
    this.embeddingDim = embeddingDim;
    this.hidden = hidden;
    this.outputDim = outputDim;
    this.userFields = u.stream().mapToInt(Integer::intValue).toArray();
    this.itemFields = i.stream().mapToInt(Integer::intValue).toArray();
    long vocab = Math.max(1, layout.embeddingRows());
    embedding = param("embedding", new Shape(vocab, embeddingDim), new NormalInitializer(0.01f));
    userTower = tower("user", userFields.length * embeddingDim);
    itemTower = tower("item", itemFields.length * embeddingDim);
    bias = param("bias", new Shape(1), new ConstantInitializer(0f));
  }

  /** {@code [W1, b1, W2]}, or {@code [W2]} without a hidden layer. */
  private Parameter[] tower(String name, int in) {
    if (hidden == 0) {
      return new Parameter[] {param(name + "_output_weight", new Shape(outputDim, in), new XavierInitializer())};
    }
    return new Parameter[] {
        param(name + "_hidden_weight", new Shape(hidden, in), new XavierInitializer()),
        param(name + "_hidden_bias", new Shape(hidden), new ConstantInitializer(0f)),
        param(name + "_output_weight", new Shape(outputDim, hidden), new XavierInitializer())};
  }

  private Parameter param(String name, Shape shape, Initializer init) {
    return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape)
        .optInitializer(init).build());
  }

  public FeatureLayout layout() {
    return layout;
  }

  /** Indices of the fields the user tower reads (the item tower reads all others). */
  public int[] userFields() {
    return userFields.clone();
  }

  /** Size of the towers' outputs. */
  public int outputDim() {
    return outputDim;
  }

  /** Width of the user tower's last activation (the input of {@code user_output_weight}). */
  public int userActivationWidth() {
    return hidden > 0 ? hidden : userFields.length * embeddingDim;
  }

  @Override
  public long representationSize() {
    return (long) outputDim * userActivationWidth();
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    Probe probe = Probe.in(params);
    NDArray idx = inputs.get(0);
    long b = idx.getShape().get(0);
    NDArray emb = lookup(ps, embedding, idx, training); // [B,F,k]
    if (probe != null) {
      emb = probe.tap("embedding", emb, null, false);
    }
    NDArray[] user = tower(ps, idx, training, probe, "user", fields(emb, userFields, b), userTower);
    NDArray[] item = tower(ps, idx, training, probe, "item", fields(emb, itemFields, b), itemTower);
    NDArray u = user[0];
    NDArray v = item[0];
    NDArray bv = value(ps, bias, idx, training);
    NDArray dot = u.mul(v).sum(new int[] {1});
    NDArray logit = probe != null ? dot.add(probe.tap("bias", bv.broadcast(new Shape(b)), null, false)) : dot.add(bv);
    // v (x) a_user; not in training mode, whose callers read only the logit ([B, H] costs B * H per step)
    NDArray rep = training ? u.get(":, 0:0")
        : v.expandDims(2).mul(user[1].expandDims(1)).reshape(b, representationSize());
    return new NDList(logit, rep);
  }

  /**
   * The user tower's outputs {@code u} for encoded rows {@code idx} (int64 [B, F], global embedding rows; only the
   * user fields are read), with {@code ps == null} reading the parameter arrays directly (so that a gradient
   * collector reaches them).
   */
  public NDArray userVectors(ParameterStore ps, NDArray idx, boolean training) {
    return towerOutput(ps, idx, training, userFields, userTower);
  }

  /** The item tower's outputs {@code v} for encoded rows {@code idx} (only the item fields are read). */
  public NDArray itemVectors(ParameterStore ps, NDArray idx, boolean training) {
    return towerOutput(ps, idx, training, itemFields, itemTower);
  }

  private NDArray towerOutput(ParameterStore ps, NDArray idx, boolean training, int[] fields, Parameter[] p) {
    NDArray emb = lookup(ps, embedding, idx, training);
    return tower(ps, idx, training, null, null, fields(emb, fields, idx.getShape().get(0)), p)[0];
  }

  /** The embeddings of {@code fields}, concatenated: [B, |fields| * k]. */
  private NDArray fields(NDArray emb, int[] fields, long b) {
    if (fields.length == 1) {
      return emb.get(":, " + fields[0] + ", :");
    }
    NDList parts = new NDList();
    for (int f : fields) {
      parts.add(emb.get(":, " + f + ", :"));
    }
    return NDArrays.concat(parts, 1).reshape(b, (long) fields.length * embeddingDim);
  }

  /** A tower's output and its last activation (the output layer's input). */
  private NDArray[] tower(ParameterStore ps, NDArray like, boolean training, Probe probe, String name, NDArray x,
      Parameter[] p) {
    NDArrayEx ex = x.getNDArrayInternal();
    NDArray a = x;
    if (hidden > 0) {
      NDArray z = ex.linear(x, value(ps, p[0], like, training), value(ps, p[1], like, training)).get(0);
      if (probe != null) {
        z = probe.tap(name + "_hidden", z, x, true);
      }
      a = Activation.relu(z);
    }
    NDArray out = a.getNDArrayInternal().linear(a, value(ps, p[p.length - 1], like, training), null).get(0);
    if (probe != null) {
      out = probe.tap(name + "_output", out, a, false);
    }
    return new NDArray[] {out, a};
  }

  /**
   * The logits of every (user, item) pair of {@code userRows x itemRows} (global embedding rows of the one user
   * field and the one item field), row-major {@code [users][items]}: each tower runs once per user and once per
   * item, then {@code U V^T + b}. Needs a layout of exactly one user field and one item field (an item tower with
   * side features needs each item's feature rows). Uses the trained parameter arrays.
   */
  public float[] scoreAll(long[] userRows, long[] itemRows) {
    if (userFields.length != 1 || itemFields.length != 1) {
      throw new IllegalStateException("scoreAll needs one user field and one item field; the towers read "
          + userFields.length + " and " + itemFields.length + " fields of " + layout.fieldNames());
    }
    NDManager root = embedding.getArray().getManager();
    // every intermediate must live in m: operations attach their results to their operand's manager, so the
    // parameters are copied into m first (they are small) instead of being used in place
    try (NDManager m = root.newSubManager()) {
      NDArray e = copy(embedding, m);
      NDArray u = apply(e.get(m.create(userRows)), userTower, m);
      NDArray v = apply(e.get(m.create(itemRows)), itemTower, m);
      return u.matMul(v.transpose()).add(copy(bias, m)).toFloatArray();
    }
  }

  private NDArray apply(NDArray x, Parameter[] p, NDManager m) {
    NDArray a = x;
    if (hidden > 0) {
      a = Activation.relu(a.matMul(copy(p[0], m).transpose()).add(copy(p[1], m)));
    }
    return a.matMul(copy(p[p.length - 1], m).transpose());
  }


  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    return new Shape[] {new Shape(b), new Shape(b, representationSize())};
  }
}
