package siebench.model;

/** The CTR architectures built by {@link CtrNetwork}. */
public enum Architecture {
  /** Logistic regression on one-hot categorical and dense features. */
  LOGISTIC_REGRESSION("lr"),
  /** Factorization machine (Rendle 2010): first order plus pairwise field interactions. */
  FM("fm"),
  /** DeepFM (Guo et al. 2017): FM and an MLP sharing one embedding layer. */
  DEEP_FM("deepfm"),
  /** DCN-v2 (Wang et al. 2021): full-rank cross network in parallel with an MLP. */
  DCN_V2("dcnv2"),
  /** A plain MLP over the concatenated embeddings and dense values (the throughput reference model). */
  MLP("mlp");

  private final String shortName;

  Architecture(String shortName) {
    this.shortName = shortName;
  }

  public String shortName() {
    return shortName;
  }

  /** Parses lr / logistic, fm, deepfm, dcnv2 / dcn-v2 (case-insensitive). */
  public static Architecture parse(String s) {
    String n = s.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
    return switch (n) {
      case "lr", "logistic", "logisticregression" -> LOGISTIC_REGRESSION;
      case "fm" -> FM;
      case "deepfm" -> DEEP_FM;
      case "dcnv2", "dcn" -> DCN_V2;
      case "mlp", "dnn" -> MLP;
      default -> throw new IllegalArgumentException("unknown model '" + s + "'; expected lr, fm, deepfm, dcnv2 or mlp");
    };
  }
}
