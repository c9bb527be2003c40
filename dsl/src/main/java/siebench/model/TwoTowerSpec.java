package siebench.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import siebench.data.implicit.ImplicitSamples;
import siebench.features.FeatureLayout;

/**
 * The {@link ModelSpec} of the two-tower model (Yi et al. 2019, RecSys, "Sampling-Bias-Corrected Neural Modeling
 * for Large Corpus Item Recommendations"), built as a {@link TwoTowerNetwork}: embedding size, the towers' hidden
 * width (0: a linear tower), their output size, and which fields the user tower reads (by default {@code
 * user_id}, the user field of {@link ImplicitSamples}; every other field goes to the item tower). Obtain one from
 * {@link Models#twoTower()}. Immutable.
 */
public final class TwoTowerSpec implements ModelSpec {
  private final int embeddingDim;
  private final int hidden;
  private final int outputDim;
  private final Set<String> userFields;

  TwoTowerSpec(int embeddingDim, int hidden, int outputDim, Set<String> userFields) {
    if (embeddingDim < 1 || hidden < 0 || outputDim < 1) {
      throw new IllegalArgumentException("two-tower needs embeddingDim >= 1, hidden >= 0 and outputDim >= 1; got "
          + embeddingDim + ", " + hidden + ", " + outputDim);
    }
    if (userFields.isEmpty()) {
      throw new IllegalArgumentException("two-tower needs at least one user field");
    }
    this.embeddingDim = embeddingDim;
    this.hidden = hidden;
    this.outputDim = outputDim;
    this.userFields = Set.copyOf(userFields);
  }

  /** The defaults of {@link Models#twoTower()}: user tower over {@code user_id}. */
  static TwoTowerSpec defaults(int k) {
    return new TwoTowerSpec(k, 2 * k, k, Set.of(ImplicitSamples.USER));
  }

  @Override
  public String name() {
    return "two-tower";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("embeddingDim", embeddingDim);
    m.put("hidden", hidden);
    m.put("outputDim", outputDim);
    m.put("userFields", List.copyOf(new TreeSet<>(userFields)));
    return m;
  }

  public int embeddingDim() {
    return embeddingDim;
  }

  public int hidden() {
    return hidden;
  }

  public int outputDim() {
    return outputDim;
  }

  public Set<String> userFields() {
    return userFields;
  }

  /**
   * Scales the whole model to {@code k} (what {@code --factors} / {@code --embedding-dim} set): embeddings and tower
   * outputs of size {@code k}, and a hidden layer of {@code 2k} (none if this spec has none), the proportions of
   * {@link siebench.retrieval.TwoTower#twoTower()}.
   */
  @Override
  public TwoTowerSpec embeddingDim(int k) {
    return new TwoTowerSpec(k, hidden == 0 ? 0 : 2 * k, k, userFields);
  }

  /** The towers' hidden width (0: each tower is one linear layer over its embeddings). */
  public TwoTowerSpec hidden(int width) {
    return new TwoTowerSpec(embeddingDim, width, outputDim, userFields);
  }

  /** Size of the tower outputs whose dot product is the logit. */
  public TwoTowerSpec outputDim(int d) {
    return new TwoTowerSpec(embeddingDim, hidden, d, userFields);
  }

  /** The fields the user tower reads; every other field goes to the item tower. */
  public TwoTowerSpec userFields(String... names) {
    return new TwoTowerSpec(embeddingDim, hidden, outputDim, Set.of(names));
  }

  @Override
  public TwoTowerNetwork build(FeatureLayout layout) {
    return new TwoTowerNetwork(layout, embeddingDim, hidden, outputDim, userFields);
  }

  @Override
  public String toString() {
    return name() + parameters();
  }
}
