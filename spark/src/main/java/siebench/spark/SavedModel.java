package siebench.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import siebench.train.ModelFormat;

/**
 * The bytes of a model directory saved by {@code TrainedModel.save} ({@link ModelFormat}: manifest, encoder,
 * parameters), read once on the driver and shipped to the executors in a Spark broadcast, with the SHA-256 of
 * the three files as its content hash. The hash keys {@link ModelCache}, so an executor JVM parses a given model
 * once however many partitions, stages and jobs score with it, and two directories holding the same model share
 * one entry. Executors never read the driver's file system.
 */
public final class SavedModel implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final List<String> FILES = List.of(ModelFormat.MANIFEST, ModelFormat.ENCODER,
      ModelFormat.PARAMETERS);

  private final String source;
  private final LinkedHashMap<String, byte[]> files;
  private final String hash;

  private SavedModel(String source, LinkedHashMap<String, byte[]> files) {
    this.source = source;
    this.files = files;
    this.hash = sha256(files);
  }

  /**
   * Reads the model directory {@code dir}; fails naming the directory or the missing file. The format version
   * is checked when the model is first loaded ({@link ModelCache#model}), which {@link SparkScorer} does on the
   * driver before any task starts.
   */
  public static SavedModel read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no saved model directory " + dir.toAbsolutePath()
          + " (expected a directory written by siebench train --save or TrainedModel.save)");
    }
    LinkedHashMap<String, byte[]> files = new LinkedHashMap<>();
    for (String f : FILES) {
      Path p = dir.resolve(f);
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("saved model " + dir.toAbsolutePath() + " is missing " + f
            + " (expected " + FILES + ")");
      }
      try {
        files.put(f, Files.readAllBytes(p));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
      }
    }
    return new SavedModel(dir.toAbsolutePath().toString(), files);
  }

  /** The SHA-256 of the model files, hex. */
  public String hash() {
    return hash;
  }

  /** Where the driver read the model from (for messages). */
  public String source() {
    return source;
  }

  /** Total bytes of the model files (what each executor receives once). */
  public long bytes() {
    return files.values().stream().mapToLong(b -> b.length).sum();
  }

  /** Writes the files into {@code dir} (created if needed), giving a directory {@link ModelFormat#load} reads. */
  void writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        Files.write(dir.resolve(e.getKey()), e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model to " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String sha256(Map<String, byte[]> files) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        md.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(java.nio.ByteBuffer.allocate(8).putLong(e.getValue().length).array());
        md.update(e.getValue());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "model " + source + " (sha256 " + hash.substring(0, 12) + ", " + bytes() + " bytes)";
  }
}
