package siebench.data.synthetic;

/**
 * Entry point to the built-in synthetic data with ground truth, the default data of the benchmark.
 *
 * <pre>{@code
 * SyntheticData data = Synthetic.ecommerce().rows(200_000).seed(7).fakeClicks(0.1).generate();
 * }</pre>
 */
public final class Synthetic {
  private Synthetic() {}

  /** A generator of e-commerce search logs with default settings; see {@link EcommerceGenerator}. */
  public static EcommerceGenerator ecommerce() {
    return new EcommerceGenerator();
  }
}
