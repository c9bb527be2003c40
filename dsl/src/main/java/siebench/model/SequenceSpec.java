package siebench.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import siebench.features.FeatureLayout;

/**
 * The {@link ModelSpec} of a {@link SequenceNetwork} (DIN or BST). The history length is set by the encoder
 * ({@code EncoderOptions.historyLength}, default 20). Immutable.
 */
public final class SequenceSpec implements ModelSpec {
  private final SequenceNetwork.Kind kind;
  private final int embeddingDim;
  private final int heads;
  private final int depth;
  private final int attentionHidden;
  private final int[] hidden;

  SequenceSpec(SequenceNetwork.Kind kind, int embeddingDim, int heads, int depth, int attentionHidden,
      int[] hidden) {
    if (embeddingDim < 1 || heads < 1 || depth < 1 || attentionHidden < 1) {
      throw new IllegalArgumentException("sizes must be >= 1");
    }
    this.kind = kind;
    this.embeddingDim = embeddingDim;
    this.heads = heads;
    this.depth = depth;
    this.attentionHidden = attentionHidden;
    this.hidden = hidden.clone();
  }

  @Override
  public SequenceSpec embeddingDim(int k) {
    return new SequenceSpec(kind, k, heads, depth, attentionHidden, hidden);
  }

  /** Attention heads (BST). */
  public SequenceSpec heads(int h) {
    return new SequenceSpec(kind, embeddingDim, h, depth, attentionHidden, hidden);
  }

  /** Transformer layers (BST). */
  public SequenceSpec depth(int d) {
    return new SequenceSpec(kind, embeddingDim, heads, d, attentionHidden, hidden);
  }

  /** Width of DIN's attention unit. */
  public SequenceSpec attentionHidden(int a) {
    return new SequenceSpec(kind, embeddingDim, heads, depth, a, hidden);
  }

  /** MLP widths. */
  public SequenceSpec hidden(int... widths) {
    return new SequenceSpec(kind, embeddingDim, heads, depth, attentionHidden, widths);
  }

  @Override
  public String name() {
    return kind.name().toLowerCase();
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("embeddingDim", embeddingDim);
    if (kind == SequenceNetwork.Kind.BST) {
      m.put("heads", heads);
      m.put("depth", depth);
    } else {
      m.put("attentionHidden", attentionHidden);
    }
    m.put("hidden", Arrays.toString(hidden));
    return m;
  }

  @Override
  public SequenceNetwork build(FeatureLayout layout) {
    return new SequenceNetwork(kind, layout, embeddingDim, heads, depth, attentionHidden, hidden);
  }

  @Override
  public String toString() {
    return name() + parameters();
  }
}
