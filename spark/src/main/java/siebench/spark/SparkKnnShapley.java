package siebench.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.reflect.ClassTag$;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.valuation.KnnShapley;
import siebench.importance.valuation.PointSpace;
import siebench.train.TrainedModel;

/**
 * Exact KNN-Shapley on Spark: the Shapley value of every training row for the K-nearest-neighbour classifier
 * against a broadcast validation set, by the closed-form recursion of Jia, Dao, Wang, Hubis, Gurel, Li, Zhang,
 * Spanos and Song (2019), "Efficient Task-Specific Data Valuation for Nearest Neighbor Algorithms" (PVLDB 12(11),
 * Theorem 1), the recursion that {@link KnnShapley} runs in one JVM, with the same values (to the summation order
 * of the final average over validation points, about 1e-16 relative).
 *
 * <p><b>The recursion needs, for each validation point t, the training rows in order of distance to x_t</b>
 * (nearest first, ties by row id, as the single-JVM version breaks ties by position in row-id order), and walks
 * it from the farthest row: {@code s(alpha_N) = 1[y_{alpha_N} = y_t] min(K, N) / (K N)}, {@code s(alpha_i) =
 * s(alpha_{i+1}) + (1[y_{alpha_i} = y_t] - 1[y_{alpha_{i+1}} = y_t]) / K * min(K, i) / i}. The value of a row is
 * the mean of its s over the M validation points. On Spark:
 *
 * <ol>
 *   <li><b>Pairs (map side, no shuffle).</b> The M validation rows are collected, encoded once on the driver and
 *       broadcast. Each training partition is encoded in batches with the saved encoder; for every batch and
 *       validation point, {@link PointSpace#encoded} gives the float squared distances (the single JVM's own
 *       code, so the same float values), and each pair leaves as one 16-byte record: {@code key = t << 32 |
 *       floatBits(d)} (non-negative floats order like their bits) and {@code idm = 2 row_id + 1[y = y_t]}.
 *   <li><b>Ordering (the shuffle).</b> The pairs are hash-partitioned on t into {@link #partitions} partitions and
 *       sorted within each by {@code key} descending, Spark's external radix sort (it spills to disk, so no
 *       ordering need fit in memory): every validation point's N pairs end up contiguous in one partition,
 *       farthest first; the few pairs at equal distance are put in descending row-id order as they stream by,
 *       which is exactly the order the recursion walks.
 *   <li><b>Recursion (streaming).</b> One pass per partition with O(1) state per validation point emits {@code
 *       (row_id, s)}, evaluating the recursion with the same floating-point operations in the same order as
 *       {@link KnnShapley}; it checks that each point saw exactly N pairs.
 *   <li><b>Average.</b> Each task sums s per row id in a bounded open-addressing table (flushed when it holds
 *       {@value #COMBINER_ENTRIES} ids, so a task's memory stays bounded whatever N), a group-by on row id adds the
 *       partial sums (one shuffle of at most P N sums, fewer when N fits the table) and divides by M.
 * </ol>
 *
 * <p><b>Space.</b> {@link #onFeatures()} (default): the encoded features of the saved encoder, one-hot categorical
 * plus standardized dense, as {@code KnnShapley.onFeatures()}; {@link #onEmbeddings()}: the saved network's last
 * hidden representations, as {@code KnnShapley.onEmbeddings(model)}.
 *
 * <p><b>Cost.</b> N M (F + D) operations for the distances (F categorical fields, D dense columns), as in one JVM;
 * a shuffle of N M records of 16 bytes of payload (about 24 bytes as Spark rows, before compression) sorted in
 * O(N M log(N M / P)) over P tasks; a second shuffle of at most P N partial sums; M encoded rows broadcast; no
 * state proportional to N in any task beyond Spark's sort buffers. The first shuffle is the cost that grows: 10^5
 * x 10^3 pairs are 10^8 records (1.0 GB shuffled, 37.8 s on 2 cores against 1.1 s for the single JVM's in-memory
 * sort), 10^8 x 10^4 would be 10^12 ({@code docs/results/spark-plan-1e8.txt}).
 */
