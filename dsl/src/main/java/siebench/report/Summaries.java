package siebench.report;

import java.util.Arrays;
import java.util.Map;
import siebench.data.Samples;
import siebench.importance.Importance;
import siebench.train.TrainResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * HTML summaries of a training run ({@link TrainResult}), an importance estimate ({@link Importance}) and a data
 * set ({@link Samples}), as a notebook shows them inline (the notebook kernels only wrap this HTML into a MIME
 * bundle); a benchmark result is rendered by {@link BenchmarkReport#inline}. Charts are drawn by {@link
 * DiagnosticCharts} and embedded by {@link ChartImages}.
 */
public final class Summaries {
  /** Rows listed in each of the top and bottom tables of an importance summary. */
  public static final int TOP_ROWS = 10;
  /** Bins of the importance histogram. */
  public static final int HISTOGRAM_BINS = 30;

  private Summaries() {}

  /**
   * A training run: a headline (model, data, rows, epochs, best epoch, time, throughput, peak heap, device),
   * the metrics table, the per-epoch history table and the learning curve.
   */
  public static String trainResult(TrainResult r) {
    StringBuilder sb = open();
    sb.append("<h4>").append(Html.escape(r.task().model().name())).append(" on ")
        .append(Html.escape(r.trainSamples().origin())).append("</h4>");
    sb.append("<div class=\"note\">")
        .append(Html.formatCount(r.trainSamples().size())).append(" train / ")
        .append(Html.formatCount(r.testSamples().size())).append(" test rows &#183; ")
        .append(r.history().size()).append(r.history().size() == 1 ? " epoch" : " epochs")
        .append(" (best ").append(r.bestEpoch()).append(") &#183; ")
        .append(Html.formatDouble(r.seconds())).append(" s &#183; ")
        .append(Html.formatCount(Math.round(r.samplesPerSecond()))).append(" samples/s &#183; peak heap ")
        .append(Html.formatBytes(r.peakHeapBytes())).append(" &#183; ").append(Html.escape(r.device()))
        .append("</div>");
    sb.append(TableHtml.fragment(r.metrics(), 50));
    if (!r.history().isEmpty()) {
      sb.append(TableHtml.fragment(r.historyTable(), 50));
      sb.append("<div>").append(ChartImages.imgTag(DiagnosticCharts.learningCurve(r), "learning curve")).append("</div>");
    }
    return close(sb);
  }

  /**
   * An importance estimate: estimator, parameters and cost, distribution statistics, the {@value #TOP_ROWS}
   * most suspicious and most valuable rows (read through its meaning) and a histogram.
   */
  public static String importance(Importance imp) {
    StringBuilder sb = open();
    header(sb, imp);
    sb.append(TableHtml.fragment(statistics(imp), 20));
    if (imp.size() > 0) {
      sb.append("<div style=\"display:flex;gap:24px;flex-wrap:wrap\"><div>");
      sb.append(TableHtml.fragment(ranked(imp, true), TOP_ROWS)).append("</div><div>");
      sb.append(TableHtml.fragment(ranked(imp, false), TOP_ROWS)).append("</div></div>");
      sb.append("<div>").append(ChartImages.imgTag(DiagnosticCharts.histogram(imp, HISTOGRAM_BINS), "score histogram"))
          .append("</div>");
    }
    return close(sb);
  }

  /**
   * An importance estimate next to the rows it scores: like {@link #importance(Importance)} but the most
   * suspicious and most valuable rows are shown in full (via {@link Importance#mostSuspicious(Samples, int)}).
   */
  public static String importance(Importance imp, Samples samples) {
    StringBuilder sb = open();
    header(sb, imp);
    sb.append(TableHtml.fragment(statistics(imp), 20));
    sb.append(TableHtml.fragment(imp.mostSuspicious(samples, TOP_ROWS).setName("most suspicious by "
        + imp.estimator()), TOP_ROWS));
    sb.append(TableHtml.fragment(imp.mostValuable(samples, TOP_ROWS).setName("most valuable by "
        + imp.estimator()), TOP_ROWS));
    if (imp.size() > 0) {
      sb.append("<div>").append(ChartImages.imgTag(DiagnosticCharts.histogram(imp, HISTOGRAM_BINS), "score histogram"))
          .append("</div>");
    }
    return close(sb);
  }

