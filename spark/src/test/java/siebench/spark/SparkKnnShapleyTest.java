package siebench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.data.Samples;
import siebench.data.synthetic.Synthetic;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.features.EncoderFormat;
import siebench.train.TrainedModel;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** Distributed KNN-Shapley against the single-JVM {@code KnnShapley.values} on the same encoded rows. */
class SparkKnnShapleyTest {
  @TempDir
  static Path dir;
  static SparkSession spark;
  static SavedModel model;

  @BeforeAll
  static void setUp() {
    spark = LocalSpark.session();
    model = SavedModel.read(LocalSpark.savedModel(dir.resolve("model")));
  }

  @AfterAll
  static void tearDown() {
    ModelCache.evict(model.hash());
    spark.stop();
  }

  /** The largest absolute difference between the Spark values and the single-JVM ones (same rows, K). */
  private static double maxDifference(Samples train, Samples validation, int k, int partitions) {
    Dataset<Row> tr = TableFrames.of(spark, train.table(), SparkScorerTest.COLUMNS).repartition(3);
    Dataset<Row> va = TableFrames.of(spark, validation.table(), SparkScorerTest.COLUMNS);
    List<Row> values = SparkKnnShapley.of(model).k(k).partitions(partitions).values(tr, va).collectAsList();
    // the reference: an independently read copy of the encoder, the rows in row-id order
    FeatureEncoder encoder = EncoderFormat.read(dir.resolve("model").resolve("encoder.tsv"));
    EncodedData t = encoder.encode(train);
    EncodedData v = encoder.encode(validation);
    double[] expected = SparkKnnShapley.singleJvm(t, v, k, 2);
    Map<Long, Double> got = new HashMap<>();
    for (Row r : values) {
      got.put(r.getLong(0), r.getDouble(1));
    }
    assertEquals(train.size(), got.size());
    long[] ids = train.rowIds();
    double max = 0;
    double sum = 0;
    for (int i = 0; i < ids.length; i++) {
      max = Math.max(max, Math.abs(got.get(ids[i]) - expected[i]));
      sum += expected[i];
    }
    assertTrue(Math.abs(sum) > 0, "values are not all zero");
    return max;
  }

  @Test
  void equalsTheSingleJvmRecursionOnTheSameRows() {
    Samples train = LocalSpark.clicks(20_000);
    Samples validation = Synthetic.ecommerce().rows(150).seed(13).fakeClicks(0.0).generate().samples();
    double max = maxDifference(train, validation, 10, 4);
    System.out.printf("KNN-Shapley 20,000 x 150: largest difference to the single JVM %.3g%n", max);
    assertTrue(max <= 1e-12, "differs by " + max);
  }

  @Test
  void tiesAreBrokenByRowIdAsTheSingleJvmBreaksThemByPosition() {
    // 1,000 exact copies of rows with the other label: each copy is at the same distance as its original
    Table base = LocalSpark.clicks(4_000).table();
    Table copies = base.first(1_000).copy();
    LongColumn ids = LongColumn.create(Samples.ROW_ID, 1_000);
    IntColumn flipped = IntColumn.create("click", 1_000);
    for (int i = 0; i < 1_000; i++) {
      ids.set(i, 50_000L + i);
      flipped.set(i, 1 - ((Number) copies.column("click").get(i)).intValue());
    }
    copies.replaceColumn(Samples.ROW_ID, ids);
    copies.replaceColumn("click", flipped);
    Samples train = Samples.from(base.append(copies));
    Samples validation = Synthetic.ecommerce().rows(60).seed(13).fakeClicks(0.0).generate().samples();
    double max = maxDifference(train, validation, 3, 2);
    assertTrue(max <= 1e-12, "differs by " + max);
  }

  @Test
  void onEmbeddingsEqualsTheSingleJvmRecursionOnTheModelsRepresentations() {
    Samples train = LocalSpark.clicks(8_000);
    Samples validation = Synthetic.ecommerce().rows(80).seed(13).fakeClicks(0.0).generate().samples();
    Dataset<Row> tr = TableFrames.of(spark, train.table(), SparkScorerTest.COLUMNS).repartition(3);
    Dataset<Row> va = TableFrames.of(spark, validation.table(), SparkScorerTest.COLUMNS);
    List<Row> values = SparkKnnShapley.of(model).onEmbeddings().k(5).partitions(3).values(tr, va).collectAsList();
    double[] expected;
    try (TrainedModel m = TrainedModel.load(dir.resolve("model"))) {
      expected = SparkKnnShapley.singleJvmEmbeddings(m, m.encoder().encode(train), m.encoder().encode(validation), 5,
          2);
    }
    Map<Long, Double> got = new HashMap<>();
    values.forEach(r -> got.put(r.getLong(0), r.getDouble(1)));
    long[] ids = train.rowIds();
    double max = 0;
    for (int i = 0; i < ids.length; i++) {
      max = Math.max(max, Math.abs(got.get(ids[i]) - expected[i]));
    }
    System.out.printf("KNN-Shapley on embeddings 8,000 x 80: largest difference to the single JVM %.3g%n", max);
    assertTrue(max <= 1e-12, "differs by " + max);
  }

  @Test
  void aValidationSetWithoutTheLabelIsRefused() {
    Dataset<Row> tr = TableFrames.of(spark, LocalSpark.clicks(100).table(), SparkScorerTest.COLUMNS);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkKnnShapley.of(model).values(tr, tr.drop("click")));
    assertTrue(e.getMessage().startsWith("the validation rows does not fit")
        || e.getMessage().contains("missing label column 'click'"), e.getMessage());
  }
}