public final class SparkKnnShapley implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The largest validation set broadcast (the recursion's cost and the shuffle grow linearly with it). */
  public static final int MAX_VALIDATION = 10_000;
  /** Row ids summed per task before the sums leave it (a bounded combiner: 2^20 entries, about 24 MB). */
  static final int COMBINER_ENTRIES = 1 << 20;

  private final SavedModel model;
  private final int k;
  private final String rowId;
  private final String label;
  private final int partitions;
  private final boolean embeddings;

  private SparkKnnShapley(SavedModel model, int k, String rowId, String label, int partitions, boolean embeddings) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
    }
    this.model = model;
    this.k = k;
    this.rowId = rowId;
    this.label = label;
    this.partitions = partitions;
    this.embeddings = embeddings;
  }

  /**
   * KNN-Shapley on the features as {@code model}'s saved encoder encodes them (the network is not loaded): K =
   * 10 (the single-JVM default), row ids in {@code row_id}, labels in {@code click}, 200 sort partitions.
   */
  public static SparkKnnShapley of(SavedModel model) {
    return new SparkKnnShapley(model, 10, Samples.ROW_ID, "click", 200, false);
  }

  public SparkKnnShapley k(int v) {
    return new SparkKnnShapley(model, v, rowId, label, partitions, embeddings);
  }

  public SparkKnnShapley rowId(String column) {
    return new SparkKnnShapley(model, k, column, label, partitions, embeddings);
  }

  public SparkKnnShapley label(String column) {
    return new SparkKnnShapley(model, k, rowId, column, partitions, embeddings);
  }

  /** Partitions of the ordering shuffle (each holds about M / P validation points' N pairs). */
  public SparkKnnShapley partitions(int v) {
    return new SparkKnnShapley(model, k, rowId, label, v, embeddings);
  }

  /** Distances between the encoded features (one-hot categorical + standardized dense), the default. */
  public SparkKnnShapley onFeatures() {
    return new SparkKnnShapley(model, k, rowId, label, partitions, false);
  }

  /**
   * Distances between the model's last hidden representations ({@code TrainedModel.representations}), as {@code
   * KnnShapley.onEmbeddings(model)} in one JVM; the executors load the network ({@link ModelCache}).
   */
  public SparkKnnShapley onEmbeddings() {
    return new SparkKnnShapley(model, k, rowId, label, partitions, true);
  }

  /**
   * The KNN-Shapley value of every row of {@code train} against the rows of {@code validation} (at most {@value
   * #MAX_VALIDATION}): a lazy dataset of {@code (row_id, knn_shapley)}, the row-id column named as in the input.
   * Collects the validation rows and counts the training rows (two small jobs) before returning.
   */
  public Dataset<Row> values(Dataset<Row> train, Dataset<Row> validation) {
    SparkSession spark = train.sparkSession();
    FeatureEncoder encoder = embeddings ? ModelCache.model(model).encoder() : ModelCache.encoder(model);
    InputColumns cols = InputColumns.of(encoder, rowId, label);
    cols.check(train.schema(), "the training rows");
    cols.check(validation.schema(), "the validation rows");
    List<Row> vRows = validation.limit(MAX_VALIDATION + 1).collectAsList();
    if (vRows.size() > MAX_VALIDATION) {
      throw new IllegalArgumentException("the validation set has more than " + MAX_VALIDATION + " rows; sample it "
          + "first (e.g. validation.sample(...)): each validation point adds N pairs to the shuffle");
    }
    if (vRows.isEmpty()) {
      throw new IllegalArgumentException("the validation set is empty; KNN-Shapley needs at least one point");
    }
    List<Row> sorted = new ArrayList<>(vRows);
    int idAt = List.of(validation.schema().fieldNames()).indexOf(rowId);
    sorted.sort((a, b) -> Long.compare(((Number) a.get(idAt)).longValue(), ((Number) b.get(idAt)).longValue()));
    EncodedData va = encoder.encode(cols.samples(sorted, validation.schema().fields(),
        cols.positions(validation.schema())));
    long n = train.count();
    Broadcast<Points> vb = spark.sparkContext().broadcast(Points.of(va), ClassTag$.MODULE$.apply(Points.class));
    Broadcast<SavedModel> mb = spark.sparkContext().broadcast(model, ClassTag$.MODULE$.apply(SavedModel.class));
    Broadcast<float[]> rb = embeddings ? spark.sparkContext().broadcast(flatten(ModelCache.model(model)
        .representations(va)), ClassTag$.MODULE$.apply(float[].class)) : null;
    StructType pairSchema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("key", DataTypes.LongType, false),
        DataTypes.createStructField("idm", DataTypes.LongType, false)));
    Dataset<Row> pairs = train.mapPartitions(new Pairs(mb, vb, rb, cols, train.schema()), Encoders.row(pairSchema));
    Dataset<Row> ordered = pairs
        .repartition(partitions, functions.shiftrightunsigned(functions.col("key"), 32))
        .sortWithinPartitions(functions.col("key").desc()); // one long column: Spark's radix sort
    StructType valueSchema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.LongType, false),
        DataTypes.createStructField("s", DataTypes.DoubleType, false)));
    Dataset<Row> s = ordered.mapPartitions(new Recursion(n, k, COMBINER_ENTRIES), Encoders.row(valueSchema));
    int m = va.rows();
    return s.groupBy("id").agg(functions.sum("s").as("total"))
        .select(functions.col("id").as(rowId), functions.col("total").divide(m).as("knn_shapley"));
  }

  /** Step 1: the (validation point, distance, row id, label match) pairs of one training partition. */
  private record Pairs(Broadcast<SavedModel> model, Broadcast<Points> validation, Broadcast<float[]> representations,
      InputColumns cols, StructType schema) implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> input) {
      TrainedModel network = representations == null ? null : ModelCache.model(model.value());
      FeatureEncoder encoder = network == null ? ModelCache.encoder(model.value()) : network.encoder();
      float[] validationRep = representations == null ? null : representations.value();
      EncodedData va = validation.value().on(encoder.layout());
      Iterator<EncodedData> batches = Points.encode(input, cols, schema, encoder, 4096);
      int m = va.rows();
      float[] yv = va.labels();
      return new Iterator<>() {
        EncodedData batch;
        PointSpace space;
        float[] dist;
        int v = m;
        int i;

        @Override
        public boolean hasNext() {
          while (batch == null || (v >= m - 1 && i >= batch.rows())) {
            if (!batches.hasNext()) {
              return false;
            }
            batch = batches.next();
            if (network == null) {
              space = PointSpace.encoded(batch, va);
            } else {
              float[] rep;
              synchronized (ModelCache.PASSES) {
                rep = flatten(network.representations(batch));
              }
              space = PointSpace.dense(rep, validationRep, rep.length / batch.rows());
            }
            dist = new float[batch.rows()];
            v = -1;
            i = batch.rows();
          }
          return true;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          if (i >= batch.rows()) {
            v++;
            space.distances(v, dist);
            i = 0;
          }
          float d = dist[i];
          if (!(d >= 0) || Float.isInfinite(d)) {
            throw new IllegalArgumentException("distance " + d + " of row_id " + batch.rowIds()[i]
                + " to validation point " + v + " is not a finite number >= 0");
          }
          long key = ((long) v << 32) | (Float.floatToIntBits(d + 0f) & 0xFFFFFFFFL);
          long id = batch.rowIds()[i];
          if (id < 0) {
            throw new IllegalArgumentException("row ids must be >= 0 for the distributed ordering, got " + id);
          }
          long idm = 2 * id + (batch.labels()[i] == yv[v] ? 1 : 0);
          i++;
          return RowFactory.create(key, idm);
        }
      };
    }
  }

  /**
   * Step 3: the recursion over each validation point's pairs, farthest first. Spark sorts on the key alone (a
   * single long column, so it can radix-sort); pairs with equal keys (the same validation point and distance) are
   * put in descending row-id order here, so the order is the total one of the single JVM.
   */
  private record Recursion(long n, int k, int combinerEntries) implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> input) {
      return RowSums.combine(walk(input), combinerEntries);
    }

    /** The (row id, s) of every pair, in the partition's order. */
    private RowSums.Source walk(Iterator<Row> input) {
      return new RowSums.Source() {
        long[] run = new long[16]; // the idm values of the current run of equal keys, descending
        int runLength;
        int runAt;
        long runKey;
        Row pending; // the first pair of the next run
        long current = -1;
        long seen;
        double s;
        int matchNext;

        @Override
        public boolean hasNext() {
          if (runAt < runLength) {
            return true;
          }
          if (pending == null && !input.hasNext()) {
            checkComplete();
            return false;
          }
          Row first = pending != null ? pending : input.next();
          pending = null;
          runKey = first.getLong(0);
          runLength = 0;
          runAt = 0;
          add(first.getLong(1));
          while (input.hasNext()) {
            Row r = input.next();
            if (r.getLong(0) != runKey) {
              pending = r;
              break;
            }
            add(r.getLong(1));
          }
          if (runLength > 1) {
            java.util.Arrays.sort(run, 0, runLength);
            for (int a = 0, b = runLength - 1; a < b; a++, b--) {
              long x = run[a];
              run[a] = run[b];
              run[b] = x;
            }
          }
          return true;
        }

        private void add(long idm) {
          if (runLength == run.length) {
            run = java.util.Arrays.copyOf(run, 2 * run.length);
          }
          run[runLength++] = idm;
        }

        @Override
        public long nextId() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          long idm = run[runAt++];
          long t = runKey >>> 32;
          int match = (int) (idm & 1);
          if (t != current) {
            checkComplete();
            current = t;
            seen = 1;
            s = (double) match * Math.min(k, n) / ((double) k * n); // = match / N when N >= K
          } else {
            long rank = n - seen; // 1-based rank of this pair, nearest = 1
            seen++;
            s += (double) (match - matchNext) / k * Math.min(k, rank) / rank;
          }
          matchNext = match;
          return idm >>> 1;
        }

        @Override
        public double value() {
          return s;
        }

        private void checkComplete() {
          if (current >= 0 && seen != n) {
            throw new IllegalStateException("validation point " + current + " was paired with " + seen
                + " training rows, expected " + n + " (did the training rows change between the count and the job?)");
          }
        }
      };
    }
  }

  /** The single-JVM values for the same rows, for checks: {@link KnnShapley#values} on encoded data. */
  public static double[] singleJvm(EncodedData train, EncodedData validation, int k, int threads) {
    return KnnShapley.values(PointSpace.encoded(train, validation), ints(train.labels()), ints(validation.labels()),
        k, threads, siebench.core.Progress.silent());
  }

  /**
   * The single-JVM values on the model's representations: {@link KnnShapley#values} on {@link PointSpace#dense} of
   * {@code model.representations}, what {@code KnnShapley.onEmbeddings(model)} computes.
   */
  public static double[] singleJvmEmbeddings(TrainedModel model, EncodedData train, EncodedData validation, int k,
      int threads) {
    float[] t = flatten(model.representations(train));
    float[] v = flatten(model.representations(validation));
    return KnnShapley.values(PointSpace.dense(t, v, v.length / validation.rows()), ints(train.labels()),
        ints(validation.labels()), k, threads, siebench.core.Progress.silent());
  }

  static float[] flatten(float[][] rows) {
    int dim = rows.length == 0 ? 0 : rows[0].length;
    float[] out = new float[rows.length * dim];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * dim, dim);
    }
    return out;
  }

  private static int[] ints(float[] labels) {
    int[] y = new int[labels.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.round(labels[i]);
    }
    return y;
  }
}
