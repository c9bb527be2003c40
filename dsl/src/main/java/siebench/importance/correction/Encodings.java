package siebench.importance.correction;

import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** Encoding helpers shared by the correction estimators. */
final class Encodings {
  private static final String DOMAIN = "__siebench_domain";

  private Encodings() {}

  /**
   * Encodes {@code samples} with {@code encoder}; samples without a label column (e.g. an unlabeled target
   * sample) get a constant 0 label, which the density-ratio classifier ignores.
   */
  static EncodedData encode(FeatureEncoder encoder, Samples samples) {
    if (samples.schema().label() != null) {
      return encoder.encode(samples);
    }
    Table t = samples.table().copy();
    t.addColumns(IntColumn.create(DOMAIN, samples.size()).setMissingTo(0));
    return encoder.encode(Samples.from(t).label(DOMAIN));
  }

  /** The rows of {@code a} followed by those of {@code b}; both must share one layout. */
  static EncodedData concat(EncodedData a, EncodedData b) {
    if (!a.layout().equals(b.layout())) {
      throw new IllegalArgumentException("layouts differ: " + a.layout() + " vs " + b.layout());
    }
    int n = a.rows() + b.rows();
    long[] cat = new long[a.cat().length + b.cat().length];
    System.arraycopy(a.cat(), 0, cat, 0, a.cat().length);
    System.arraycopy(b.cat(), 0, cat, a.cat().length, b.cat().length);
    float[] dense = new float[a.dense().length + b.dense().length];
    System.arraycopy(a.dense(), 0, dense, 0, a.dense().length);
    System.arraycopy(b.dense(), 0, dense, a.dense().length, b.dense().length);
    float[] y = new float[n];
    System.arraycopy(a.labels(), 0, y, 0, a.rows());
    System.arraycopy(b.labels(), 0, y, a.rows(), b.rows());
    float[] w = new float[n];
    System.arraycopy(a.weights(), 0, w, 0, a.rows());
    System.arraycopy(b.weights(), 0, w, a.rows(), b.rows());
    long[] ids = new long[n];
    System.arraycopy(a.rowIds(), 0, ids, 0, a.rows());
    System.arraycopy(b.rowIds(), 0, ids, a.rows(), b.rows());
    return new EncodedData(a.layout(), n, cat, dense, y, w, ids);
  }
}
