package siebench.spark;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import siebench.data.Samples;
import siebench.data.synthetic.Synthetic;
import siebench.features.EncodedData;
import siebench.features.EncoderFormat;
import siebench.features.FeatureEncoder;
import siebench.train.ModelFormat;

/**
 * The measurements behind {@code docs/results/spark-*.txt} (run by {@code spark/bench.sh}): {@code prepare}
 * writes the generated click log that {@code siebench score --data synthetic --rows N --seed S} scores in memory
 * (same generator, seed and rows) as Parquet, so that Spark and the single JVM score the same rows; {@code knn}
 * times the single-JVM and the Spark KNN-Shapley on the same N x M rows, interleaved, and reports the largest
 * difference between their values.
 */
@Command(name = "siebench.spark.SparkBench", mixinStandardHelpOptions = true,
    description = "Benchmarks: prepare (generated rows as Parquet), score (repeated scoring jobs), compare (two "
        + "score outputs) or knn (KNN-Shapley, Spark vs one JVM).")
public final class SparkBench implements Callable<Integer> {
  /** The generated columns written: row id, keys, the encoder's features and the label. */
  public static final List<String> COLUMNS = List.of("row_id", "query_id", "user_id", "item_id", "category",
      "brand", "query_category", "device", "user_segment", "hour", "price", "item_popularity", "item_rating",
      "click");

  @Parameters(index = "0", paramLabel = "MODE", description = "prepare or knn")
  String mode;

  @Option(names = "--rows", defaultValue = "1000000", description = "Generated (training) rows.")
  int rows;

  @Option(names = "--seed", defaultValue = "7", description = "Generator seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "PATH", description = "prepare, score: the Parquet directory to write.")
  String out;

  @Option(names = "--csv", paramLabel = "FILE", description = "compare: the CSV that siebench score wrote.")
  String csv;

  @Option(names = "--parquet", paramLabel = "PATH", description = "compare: the Parquet that SparkScore wrote.")
  String parquet;

  @Option(names = "--model", paramLabel = "DIR", description = "knn, score: the saved model.")
  Path model;

  @Option(names = "--validation-rows", defaultValue = "1000", description = "knn: validation rows M (seed + 6).")
  int validationRows;

  @Option(names = "--k", defaultValue = "10", description = "knn: K (default ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--partitions", defaultValue = "8", description = "knn: partitions of the ordering shuffle.")
  int partitions;

  @Option(names = "--repeats", defaultValue = "2", description = "knn: interleaved repeats of each side.")
  int repeats;

  @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default ${DEFAULT-VALUE}).")
  String master;

  @Override
  public Integer call() {
    SparkSession spark = SparkScore.session(master, "siebench spark-bench " + mode);
    try {
      switch (mode) {
        case "prepare" -> prepare(spark);
        case "knn" -> knn(spark);
        case "compare" -> compare(spark);
        case "score" -> score(spark);
        case "oob" -> oob(spark);
        default -> throw new IllegalArgumentException("unknown mode '" + mode + "'; expected prepare, score, "
            + "compare or knn");
      }
      return 0;
    } finally {
      spark.stop();
    }
  }

  private void prepare(SparkSession spark) {
    if (out == null) {
      throw new IllegalArgumentException("prepare needs --out PATH");
    }
    long t0 = System.nanoTime();
    Samples s = Synthetic.ecommerce().rows(rows).seed(seed).fakeClicks(0.0).generate().samples();
    TableFrames.of(spark, s.table(), COLUMNS).repartition(8).write().mode("overwrite").parquet(out);
    System.out.printf("prepare: %,d generated rows (seed %d) written to %s in %.1fs%n", rows, seed, out,
        (System.nanoTime() - t0) / 1e9);
  }

  @Option(names = "--input", paramLabel = "PATH", description = "score: the Parquet rows to score.")
  String input;

  @Option(names = "--estimators", defaultValue = "loss,el2n,grand", description = "score: the scores.")
  String estimators;