  /** A data set: its schema description and first rows. */
  public static String samples(Samples s) {
    StringBuilder sb = open();
    sb.append("<pre>").append(Html.escape(s.describe())).append("\n").append(Html.escape(String.valueOf(s.schema())))
        .append("</pre>");
    sb.append(TableHtml.fragment(s.table(), TableHtml.DEFAULT_MAX_ROWS));
    return close(sb);
  }

  private static void header(StringBuilder sb, Importance imp) {
    sb.append("<h4>Importance: ").append(Html.escape(imp.estimator())).append("</h4>");
    Importance.Cost c = imp.cost();
    sb.append("<div class=\"note\">").append(Html.formatCount(imp.size())).append(" rows &#183; ");
    if (c.equals(Importance.Cost.NONE)) {
      sb.append("cost not recorded</div>");
    } else {
      sb.append(Html.formatCount(c.wallMillis())).append(" ms &#183; peak heap ")
          .append(Html.formatBytes(c.peakMemoryBytes())).append(" &#183; ")
          .append(c.trainings()).append(c.trainings() == 1 ? " training" : " trainings").append(" &#183; ")
          .append(Html.formatCount(c.gradientEvaluations())).append(" gradient evaluations</div>");
    }
    if (!imp.parameters().isEmpty()) {
      sb.append("<div class=\"note\">");
      boolean first = true;
      for (Map.Entry<String, Object> e : imp.parameters().entrySet()) {
        sb.append(first ? "" : ", ").append(Html.escape(e.getKey())).append('=')
            .append(Html.escape(String.valueOf(e.getValue())));
        first = false;
      }
      sb.append("</div>");
    }
  }

  /** Count, mean, standard deviation (population), min, quartiles and max of the scores. */
  public static Table statistics(Importance imp) {
    double[] s = imp.scores();
    Arrays.sort(s);
    StringColumn name = StringColumn.create("statistic");
    DoubleColumn value = DoubleColumn.create("value");
    int n = s.length;
    double mean = 0;
    for (double v : s) {
      mean += v;
    }
    mean = n > 0 ? mean / n : Double.NaN;
    double var = 0;
    for (double v : s) {
      var += (v - mean) * (v - mean);
    }
    double sd = n > 0 ? Math.sqrt(var / n) : Double.NaN;
    String[] names = {"count", "mean", "std", "min", "25%", "50%", "75%", "max"};
    double[] values = {n, mean, sd, quantile(s, 0), quantile(s, 0.25), quantile(s, 0.5), quantile(s, 0.75),
        quantile(s, 1)};
    for (int i = 0; i < names.length; i++) {
      name.append(names[i]);
      value.append(values[i]);
    }
    return Table.create("score distribution", name, value);
  }

  /** Linear-interpolation quantile (Hyndman and Fan type 7) of sorted values; NaN when empty. */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /**
   * The {@value #TOP_ROWS} most suspicious ({@code suspicious}) or most valuable row ids with their scores, in
   * that order (read through the importance's meaning).
   */
  static Table ranked(Importance imp, boolean suspicious) {
    long[] order = imp.bySuspicion();
    Map<Long, Double> score = new java.util.HashMap<>();
    long[] ids = imp.rowIds();
    double[] s = imp.scores();
    for (int i = 0; i < ids.length; i++) {
      score.put(ids[i], s[i]);
    }
    int k = Math.min(TOP_ROWS, order.length);
    LongColumn id = LongColumn.create(Samples.ROW_ID);
    DoubleColumn value = DoubleColumn.create("importance");
    for (int i = 0; i < k; i++) {
      long r = suspicious ? order[i] : order[order.length - 1 - i];
      id.append(r);
      value.append(score.get(r));
    }
    return Table.create(suspicious ? "most suspicious" : "most valuable", id, value);
  }

  private static StringBuilder open() {
    return new StringBuilder(4096).append("<div class=\"siebench\">").append(TableHtml.STYLE);
  }

  private static String close(StringBuilder sb) {
    return sb.append("</div>").toString();
  }
}
