/**
 * Every rendering of SIEBench's results, for the HTML report, the saved files and the notebooks alike (the
 * notebook kernels in {@code kernel-ext} only wrap this output into Jupyter MIME bundles):
 *
 * <ul>
 *   <li>{@link siebench.report.ChartImages}: any XChart chart as high-DPI PNG bytes, base64, a data URI, an
 *       {@code <img>} element, or SVG text;
 *   <li>{@link siebench.report.BenchmarkCharts}: the plots of a benchmark result (protocol curves with the oracle
 *       and noisy references, cost versus quality);
 *   <li>{@link siebench.report.DiagnosticCharts}: the plots of one run (score histogram, learning curve);
 *   <li>{@link siebench.report.TableHtml} and {@link siebench.report.Html}: Tablesaw tables as HTML, escaping and
 *       number formatting;
 *   <li>{@link siebench.report.BenchmarkReport}: a benchmark result as HTML, inline or as a saved page with its
 *       plots and data; {@link siebench.report.Summaries}: training runs, importance estimates and data sets.
 * </ul>
 *
 * <p>This package sits above {@code siebench.benchmark}: it reads {@code BenchmarkResult}, which knows nothing of
 * rendering.
 */
package siebench.report;
