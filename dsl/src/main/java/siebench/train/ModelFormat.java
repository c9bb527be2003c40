package siebench.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import siebench.features.EncoderFormat;
import siebench.features.FeatureEncoder;
import siebench.features.FeatureLayout;
import siebench.model.ModelSpec;
import siebench.model.ModelSpecFormat;

/**
 * The on-disk format of a {@link TrainedModel}: a directory with three files, each carrying the format version
 * so that a file from another version is refused with an error naming the file, the version found and the one
 * expected.
 *
 * <ul>
 *   <li>{@value #MANIFEST}: {@code format=siebench-model}, {@code version}, the model's name ({@code
 *       model=deepfm}), its hyper-parameters as {@code param.*} (written and read by {@link ModelSpecFormat},
 *       whose registry is keyed by model name, so new model types plug in there) and the feature layout's
 *       sizes, checked against the encoder on load.
 *   <li>{@value #ENCODER}: the fitted {@link FeatureEncoder} (vocabularies, numeric statistics, bucket edges,
 *       history column) in {@link EncoderFormat}.
 *   <li>{@value #PARAMETERS}: a header ({@code siebench-parameters}, version) followed by DJL's own parameter
 *       serialization ({@link Block#saveParameters}), which stores every float exactly.
 * </ul>
 */
public final class ModelFormat {
  /** The format version this code writes and reads. */
  public static final int VERSION = 1;
  /** The manifest file name. */
  public static final String MANIFEST = "model.properties";
  /** The encoder file name. */
  public static final String ENCODER = "encoder.tsv";
  /** The parameter file name. */
  public static final String PARAMETERS = "parameters.djl";

  private static final String FORMAT = "siebench-model";
  private static final String PARAMETERS_MAGIC = "siebench-parameters";

  private ModelFormat() {}

  /** Writes {@code model} to {@code dir} (created if needed; existing model files are replaced). */
  public static void save(TrainedModel model, Path dir) {
    try {
      Files.createDirectories(dir);
      FeatureLayout layout = model.encoder().layout();
      Map<String, String> manifest = new LinkedHashMap<>();
      manifest.put("format", FORMAT);
      manifest.put("version", "" + VERSION);
      manifest.put("model", model.spec().name());
      ModelSpecFormat.write(model.spec()).forEach((k, v) -> manifest.put("param." + k, v));
      manifest.put("layout.fields", "" + layout.fields());
      manifest.put("layout.dense", "" + layout.dense());
      manifest.put("layout.embeddingRows", "" + layout.embeddingRows());
      manifest.put("layout.historyLength", "" + layout.historyLength());
      try (Writer w = Files.newBufferedWriter(dir.resolve(MANIFEST), StandardCharsets.UTF_8)) {
        w.write("# SIEBench trained model; read with TrainedModel.load(dir)\n");
        for (Map.Entry<String, String> e : manifest.entrySet()) {
          w.write(e.getKey() + "=" + e.getValue() + "\n");
        }
      }
      EncoderFormat.write(model.encoder(), dir.resolve(ENCODER));
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
          Files.newOutputStream(dir.resolve(PARAMETERS))))) {
        out.writeUTF(PARAMETERS_MAGIC);
        out.writeInt(VERSION);
        model.block().saveParameters(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save model to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Reads a model written by {@link #save} onto {@code device}; the caller closes it. */
  public static TrainedModel load(Path dir, Device device) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no saved model directory " + dir.toAbsolutePath());
    }
    Path manifestFile = require(dir.resolve(MANIFEST));
    Properties m = new Properties();
    try (Reader r = Files.newBufferedReader(manifestFile, StandardCharsets.UTF_8)) {
      m.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + manifestFile + ": " + e.getMessage(), e);
    }
    if (!FORMAT.equals(m.getProperty("format"))) {
      throw new IllegalArgumentException(manifestFile + ": not a SIEBench model manifest (format="
          + m.getProperty("format") + ", expected " + FORMAT + ")");
    }
    checkVersion(manifestFile, m.getProperty("version"));
    String name = m.getProperty("model");
    if (name == null) {
      throw new IllegalArgumentException(manifestFile + ": no 'model' entry");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String k : m.stringPropertyNames()) {
      if (k.startsWith("param.")) {
        params.put(k.substring("param.".length()), m.getProperty(k));
      }
    }
    ModelSpec spec = ModelSpecFormat.read(name, params);
    FeatureEncoder encoder = EncoderFormat.read(require(dir.resolve(ENCODER)));
    FeatureLayout layout = encoder.layout();
    String expected = layout.fields() + "/" + layout.dense() + "/" + layout.embeddingRows() + "/"
        + layout.historyLength();
    String found = m.getProperty("layout.fields") + "/" + m.getProperty("layout.dense") + "/"
        + m.getProperty("layout.embeddingRows") + "/" + m.getProperty("layout.historyLength");
    if (!expected.equals(found)) {
      throw new IllegalArgumentException(manifestFile + " describes fields/dense/embedding rows/history " + found
          + ", but " + dir.resolve(ENCODER) + " gives " + expected);
    }
    Path paramFile = require(dir.resolve(PARAMETERS));
    NDManager root = NDManager.newBaseManager(device);
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(paramFile)))) {
      String magic = in.readUTF();
      if (!PARAMETERS_MAGIC.equals(magic)) {
        throw new IllegalArgumentException(paramFile + ": not a SIEBench parameter file");
      }
      checkVersion(paramFile, "" + in.readInt());
      Block block = spec.build(layout);
      if (layout.hasHistory()) {
        block.initialize(root, DataType.FLOAT32, new Shape(1, layout.fields()), new Shape(1, layout.dense()),
            new Shape(1, layout.historyLength()));
      } else {
        block.initialize(root, DataType.FLOAT32, new Shape(1, layout.fields()), new Shape(1, layout.dense()));
      }
      Map<String, Shape> shapes = new LinkedHashMap<>();
      block.getParameters().forEach(p -> shapes.put(p.getKey(), p.getValue().getArray().getShape()));
      block.loadParameters(root, in);
      block.getParameters().forEach(p -> {
        Shape got = p.getValue().getArray().getShape();
        if (!got.equals(shapes.get(p.getKey()))) {
          throw new IllegalArgumentException(paramFile + ": parameter " + p.getKey() + " has shape " + got + ", but "
              + name + " on the saved encoder's layout needs " + shapes.get(p.getKey()));
        }
      });
      return new TrainedModel(spec, block, encoder, root);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      root.close();
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException(paramFile + ": cannot read the " + name + " parameters (" + e.getMessage()
          + ")", e);
    }
  }

  private static void checkVersion(Path file, String found) {
    if (!("" + VERSION).equals(found)) {
      throw new IllegalArgumentException(file + ": model format version " + found + ", expected " + VERSION);
    }
  }

  private static Path require(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("saved model is missing " + file.toAbsolutePath());
    }
    return file;
  }
}
