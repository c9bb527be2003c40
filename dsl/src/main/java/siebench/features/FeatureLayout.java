package siebench.features;

import java.util.Arrays;
import java.util.List;

/**
 * The shape of encoded features that models are built for: {@code F} categorical fields sharing one
 * embedding table (field {@code f} owns rows {@code offsets[f] .. offsets[f] + vocabSizes[f] - 1}), and
 * {@code D} dense numeric features.
 */
public record FeatureLayout(List<String> fieldNames, int[] vocabSizes, List<String> denseNames) {
  public FeatureLayout {
    fieldNames = List.copyOf(fieldNames);
    denseNames = List.copyOf(denseNames);
    vocabSizes = vocabSizes.clone();
    if (vocabSizes.length != fieldNames.size()) {
      throw new IllegalArgumentException("one vocabulary size per field expected");
    }
  }

  public int fields() {
    return vocabSizes.length;
  }

  public int dense() {
    return denseNames.size();
  }

  /** Rows of the shared embedding table. */
  public long totalVocab() {
    long s = 0;
    for (int v : vocabSizes) {
      s += v;
    }
    return s;
  }

  /** First embedding row of each field. */
  public long[] offsets() {
    long[] o = new long[vocabSizes.length];
    for (int f = 1; f < o.length; f++) {
      o[f] = o[f - 1] + vocabSizes[f - 1];
    }
    return o;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureLayout l && l.fieldNames.equals(fieldNames) && Arrays.equals(l.vocabSizes, vocabSizes)
        && l.denseNames.equals(denseNames);
  }

  @Override
  public int hashCode() {
    return fieldNames.hashCode() * 31 + Arrays.hashCode(vocabSizes) + denseNames.hashCode();
  }

  @Override
  public String toString() {
    return "FeatureLayout{fields=" + fields() + ", vocab=" + totalVocab() + ", dense=" + dense() + "}";
  }
}
