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
import org.knowm.xchart.XYChart;
import siebench.report.BenchmarkReport;
import siebench.report.Charts;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a {@link Benchmark} produced: the tidy result table (estimator x protocol x metric x seed, with the
 * curve abscissa x), a summary with mean, standard deviation and a 95% confidence interval across repeats, the
 * rank of each estimator per protocol, XChart plots, and writers for CSV, JSON and a self-contained HTML
 * report.
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

  /** One line per repeat: split sizes and how corruption was obtained. */
  public List<String> notes() {
    return notes;
  }

  /**
   * Scalar metrics aggregated over repeats: estimator, protocol, metric, n, mean, std, ci95 (half-width of the
   * Student-t 95% interval of the mean).
   */
  public Table summary() {
    Map<List<String>, List<Double>> groups = new LinkedHashMap<>();
    for (int r = 0; r < tidy.rowCount(); r++) {
      if (!Double.isNaN(tidy.doubleColumn("x").getDouble(r))) {
        continue;
      }
      List<String> key = List.of(tidy.stringColumn("estimator").get(r), tidy.stringColumn("protocol").get(r),
          tidy.stringColumn("metric").get(r));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(tidy.doubleColumn("value").getDouble(r));
    }
    StringColumn est = StringColumn.create("estimator");
    StringColumn prot = StringColumn.create("protocol");
    StringColumn met = StringColumn.create("metric");
    IntColumn n = IntColumn.create("n");
    DoubleColumn mean = DoubleColumn.create("mean");
    DoubleColumn std = DoubleColumn.create("std");
    DoubleColumn ci = DoubleColumn.create("ci95");
    groups.forEach((k, v) -> {
      double[] s = stats(v);
      est.append(k.get(0));
      prot.append(k.get(1));
      met.append(k.get(2));
      n.append(v.size());
      mean.append(s[0]);
      std.append(s[1]);
      ci.append(s[2]);
    });
    return Table.create("summary", est, prot, met, n, mean, std, ci);
  }

  /** Mean, sample standard deviation, and the t-interval half-width for a list of values (NaNs skipped). */
  static double[] stats(List<Double> values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    double mean = n == 0 ? Double.NaN : sum / n;
    double ss = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        ss += (v - mean) * (v - mean);
      }
    }
    double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
    return new double[] {mean, sd, n > 1 ? tQuantile975(n - 1) * sd / Math.sqrt(n) : Double.NaN};
  }

  /** The 97.5% quantile of Student's t with {@code df} degrees of freedom. */
  static double tQuantile975(int df) {
    double[] table = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086};
    return df <= table.length ? table[df - 1] : df <= 30 ? 2.042 : df <= 60 ? 2.000 : 1.96;
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

  /** The rank of {@code estimator} in {@code protocol} (1 = best); fails when absent. */
  public int rank(String protocol, String estimator) {
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

  /** The plots that apply to the protocols run, by file-friendly name. */
  public Map<String, XYChart> charts() {
    Map<String, XYChart> charts = new LinkedHashMap<>();
    for (Protocol p : protocols) {
      switch (p.name()) {
        case "pruning" -> charts.put("pruning", Charts.curves(tidy, "pruning",
            "Data pruning: test AUC when keeping the top fraction", "fraction of training rows kept", "test AUC",
            "auc"));
        case "removal" -> charts.put("removal", Charts.curves(tidy, "removal",
            "Point removal: test AUC after removing the highest / lowest scored rows", "fraction removed",
            "test AUC", "auc_remove_highest", "auc_remove_lowest"));
        case "detection" -> charts.put("detection_pr", Charts.curves(tidy, "detection",
            "Noisy-label detection: interpolated precision at recall", "recall", "precision",
            "precision_at_recall"));
        default -> { }
      }
    }
    Protocol quality = protocols.stream().filter(p -> !p.name().equals("cost") && !p.name().equals("stability"))
        .findFirst().orElse(null);
    if (quality != null) {
      Map<String, double[]> points = new LinkedHashMap<>();
      Table s = summary();
      for (String est : s.stringColumn("estimator").unique()) {
        double secs = mean(est, "cost", "seconds");
        double q = mean(est, quality.name(), quality.primaryMetric());
        if (!Double.isNaN(secs) && !Double.isNaN(q)) {
          points.put(est, new double[] {secs, q});
        }
      }
      if (!points.isEmpty()) {
        charts.put("cost_quality", Charts.scatter("Cost versus quality", "estimator wall time (s)",
            quality.name() + " " + quality.primaryMetric(), points));
      }
    }
    return charts;
  }

  /** JSON: settings, notes, summary, ranks and the tidy rows. */
  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("settings", settings);
    root.put("notes", notes);
    root.put("summary", rowsOf(summary()));
    root.put("ranks", rowsOf(ranks()));
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

  /** A self-contained HTML report (tables and base64-embedded plots; opens offline). */
  public String toHtml() {
    return BenchmarkReport.html(this);
  }

  /**
   * Writes {@code results.csv} (tidy), {@code summary.csv}, {@code ranks.csv}, {@code results.json}, one PNG
   * per plot and {@code report.html} into {@code dir} (created if needed). Returns the report's path.
   */
  public Path save(Path dir) {
    try {
      Files.createDirectories(dir);
      tidy.write().csv(dir.resolve("results.csv").toFile());
      summary().write().csv(dir.resolve("summary.csv").toFile());
      ranks().write().csv(dir.resolve("ranks.csv").toFile());
      Files.writeString(dir.resolve("results.json"), toJson(), StandardCharsets.UTF_8);
      for (Map.Entry<String, XYChart> e : charts().entrySet()) {
        Files.write(dir.resolve(e.getKey() + ".png"), Charts.png(e.getValue()));
      }
      Path report = dir.resolve("report.html");
      Files.writeString(report, toHtml(), StandardCharsets.UTF_8);
      return report;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write benchmark results to " + dir, e);
    }
  }

  @Override
  public String toString() {
    return "Benchmark " + settings.get("data") + String.format(", %.1fs%n", (double) settings.get("seconds"))
        + ranks().print() + "\n" + summary().print(200);
  }
}
