package siebench.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.reflect.ClassTag$;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.valuation.DataOob;
import siebench.importance.valuation.LogisticRegression;

/**
 * Data-OOB of Kwon and Zou (2023), "Data-OOB: Out-of-bag Estimate as a Simple and Efficient Data Value" (ICML),
 * with its bootstrap learners trained in parallel on partitions: the value of a row is the mean, over the
 * learners whose bag did not contain it, of the score of its label under that learner (correctness {@code 1[(p >=
 * 0.5) = y]}, or the log-likelihood), the estimator and aggregation of the single-JVM {@link DataOob#values}.
 *
 * <p><b>Blocks.</b> The rows are hashed by row id (and seed) into {@link #blocks} blocks of about N / P rows, one
 * Spark partition each. Learner b is fitted on a bootstrap of block {@code b mod P}: {@code |block|} draws with
 * replacement from that block's rows (in row-id order), seeded by {@link #bootstrap}. Its bag therefore never
 * holds rows of other blocks, so every row is out of bag for all learners of the other blocks and for the
 * learners of its own block that did not draw it. This is subbagging (Buhlmann and Yu 2002: bags drawn from
 * subsamples of size N / P), which the paper's estimator admits (any bagging scheme defines out-of-bag sets);
 * with P = 1 it is the paper's bootstrap of all N rows. It is what makes the learners independent tasks: no
 * learner reads more than one partition.
 *
 * <p><b>Jobs.</b> (1) One shuffle places the encoded rows into their blocks (persisted). (2) Each block fits its
 * learners, the Java {@link LogisticRegression} (cold start, so learners do not depend on each other's order),
 * and returns their coefficient vectors to the driver. (3) The B vectors are broadcast; each block scores its
 * rows under every learner that did not draw them and emits {@code (row_id, data_oob, oob_count)}. Cost: B fits
 * of N / P rows spread over P tasks, B N predictions, B (1 + V + D) coefficients on the driver and each executor
 * (V: the encoder's vocabulary), one shuffle of the N encoded rows.
 *
 * <p><b>Equal to one JVM.</b> {@link DataOob#values} with the same bags ({@link #block}, {@link #bootstrap}) and
 * the same learner gives the same values (the tests check it).
 */