  @Option(names = "--jobs", defaultValue = "2", description = "score: scoring jobs run one after the other.")
  int jobs;

  /**
   * Runs the same scoring job {@link #jobs} times in one application: the first pays the executors' model load
   * and JIT warm-up, the later ones show the steady per-row rate (Parquet read, score, write).
   */
  private void score(SparkSession spark) {
    SavedModel saved = SavedModel.read(model);
    for (int j = 1; j <= jobs; j++) {
      long t0 = System.nanoTime();
      SparkScorer.Scores job = SparkScorer.of(saved).estimators(estimators)
          .keys(List.of("user_id", "item_id", "query_id")).score(spark.read().parquet(input));
      long n = job.write(out);
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("score job %d: %,d rows (%s) on %s in %.1fs, %,.0f rows/s%n", j, n, estimators,
          spark.sparkContext().master(), secs, n / secs);
    }
  }

  @Option(names = "--learners", defaultValue = "20", description = "oob: bootstrap learners B.")
  int learners;

  @Option(names = "--blocks", defaultValue = "4", description = "oob: blocks P.")
  int blocks;

  /** Data-OOB: the single JVM ({@code DataOob.values} with the same bags) against Spark, timed, and their difference. */
  private void oob(SparkSession spark) {
    SavedModel saved = SavedModel.read(model);
    Samples train = Synthetic.ecommerce().rows(rows).seed(seed).fakeClicks(0.0).generate().samples();
    Dataset<Row> tr = TableFrames.of(spark, train.table(), COLUMNS).repartition(4)
        .persist(StorageLevel.MEMORY_AND_DISK());
    System.out.printf("oob: N = %,d rows, %d learners on %d blocks, %s; input cached: %,d rows%n", rows, learners,
        blocks, spark.sparkContext().master(), tr.count());
    FeatureEncoder encoder = EncoderFormat.read(model.resolve(ModelFormat.ENCODER));
    EncodedData t = encoder.encode(train);
    siebench.importance.valuation.LogisticRegression lr = siebench.importance.valuation.LogisticRegression.defaults();
    long t0 = System.nanoTime();
    siebench.importance.valuation.DataOob.Result single = siebench.importance.valuation.DataOob.values(t.labels(),
        SparkDataOob.bags(t.rowIds(), learners, blocks, seed), (boot, out) -> lr.fit(t, boot, null).predict(t, out),
        siebench.importance.valuation.DataOob.Score.CORRECTNESS, siebench.core.Progress.silent());
    double s1 = (System.nanoTime() - t0) / 1e9;
    System.out.printf("oob: single JVM (DataOob.values, the same bags, one thread) %.1fs%n", s1);
    t0 = System.nanoTime();
    List<Row> values = SparkDataOob.of(saved).learners(learners).blocks(blocks).seed(seed).values(tr).collectAsList();
    double s2 = (System.nanoTime() - t0) / 1e9;
    Map<Long, Double> got = new HashMap<>();
    values.forEach(x -> got.put(x.getLong(0), x.getDouble(1)));
    long[] ids = t.rowIds();
    double max = 0;
    for (int i = 0; i < ids.length; i++) {
      max = Math.max(max, Math.abs(got.get(ids[i]) - single.values()[i]));
    }
    System.out.printf("oob: Spark %s %.1fs; largest |Spark - single JVM| = %.3g%n", spark.sparkContext().master(),
        s2, max);
  }

