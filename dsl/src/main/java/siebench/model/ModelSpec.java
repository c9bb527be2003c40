package siebench.model;

import ai.djl.nn.Block;
import java.util.Map;
import siebench.features.FeatureLayout;

/**
 * A CTR model architecture with its hyper-parameters, able to build a DJL {@link Block} for a given feature
 * layout. The block takes {@code NDList(categoricalIndices int64[B, F], dense float32[B, D])} and returns
 * {@code NDList(logits float32[B], representation float32[B, H])}: the logit of the click probability and the
 * last hidden representation (used by embedding-based estimators such as KNN-Shapley and by last-layer
 * gradients).
 */
public interface ModelSpec {
  /** Short name: lr, fm, deepfm, dcnv2. */
  String name();

  /** Hyper-parameters, for reports. */
  Map<String, Object> parameters();

  /** The same architecture with another embedding size. */
  ModelSpec embeddingDim(int k);

  /** Builds the (uninitialized) block for this layout. */
  Block build(FeatureLayout layout);
}
