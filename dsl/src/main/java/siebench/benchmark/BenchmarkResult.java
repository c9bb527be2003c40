package siebench.benchmark;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import siebench.metrics.MeanInterval;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a {@link Benchmark} produced: the tidy result table (estimator x protocol x metric x seed, with the
 * curve abscissa x), a summary with mean, standard deviation and a 95% confidence interval across repeats, the
 * rank of each estimator per protocol, and writers for CSV and JSON. Plots and the HTML report are drawn from it
 * by the {@code siebench.report} package ({@code BenchmarkCharts.of(result)}, {@code BenchmarkReport.save(result,
 * dir)}), which sits above this one.
 */
public final class BenchmarkResult {
  private final Table tidy;
  private final List<Protocol> protocols;
  private final Map<String, Object> settings;
  private final List<String> notes;

  BenchmarkResult(Table tidy, List<Protocol> protocols, Map<String, Object> settings, List<String> notes) {
    this.tidy = tidy;
    this.protocols = List.copyOf(protocols);
    this.settings = new LinkedHashMap<>(settings);
    this.notes = List.copyOf(notes);
  }

  /** The tidy table: estimator, protocol, metric, seed, x (NaN for scalars), value. */
  public Table table() {
    return tidy.copy();
  }

  /** Settings of the run (data, estimators, protocols, task, repeats, seed, seconds). */
  public Map<String, Object> settings() {
    return new LinkedHashMap<>(settings);
  }

  /** The protocols run, in order. */
  public List<Protocol> protocols() {
    return protocols;
  }

  /** One line per repeat: split sizes and how corruption was obtained. */
  public List<String> notes() {
    return notes;
  }

  /**
   * Scalar metrics aggregated over repeats: estimator, protocol, metric, n, mean, std, ci95 (half-width of the
   * Student-t 95% interval of the mean) and flag: non-empty where an action (cleaning, pruning, reweighting)
   * made the model worse than the noisy baseline, i.e. its {@code auc_delta} is below 0 by more than its
   * interval (or, with a single repeat, below 0 at all) or its {@code logloss_delta} above 0 likewise.
   */
  public Table summary() {
    Table t = aggregate(false);
    StringColumn flag = StringColumn.create("flag");
    for (int r = 0; r < t.rowCount(); r++) {
      flag.append(flag(t.stringColumn("protocol").get(r), t.stringColumn("metric").get(r),
          t.doubleColumn("mean").getDouble(r), t.doubleColumn("ci95").getDouble(r)));
    }
    return t.removeColumns("x").addColumns(flag).setName("summary");
  }

  /**
   * Curve points aggregated over repeats: estimator, protocol, metric, x, n, mean, std, ci95, e.g. the cleaning
   * recovery at each removed fraction with its interval.
   */
  public Table curves() {
    return aggregate(true).setName("curves");
  }

  /** The tidy rows grouped by (estimator, protocol, metric, x): curve points, or else scalars (x NaN). */
  private Table aggregate(boolean curvePoints) {
    Map<List<Object>, List<Double>> groups = new LinkedHashMap<>();
    for (int r = 0; r < tidy.rowCount(); r++) {
      double x = tidy.doubleColumn("x").getDouble(r);
      if (Double.isNaN(x) != curvePoints) {
        List<Object> key = List.of(tidy.stringColumn("estimator").get(r), tidy.stringColumn("protocol").get(r),
            tidy.stringColumn("metric").get(r), x);
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(tidy.doubleColumn("value").getDouble(r));
      }
    }
    StringColumn est = StringColumn.create("estimator");
    StringColumn prot = StringColumn.create("protocol");
    StringColumn met = StringColumn.create("metric");
    DoubleColumn xs = DoubleColumn.create("x");
    IntColumn n = IntColumn.create("n");
    DoubleColumn mean = DoubleColumn.create("mean");
    DoubleColumn std = DoubleColumn.create("std");
    DoubleColumn ci = DoubleColumn.create("ci95");
    groups.forEach((k, v) -> {
      MeanInterval st = MeanInterval.of(v);
      est.append((String) k.get(0));
      prot.append((String) k.get(1));
      met.append((String) k.get(2));
      xs.append((Double) k.get(3));
      n.append(v.size());
      mean.append(st.mean());
      std.append(st.sd());
      ci.append(st.halfWidth());
    });
    return Table.create("aggregate", est, prot, met, xs, n, mean, std, ci);
  }

  /** Why a (protocol, metric) mean is harmful, or "" when it is not (or is not an action's delta). */
  static String flag(String protocol, String metric, double mean, double ci95) {
    if (!Gains.PROTOCOLS.contains(protocol) || Double.isNaN(mean)) {
      return "";
    }
    double margin = Double.isNaN(ci95) ? 0 : ci95;
    String ci = Double.isNaN(ci95) ? " (one repeat, no CI)" : String.format(" beyond its CI (+-%.4f)", ci95);
    if (metric.startsWith("auc_delta") && mean + margin < 0) {
      return String.format("HARMFUL: test AUC %.4f below the noisy baseline", mean) + ci;
    }
    if (metric.startsWith("logloss_delta") && mean - margin > 0) {
      return String.format("HARMFUL: test LogLoss %.4f above the noisy baseline", mean) + ci;
    }
    return "";
  }

