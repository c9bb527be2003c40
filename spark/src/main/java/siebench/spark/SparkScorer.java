package siebench.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;
import scala.reflect.ClassTag$;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.features.FeatureLayout;
import siebench.importance.dynamics.CheckpointScores;
import siebench.train.TrainedModel;

/**
 * Per-sample scores of a {@code Dataset<Row>} under a saved model, on Spark: the distributed form of {@code
 * siebench score} (the same {@link CheckpointScores}: per-sample loss, EL2N {@code |p - y|} and GraNd, the exact
 * per-sample gradient norm over all parameters, of Paul, Ganguli and Dziugaite 2021, "Deep Learning on a Data
 * Diet"; the margin {@code (2y - 1) z} of Pleiss et al. 2020).
 *
 * <p><b>How.</b> The driver reads the model directory once ({@link SavedModel}), loads it to check its format
 * version and the dataset's columns against the model's encoder ({@link InputColumns#check}), and broadcasts the
 * model's bytes. {@code mapPartitions} then takes each partition in batches of {@link #batchRows} rows: the
 * rows become a table that the saved {@link FeatureEncoder} encodes (categories it never saw go to the
 * out-of-vocabulary bucket and are counted per column in Spark accumulators), the model computes logits in
 * inference batches and, for GraNd, exact per-sample gradient norms in batched backward passes; the output row
 * holds the input's key columns, the label, the predicted click probability and one double column per score.
 * The model is loaded once per executor JVM and content hash ({@link ModelCache}), not once per partition. One
 * scoring task per JVM runs at a time ({@link ModelCache#SCORING}: concurrent tasks corrupted GraNd), each pass using
 * PyTorch's intra-op threads on the executor's cores; set {@code spark.task.cpus} to the executor's cores.
 *
 * <p><b>Equal to one JVM.</b> Each batch goes through the very calls {@code siebench score} makes on the whole
 * table ({@code FeatureEncoder.encode}, {@code CheckpointScores.compute}, {@code TrainedModel.gradientNorms}),
 * and the scores are per-row functions of the model, so the prediction, loss, EL2N, margin and GraNd equal the
 * single-JVM ones bit for bit whatever the partitioning (the tests check all 10^6 rows of a generated log; so does
 * {@code docs/results/spark-score.txt} through spark-submit).
 *
 * <p><b>OOV counts</b> are Spark accumulators: exact after the action when no task was retried; a retried or
 * speculative task adds its counts again (Spark's rule for accumulators updated in transformations).
 */
