package siebench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.ConsoleCapture;

/** The spark-submit entry points end to end in local[2]: Parquet in, Parquet out, and their refusals. */
class SparkEntryPointsTest {
  @TempDir
  static Path dir;
  static Path model;
  static String input;

  record Run(int status, String out, String err) {}

  @BeforeAll
  static void setUp() {
    model = LocalSpark.savedModel(dir.resolve("model"));
    input = dir.resolve("clicks.parquet").toString();
    Run r = run(new SparkBench(), "prepare", "--rows", "3000", "--out", input, "--master", "local[2]");
    assertEquals(0, r.status(), r.err());
  }

  static Run run(Object command, String... args) {
    ConsoleCapture c = ConsoleCapture.of(() -> SparkScore.run(command, args));
    return new Run(c.status(), c.out(), c.err());
  }

  @Test
  void sparkScoreWritesKeysLabelPredictionAndScores() {
    String output = dir.resolve("scores.parquet").toString();
    Run r = run(new SparkScore(), "--model", model.toString(), "--input", input, "--output", output,
        "--estimators", "loss,margin", "--keys", "user_id,item_id", "--master", "local[2]");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("spark-score: scored 3,000 rows (loss, margin)"), r.out());
    assertTrue(r.out().contains("unseen categories mapped to the OOV bucket: {item_id="), r.out());
    SparkSession spark = LocalSpark.session();
    Dataset<Row> scores = spark.read().parquet(output);
    assertEquals(List.of("row_id", "user_id", "item_id", "label", "prediction", "loss", "margin"),
        List.of(scores.columns()));
    assertEquals(3000, scores.count());
    spark.stop();
  }

  @Test
  void sparkValueWritesKnnShapleyAndDataOobValues() {
    String knn = dir.resolve("knn.parquet").toString();
    Run r = run(new SparkValue(), "knn-shapley", "--model", model.toString(), "--input", input, "--validation",
        input, "--k", "5", "--partitions", "3", "--output", knn, "--master", "local[2]");
    assertEquals(0, r.status(), r.err());
    String oob = dir.resolve("oob.parquet").toString();
    r = run(new SparkValue(), "data-oob", "--model", model.toString(), "--input", input, "--learners", "4",
        "--blocks", "2", "--output", oob, "--master", "local[2]");
    assertEquals(0, r.status(), r.err());
    SparkSession spark = LocalSpark.session();
    assertEquals(List.of("row_id", "knn_shapley"), List.of(spark.read().parquet(knn).columns()));
    assertEquals(3000, spark.read().parquet(knn).count());
    assertEquals(List.of("row_id", "data_oob", "oob_count"), List.of(spark.read().parquet(oob).columns()));
    spark.stop();
  }

  @Test
  void badArgumentsAndInputExitWithStatusTwoAndTheReason() {
    Run r = run(new SparkScore(), "--model", dir.resolve("none").toString(), "--input", input, "--output",
        dir.resolve("x").toString(), "--master", "local[2]");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("no saved model directory"), r.err());
    r = run(new SparkScore(), "--model", model.toString(), "--input", input, "--output",
        dir.resolve("x").toString(), "--label", "purchase", "--master", "local[2]");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("missing label column 'purchase'"), r.err());
    r = run(new SparkValue(), "shapley", "--model", model.toString(), "--input", input, "--output",
        dir.resolve("y").toString(), "--master", "local[2]");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("unknown method 'shapley'; expected knn-shapley or data-oob"), r.err());
  }
}
