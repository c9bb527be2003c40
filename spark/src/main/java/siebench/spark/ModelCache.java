package siebench.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import siebench.features.EncoderFormat;
import siebench.features.FeatureEncoder;
import siebench.train.Devices;
import siebench.train.ModelFormat;
import siebench.train.TrainedModel;

/**
 * The models of one JVM (an executor, or the driver in local mode), keyed by the {@link SavedModel#hash content
 * hash}: the first task that needs a model writes its broadcast bytes to a temporary directory and loads it with
 * {@link ModelFormat#load} (which checks the format version); every later task of the JVM, in any stage or job,
 * gets the same instance. Loading happens once per hash and JVM (concurrent first tasks wait for the one that
 * loads). Models live until the JVM exits (an executor's life), or until {@link #evict}.
 *
 * <p><b>One scoring task per JVM at a time ({@link #SCORING}).</b> With two scoring tasks running in one JVM,
 * whole batches of GraNd came out wrong (16,384 to 32,768 of 10^6 rows, some infinite, in every {@code local[2]}
 * run through spark-submit), even with every forward and backward pass of the model serialized; with one task at a
 * time (local[1], or {@code spark.task.cpus=2} on {@code local[2]}) every row was bit-identical to the single JVM,
 * at the same throughput, since PyTorch's intra-op threads use the cores within a pass. The root cause was not
 * isolated (DJL also admits one {@code GradientCollector} per JVM, a sign of native state shared by threads); so
 * {@link SparkScorer} holds this lock for a whole partition, and {@code spark.task.cpus} equal to the executor's cores
 * keeps Spark from starting tasks that would only wait.
 */
public final class ModelCache {
  /** Held around every forward or backward pass of a cached model in this JVM. */
  public static final Object PASSES = new Object();
  /** Held by a scoring task for its whole partition: one scoring task per JVM at a time (see above). */
  public static final java.util.concurrent.locks.ReentrantLock SCORING = new java.util.concurrent.locks.ReentrantLock(
      true);

  private static final Map<String, TrainedModel> MODELS = new ConcurrentHashMap<>();
  private static final Map<String, FeatureEncoder> ENCODERS = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> LOADS = new ConcurrentHashMap<>();

  private ModelCache() {}

  /** The loaded model of {@code saved} in this JVM, loading it on first use. */
  public static TrainedModel model(SavedModel saved) {
    return MODELS.computeIfAbsent(saved.hash(), h -> load(saved));
  }

  /**
   * The model's encoder in this JVM: the encoder of {@link #model} when that is loaded, else the encoder file
   * alone (its own format version checked), without the network, for the valuation jobs that only need features.
   */
  public static FeatureEncoder encoder(SavedModel saved) {
    TrainedModel m = MODELS.get(saved.hash());
    if (m != null) {
      return m.encoder();
    }
    return ENCODERS.computeIfAbsent(saved.hash(), h -> {
      Path dir = temporaryDirectory(saved);
      try {
        saved.writeTo(dir);
        try {
          return EncoderFormat.read(dir.resolve(ModelFormat.ENCODER));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(saved.source() + ": " + e.getMessage().replace(dir.toString(),
              saved.source()), e);
        }
      } finally {
        deleteQuietly(dir);
      }
    });
  }

  /** How many times this JVM has loaded the model with content hash {@code hash} (0 or 1 unless evicted). */
  public static int loads(String hash) {
    AtomicInteger n = LOADS.get(hash);
    return n == null ? 0 : n.get();
  }

  /** Closes and forgets the model with content hash {@code hash}, if loaded (for tests and long-lived drivers). */
  public static void evict(String hash) {
    ENCODERS.remove(hash);
    TrainedModel m = MODELS.remove(hash);
    if (m != null) {
      m.close();
    }
  }

  private static TrainedModel load(SavedModel saved) {
    Path dir = temporaryDirectory(saved);
    try {
      saved.writeTo(dir);
      TrainedModel m;
      try {
        m = ModelFormat.load(dir, Devices.pick("cpu"));
      } catch (IllegalArgumentException e) {
        // the message names the temporary copy; name the model the user gave
        throw new IllegalArgumentException(saved.source() + ": " + e.getMessage().replace(dir.toString(),
            saved.source()), e);
      }
      LOADS.computeIfAbsent(saved.hash(), h -> new AtomicInteger()).incrementAndGet();
      return m;
    } finally {
      deleteQuietly(dir);
    }
  }

  private static Path temporaryDirectory(SavedModel saved) {
    try {
      return Files.createTempDirectory("siebench-model-" + saved.hash().substring(0, 16) + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary model directory: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