public final class SparkScorer implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The score that needs a backward pass (GraNd of the last layer has a closed form from the forward pass). */
  static final String GRADIENT_SCORE = "grand";

  private final SavedModel model;
  private final List<String> estimators;
  private final String rowId;
  private final String label;
  private final List<String> keys;
  private final int batchRows;

  private SparkScorer(SavedModel model, List<String> estimators, String rowId, String label, List<String> keys,
      int batchRows) {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be >= 1, got " + batchRows);
    }
    this.model = model;
    this.estimators = List.copyOf(estimators);
    this.rowId = rowId;
    this.label = label;
    this.keys = List.copyOf(keys);
    this.batchRows = batchRows;
  }

  /**
   * Scores with {@code model}: loss, EL2N and GraNd; row ids in {@code row_id}, labels in {@code click}, no
   * other key columns, batches of {@link TrainedModel#SOURCE_RANGE} rows.
   */
  public static SparkScorer of(SavedModel model) {
    return new SparkScorer(model, List.of("loss", "el2n", "grand"), Samples.ROW_ID, "click", List.of(),
        TrainedModel.SOURCE_RANGE);
  }

  /** The scores, a comma-separated list of {@link CheckpointScores#NAMES}. */
  public SparkScorer estimators(String list) {
    return new SparkScorer(model, CheckpointScores.parse(list), rowId, label, keys, batchRows);
  }

  /** The row-id column (integer or long, distinct per row); written first in the output. */
  public SparkScorer rowId(String column) {
    return new SparkScorer(model, estimators, column, label, keys, batchRows);
  }

  /** The 0/1 label column. */
  public SparkScorer label(String column) {
    return new SparkScorer(model, estimators, rowId, column, keys, batchRows);
  }

  /** Input columns copied to the output after the row id (e.g. user, item, query, date), with their types. */
  public SparkScorer keys(List<String> columns) {
    return new SparkScorer(model, estimators, rowId, label, columns, batchRows);
  }

  /** Rows encoded and scored together (whole inference batches when a multiple of 16,384). */
  public SparkScorer batchRows(int rows) {
    return new SparkScorer(model, estimators, rowId, label, keys, rows);
  }

  public List<String> estimators() {
    return estimators;
  }

  /**
   * A scoring job not yet run: the output rows (lazy; {@link #write} or any action runs it) and the accumulators
   * that count, as the job runs, the rows scored and per column the values mapped to the OOV bucket.
   */
  public record Scores(Dataset<Row> rows, LongAccumulator scored, Map<String, LongAccumulator> oov) {
    /** Writes the rows as Parquet to {@code path} (replacing it) and returns the number of rows scored. */
    public long write(String path) {
      rows.write().mode("overwrite").parquet(path);
      return scored.value();
    }

    /** The OOV counts so far, per column with at least one. */
    public Map<String, Long> oovCounts() {
      Map<String, Long> out = new TreeMap<>();
      oov.forEach((c, a) -> {
        if (a.value() > 0) {
          out.put(c, a.value());
        }
      });
      return out;
    }
  }

  /**
   * Checks {@code rows} against the model on the driver (format version, columns, types; each failure names what
   * was expected) and returns the lazy scoring job.
   */
  public Scores score(Dataset<Row> rows) {
    SparkSession spark = rows.sparkSession();
    FeatureEncoder encoder = ModelCache.model(model).encoder(); // loads on the driver: version and layout checks
    InputColumns cols = InputColumns.of(encoder, rowId, label);
    cols.check(rows.schema(), "the dataset to score");
    StructType in = rows.schema();
    List<String> names = new ArrayList<>(List.of(rowId));
    for (String k : keys) {
      if (!names.contains(k)) {
        names.add(k);
      }
    }
    List<StructField> out = new ArrayList<>();
    List<String> present = Arrays.asList(in.fieldNames());
    for (String k : names) {
      int i = present.indexOf(k);
      if (i < 0) {
        throw new IllegalArgumentException("missing key column '" + k + "' in the dataset to score (columns: "
            + present + ")");
      }
      out.add(in.fields()[i]);
    }
    List<String> scoreCols = new ArrayList<>(List.of("label", "prediction"));
    scoreCols.addAll(estimators);
    for (String c : scoreCols) {
      if (names.contains(c)) {
        throw new IllegalArgumentException("key column '" + c + "' has the name of an output column " + scoreCols);
      }
      out.add(DataTypes.createStructField(c, DataTypes.DoubleType, false));
    }
    StructType outSchema = DataTypes.createStructType(out);
    int[] keyAt = names.stream().mapToInt(present::indexOf).toArray();
    Broadcast<SavedModel> b = spark.sparkContext().broadcast(model, ClassTag$.MODULE$.apply(SavedModel.class));
    LongAccumulator scored = spark.sparkContext().longAccumulator("siebench rows scored");
    Map<String, LongAccumulator> oov = new LinkedHashMap<>();
    if (encoder.options().hashBuckets() == 0) {
      for (String c : encoder.categoricalColumns()) {
        oov.put(c, spark.sparkContext().longAccumulator("siebench oov:" + c));
      }
      if (encoder.historyColumn() != null) {
        oov.put(encoder.historyColumn(), spark.sparkContext().longAccumulator("siebench oov:"
            + encoder.historyColumn()));
      }
    }
    Partition f = new Partition(b, cols, in, cols.positions(in), keyAt, estimators, batchRows, scored,
        new LinkedHashMap<>(oov));
    Dataset<Row> result = rows.mapPartitions(f, Encoders.row(outSchema));
    return new Scores(result, scored, oov);
  }

  /** The per-partition work: batches of rows in, scored rows out. */
  private record Partition(Broadcast<SavedModel> model, InputColumns cols, StructType schema, int[] at, int[] keyAt,
      List<String> estimators, int batchRows, LongAccumulator scored, LinkedHashMap<String, LongAccumulator> oov)
      implements MapPartitionsFunction<Row, Row> {

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
      TrainedModel m = ModelCache.model(model.value());
      StructField[] fields = schema.fields();
      TaskContext task = TaskContext.get();
      return new Iterator<>() {
        private final List<Row> batch = new ArrayList<>(Math.min(batchRows, 1 << 16));
        private Row[] ready = new Row[0];
        private int next;
        private boolean holding;

        @Override
        public boolean hasNext() {
          if (!holding && next >= ready.length) {
            ModelCache.SCORING.lock(); // one scoring task per JVM at a time, for the whole partition (ModelCache)
            holding = true;
            if (task != null) {
              task.addTaskCompletionListener((TaskCompletionListener) c -> release());
            }
          }
          while (next >= ready.length) {
            if (!input.hasNext()) {
              release();
              return false;
            }
            batch.clear();
            while (batch.size() < batchRows && input.hasNext()) {
              batch.add(input.next());
            }
            ready = score(m, batch, fields);
            next = 0;
          }
          return true;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return ready[next++];
        }

        private void release() {
          if (holding) {
            holding = false;
            ModelCache.SCORING.unlock();
          }
        }
      };
    }

    private Row[] score(TrainedModel m, List<Row> batch, StructField[] fields) {
      Samples samples = cols.samples(batch, fields, at);
      EncodedData data = m.encoder().encode(samples);
      countOov(m.encoder(), data);
      List<String> forward = new ArrayList<>(estimators);
      forward.remove(GRADIENT_SCORE);
      Map<String, double[]> s;
      Map<String, double[]> grads = new LinkedHashMap<>();
      synchronized (ModelCache.PASSES) {
        s = CheckpointScores.compute(m, data, forward); // prediction + the forward-pass scores
        if (estimators.contains(GRADIENT_SCORE)) {
          grads.put(GRADIENT_SCORE, m.gradientNorms(data));
        }
      }
      float[] y = data.labels();
      double[] p = s.get("prediction");
      Row[] out = new Row[batch.size()];
      for (int i = 0; i < out.length; i++) {
        Row r = batch.get(i);
        Object[] v = new Object[keyAt.length + 2 + estimators.size()];
        int c = 0;
        for (int k : keyAt) {
          v[c++] = r.get(k);
        }
        v[c++] = (double) y[i];
        v[c++] = p[i];
        for (String e : estimators) {
          double[] col = s.containsKey(e) ? s.get(e) : grads.get(e);
          v[c++] = col[i];
        }
        out[i] = RowFactory.create(v);
      }
      scored.add(out.length);
      return out;
    }

    /** Values in the OOV bucket: categorical fields (null values go to the missing bucket) and history items. */
    private void countOov(FeatureEncoder encoder, EncodedData data) {
      if (oov.isEmpty()) {
        return;
      }
      FeatureLayout layout = data.layout();
      long[] offsets = layout.offsets();
      int nf = layout.fields();
      List<String> cats = encoder.categoricalColumns();
      long[] cat = data.cat();
      for (int f = 0; f < cats.size(); f++) {
        long bucket = offsets[f] + FeatureEncoder.OOV;
        long n = 0;
        for (int i = f; i < cat.length; i += nf) {
          n += cat[i] == bucket ? 1 : 0;
        }
        if (n > 0) {
          oov.get(cats.get(f)).add(n);
        }
      }
      if (encoder.historyColumn() != null) {
        long bucket = offsets[layout.historyField()] + FeatureEncoder.OOV;
        long n = 0;
        for (long h : data.history()) {
          n += h == bucket ? 1 : 0;
        }
        if (n > 0) {
          oov.get(encoder.historyColumn()).add(n);
        }
      }
    }
  }
}
