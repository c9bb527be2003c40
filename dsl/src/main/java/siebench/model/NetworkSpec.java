package siebench.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import siebench.features.FeatureLayout;

/**
 * The {@link ModelSpec} of a {@link CtrNetwork}: architecture, embedding size, MLP widths and cross depth.
 * Immutable; obtain one from {@link Models} and refine it, e.g. {@code deepFm().embeddingDim(16).hidden(256,
 * 128)}.
 */
public final class NetworkSpec implements ModelSpec {
  private final Architecture arch;
  private final int embeddingDim;
  private final int[] hidden;
  private final int crossLayers;

  NetworkSpec(Architecture arch, int embeddingDim, int[] hidden, int crossLayers) {
    if (embeddingDim < 1 || crossLayers < 0) {
      throw new IllegalArgumentException("embeddingDim must be >= 1 and crossLayers >= 0");
    }
    for (int h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("hidden widths must be >= 1, got " + Arrays.toString(hidden));
      }
    }
    this.arch = arch;
    this.embeddingDim = embeddingDim;
    this.hidden = hidden.clone();
    this.crossLayers = crossLayers;
  }

  @Override
  public NetworkSpec embeddingDim(int k) {
    return new NetworkSpec(arch, k, hidden, crossLayers);
  }

  /** MLP widths (DeepFM, DCN-v2). */
  public NetworkSpec hidden(int... widths) {
    return new NetworkSpec(arch, embeddingDim, widths, crossLayers);
  }

  /** Number of cross layers (DCN-v2). */
  public NetworkSpec crossLayers(int n) {
    return new NetworkSpec(arch, embeddingDim, hidden, n);
  }

  public Architecture architecture() {
    return arch;
  }

  @Override
  public String name() {
    return arch.shortName();
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (arch != Architecture.LOGISTIC_REGRESSION) {
      m.put("embeddingDim", embeddingDim);
    }
    if (arch == Architecture.DEEP_FM || arch == Architecture.DCN_V2 || arch == Architecture.MLP) {
      m.put("hidden", Arrays.toString(hidden));
    }
    if (arch == Architecture.DCN_V2) {
      m.put("crossLayers", crossLayers);
    }
    return m;
  }

  @Override
  public CtrNetwork build(FeatureLayout layout) {
    return new CtrNetwork(arch, layout, embeddingDim, hidden, crossLayers);
  }

  @Override
  public String toString() {
    return name() + parameters();
  }
}
