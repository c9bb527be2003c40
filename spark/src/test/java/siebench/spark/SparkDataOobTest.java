package siebench.spark;

import java.nio.file.Path;
import java.util.ArrayList;
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
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.EncoderFormat;
import siebench.features.FeatureEncoder;
import siebench.importance.valuation.DataOob;
import siebench.importance.valuation.LogisticRegression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data-OOB with learners trained on partitions against the single-JVM {@code DataOob.values} on the same bags. */
class SparkDataOobTest {
  @TempDir
  static Path dir;
  static SparkSession spark;
  static SavedModel model;
  static Samples samples;

  @BeforeAll
  static void setUp() {
    spark = LocalSpark.session();
    model = SavedModel.read(LocalSpark.savedModel(dir.resolve("model")));
    samples = LocalSpark.clicks(6_000);
  }

  @AfterAll
  static void tearDown() {
    ModelCache.evict(model.hash());
    spark.stop();
  }

  private void check(int learners, int blocks, DataOob.Score score) {
    long seed = 5;
    Dataset<Row> frame = TableFrames.of(spark, samples.table(), SparkScorerTest.COLUMNS).repartition(3);
    List<Row> got = SparkDataOob.of(model).learners(learners).blocks(blocks).seed(seed).score(score)
        .values(frame).collectAsList();

    // the single JVM: DataOob.values over all rows, with each learner's bag drawn in its block
    FeatureEncoder encoder = EncoderFormat.read(dir.resolve("model").resolve("encoder.tsv"));
    EncodedData tr = encoder.encode(samples);
    long[] ids = tr.rowIds();
    int[][] bags = new int[learners][];
    for (int l = 0; l < learners; l++) { // independently of SparkDataOob.bags: scan the rows per learner
      List<Integer> members = new ArrayList<>(); // positions of the block's rows, in row-id order (ids ascend)
      for (int i = 0; i < ids.length; i++) {
        if (SparkDataOob.block(ids[i], seed, blocks) == l % blocks) {
          members.add(i);
        }
      }
      int[] local = SparkDataOob.bootstrap(members.size(), l, seed);
      bags[l] = new int[local.length];
      for (int j = 0; j < local.length; j++) {
        bags[l][j] = members.get(local[j]);
      }
      assertArrayEquals(bags[l], SparkDataOob.bags(ids, learners, blocks, seed)[l]);
    }
    LogisticRegression lr = LogisticRegression.defaults();
    DataOob.Result expected = DataOob.values(tr.labels(), bags, (boot, oob) -> lr.fit(tr, boot, null)
        .predict(tr, oob), score, Progress.silent());

    Map<Long, Row> byId = new HashMap<>();
    got.forEach(r -> byId.put(r.getLong(0), r));
    assertEquals(ids.length, byId.size());
    double max = 0;
    for (int i = 0; i < ids.length; i++) {
      Row r = byId.get(ids[i]);
      assertEquals(expected.outOfBagCounts()[i], r.getInt(2), "out-of-bag count of row " + ids[i]);
      max = Math.max(max, Math.abs(expected.values()[i] - r.getDouble(1)));
    }
    System.out.printf("Data-OOB %d learners on %d blocks: largest difference to the single JVM %.3g, %d rows never"
        + " out of bag%n", learners, blocks, max, expected.neverOutOfBag());
    assertTrue(max <= 1e-12, "differs by " + max);
  }

  @Test
  void learnersOnThreeBlocksEqualTheSingleJvmEstimatorWithTheSameBags() {
    check(12, 3, DataOob.Score.CORRECTNESS);
  }

  @Test
  void oneBlockIsThePapersBootstrapIncludingRowsNeverOutOfBag() {
    check(3, 1, DataOob.Score.NEG_LOG_LOSS);
  }
}
