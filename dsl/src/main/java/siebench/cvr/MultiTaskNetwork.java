package siebench.cvr;

import static siebench.model.ParameterArrays.value;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.internal.NDArrayEx;
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
 * The entire-space multi-task network of ESMM (Ma et al. 2018, "Entire Space Multi-Task Model: An Effective
 * Approach for Estimating Post-Click Conversion Rate", SIGIR): one embedding table shared by all towers, a CTR
 * tower and a CVR tower (each a ReLU MLP over the concatenated field embeddings and dense values), so that
 * {@code pCTCVR = pCTR * pCVR}. With {@code imputation} it has the third tower of Multi-DR (Zhang et al. 2020,
 * "Large-scale Causal Approaches to Debiasing Post-click Conversion Rate Estimation with Multi-task Learning",
 * WWW), which imputes the conversion label of every impression for the doubly robust loss.
 *
 * <p>Input: {@code NDList(int64 [B, F] global embedding rows, float32 [B, D] dense)}. Output: {@code
 * NDList(ctr logits [B], cvr logits [B], imputation logits [B])} (the last only with the imputation tower).
 * Every tower's output bias is a parameter named {@code <tower>_bias}, so that training can start it at the
 * base rate.
 */
public final class MultiTaskNetwork extends AbstractBlock {
  /** Names of the towers, in output order. */
  public static final String CTR = "ctr";
  /** The conversion tower, {@code P(purchase | click, x)}. */
  public static final String CVR = "cvr";
  /** The imputation tower of Multi-DR. */
  public static final String IMPUTATION = "imputation";

  private final FeatureLayout layout;
  private final int embeddingDim;
  private final int[] hidden;
  private final Parameter embedding;
  private final List<Tower> towers = new ArrayList<>();

  /** One MLP tower: hidden layers (weight, bias), then a linear output with its own bias. */
  private record Tower(String name, List<Parameter[]> layers, Parameter output, Parameter bias) {}

  MultiTaskNetwork(FeatureLayout layout, int embeddingDim, int[] hidden, boolean imputation) {
    if (layout.hasHistory()) {
      throw new IllegalArgumentException("the multi-task network does not read behavior histories; encode "
          + "without a history column");
    }
    this.layout = layout;
    this.embeddingDim = embeddingDim;
    this.hidden = hidden.clone();
    long vocab = Math.max(1, layout.embeddingRows());
    embedding = layout.fields() > 0
        ? param("embedding", new Shape(vocab, embeddingDim), new NormalInitializer(0.01f)) : null;
    towers.add(tower(CTR));
    towers.add(tower(CVR));
    if (imputation) {
      towers.add(tower(IMPUTATION));
    }
  }

  private Tower tower(String name) {
    int in = layout.fields() * embeddingDim + layout.dense();
    List<Parameter[]> layers = new ArrayList<>();
    for (int i = 0; i < hidden.length; i++) {
      layers.add(new Parameter[] {
          param(name + "_mlp" + i + "_weight", new Shape(hidden[i], in), new XavierInitializer()),
          param(name + "_mlp" + i + "_bias", new Shape(hidden[i]), new ConstantInitializer(0f))});
      in = hidden[i];
    }
    Parameter out = param(name + "_output_weight", new Shape(1, Math.max(1, in)), new XavierInitializer());
    Parameter bias = param(name + "_bias", new Shape(1), new ConstantInitializer(0f));
    return new Tower(name, layers, out, bias);
  }

  private Parameter param(String name, Shape shape, Initializer init) {
    return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape)
        .optInitializer(init).build());
  }

  /** True when the network has the Multi-DR imputation tower. */
  public boolean hasImputation() {
    return towers.size() == 3;
  }

  public FeatureLayout layout() {
    return layout;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray idx = inputs.get(0);
    NDArray dense = inputs.get(1);
    long b = idx.getShape().get(0);
    NDArrayEx ex = idx.getNDArrayInternal();
    NDArray x0;
    if (embedding == null) {
      x0 = layout.dense() > 0 ? dense : idx.getManager().zeros(new Shape(b, 1));
    } else {
      NDArray emb = ex.embedding(idx, value(ps, embedding, idx, training), SparseFormat.DENSE).get(0)
          .reshape(b, (long) layout.fields() * embeddingDim);
      x0 = layout.dense() > 0 ? NDArrays.concat(new NDList(emb, dense), 1) : emb;
    }
    NDList out = new NDList();
    for (Tower t : towers) {
      NDArray h = x0;
      for (Parameter[] layer : t.layers()) {
        h = Activation.relu(ex.linear(h, value(ps, layer[0], idx, training), value(ps, layer[1], idx, training))
            .get(0));
      }
      NDArray z = ex.linear(h, value(ps, t.output(), idx, training), value(ps, t.bias(), idx, training)).get(0);
      out.add(z.reshape(b));
    }
    return out;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    Shape[] s = new Shape[towers.size()];
    java.util.Arrays.fill(s, new Shape(b));
    return s;
  }
}
