package siebench.model;

import java.util.LinkedHashMap;
import java.util.Map;
import siebench.features.FeatureLayout;

/**
 * The {@link ModelSpec} of GMF and NeuMF (He et al. 2017, "Neural Collaborative Filtering", WWW), built as an
 * {@link NcfNetwork} over the two categorical fields user and item. Obtain one from {@link Models#gmf()} or
 * {@link Models#neuMf()}. Immutable.
 */
public final class Ncf implements ModelSpec {
  private final NcfNetwork.Kind kind;
  private final int factors;
  private final int layers;

  Ncf(NcfNetwork.Kind kind, int factors, int layers) {
    if (factors < 1) {
      throw new IllegalArgumentException("factors must be >= 1, got " + factors);
    }
    if (kind == NcfNetwork.Kind.NEUMF && (layers < 1 || layers > 10)) {
      throw new IllegalArgumentException("NeuMF needs 1 to 10 MLP layers, got " + layers);
    }
    this.kind = kind;
    this.factors = factors;
    this.layers = layers;
  }

  public NcfNetwork.Kind kind() {
    return kind;
  }

  /** Predictive factors: the GMF embedding size and the width of the MLP tower's last layer. */
  public int factors() {
    return factors;
  }

  /** NeuMF's MLP layers (GMF: 0). */
  public int layers() {
    return layers;
  }

  /** The same model with {@code n} MLP layers (NeuMF only). */
  public Ncf layers(int n) {
    if (kind != NcfNetwork.Kind.NEUMF) {
      throw new IllegalArgumentException("only NeuMF has MLP layers");
    }
    return new Ncf(kind, factors, n);
  }

  @Override
  public String name() {
    return kind == NcfNetwork.Kind.GMF ? "gmf" : "neumf";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("factors", factors);
    if (kind == NcfNetwork.Kind.NEUMF) {
      m.put("mlpLayers", layers);
    }
    return m;
  }

  @Override
  public Ncf embeddingDim(int k) {
    return new Ncf(kind, k, layers);
  }

  @Override
  public NcfNetwork build(FeatureLayout layout) {
    return new NcfNetwork(kind, layout, factors, layers);
  }

  @Override
  public String toString() {
    return name() + parameters();
  }
}
