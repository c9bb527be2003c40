package siebench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
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
 * CTR models over the user's behavior sequence, sharing one embedding table between the categorical fields
 * and the history items (history items use the item field's rows; padded positions are masked out).
 *
 * <ul>
 *   <li><b>DIN</b> (Zhou et al. 2018, KDD, "Deep Interest Network for Click-Through Rate Prediction"): an
 *       attention unit scores each history item against the target item from {@code [h, t, h - t, h * t]}; the
 *       user interest is the weighted sum of history embeddings (no softmax, as in the paper), fed with all
 *       field embeddings and dense values to an MLP.
 *   <li><b>BST</b> (Chen et al. 2019, DLP-KDD, "Behavior Sequence Transformer for E-commerce Recommendation in
 *       Alibaba"): the history followed by the target item, plus learned position embeddings, goes through
 *       {@code depth} Transformer encoder layers (multi-head self-attention with a padding mask, residuals,
 *       layer normalization, a ReLU feed-forward layer); the target position's output and the masked mean of
 *       the sequence outputs are fed with the other fields and dense values to an MLP.
 * </ul>
 *
 * <p>Input: {@code NDList(int64 [B, F], float32 [B, D], int64 [B, L])}. Output: {@code NDList(logits [B],
 * representation [B, H])} like {@link CtrNetwork}. A {@link Probe} passed as parameter {@link CtrNetwork#PROBE}
 * taps every use of every parameter ({@link Probe#tapLayer} for the layers applied at each history position or
 * once per row, {@link Probe#tapLookup} for the field and history embeddings, {@link Probe#tapParameter} for the
 * position embeddings, layer-normalization gains and shifts and the output bias), so that one batched backward
 * pass yields every row's gradient with respect to all parameters.
 */
public final class SequenceNetwork extends AbstractBlock {
  /** The two sequence architectures. */
  public enum Kind {
    DIN,
    BST
  }

  private final Kind kind;
  private final FeatureLayout layout;
  private final int k;
  private final int heads;
  private final int depth;
  private final int[] hidden;
  private final Parameter embedding;
  private final Parameter position;
  private final List<Parameter[]> attention = new ArrayList<>();
  private final List<Parameter[]> mlp = new ArrayList<>();
  private final Parameter output;
  private final Parameter bias;

  SequenceNetwork(Kind kind, FeatureLayout layout, int embeddingDim, int heads, int depth, int attentionHidden,
      int[] hidden) {
    if (!layout.hasHistory()) {
      throw new IllegalArgumentException(kind + " needs a behavior-history column (Samples.history(\"col\"))"
          + " and a categorical item column; the layout has none: " + layout);
    }
    if (kind == Kind.BST && embeddingDim % heads != 0) {
      throw new IllegalArgumentException("embeddingDim " + embeddingDim + " must be divisible by heads " + heads);
    }
    this.kind = kind;
    this.layout = layout;
    this.k = embeddingDim;
    this.heads = heads;
    this.depth = depth;
    this.hidden = hidden.clone();
    embedding = param("embedding", new Shape(layout.embeddingRows(), k), new NormalInitializer(0.01f));
    int l = layout.historyLength();
    if (kind == Kind.DIN) {
      position = null;
      attention.add(new Parameter[] {param("att_w1", new Shape(attentionHidden, 4L * k), new XavierInitializer()),
          param("att_b1", new Shape(attentionHidden), new ConstantInitializer(0f)),
          param("att_w2", new Shape(1, attentionHidden), new XavierInitializer()),
          param("att_b2", new Shape(1), new ConstantInitializer(0f))});
    } else {
      position = param("position", new Shape(l + 1, k), new NormalInitializer(0.01f));
      for (int b = 0; b < depth; b++) {
        String p = "block" + b + "_";
        attention.add(new Parameter[] {
            param(p + "wq", new Shape(k, k), new XavierInitializer()),
            param(p + "wk", new Shape(k, k), new XavierInitializer()),
            param(p + "wv", new Shape(k, k), new XavierInitializer()),
            param(p + "wo", new Shape(k, k), new XavierInitializer()),
            param(p + "ln1_g", new Shape(k), new ConstantInitializer(1f)),
            param(p + "ln1_b", new Shape(k), new ConstantInitializer(0f)),
            param(p + "ff_w1", new Shape(4L * k, k), new XavierInitializer()),
            param(p + "ff_b1", new Shape(4L * k), new ConstantInitializer(0f)),
            param(p + "ff_w2", new Shape(k, 4L * k), new XavierInitializer()),
            param(p + "ff_b2", new Shape(k), new ConstantInitializer(0f)),
            param(p + "ln2_g", new Shape(k), new ConstantInitializer(1f)),
            param(p + "ln2_b", new Shape(k), new ConstantInitializer(0f))});
      }
    }
    int in = layout.fields() * k + layout.dense() + (kind == Kind.DIN ? k : 2 * k);
    for (int i = 0; i < hidden.length; i++) {
      mlp.add(new Parameter[] {param("mlp" + i + "_weight", new Shape(hidden[i], in), new XavierInitializer()),
          param("mlp" + i + "_bias", new Shape(hidden[i]), new ConstantInitializer(0f))});
      in = hidden[i];
    }
    output = param("output_weight", new Shape(1, in), new XavierInitializer());
    bias = param("bias", new Shape(1), new ConstantInitializer(0f));
  }

  private Parameter param(String name, Shape shape, Initializer init) {
    return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape)
        .optInitializer(init).build());
  }

  public Kind kind() {
    return kind;
  }

  /** Width {@code H} of the representation (the input of the output layer). */
  public long representationSize() {
    return hidden.length > 0 ? hidden[hidden.length - 1]
        : layout.fields() * (long) k + layout.dense() + (kind == Kind.DIN ? k : 2L * k);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    Probe probe = Probe.in(params);
    NDArray idx = inputs.get(0);
    NDArray dense = inputs.get(1);
    NDArray hist = inputs.get(2);
    long b = idx.getShape().get(0);
    int l = layout.historyLength();
    NDArrayEx ex = idx.getNDArrayInternal();
    NDArray table = v(ps, embedding, idx, training);
    NDArray fields = ex.embedding(idx, table, SparseFormat.DENSE).get(0); // [B,F,k]
    NDArray h = ex.embedding(hist, table, SparseFormat.DENSE).get(0); // [B,L,k]
    if (probe != null) {
      fields = probe.tapLookup("embedding", fields, idx, "embedding");
      h = probe.tapLookup("history", h, hist, "embedding");
    }
    NDArray target = fields.get(":, " + layout.historyField() + ", :"); // [B,k]
    NDArray mask = hist.neq(layout.paddingRow()).toType(DataType.FLOAT32, false); // [B,L]
    NDList features = new NDList(fields.reshape(b, (long) layout.fields() * k));
    if (layout.dense() > 0) {
      features.add(dense);
    }
    if (kind == Kind.DIN) {
      features.add(dinInterest(ps, ex, h, target, mask, b, l, training, idx, probe));
    } else {
      features.addAll(bstOutputs(ps, ex, h, target, mask, b, l, training, idx, probe));
    }
    NDArray x = NDArrays.concat(features, 1);
    for (int i = 0; i < mlp.size(); i++) {
      Parameter[] layer = mlp.get(i);
      NDArray z = ex.linear(x, v(ps, layer[0], idx, training), v(ps, layer[1], idx, training)).get(0);
      x = Activation.relu(tap(probe, "mlp" + i, z, x, layer[0], layer[1], b, 1));
    }
    NDArray z = ex.linear(x, v(ps, output, idx, training), null).get(0);
    NDArray logit = tap(probe, "output", z, x, output, null, b, 1).reshape(b);
    NDArray bv = v(ps, bias, idx, training);
    logit = probe == null ? logit.add(bv) : logit.add(probe.tapParameter("bias", bv.broadcast(new Shape(b)), "bias"));
    return new NDList(logit, x);
  }

  /**
   * {@code z} ({@code [B * positions, out]}, from input {@code a}) with a {@link Probe.Kind#LAYER} probe of
   * {@code w} and {@code bias} added when {@code probe} is given.
   */
  private static NDArray tap(Probe probe, String name, NDArray z, NDArray a, Parameter w, Parameter bias, long b,
      long positions) {
    if (probe == null) {
      return z;
    }
    long out = z.getShape().get(z.getShape().dimension() - 1);
    long in = a.getShape().get(a.getShape().dimension() - 1);
    return probe.tapLayer(name, z.reshape(b, positions, out), a.reshape(b, positions, in), w.getName(),
        bias == null ? null : bias.getName()).reshape(z.getShape());
  }

  /** A parameter's value, with a {@link Probe.Kind#PARAMETER} probe of per-sample shape {@code [B, 1, n]}. */
  private static NDArray perSample(Probe probe, NDArray value, Parameter p, long b) {
    if (probe == null) {
      return value;
    }
    long n = value.getShape().size();
    return probe.tapParameter(p.getName(), value.reshape(1, 1, n).broadcast(new Shape(b, 1, n)), p.getName());
  }

  private NDArray dinInterest(ParameterStore ps, NDArrayEx ex, NDArray h, NDArray target, NDArray mask, long b,
      int l, boolean training, NDArray like, Probe probe) {
    Parameter[] a = attention.get(0);
    NDArray t = target.expandDims(1).broadcast(new Shape(b, l, k));
    NDArray unit = NDArrays.concat(new NDList(h, t, h.sub(t), h.mul(t)), 2).reshape(b * l, 4L * k);
    NDArray z1 = ex.linear(unit, v(ps, a[0], like, training), v(ps, a[1], like, training)).get(0);
    NDArray hid = Activation.relu(tap(probe, "att1", z1, unit, a[0], a[1], b, l));
    NDArray z2 = ex.linear(hid, v(ps, a[2], like, training), v(ps, a[3], like, training)).get(0);
    NDArray score = tap(probe, "att2", z2, hid, a[2], a[3], b, l).reshape(b, l);
    NDArray w = score.mul(mask).expandDims(2); // [B,L,1]
    return h.mul(w).sum(new int[] {1}); // [B,k]
  }

  private NDList bstOutputs(ParameterStore ps, NDArrayEx ex, NDArray h, NDArray target, NDArray mask, long b,
      int l, boolean training, NDArray like, Probe probe) {
    NDArray pos = v(ps, position, like, training).expandDims(0); // [1,L+1,k]
    if (probe != null) {
      pos = probe.tapParameter("position", pos.broadcast(new Shape(b, l + 1, k)), position.getName());
    }
    NDArray seq = NDArrays.concat(new NDList(h, target.expandDims(1)), 1).add(pos); // [B,L+1,k]
    NDArray fullMask = NDArrays.concat(new NDList(mask, mask.getManager().ones(new Shape(b, 1))), 1); // [B,L+1]
    NDArray keyBias = fullMask.sub(1).mul(1e9f).reshape(b, 1, 1, l + 1);
    int dh = k / heads;
    int n = l + 1;
    for (Parameter[] p : attention) {
      NDArray flat = seq.reshape(b * n, k);
      NDArray q = split(tap(probe, p[0].getName(), ex.linear(flat, v(ps, p[0], like, training), null).get(0), flat,
          p[0], null, b, n), b, n, dh);
      NDArray kk = split(tap(probe, p[1].getName(), ex.linear(flat, v(ps, p[1], like, training), null).get(0),
          flat, p[1], null, b, n), b, n, dh);
      NDArray vv = split(tap(probe, p[2].getName(), ex.linear(flat, v(ps, p[2], like, training), null).get(0),
          flat, p[2], null, b, n), b, n, dh);
      NDArray att = q.matMul(kk.transpose(0, 1, 3, 2)).div((float) Math.sqrt(dh)).add(keyBias).softmax(3);
      NDArray ctx = att.matMul(vv).transpose(0, 2, 1, 3).reshape(b * n, k); // heads back together
      NDArray o = tap(probe, p[3].getName(), ex.linear(ctx, v(ps, p[3], like, training), null).get(0), ctx, p[3],
          null, b, n).reshape(b, n, k);
      seq = layerNorm(seq.add(o), perSample(probe, v(ps, p[4], like, training), p[4], b),
          perSample(probe, v(ps, p[5], like, training), p[5], b));
      NDArray flat2 = seq.reshape(b * n, k);
      NDArray ff = Activation.relu(tap(probe, p[6].getName(), ex.linear(flat2, v(ps, p[6], like, training),
          v(ps, p[7], like, training)).get(0), flat2, p[6], p[7], b, n));
      ff = tap(probe, p[8].getName(), ex.linear(ff, v(ps, p[8], like, training), v(ps, p[9], like, training))
          .get(0), ff, p[8], p[9], b, n).reshape(b, n, k);
      seq = layerNorm(seq.add(ff), perSample(probe, v(ps, p[10], like, training), p[10], b),
          perSample(probe, v(ps, p[11], like, training), p[11], b));
    }
    NDArray targetOut = seq.get(":, " + l + ", :"); // [B,k]
    NDArray m = fullMask.expandDims(2);
    NDArray pooled = seq.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1})); // masked mean [B,k]
    return new NDList(targetOut, pooled);
  }

  private NDArray split(NDArray x, long b, int n, int dh) {
    return x.reshape(b, n, heads, dh).transpose(0, 2, 1, 3); // [B,heads,n,dh]
  }

  private static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
    NDArray mu = x.mean(new int[] {-1}, true);
    NDArray c = x.sub(mu);
    NDArray var = c.square().mean(new int[] {-1}, true);
    return c.div(var.add(1e-5f).sqrt()).mul(gamma).add(beta);
  }

  private static NDArray v(ParameterStore ps, Parameter p, NDArray like, boolean training) {
    return ps == null ? p.getArray() : ps.getValue(p, like.getDevice(), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    return new Shape[] {new Shape(b), new Shape(b, representationSize())};
  }
}
