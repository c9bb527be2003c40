package siebench.data.synthetic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import siebench.data.Samples;
import siebench.metrics.Ranks;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A semi-synthetic click log with known item relevance, for showing what position bias does to a model and what
 * a correction repairs: {@code items} items with a hidden relevance {@code γ_i ~ U[lo, hi]}, shown one at a time in
 * one of the slots of an {@link PositionBias examination curve} {@code θ_k}, clicked with probability
 * {@code θ_k · γ_i} (the examination hypothesis of the position-based click model: Richardson, Dominowska &amp; Ragno
 * 2007, "Predicting clicks: estimating the click-through rate for new ads", WWW; Craswell, Zoeter, Taylor &amp;
 * Ramsey 2008, "An experimental comparison of click position-bias models", WSDM). The logging policy confounds
 * relevance with position: with probability {@code biasedShare} an item above the median relevance goes to the
 * least examined slot and any other item to the most examined one, otherwise the slot is uniform. Cross-entropy on
 * these clicks learns {@code θ·γ}, and the slots make the more relevant items look worse.
 *
 * <p>The log has the columns {@code item_id} (categorical), {@code position} (1-based, the position role),
 * {@code click} (the label) and {@code examination} (the row's {@code θ_k}, the propensity role). One
 * {@link Random} draws first the relevances, then per row the item, the policy's coin and slot, and the click.
 * Immutable builder.
 */
public final class PositionBiasedItemLog {
  private final PositionBias examination;
  private final int items;
  private final int rows;
  private final double lo;
  private final double hi;
  private final double biasedShare;
  private final long seed;

  private PositionBiasedItemLog(PositionBias examination, int items, int rows, double lo, double hi,
      double biasedShare, long seed) {
    this.examination = Objects.requireNonNull(examination, "examination");
    if (examination.positions() < 2) {
      throw new IllegalArgumentException("need at least 2 slots to confound relevance with position, got "
          + examination.positions());
    }
    if (items < 2 || rows < 1) {
      throw new IllegalArgumentException("need at least 2 items and 1 row, got " + items + " items and " + rows
          + " rows");
    }
    if (!(lo >= 0 && lo < hi && hi <= 1)) {
      throw new IllegalArgumentException("relevance range must satisfy 0 <= lo < hi <= 1, got [" + lo + ", " + hi
          + "]");
    }
    if (!(biasedShare >= 0 && biasedShare <= 1)) {
      throw new IllegalArgumentException("biased share must lie in [0, 1], got " + biasedShare);
    }
    this.items = items;
    this.rows = rows;
    this.lo = lo;
    this.hi = hi;
    this.biasedShare = biasedShare;
    this.seed = seed;
  }

  /** 34 items (Open Bandit's "men" campaign), 40,000 rows, relevance in [0.02, 0.12], biased share 0.7, seed 42. */
  public static PositionBiasedItemLog of(PositionBias examination) {
    return new PositionBiasedItemLog(examination, 34, 40_000, 0.02, 0.12, 0.7, 42);
  }

  public PositionBiasedItemLog items(int n) {
    return new PositionBiasedItemLog(examination, n, rows, lo, hi, biasedShare, seed);
  }

  public PositionBiasedItemLog rows(int n) {
    return new PositionBiasedItemLog(examination, items, n, lo, hi, biasedShare, seed);
  }

  /** The range the hidden relevances are drawn from, uniformly. */
  public PositionBiasedItemLog relevance(double low, double high) {
    return new PositionBiasedItemLog(examination, items, rows, low, high, biasedShare, seed);
  }

  /** Share of rows placed by the confounding rule (the rest get a uniform slot). */
  public PositionBiasedItemLog biasedShare(double share) {
    return new PositionBiasedItemLog(examination, items, rows, lo, hi, share, seed);
  }

  public PositionBiasedItemLog seed(long s) {
    return new PositionBiasedItemLog(examination, items, rows, lo, hi, biasedShare, s);
  }

  /** Draws the relevances and the log. */
  public Generated generate() {
    Random rng = new Random(seed);
    double[] theta = examination.curve();
    int slots = theta.length;
    int worst = 0;
    int best = 0;
    for (int k = 0; k < slots; k++) {
      if (theta[k] < theta[worst]) {
        worst = k;
      }
      if (theta[k] > theta[best]) {
        best = k;
      }
    }
    double[] relevance = new double[items];
    for (int i = 0; i < items; i++) {
      relevance[i] = lo + (hi - lo) * rng.nextDouble();
    }
    double median = java.util.Arrays.stream(relevance).sorted().toArray()[items / 2];
    int[] item = new int[rows];
    int[] position = new int[rows];
    int[] click = new int[rows];
    double[] exam = new double[rows];
    for (int r = 0; r < rows; r++) {
      int it = rng.nextInt(items);
      int slot = rng.nextDouble() < biasedShare ? (relevance[it] > median ? worst : best) : rng.nextInt(slots);
      item[r] = it;
      position[r] = slot + 1;
      exam[r] = theta[slot];
      click[r] = rng.nextDouble() < theta[slot] * relevance[it] ? 1 : 0;
    }
    Table t = Table.create("simulated log", IntColumn.create("item_id", item), IntColumn.create("position", position),
        IntColumn.create("click", click), DoubleColumn.create("examination", exam));
    Samples log = Samples.from(t).label("click").categorical("item_id").position("position")
        .propensity("examination");
    return new Generated(log, relevance, examination);
  }

  @Override
  public String toString() {
    return "PositionBiasedItemLog[" + items + " items, " + rows + " rows, relevance U[" + lo + ", " + hi + "], "
        + "biased share " + biasedShare + ", examination " + examination + ", seed " + seed + "]";
  }

  /**
   * A generated log with its hidden truth.
   *
   * @param log the click log
   * @param relevance the hidden relevance of item {@code i} at index {@code i}
   * @param examination the examination curve the clicks were drawn with
   */
  public record Generated(Samples log, double[] relevance, PositionBias examination) {
    /**
     * The mean of {@code values} (one per row of the log) over each item's rows, item {@code i} at index
     * {@code i}; NaN for an item without rows.
     */
    public double[] perItem(double[] values) {
      double[] item = log.doubles("item_id");
      if (values.length != item.length) {
        throw new IllegalArgumentException("expected one value per row of the log (" + item.length + "), got "
            + values.length);
      }
      double[] sum = new double[relevance.length];
      int[] count = new int[relevance.length];
      for (int r = 0; r < item.length; r++) {
        sum[(int) item[r]] += values[r];
        count[(int) item[r]]++;
      }
      for (int i = 0; i < sum.length; i++) {
        sum[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
      }
      return sum;
    }

    /**
     * How well per-row scores recover the hidden relevance: for each named score (one value per row, e.g. the raw
     * clicks or a model's predictions on the log), the per-item mean ({@link #perItem}) against the relevance, as
     * Spearman's rank correlation ({@code spearman_vs_truth}) and mean absolute error
     * ({@code mean_abs_error_vs_truth}).
     */
    public Table itemRecovery(Map<String, double[]> rowScores) {
      StringColumn name = StringColumn.create("item score");
      DoubleColumn spearman = DoubleColumn.create("spearman_vs_truth");
      DoubleColumn mae = DoubleColumn.create("mean_abs_error_vs_truth");
      for (Map.Entry<String, double[]> e : new LinkedHashMap<>(rowScores).entrySet()) {
        double[] p = perItem(e.getValue());
        double err = 0;
        for (int i = 0; i < p.length; i++) {
          err += Math.abs(p[i] - relevance[i]);
        }
        name.append(e.getKey());
        spearman.append(Ranks.spearman(p, relevance));
        mae.append(err / p.length);
      }
      return Table.create("per-item scores against the true relevance", name, spearman, mae);
    }
  }
}
