package siebench.benchmark;

import java.util.Map;
import siebench.data.Samples;
import siebench.data.noise.Corruption;
import siebench.data.synthetic.SyntheticData;
import siebench.importance.Importance;
import siebench.metrics.Detection;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One table of how well several importance scores single out known corrupted rows (injected fake clicks, flipped
 * labels): per score its meaning, AUROC of {@link Importance#suspicion()} against the flags, average precision,
 * precision and recall among the k most suspicious rows with k the number of flagged rows, and the estimator's
 * wall-clock seconds. The same metrics as the benchmark's {@link NoisyLabelDetection} protocol (the detection
 * evaluation of noisy-label methods, e.g. Pleiss et al., 2020, "Identifying Mislabeled Data using the Area Under
 * the Margin Ranking", NeurIPS), for scores computed once outside a {@link Benchmark}.
 */
public final class DetectionTable {
  private DetectionTable() {}

  /** Scores of the rows of {@code samples} against its {@code truth_corrupted} column (1 = corrupted). */
  public static Table of(Samples samples, Map<String, Importance> scores) {
    if (!samples.table().columnNames().contains(Corruption.TRUTH_CORRUPTED)) {
      throw new IllegalArgumentException("a detection table needs the ground-truth column '"
          + Corruption.TRUTH_CORRUPTED + "' (1 = corrupted row) in " + samples.describe()
          + "; inject noise with siebench.data.noise.Noise or pass the flags to DetectionTable.of(samples, scores, flags)");
    }
    double[] truth = samples.doubles(Corruption.TRUTH_CORRUPTED);
    boolean[] flags = new boolean[truth.length];
    for (int i = 0; i < truth.length; i++) {
      flags[i] = truth[i] > 0.5;
    }
    return of(samples, scores, flags);
  }

  /** Scores of the rows of {@code samples} against {@code flags} (in the rows' order; true = corrupted). */
  public static Table of(Samples samples, Map<String, Importance> scores, boolean[] flags) {
    if (flags.length != samples.size()) {
      throw new IllegalArgumentException("detection table: expected one flag per row of " + samples.describe()
          + ", got " + flags.length);
    }
    int k = 0;
    for (boolean f : flags) {
      k += f ? 1 : 0;
    }
    StringColumn estimator = StringColumn.create("estimator");
    StringColumn meaning = StringColumn.create("meaning");
    DoubleColumn auroc = DoubleColumn.create("auroc");
    DoubleColumn ap = DoubleColumn.create("average_precision");
    DoubleColumn precision = DoubleColumn.create("precision_at_k");
    DoubleColumn recall = DoubleColumn.create("recall_at_k");
    DoubleColumn seconds = DoubleColumn.create("seconds");
    for (Map.Entry<String, Importance> e : scores.entrySet()) {
      Importance imp = e.getValue();
      double[] s = imp.on(samples).suspicion();
      double[] atK = Detection.atK(flags, s, k);
      estimator.append(e.getKey());
      meaning.append(imp.meaning().name());
      auroc.append(Detection.auroc(flags, s));
      ap.append(Detection.averagePrecision(flags, s));
      precision.append(atK[0]);
      recall.append(atK[1]);
      seconds.append(imp.cost().wallMillis() / 1000.0);
    }
    return Table.create("detection of " + k + " corrupted rows of " + flags.length + " (k = " + k + ")",
        estimator, meaning, auroc, ap, precision, recall, seconds);
  }
}
