package siebench.importance.dynamics;

import java.util.Map;
import siebench.data.Samples;
import siebench.importance.Importance;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of {@link AreaUnderMargin#fit}: every row's AUM, the thresholds learned from the threshold
 * samples (one per assigned label), and the rows flagged as likely mislabeled ({@code AUM <= threshold of its
 * label}). Immutable.
 */
public final class AumResult {
  private final long[] rowIds;
  private final float[] labels;
  private final double[] aum;
  private final double clickThreshold;
  private final double nonClickThreshold;
  private final Map<String, Object> parameters;
  private final Importance.Cost cost;

  AumResult(long[] rowIds, float[] labels, double[] aum, double clickThreshold, double nonClickThreshold,
      Map<String, Object> parameters, Importance.Cost cost) {
    this.rowIds = rowIds.clone();
    this.labels = labels.clone();
    this.aum = aum.clone();
    this.clickThreshold = clickThreshold;
    this.nonClickThreshold = nonClickThreshold;
    this.parameters = Map.copyOf(parameters);
    this.cost = cost;
  }

  public int size() {
    return rowIds.length;
  }

  public long[] rowIds() {
    return rowIds.clone();
  }

  /** Each row's area under the margin (from the run(s) in which its label was not flipped). */
  public double[] aum() {
    return aum.clone();
  }

  /** The AUM threshold for rows labeled as clicks. */
  public double clickThreshold() {
    return clickThreshold;
  }

  /** The AUM threshold for rows labeled as non-clicks. */
  public double nonClickThreshold() {
    return nonClickThreshold;
  }

  /** Whether each row is flagged as likely mislabeled: its AUM is at most its label's threshold. */
  public boolean[] flagged() {
    boolean[] out = new boolean[aum.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = aum[i] <= (labels[i] > 0.5 ? clickThreshold : nonClickThreshold);
    }
    return out;
  }

  /** The row ids of the flagged rows. */
  public long[] flaggedRowIds() {
    boolean[] f = flagged();
    return java.util.stream.IntStream.range(0, f.length).filter(i -> f[i]).mapToLong(i -> rowIds[i]).toArray();
  }

  public Importance.Cost cost() {
    return cost;
  }

  /** The hardness importance {@code -AUM} (higher = more likely mislabeled). */
  public Importance importance() {
    double[] s = new double[aum.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = -aum[i];
    }
    return new Importance("aum", parameters, rowIds, s, cost, Importance.Meaning.HARDNESS);
  }

  /** row_id, label, aum, threshold (of the row's label), flagged. */
  public Table table() {
    DoubleColumn y = DoubleColumn.create("label", size());
    DoubleColumn t = DoubleColumn.create("threshold", size());
    for (int i = 0; i < size(); i++) {
      y.set(i, labels[i]);
      t.set(i, labels[i] > 0.5 ? clickThreshold : nonClickThreshold);
    }
    return Table.create("aum", LongColumn.create(Samples.ROW_ID, rowIds), y, DoubleColumn.create("aum", aum), t,
        BooleanColumn.create("flagged", flagged()));
  }

  @Override
  public String toString() {
    return String.format("AumResult[%d rows, %d flagged, thresholds click %.4f / non-click %.4f]", size(),
        flaggedRowIds().length, clickThreshold, nonClickThreshold);
  }
}