public final class SparkDataOob implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SavedModel model;
  private final int learners;
  private final int blocks;
  private final long seed;
  private final DataOob.Score score;
  private final LogisticRegression regression;
  private final String rowId;
  private final String label;

  private SparkDataOob(SavedModel model, int learners, int blocks, long seed, DataOob.Score score,
      LogisticRegression regression, String rowId, String label) {
    if (learners < 1 || blocks < 1) {
      throw new IllegalArgumentException("learners and blocks must be >= 1, got " + learners + " and " + blocks);
    }
    this.model = model;
    this.learners = learners;
    this.blocks = blocks;
    this.seed = seed;
    this.score = score;
    this.regression = regression;
    this.rowId = rowId;
    this.label = label;
  }

  /**
   * Data-OOB on the features of {@code model}'s saved encoder: 100 learners (the single-JVM default) on 4 blocks,
   * seed 7, correctness, the default {@link LogisticRegression}, row ids in {@code row_id}, labels in {@code
   * click}.
   */
  public static SparkDataOob of(SavedModel model) {
    return new SparkDataOob(model, 100, 4, 7, DataOob.Score.CORRECTNESS, LogisticRegression.defaults(),
        Samples.ROW_ID, "click");
  }

  public SparkDataOob learners(int b) {
    return new SparkDataOob(model, b, blocks, seed, score, regression, rowId, label);
  }

  /** Blocks P (= partitions = most learners fitted at once). */
  public SparkDataOob blocks(int p) {
    return new SparkDataOob(model, learners, p, seed, score, regression, rowId, label);
  }

  public SparkDataOob seed(long s) {
    return new SparkDataOob(model, learners, blocks, s, score, regression, rowId, label);
  }

  public SparkDataOob score(DataOob.Score s) {
    return new SparkDataOob(model, learners, blocks, seed, s, regression, rowId, label);
  }

  public SparkDataOob regression(LogisticRegression r) {
    return new SparkDataOob(model, learners, blocks, seed, score, r, rowId, label);
  }

  public SparkDataOob rowId(String column) {
    return new SparkDataOob(model, learners, blocks, seed, score, regression, column, label);
  }

  public SparkDataOob label(String column) {
    return new SparkDataOob(model, learners, blocks, seed, score, regression, rowId, column);
  }

  /** The block of row id {@code id}: a SplitMix64 hash of id and seed, modulo {@code blocks}. */
  public static int block(long id, long seed, int blocks) {
    long z = id + seed * 0x9E3779B97F4A7C15L + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (int) Math.floorMod(z, (long) blocks);
  }

  /** Learner {@code b}'s bag: {@code n} draws with replacement of block positions 0..n-1 (block rows by row id). */
  public static int[] bootstrap(int n, int b, long seed) {
    SplittableRandom r = new SplittableRandom(seed * 0x632BE59BD9B4E019L + b);
    int[] draws = new int[n];
    for (int i = 0; i < n; i++) {
      draws[i] = r.nextInt(n);
    }
    return draws;
  }

  /**
   * The bags of {@link #values} as positions into rows with ids {@code ids} (ascending) for the single-JVM {@link
   * DataOob#values}: learner b draws {@code |block|} times from the rows of block {@code b mod blocks}, as {@link
   * #bootstrap} numbers them. {@code DataOob.values(labels, bags(...), fit, score, progress)} with a cold-started
   * {@link LogisticRegression} gives the values {@link #values} computes on Spark.
   */
  public static int[][] bags(long[] ids, int learners, int blocks, long seed) {
    int[][] members = new int[blocks][];
    int[] sizes = new int[blocks];
    int[] of = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      if (i > 0 && ids[i] <= ids[i - 1]) {
        throw new IllegalArgumentException("row ids must ascend, but " + ids[i] + " follows " + ids[i - 1]);
      }
      of[i] = block(ids[i], seed, blocks);
      sizes[of[i]]++;
    }
    for (int p = 0; p < blocks; p++) {
      members[p] = new int[sizes[p]];
      sizes[p] = 0;
    }
    for (int i = 0; i < ids.length; i++) {
      members[of[i]][sizes[of[i]]++] = i;
    }
    int[][] bags = new int[learners][];
    for (int l = 0; l < learners; l++) {
      int[] block = members[l % blocks];
      int[] local = bootstrap(block.length, l, seed);
      bags[l] = new int[local.length];
      for (int j = 0; j < local.length; j++) {
        bags[l][j] = block[local[j]];
      }
    }
    return bags;
  }

  /**
   * The Data-OOB value of every row of {@code train}: {@code (row_id, data_oob, oob_count)}. Runs the block
   * shuffle, the fits and the scoring pass now; the result is cached ({@code MEMORY_AND_DISK}, unpersist it when
   * done) and the encoded blocks are released.
   */
  public Dataset<Row> values(Dataset<Row> train) {
    SparkSession spark = train.sparkSession();
    FeatureEncoder encoder = ModelCache.encoder(model);
    InputColumns cols = InputColumns.of(encoder, rowId, label);
    cols.check(train.schema(), "the training rows");
    Broadcast<SavedModel> mb = spark.sparkContext().broadcast(model, ClassTag$.MODULE$.apply(SavedModel.class));
    StructType schema = train.schema();
    int idAt = List.of(schema.fieldNames()).indexOf(rowId);
    int p = blocks;
    long s = seed;
    JavaPairRDD<Integer, Row> keyed = train.javaRDD()
        .mapToPair(r -> new Tuple2<>(block(((Number) r.get(idAt)).longValue(), s, p), r))
        .partitionBy(new HashPartitioner(p));
    JavaRDD<Block> encoded = keyed.mapPartitionsWithIndex((index, it) -> {
      List<Row> rows = new ArrayList<>();
      it.forEachRemaining(t -> rows.add(t._2()));
      rows.sort((a, b) -> Long.compare(((Number) a.get(idAt)).longValue(), ((Number) b.get(idAt)).longValue()));
      FeatureEncoder enc = ModelCache.encoder(mb.value());
      EncodedData d = rows.isEmpty() ? null : enc.encode(cols.samples(rows, schema.fields(), cols.positions(schema)));
      return List.of(new Block(index, d == null ? null : Points.of(d))).iterator();
    }, true).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      int b = learners;
      LogisticRegression lr = regression;
      List<Tuple2<Integer, double[]>> fits = encoded.flatMap(block -> {
        List<Tuple2<Integer, double[]>> out = new ArrayList<>();
        if (block.points() == null) {
          return out.iterator();
        }
        EncodedData d = block.points().on(ModelCache.encoder(mb.value()).layout());
        for (int l = block.index(); l < b; l += p) {
          out.add(new Tuple2<>(l, lr.fit(d, bootstrap(d.rows(), l, s), null).theta()));
        }
        return out.iterator();
      }).collect();
      double[][] theta = new double[b][];
      for (Tuple2<Integer, double[]> f : fits) {
        theta[f._1()] = f._2();
      }
      for (int l = 0; l < b; l++) {
        if (theta[l] == null) {
          throw new IllegalArgumentException("learner " + l + " has an empty block " + (l % p) + ": use fewer blocks "
              + "than " + p + " for these rows");
        }
      }
      Broadcast<double[][]> tb = spark.sparkContext().broadcast(theta, ClassTag$.MODULE$.apply(double[][].class));
      DataOob.Score sc = score;
      JavaRDD<Row> values = encoded.flatMap(block -> score(block, tb.value(), mb.value(), p, s, sc));
      StructType out = DataTypes.createStructType(List.of(
          DataTypes.createStructField(rowId, DataTypes.LongType, false),
          DataTypes.createStructField("sum", DataTypes.DoubleType, false),
          DataTypes.createStructField("oob_count", DataTypes.IntegerType, false)));
      Dataset<Row> raw = spark.createDataFrame(values, out).persist(StorageLevel.MEMORY_AND_DISK());
      raw.count(); // the scoring pass runs here, while the blocks are cached
      // rows never out of bag (possible only with one block or one learner) get the mean of the others, as in
      // DataOob.values
      double fill = 0;
      if (p == 1 || b == 1) {
        Row mean = raw.filter(functions.col("oob_count").gt(0))
            .agg(functions.avg(functions.col("sum").divide(functions.col("oob_count")))).first();
        fill = mean.isNullAt(0) ? 0 : mean.getDouble(0);
      }
      return raw.select(functions.col(rowId), functions.when(functions.col("oob_count").gt(0),
          functions.col("sum").divide(functions.col("oob_count"))).otherwise(fill).as("data_oob"),
          functions.col("oob_count"));
    } finally {
      encoded.unpersist(false);
    }
  }

  /** The per-row sums of scores over the learners a block's rows are out of bag for. */
  private static Iterator<Row> score(Block block, double[][] theta, SavedModel model, int p, long seed,
      DataOob.Score sc) {
    if (block.points() == null) {
      return List.<Row>of().iterator();
    }
    EncodedData d = block.points().on(ModelCache.encoder(model).layout());
    int n = d.rows();
    double[] sum = new double[n];
    int[] count = new int[n];
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    float[] y = d.labels();
    for (int l = 0; l < theta.length; l++) {
      int[] rows = l % p == block.index() ? DataOob.outOfBag(n, bootstrap(n, l, seed)) : all;
      double[] prob = new LogisticRegression.Model(theta[l], 0, 0, 0).predict(d, rows);
      for (int k = 0; k < rows.length; k++) {
        int i = rows[k];
        sum[i] += DataOob.score(y[i], prob[k], sc);
        count[i]++;
      }
    }
    List<Row> out = new ArrayList<>(n);
    long[] ids = d.rowIds();
    for (int i = 0; i < n; i++) {
      out.add(RowFactory.create(ids[i], sum[i], count[i]));
    }
    return out.iterator();
  }

  /** One block: its index (= partition) and its encoded rows in row-id order (null when empty). */
  record Block(int index, Points points) implements Serializable {}
}