  /** One line per flagged summary row: estimator, protocol, metric and why (see {@link #summary()}). */
  public List<String> warnings() {
    Table s = summary();
    List<String> out = new ArrayList<>();
    for (int r = 0; r < s.rowCount(); r++) {
      String f = s.stringColumn("flag").get(r);
      if (!f.isEmpty()) {
        out.add(s.stringColumn("estimator").get(r) + " / " + s.stringColumn("protocol").get(r) + " / "
            + s.stringColumn("metric").get(r) + ": " + f);
      }
    }
    return out;
  }

  /** Per protocol: each estimator's mean primary metric and its rank (1 = best). */
  public Table ranks() {
    Table s = summary();
    StringColumn prot = StringColumn.create("protocol");
    StringColumn met = StringColumn.create("metric");
    StringColumn est = StringColumn.create("estimator");
    DoubleColumn mean = DoubleColumn.create("mean");
    IntColumn rank = IntColumn.create("rank");
    for (Protocol p : protocols) {
      List<Object[]> entries = new ArrayList<>();
      for (int r = 0; r < s.rowCount(); r++) {
        if (s.stringColumn("protocol").get(r).equals(p.name())
            && s.stringColumn("metric").get(r).equals(p.primaryMetric())) {
          entries.add(new Object[] {s.stringColumn("estimator").get(r), s.doubleColumn("mean").getDouble(r)});
        }
      }
      entries.sort((a, b) -> {
        double x = (double) a[1];
        double y = (double) b[1];
        if (Double.isNaN(x) != Double.isNaN(y)) {
          return Double.isNaN(x) ? 1 : -1; // an undefined mean ranks last, never first
        }
        int c = p.higherIsBetter() ? Double.compare(y, x) : Double.compare(x, y);
        return c != 0 ? c : ((String) a[0]).compareTo((String) b[0]);
      });
      for (int i = 0; i < entries.size(); i++) {
        prot.append(p.name());
        met.append(p.primaryMetric());
        est.append((String) entries.get(i)[0]);
        mean.append((double) entries.get(i)[1]);
        rank.append(i + 1);
      }
    }
    return Table.create("ranks", prot, met, est, mean, rank);
  }

  /**
   * The rank of {@code estimator} in {@code protocol} (1 = best); fails when absent. Arguments run from the
   * estimator outwards, as in {@link #mean(String, String, String)}.
   */
  public int rank(String estimator, String protocol) {
    Table r = ranks();
    for (int i = 0; i < r.rowCount(); i++) {
      if (r.stringColumn("protocol").get(i).equals(protocol) && r.stringColumn("estimator").get(i).equals(estimator)) {
        return r.intColumn("rank").getInt(i);
      }
    }
    throw new IllegalArgumentException("no rank for " + estimator + " in " + protocol);
  }

  /** The mean over repeats of a scalar metric; NaN when absent. */
  public double mean(String estimator, String protocol, String metric) {
    Table s = summary();
    for (int i = 0; i < s.rowCount(); i++) {
      if (s.stringColumn("estimator").get(i).equals(estimator) && s.stringColumn("protocol").get(i).equals(protocol)
          && s.stringColumn("metric").get(i).equals(metric)) {
        return s.doubleColumn("mean").getDouble(i);
      }
    }
    return Double.NaN;
  }

  /** JSON: settings, notes, summary, ranks and the tidy rows. */
  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("settings", settings);
    root.put("notes", notes);
    root.put("summary", rowsOf(summary()));
    root.put("ranks", rowsOf(ranks()));
    root.put("warnings", warnings());
    root.put("results", rowsOf(tidy));
    return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(root);
  }

  private static List<Map<String, Object>> rowsOf(Table t) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (var c : t.columns()) {
        row.put(c.name(), c.get(r));
      }
      list.add(row);
    }
    return list;
  }

  /**
   * Writes the data of the result into {@code dir} (created if needed): {@code results.csv} (tidy), {@code
   * summary.csv}, {@code curves.csv}, {@code ranks.csv} and {@code results.json}. Returns {@code dir}. The plots
   * and the HTML report beside them: {@code siebench.report.BenchmarkReport.save(result, dir)}.
   */
  public Path saveData(Path dir) {
    try {
      Files.createDirectories(dir);
      tidy.write().csv(dir.resolve("results.csv").toFile());
      summary().write().csv(dir.resolve("summary.csv").toFile());
      curves().write().csv(dir.resolve("curves.csv").toFile());
      ranks().write().csv(dir.resolve("ranks.csv").toFile());
      Files.writeString(dir.resolve("results.json"), toJson(), StandardCharsets.UTF_8);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write benchmark results to " + dir, e);
    }
  }

  @Override
  public String toString() {
    return "Benchmark " + settings.get("data") + String.format(", %.1fs%n", (double) settings.get("seconds"))
        + ranks().print() + "\n" + summary().print(400)
        + warningLines();
  }

  private String warningLines() {
    List<String> w = warnings();
    return w.isEmpty() ? "" : "\nWARNINGS (actions that made the model worse than the noisy baseline):\n  "
        + String.join("\n  ", w) + "\n";
  }
}
