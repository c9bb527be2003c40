package siebench.model;

/**
 * Static factories for the CTR models, meant for static import: {@code ctr().model(deepFm())}.
 */
public final class Models {
  private Models() {}

  /** Logistic regression. */
  public static NetworkSpec logisticRegression() {
    return new NetworkSpec(Architecture.LOGISTIC_REGRESSION, 1, new int[0], 0);
  }

  /** Factorization machine with 16-dimensional embeddings. */
  public static NetworkSpec fm() {
    return new NetworkSpec(Architecture.FM, 16, new int[0], 0);
  }

  /** DeepFM with 16-dimensional embeddings and a 256-128 MLP. */
  public static NetworkSpec deepFm() {
    return new NetworkSpec(Architecture.DEEP_FM, 16, new int[] {256, 128}, 0);
  }

  /** DCN-v2 with 16-dimensional embeddings, 2 cross layers and a 256-128 MLP. */
  public static NetworkSpec dcnV2() {
    return new NetworkSpec(Architecture.DCN_V2, 16, new int[] {256, 128}, 2);
  }

  /** A plain MLP (16-dimensional embeddings) with the given hidden widths. */
  public static NetworkSpec mlp(int... hidden) {
    return new NetworkSpec(Architecture.MLP, 16, hidden, 0);
  }

  /** DIN (Zhou et al. 2018) with 16-dimensional embeddings, a 36-wide attention unit and a 200-80 MLP. */
  public static SequenceSpec din() {
    return new SequenceSpec(SequenceNetwork.Kind.DIN, 16, 1, 1, 36, new int[] {200, 80});
  }

  /** BST (Chen et al. 2019) with 16-dimensional embeddings, 2 heads, 1 Transformer layer, a 256-128 MLP. */
  public static SequenceSpec bst() {
    return new SequenceSpec(SequenceNetwork.Kind.BST, 16, 2, 1, 36, new int[] {256, 128});
  }

  /** GMF (He et al. 2017) with 16 predictive factors, over the two fields user and item. */
  public static Ncf gmf() {
    return new Ncf(NcfNetwork.Kind.GMF, 16, 0);
  }

  /** NeuMF (He et al. 2017) with 16 predictive factors and a 3-layer MLP tower (128-64-32-16). */
  public static Ncf neuMf() {
    return new Ncf(NcfNetwork.Kind.NEUMF, 16, 3);
  }

  /**
   * The two-tower model (Yi et al. 2019) as a model of the training loop: user tower over {@code user_id}, item
   * tower over the other fields, 32-dimensional embeddings, a 64-wide hidden layer, 32-dimensional outputs, logit
   * = their dot product ({@link TwoTowerNetwork}).
   */
  public static TwoTowerSpec twoTower() {
    return TwoTowerSpec.defaults(32);
  }

  /** By short name: lr, fm, deepfm, dcnv2, mlp, din, bst, gmf, neumf, two-tower. */
  public static ModelSpec named(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    if (n.equals("two-tower") || n.equals("twotower") || n.equals("two_tower")) {
      return twoTower();
    }
    if (n.equals("gmf")) {
      return gmf();
    }
    if (n.equals("neumf")) {
      return neuMf();
    }
    if (n.equals("din")) {
      return din();
    }
    if (n.equals("bst")) {
      return bst();
    }
    Architecture a;
    try {
      a = Architecture.parse(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown model '" + name + "'; expected lr, fm, deepfm, dcnv2, mlp, din, bst, "
          + "gmf, neumf or two-tower");
    }
    return switch (a) {
      case LOGISTIC_REGRESSION -> logisticRegression();
      case FM -> fm();
      case DEEP_FM -> deepFm();
      case DCN_V2 -> dcnV2();
      case MLP -> mlp(256, 128);
    };
  }
}
