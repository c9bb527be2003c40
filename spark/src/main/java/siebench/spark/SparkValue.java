package siebench.spark;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import siebench.importance.valuation.DataOob;

/**
 * The cluster entry point for data valuation, run by {@code spark-submit --class siebench.spark.SparkValue}: exact
 * KNN-Shapley against a validation log ({@link SparkKnnShapley}) or Data-OOB with bootstrap learners fitted per
 * block ({@link SparkDataOob}), on the features of a saved model's encoder; writes {@code (row_id, value)} as
 * Parquet and prints the wall time.
 */
@Command(name = "siebench.spark.SparkValue", mixinStandardHelpOptions = true,
    description = "Values the rows of a click log on Spark: knn-shapley or data-oob.")
public final class SparkValue implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "METHOD", description = "knn-shapley or data-oob")
  String method;

  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "A model directory from train --save (its encoder gives the features).")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "PATH", description = "The training rows (Parquet).")
  String input;

  @Option(names = "--validation", paramLabel = "PATH",
      description = "knn-shapley: the validation rows (Parquet, at most 10,000).")
  String validation;

  @Option(names = "--format", defaultValue = "parquet", description = "parquet or csv (default ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--output", required = true, paramLabel = "PATH", description = "The Parquet directory to write.")
  String output;

  @Option(names = "--k", defaultValue = "10", description = "knn-shapley: neighbours K (default ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--space", defaultValue = "features",
      description = "knn-shapley: features (encoded) or embeddings (the model's last hidden layer; default "
          + "${DEFAULT-VALUE}).")
  String space;

  @Option(names = "--score", defaultValue = "correctness",
      description = "data-oob: correctness or log-likelihood of the row's label (default ${DEFAULT-VALUE}).")
  String score;

  @Option(names = "--partitions", defaultValue = "200",
      description = "knn-shapley: partitions of the ordering shuffle (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--learners", defaultValue = "100", description = "data-oob: learners B (default ${DEFAULT-VALUE}).")
  int learners;

  @Option(names = "--blocks", defaultValue = "4", description = "data-oob: blocks P (default ${DEFAULT-VALUE}).")
  int blocks;

  @Option(names = "--seed", defaultValue = "7", description = "data-oob: seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--row-id", defaultValue = "row_id", description = "Row-id column (default ${DEFAULT-VALUE}).")
  String rowId;

  @Option(names = "--label", defaultValue = "click", description = "0/1 label column (default ${DEFAULT-VALUE}).")
  String label;

  @Option(names = "--master", description = "Spark master when not run by spark-submit, e.g. local[2].")
  String master;

  @Override
  public Integer call() {
    SparkSession spark = SparkScore.session(master, "siebench spark-value " + method);
    try {
      SavedModel saved = SavedModel.read(model);
      Dataset<Row> train = SparkScore.read(spark, input, format);
      long t0 = System.nanoTime();
      Dataset<Row> values = switch (method) {
        case "knn-shapley" -> {
          if (validation == null) {
            throw new IllegalArgumentException("knn-shapley needs --validation PATH");
          }
          SparkKnnShapley knn = switch (space) {
            case "features" -> SparkKnnShapley.of(saved);
            case "embeddings" -> SparkKnnShapley.of(saved).onEmbeddings();
            default -> throw new IllegalArgumentException("unknown --space '" + space
                + "'; expected features or embeddings");
          };
          yield knn.k(k).partitions(partitions).rowId(rowId).label(label)
              .values(train, SparkScore.read(spark, validation, format));
        }
        case "data-oob" -> SparkDataOob.of(saved).learners(learners).blocks(blocks).seed(seed).rowId(rowId)
            .label(label).score(switch (score) {
              case "correctness" -> DataOob.Score.CORRECTNESS;
              case "log-likelihood" -> DataOob.Score.NEG_LOG_LOSS;
              default -> throw new IllegalArgumentException("unknown --score '" + score
                  + "'; expected correctness or log-likelihood");
            }).values(train);
        default -> throw new IllegalArgumentException("unknown method '" + method
            + "'; expected knn-shapley or data-oob");
      };
      values.write().mode("overwrite").parquet(output);
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("spark-value %s: %s valued on %s in %.1fs; written to %s%n", method, input,
          spark.sparkContext().master(), secs, output);
      return 0;
    } finally {
      spark.stop();
    }
  }

  public static void main(String[] args) {
    System.exit(SparkScore.run(new SparkValue(), args));
  }
}