  /** Joins the two outputs on row id and prints, per shared score column, the largest absolute difference. */
  private void compare(SparkSession spark) {
    Dataset<Row> a = spark.read().option("header", "true").option("inferSchema", "true").csv(csv);
    Dataset<Row> b = spark.read().parquet(parquet);
    Dataset<Row> j = a.alias("a").join(b.alias("b"), "row_id");
    long na = a.count();
    long nb = b.count();
    long nj = j.count();
    StringBuilder sb = new StringBuilder();
    for (String c : b.columns()) {
      if (List.of(a.columns()).contains(c) && !c.equals("row_id")) {
        org.apache.spark.sql.Column d = org.apache.spark.sql.functions.abs(
            org.apache.spark.sql.functions.col("a." + c).minus(org.apache.spark.sql.functions.col("b." + c)));
        Row r = j.agg(org.apache.spark.sql.functions.max(d),
            org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(d.gt(0), 1).otherwise(0)))
            .first();
        sb.append(String.format(" %s %.3g (%,d rows differ)", c, r.isNullAt(0) ? Double.NaN
            : ((Number) r.get(0)).doubleValue(), r.isNullAt(1) ? 0 : ((Number) r.get(1)).longValue()));
      }
    }
    System.out.printf("compare: %,d rows in %s, %,d in %s, %,d joined on row_id; largest |difference|:%s%n", na, csv,
        nb, parquet, nj, sb);
  }

  private void knn(SparkSession spark) {
    if (model == null) {
      throw new IllegalArgumentException("knn needs --model DIR");
    }
    SavedModel saved = SavedModel.read(model);
    Samples train = Synthetic.ecommerce().rows(rows).seed(seed).fakeClicks(0.0).generate().samples();
    Samples validation = Synthetic.ecommerce().rows(validationRows).seed(seed + 6).fakeClicks(0.0).generate()
        .samples();
    Dataset<Row> tr = TableFrames.of(spark, train.table(), COLUMNS).repartition(4)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> va = TableFrames.of(spark, validation.table(), COLUMNS).persist(StorageLevel.MEMORY_AND_DISK());
    System.out.printf("knn: N = %,d training rows (seed %d), M = %,d validation rows (seed %d), K = %d, %s, "
        + "%d sort partitions; inputs cached: %,d + %,d rows%n", rows, seed, validationRows, seed + 6, k,
        spark.sparkContext().master(), partitions, tr.count(), va.count());
    FeatureEncoder encoder = EncoderFormat.read(model.resolve(ModelFormat.ENCODER));
    EncodedData t = encoder.encode(train);
    EncodedData v = encoder.encode(validation);
    ShuffleMeter meter = ShuffleMeter.on(spark);
    double[] single = null;
    double maxDiff = 0;
    long[] ids = train.rowIds();
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      single = SparkKnnShapley.singleJvm(t, v, k, 2);
      double s1 = (System.nanoTime() - t0) / 1e9;
      System.out.printf("knn repeat %d: single JVM (KnnShapley.values, 2 threads) %.1fs, %,.0f pairs/s%n", r + 1, s1,
          (double) rows * validationRows / s1);
      meter.take();
      t0 = System.nanoTime();
      List<Row> values = SparkKnnShapley.of(saved).k(k).partitions(partitions).values(tr, va).collectAsList();
      double s2 = (System.nanoTime() - t0) / 1e9;
      long[] shuffled = meter.take();
      System.out.printf("knn repeat %d: Spark shuffle written %,d records, %,d bytes (%.1f bytes per record)%n", r + 1,
          shuffled[1], shuffled[0], (double) shuffled[0] / Math.max(1, shuffled[1]));
      Map<Long, Double> got = new HashMap<>();
      values.forEach(x -> got.put(x.getLong(0), x.getDouble(1)));
      if (got.size() != rows) {
        throw new IllegalStateException("Spark valued " + got.size() + " rows of " + rows);
      }
      maxDiff = 0;
      for (int i = 0; i < ids.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(got.get(ids[i]) - single[i]));
      }
      System.out.printf("knn repeat %d: Spark %s %.1fs, %,.0f pairs/s; largest |Spark - single JVM| = %.3g%n", r + 1,
          spark.sparkContext().master(), s2, (double) rows * validationRows / s2, maxDiff);
    }
    double sum = 0;
    for (double x : single) {
      sum += x;
    }
    System.out.printf("knn: values sum to %.6f (the mean validation utility of the full set); equal within 1e-9: %s%n",
        sum, maxDiff <= 1e-9);
  }

  public static void main(String[] args) {
    System.exit(SparkScore.run(new SparkBench(), args));
  }
}
