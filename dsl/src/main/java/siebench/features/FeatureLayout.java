package siebench.features;

import java.util.Arrays;
import java.util.List;

/**
 * The shape of encoded features that models are built for: {@code F} categorical fields sharing one
 * embedding table (field {@code f} owns rows {@code offsets[f] .. offsets[f] + vocabSizes[f] - 1}), {@code D}
 * dense numeric features, and optionally a behavior history of {@code historyLength} item ids encoded with the
 * vocabulary of field {@code historyField} (left-padded with the extra row {@link #paddingRow()}).
 */
public record FeatureLayout(List<String> fieldNames, int[] vocabSizes, List<String> denseNames, int historyLength,
    int historyField) {
  public FeatureLayout {
    fieldNames = List.copyOf(fieldNames);
    denseNames = List.copyOf(denseNames);
    vocabSizes = vocabSizes.clone();
    if (vocabSizes.length != fieldNames.size()) {
      throw new IllegalArgumentException("one vocabulary size per field expected");
    }
    if (historyLength < 0 || (historyLength > 0 && (historyField < 0 || historyField >= vocabSizes.length))) {
      throw new IllegalArgumentException("a history needs a length >= 1 and a valid item field");
    }
  }

  /** A layout without behavior history. */
  public FeatureLayout(List<String> fieldNames, int[] vocabSizes, List<String> denseNames) {
    this(fieldNames, vocabSizes, denseNames, 0, -1);
  }

  public int fields() {
    return vocabSizes.length;
  }

  public int dense() {
    return denseNames.size();
  }

  /** True when rows carry a behavior history. */
  public boolean hasHistory() {
    return historyLength > 0;
  }

  /** Rows of the field vocabularies (without the padding row). */
  public long totalVocab() {
    long s = 0;
    for (int v : vocabSizes) {
      s += v;
    }
    return s;
  }

  /** Rows of the shared embedding table: the vocabularies plus a padding row when there is a history. */
  public long embeddingRows() {
    return totalVocab() + (hasHistory() ? 1 : 0);
  }

  /** The embedding row that pads histories (masked out by sequence models). */
  public long paddingRow() {
    return totalVocab();
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
        && l.denseNames.equals(denseNames) && l.historyLength == historyLength && l.historyField == historyField;
  }

  @Override
  public int hashCode() {
    return fieldNames.hashCode() * 31 + Arrays.hashCode(vocabSizes) + denseNames.hashCode() + historyLength;
  }

  @Override
  public String toString() {
    return "FeatureLayout{fields=" + fields() + ", vocab=" + totalVocab() + ", dense=" + dense()
        + (hasHistory() ? ", history=" + historyLength + " of " + fieldNames.get(historyField) : "") + "}";
  }
}
