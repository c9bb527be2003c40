package siebench.data.io;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of the {@link Datasets} catalogue: a public data sample, the folder it lives in under a data directory
 * laid out like the project's {@code shared/data/}, and for each of its files the canonical public URL of those
 * exact bytes, their size and their SHA-256. The checksums and sizes are those of the copies the tests run on, so a
 * file found or downloaded anywhere is accepted only when it is byte-for-byte the same.
 *
 * @param name the catalogue name, as the {@link Datasets} method is called (e.g. {@code avazuSample})
 * @param folder the folder under a data directory (e.g. {@code avazu_ctr_sample})
 * @param title a one-line description
 * @param homepage where the full original data is described (not necessarily downloadable without a login)
 * @param licence the licence or terms note from the sample's README
 * @param files the files of the sample, at least one
 */
public record Dataset(String name, String folder, String title, String homepage, String licence,
    List<DataFile> files) {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** Checks the entry. */
  public Dataset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(homepage, "homepage");
    Objects.requireNonNull(licence, "licence");
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("dataset " + name + ": expected at least one file");
    }
  }

  /** Total size of the files in bytes. */
  public long bytes() {
    return files.stream().mapToLong(DataFile::bytes).sum();
  }

  /** True when every file has a public URL for its exact bytes, so the sample can be downloaded. */
  public boolean downloadable() {
    return files.stream().allMatch(f -> f.url() != null);
  }

  /**
   * One file of a {@link Dataset}.
   *
   * @param path the path under the dataset's folder, with {@code /} separators (e.g. {@code bts/men.csv})
   * @param url the public URL of exactly these bytes, or {@code null} when there is none (then
   *     {@code unavailableReason} says why)
   * @param bytes the size in bytes
   * @param sha256 the SHA-256 of the content, 64 lower-case hex digits
   * @param unavailableReason why the file cannot be downloaded, or {@code null} when {@code url} is set
   */
  public record DataFile(String path, String url, long bytes, String sha256, String unavailableReason) {

    /** Checks the entry. */
    public DataFile {
      Objects.requireNonNull(path, "path");
      if (path.isEmpty() || path.startsWith("/") || path.contains("..") || path.contains("\\")) {
        throw new IllegalArgumentException("file path: expected a relative path with '/' separators, got '"
            + path + "'");
      }
      if (bytes < 0) {
        throw new IllegalArgumentException(path + ": expected a size >= 0, got " + bytes);
      }
      if (sha256 == null || !SHA256.matcher(sha256).matches()) {
        throw new IllegalArgumentException(path + ": expected a SHA-256 of 64 lower-case hex digits, got '"
            + sha256 + "'");
      }
      if (url == null && (unavailableReason == null || unavailableReason.isBlank())) {
        throw new IllegalArgumentException(path + ": a file without a URL needs a reason why it has none");
      }
    }

    /** A file with a public URL for exactly these bytes. */
    public static DataFile of(String path, String url, long bytes, String sha256) {
      return new DataFile(path, Objects.requireNonNull(url, "url"), bytes, sha256, null);
    }

    /** A file with no public URL for exactly these bytes (e.g. a subset made locally). */
    public static DataFile local(String path, long bytes, String sha256, String reason) {
      return new DataFile(path, null, bytes, sha256, reason);
    }
  }
}
