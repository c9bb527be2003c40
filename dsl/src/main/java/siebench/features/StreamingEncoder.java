package siebench.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import siebench.core.Progress;
import siebench.data.io.RawRows;

/**
 * Fits a {@link FeatureEncoder} in one pass over a file that is too large to load ({@link RawRows}), holding
 * only per-field value counts and per-column sums, never the rows. The result is an ordinary {@code
 * FeatureEncoder} (saved by {@link EncoderFormat}, applied by {@link EncodedCache}) and equals {@link
 * FeatureEncoder#fit(siebench.data.Samples, EncoderOptions)} on the same rows loaded as a table: the same
 * vocabularies (values seen at least {@code minCount} times, most frequent first; with {@code hashBuckets} no
 * counts are kept at all, so a long tail costs no memory) and the same numeric means and standard deviations
 * (sums and sums of squares in row order, the in-memory formula, so the values agree to the last bit; Welford's
 * update would be steadier numerically but would not). Bucketized numerics need whole-column quantiles and are
 * rejected. This is the vocabulary and statistics pass of industrial CTR pipelines (e.g. the Criteo
 * preprocessing of DLRM, Naumov et al. 2019).
 */
public final class StreamingEncoder {
  /** Rows between progress reports and cancellation checks. */
  static final long PROGRESS_EVERY = 1_000_000;

  private StreamingEncoder() {}

  /** Fits on every row of {@code source}, reporting to {@code progress} and stopping when it is cancelled. */
  public static FeatureEncoder fit(RawRows.Source source, EncoderOptions options, Progress progress) {
    if (options.numeric() == NumericTransform.BUCKETIZE) {
      throw new IllegalArgumentException("bucketized numerics need quantiles of whole columns and cannot be fitted "
          + "in one streaming pass; use the standardize or log transform");
    }
    progress.checkCancelled();
    try (RawRows rows = source.open()) {
      List<String> categorical = List.copyOf(rows.categoricalNames());
      List<String> numeric = List.copyOf(rows.numericNames());
      boolean hashing = options.hashBuckets() > 0;
      List<Map<String, int[]>> counts = new ArrayList<>();
      for (int f = 0; f < categorical.size(); f++) {
        counts.add(new HashMap<>());
      }
      double[] sum = new double[numeric.size()];
      double[] sq = new double[numeric.size()];
      long[] n = new long[numeric.size()];
      String task = "fit encoder on " + source.path().getFileName();
      long t0 = System.nanoTime();
      long r = 0;
      while (rows.next()) {
        if (!hashing) {
          for (int f = 0; f < categorical.size(); f++) {
            String v = rows.categorical(f);
            if (v != null) {
              counts.get(f).computeIfAbsent(v, k -> new int[1])[0]++;
            }
          }
        }
        for (int j = 0; j < numeric.size(); j++) {
          double v = rows.numeric(j);
          if (!Double.isNaN(v)) {
            double t = FeatureEncoder.transform(v, options.numeric());
            sum[j] += t;
            sq[j] += t * t;
            n[j]++;
          }
        }
        if (++r % PROGRESS_EVERY == 0) {
          progress.checkCancelled();
          report(progress, task, rows, r, t0);
        }
      }
      if (r % PROGRESS_EVERY != 0) {
        report(progress, task, rows, r, t0);
      }
      List<Map<String, Integer>> vocabs = new ArrayList<>();
      for (Map<String, int[]> c : counts) {
        vocabs.add(hashing ? Map.of() : FeatureEncoder.vocabulary(c, options.minCount()));
        c.clear();
      }
      double[] mean = new double[numeric.size()];
      double[] std = new double[numeric.size()];
      for (int j = 0; j < numeric.size(); j++) {
        double m = n[j] == 0 ? 0 : sum[j] / n[j];
        double var = n[j] == 0 ? 0 : sq[j] / n[j] - m * m;
        mean[j] = m;
        std[j] = var > 1e-12 ? Math.sqrt(var) : 1;
      }
      return new FeatureEncoder(options, categorical, numeric, List.of(), vocabs, mean, std, List.of(), null, -1);
    }
  }

  /** One progress line of a pass over {@code rows}: megabytes read of the total, rows and rows per second. */
  static void report(Progress progress, String task, RawRows rows, long r, long t0) {
    double secs = (System.nanoTime() - t0) / 1e9;
    progress.update(task, rows.bytesRead() >> 20, Math.max(1, rows.bytesTotal() >> 20),
        String.format("MB, %,d rows, %,.0f rows/s", r, r / Math.max(secs, 1e-9)));
  }
}
