package siebench.importance.influence;

/**
 * Which parameters' per-sample gradients TracIn and influence functions use. For {@link InfluenceFunctions}
 * {@link #ALL_PARAMETERS} means the network linearized at its trained weights, with the logit's per-sample
 * gradients materialized by {@link Jacobians} (the cost below is TracIn's).
 */
public enum GradientScope {
  /**
   * The parameters entering the logit linearly at the output, in closed form {@code (p - y) * phi} from one
   * forward pass (no backward pass): for DeepFM and DCN-v2 the output layer over the representation {@code h}
   * ({@code phi = [h, 1]}: "output_weight" and "bias"), likewise GMF / NeuMF over their representation; for LR
   * and FM the first-order weights over one-hot categorical rows, the dense weights and the bias ({@code phi = [onehot, dense, 1]}; for LR these are all
   * parameters, so this is exact). Cost per checkpoint: one forward pass over training and validation rows.
   */
  LAST_LAYER,
  /**
   * All trainable parameters, exactly, without a per-sample loop: one batched backward pass per batch with a
   * {@link siebench.model.Probe}, and per-sample dot products with the summed validation gradient from the
   * outer-product structure of each layer. Cost per checkpoint: about one training epoch over the training
   * rows plus one backward pass over the validation rows. For the sequence models (DIN, BST), whose layers are
   * shared over the history positions, the per-sample gradients are materialized row by row ({@link Jacobians},
   * memory rows x parameters, or rows x d with a projection).
   */
  ALL_PARAMETERS
}
