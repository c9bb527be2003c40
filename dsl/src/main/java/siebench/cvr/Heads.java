package siebench.cvr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The logits of one batch from the {@link MultiTaskNetwork}: CTR {@code z_ctr}, CVR {@code z_cvr} and, with the
 * Multi-DR imputation tower (Zhang et al. 2020, WWW), the imputed conversion logit {@code z_imp} (else null).
 * All {@code float32 [B]}.
 */
public record Heads(NDArray ctr, NDArray cvr, NDArray imputation) {
  /** The heads of a forward pass of the network. */
  public static Heads of(NDList out) {
    return new Heads(out.get(0), out.get(1), out.size() > 2 ? out.get(2) : null);
  }
}
