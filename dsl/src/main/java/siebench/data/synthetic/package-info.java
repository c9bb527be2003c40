/**
 * The built-in synthetic data: seeded e-commerce search logs with known ground truth, the default data of the
 * benchmark.
 *
 * <p>{@link siebench.data.synthetic.Synthetic#ecommerce()} returns an {@link
 * siebench.data.synthetic.EcommerceGenerator}; {@code generate()} returns {@link
 * siebench.data.synthetic.SyntheticData} with training {@code samples()}, clean {@code test()} samples and the
 * truth: the hidden {@link siebench.data.synthetic.EcommerceWorld}, the examination curve of the
 * position-based click model ({@link siebench.data.synthetic.PositionBias}) and per-row {@code truth_*}
 * columns (relevance, propensity, click probability, which {@link siebench.data.noise.Corruption} was
 * injected, density ratio under covariate shift).
 */
package siebench.data.synthetic;
