package siebench.spark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cluster entry point for per-sample scoring, run by {@code spark-submit --class siebench.spark.SparkScore}:
 * reads a Parquet (or CSV) click log, scores every row with a model saved by {@code siebench train --save}
 * ({@link SparkScorer}) and writes the key columns, label, prediction and scores as Parquet. Prints the rows
 * scored, the wall time and rows per second, and the values mapped to the OOV bucket per column. The model
 * directory is read on the driver (client mode, or shipped with {@code --archives}); the executors get it by
 * broadcast.
 */
@Command(name = "siebench.spark.SparkScore", mixinStandardHelpOptions = true,
    description = "Scores a click log on Spark with a saved SIEBench model and writes Parquet.")
public final class SparkScore implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model directory from train --save.")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "The rows to score: Parquet (default) or, with --format csv, CSV with a header.")
  String input;

  @Option(names = "--format", defaultValue = "parquet", description = "parquet or csv (default ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--output", required = true, paramLabel = "PATH", description = "The Parquet directory to write.")
  String output;

  @Option(names = "--estimators", defaultValue = "loss,el2n,grand",
      description = "Scores among loss, el2n, margin, grand, grand-last-layer (default ${DEFAULT-VALUE}).")
  String estimators;

  @Option(names = "--keys", defaultValue = "", split = ",",
      description = "Key columns copied to the output after the row id, e.g. user_id,item_id,query_id.")
  List<String> keys;

  @Option(names = "--row-id", defaultValue = "row_id", description = "Row-id column (default ${DEFAULT-VALUE}).")
  String rowId;

  @Option(names = "--label", defaultValue = "click", description = "0/1 label column (default ${DEFAULT-VALUE}).")
  String label;

  @Option(names = "--batch-rows", defaultValue = "65536",
      description = "Rows encoded and scored together per task (default ${DEFAULT-VALUE}).")
  int batchRows;

  @Option(names = "--master", description = "Spark master when not run by spark-submit, e.g. local[2].")
  String master;

  @Override
  public Integer call() {
    SparkSession spark = session(master, "siebench spark-score");
    try {
      SavedModel saved = SavedModel.read(model);
      System.out.println(saved);
      Dataset<Row> rows = read(spark, input, format);
      List<String> k = keys.stream().filter(s -> !s.isBlank()).toList();
      long t0 = System.nanoTime();
      SparkScorer.Scores job = SparkScorer.of(saved).estimators(estimators).rowId(rowId).label(label).keys(k)
          .batchRows(batchRows).score(rows);
      double check = (System.nanoTime() - t0) / 1e9;
      long n = job.write(output);
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("driver: model loaded and columns checked in %.1fs; job (read, score, write) %.1fs%n", check,
          secs - check);
      System.out.println("unseen categories mapped to the OOV bucket: " + (job.oovCounts().isEmpty() ? "none"
          : job.oovCounts()));
      System.out.printf("spark-score: scored %,d rows (%s) on %s in %.1fs, %,.0f rows/s; written to %s%n", n,
          String.join(", ", SparkScorer.of(saved).estimators(estimators).estimators()),
          spark.sparkContext().master(), secs, n / Math.max(secs, 1e-9), output);
      return 0;
    } finally {
      spark.stop();
    }
  }

  static SparkSession session(String master, String name) {
    SparkSession.Builder b = SparkSession.builder().appName(name);
    if (master != null) {
      b = b.master(master).config("spark.ui.enabled", "false");
    }
    return b.getOrCreate();
  }

  static Dataset<Row> read(SparkSession spark, String path, String format) {
    return switch (format) {
      case "parquet" -> spark.read().parquet(path);
      case "csv" -> spark.read().option("header", "true").option("inferSchema", "true").csv(path);
      default -> throw new IllegalArgumentException("unknown --format '" + format + "'; expected parquet or csv");
    };
  }

  /** Runs the command; exits with its status (2 and the message on bad arguments or input). */
  public static void main(String[] args) {
    System.exit(run(new SparkScore(), args));
  }

  static int run(Object command, String[] args) {
    CommandLine cl = new CommandLine(command);
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
        System.err.println("error: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cl.execute(args);
  }

  @Override
  public String toString() {
    return "SparkScore" + Arrays.asList(model, input, output);
  }
}
