package siebench.benchmark;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The tidy result table being filled: one row per (estimator, protocol, metric, seed, x), where {@code x} is
 * the curve abscissa (fraction removed or kept, recall level) or NaN for scalar metrics.
 */
public final class ResultRows {
  private final StringColumn estimator = StringColumn.create("estimator");
  private final StringColumn protocol = StringColumn.create("protocol");
  private final StringColumn metric = StringColumn.create("metric");
  private final IntColumn seed = IntColumn.create("seed");
  private final DoubleColumn x = DoubleColumn.create("x");
  private final DoubleColumn value = DoubleColumn.create("value");

  /** Adds a scalar metric. */
  public synchronized void add(String est, String prot, String met, long sd, double v) {
    add(est, prot, met, sd, Double.NaN, v);
  }

  /** Adds a point of a curve. */
  public synchronized void add(String est, String prot, String met, long sd, double xv, double v) {
    estimator.append(est);
    protocol.append(prot);
    metric.append(met);
    seed.append((int) sd);
    x.append(xv);
    value.append(v);
  }

  /** A copy of the rows as a Tablesaw table. */
  public synchronized Table table() {
    return Table.create("benchmark", estimator.copy(), protocol.copy(), metric.copy(), seed.copy(), x.copy(),
        value.copy());
  }
}
