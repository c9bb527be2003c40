package siebench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.importance.dynamics.CheckpointScores;
import siebench.train.TrainedModel;

/**
 * Spark scoring against the single-JVM path of {@code siebench score} on the same saved model and rows (10^6
 * generated rows by default; {@code -Dsiebench.spark.rows=N} for fewer), and its refusals of bad input.
 */
class SparkScorerTest {
  static final int ROWS = Integer.getInteger("siebench.spark.rows", 1_000_000);
  static final List<String> COLUMNS = SparkBench.COLUMNS;

  @TempDir
  static Path dir;
  static SparkSession spark;
  static Path modelDir;
  static Samples samples;
  static Dataset<Row> frame;

  @BeforeAll
  static void setUp() {
    spark = LocalSpark.session();
    modelDir = LocalSpark.savedModel(dir.resolve("model"));
    samples = LocalSpark.clicks(ROWS);
    frame = TableFrames.of(spark, samples.table(), COLUMNS).repartition(5); // partitions cut batches anywhere
  }

  @AfterAll
  static void tearDown() {
    ModelCache.evict(SavedModel.read(modelDir).hash());
    spark.stop();
  }

  @Test
  void scoresEqualTheSingleJvmScoresOfTheSameModelAndRows() {
    SavedModel saved = SavedModel.read(modelDir);
    ModelCache.evict(saved.hash()); // other tests (and classes: the same training gives the same bytes) loaded it
    int loadsBefore = ModelCache.loads(saved.hash());
    List<String> names = List.of("loss", "el2n", "margin", "grand", "grand-last-layer");
    SparkScorer.Scores job = SparkScorer.of(saved).estimators(String.join(",", names))
        .keys(List.of("user_id", "item_id", "query_id")).score(frame);
    Path out = dir.resolve("scores.parquet");
    long written = job.write(out.toString());
    assertEquals(ROWS, written);

    // the single-JVM path of siebench score: the model loaded from its directory, the whole table encoded at once
    Map<String, double[]> expected;
    Map<String, Long> oovExpected = new HashMap<>();
    try (TrainedModel m = TrainedModel.load(modelDir)) {
      EncodedData encoded = m.encoder().encode(samples);
      expected = CheckpointScores.compute(m, encoded, names);
      m.encoder().report().forEach((k, v) -> {
        if (k.startsWith("oov:")) {
          oovExpected.put(k.substring(4), v);
        }
      });
    }
    Dataset<Row> read = spark.read().parquet(out.toString());
    assertEquals(List.of("row_id", "user_id", "item_id", "query_id", "label", "prediction", "loss", "el2n", "margin",
        "grand", "grand-last-layer"), List.of(read.columns()));
    long[] ids = samples.rowIds();
    Map<Long, Integer> position = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      position.put(ids[i], i);
    }
    float[] y = samples.labels();
    String[] users = samples.strings("user_id");
    int checked = 0;
    double maxGrandError = 0;
    int grandDiffer = 0;
    for (Row r : read.collectAsList()) {
      int i = position.get(r.getLong(0));
      assertEquals(users[i], Integer.toString(r.getInt(1)));
      assertEquals(y[i], r.getDouble(4), 0.0);
      assertEquals(expected.get("prediction")[i], r.getDouble(5), 0.0, "prediction of row " + ids[i]);
      for (int s = 0; s < names.size(); s++) {
        double want = expected.get(names.get(s))[i];
        double got = r.getDouble(6 + s);
        if (names.get(s).equals("grand")) {
          maxGrandError = Math.max(maxGrandError, Math.abs(got - want) / want);
          grandDiffer += got == want ? 0 : 1;
        }
        assertEquals(want, got, 0.0, names.get(s) + " of row " + ids[i]);
      }
      checked++;
    }
    assertEquals(ROWS, checked);
    // bit-identical although partitions cut the batches elsewhere than the single JVM; concurrent scoring tasks in
    // one JVM once corrupted whole GraNd batches (ModelCache.SCORING), which this would catch
    System.out.printf("GraNd: %,d of %,d rows differ from the single JVM, by at most %.3g relative%n", grandDiffer,
        ROWS, maxGrandError);
    // unseen users and items were mapped to the OOV bucket and counted exactly as the encoder itself counts them
    assertTrue(oovExpected.getOrDefault("user_id", 0L) > 0, oovExpected.toString());
    assertEquals(oovExpected, job.oovCounts());
    // one load in this JVM (the driver's check; the local executor reuses it) for all partitions and both jobs
    assertEquals(loadsBefore + 1, ModelCache.loads(saved.hash()));
  }

  @Test
  void aMissingColumnIsNamedWithTheTypeExpected() {
    SparkScorer scorer = SparkScorer.of(SavedModel.read(modelDir));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> scorer.score(frame.drop("brand")));
    assertTrue(e.getMessage().contains("missing categorical column 'brand' (expected type string/int/bigint"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> scorer.label("clicked").score(frame));
    assertTrue(e.getMessage().contains("missing label column 'clicked'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> scorer.keys(List.of("session")).score(frame));
    assertTrue(e.getMessage().contains("missing key column 'session'"), e.getMessage());
  }

  @Test
  void aColumnOfTheWrongTypeIsNamedWithTheTypesAccepted() {
    SparkScorer scorer = SparkScorer.of(SavedModel.read(modelDir));
    Dataset<Row> bad = frame.withColumn("price", functions.col("price").cast("string"))
        .withColumn("row_id", functions.col("row_id").cast("double"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scorer.score(bad));
    assertTrue(e.getMessage().contains("numeric column 'price' has type string, expected double/float/int"),
        e.getMessage());
    assertTrue(e.getMessage().contains("row id column 'row_id' has type double, expected int/bigint"),
        e.getMessage());
  }

  @Test
  void aModelOfAnotherFormatVersionIsRefusedNamingBothVersions() throws IOException {
    Path other = dir.resolve("model-v2");
    Files.createDirectories(other);
    for (String f : List.of("model.properties", "encoder.tsv", "parameters.djl")) {
      Files.copy(modelDir.resolve(f), other.resolve(f));
    }
    Path manifest = other.resolve("model.properties");
    Files.writeString(manifest, Files.readString(manifest).replace("version=1", "version=2"));
    SparkScorer scorer = SparkScorer.of(SavedModel.read(other));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scorer.score(frame));
    assertTrue(e.getMessage().contains("model format version 2, expected 1"), e.getMessage());
    assertTrue(e.getMessage().contains(other.toAbsolutePath().toString()), e.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> SavedModel.read(dir.resolve("nowhere")));
    assertTrue(missing.getMessage().contains("no saved model directory"), missing.getMessage());
  }

  @Test
  void aLabelThatIsNotZeroOrOneFailsTheJobNamingTheRow() {
    Dataset<Row> bad = frame.filter(functions.col("row_id").lt(1000)).withColumn("click", functions.when(functions.col("row_id")
        .equalTo(3), 2).otherwise(functions.col("click")));
    Exception e = assertThrows(Exception.class, () -> SparkScorer.of(SavedModel.read(modelDir)).score(bad)
        .rows().count());
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertTrue(root.getMessage().contains("must be 0/1, but row_id 3 has '2"), root.getMessage());
  }
}
