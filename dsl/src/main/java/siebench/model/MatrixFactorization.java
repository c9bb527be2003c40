package siebench.model;

import java.util.LinkedHashMap;
import java.util.Map;
import siebench.features.FeatureLayout;

/**
 * Matrix factorization with biases (Koren, Bell &amp; Volinsky 2009, "Matrix Factorization Techniques for
 * Recommender Systems", IEEE Computer): {@code r_hat_ui = mu + b_u + b_i + p_u . q_i}, built over the project's
 * shared embedding table as a factorization machine on exactly two fields, user and item (Rendle 2010,
 * "Factorization Machines", ICDM, Sec. V.A: an FM over the user and item indicators is biased MF). The global
 * bias is {@code mu}, the first-order weights of the user and item rows are {@code b_u} and {@code b_i}, their
 * embedding rows {@code p_u} and {@code q_i}; the block's "logit" output is the predicted rating itself.
 *
 * <p>Immutable. {@link #defaults()} has 8 factors.
 */
public final class MatrixFactorization implements ModelSpec {
  private final int factors;

  /** Biased MF with {@code factors} latent dimensions. */
  public MatrixFactorization(int factors) {
    if (factors < 1) {
      throw new IllegalArgumentException("factors must be >= 1, got " + factors);
    }
    this.factors = factors;
  }

  /** Biased MF with 8 factors. */
  public static MatrixFactorization defaults() {
    return new MatrixFactorization(8);
  }

  /** Number of latent dimensions. */
  public int factors() {
    return factors;
  }

  @Override
  public String name() {
    return "mf";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("factors", factors);
    return m;
  }

  @Override
  public MatrixFactorization embeddingDim(int k) {
    return new MatrixFactorization(k);
  }

  /** The FM block over the layout's two fields (user, item) and no dense features. */
  @Override
  public CtrNetwork build(FeatureLayout layout) {
    if (layout.fields() != 2 || layout.dense() != 0 || layout.hasHistory()) {
      throw new IllegalArgumentException("matrix factorization needs exactly the two fields user and item, no dense"
          + " features and no history; got " + layout);
    }
    return new CtrNetwork(Architecture.FM, layout, factors, new int[0], 0);
  }

  @Override
  public String toString() {
    return name() + parameters();
  }
}
