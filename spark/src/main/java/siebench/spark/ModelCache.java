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
 * loads). The instance is shared by the JVM's concurrent tasks: inference is read-only and thread-safe; the
 * gradient passes of GraNd run under {@link #GRADIENTS}, because DJL's PyTorch engine admits one {@code
 * GradientCollector} per JVM at a time. Models live until the JVM exits (an executor's life), or until {@link
 * #evict}.
 */
public final class ModelCache {
  /** Held around every gradient pass in this JVM (DJL's PyTorch engine records one backward at a time). */
  public static final Object GRADIENTS = new Object();

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
