package siebench.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import siebench.core.Progress;

/**
 * Finds the files of a {@link Dataset} on this machine, or downloads them, and checks each one against its
 * catalogue size and SHA-256. Resolution order:
 * <ol>
 *   <li>the data directory: system property {@value #DATA_PROPERTY}, else environment variable
 *       {@value #DATA_ENV}, a directory laid out like the project's {@code shared/data/}
 *       ({@code <dir>/<folder>/<file>}); tests and CI point it at {@code ../shared/data};</li>
 *   <li>the user cache: system property {@value #CACHE_PROPERTY}, else {@value #CACHE_ENV}, else
 *       {@code $XDG_CACHE_HOME/siebench/data}, else {@code ~/.cache/siebench/data}, same layout;</li>
 *   <li>a download into the cache, unless downloads are off (system property {@value #OFFLINE_PROPERTY}
 *       {@code =true} or {@value #OFFLINE_ENV} set to anything but {@code 0}/{@code false}) or a file has no public
 *       URL. Each file is written to a temporary file beside its target, its SHA-256 and size checked, and then
 *       moved into place atomically, so a half-finished or wrong download is never seen as the dataset.</li>
 * </ol>
 * A directory holds the dataset only when it has every file of it; a file that is present but differs from the
 * catalogue (size or checksum) is an error, not a miss, so stale or corrupted copies are reported instead of
 * silently replaced. When nothing works, {@link #resolve} throws {@link DatasetUnavailableException} naming the
 * dataset, the files, the directories searched, why the download did not happen, and where to put the files.
 */
public final class DatasetStore {
  /** System property naming the data directory (takes precedence over {@value #DATA_ENV}). */
  public static final String DATA_PROPERTY = "siebench.data";
  /** Environment variable naming the data directory. */
  public static final String DATA_ENV = "SIEBENCH_DATA";
  /** System property naming the cache directory. */
  public static final String CACHE_PROPERTY = "siebench.cache";
  /** Environment variable naming the cache directory. */
  public static final String CACHE_ENV = "SIEBENCH_CACHE";
  /** System property that turns downloads off when {@code true}. */
  public static final String OFFLINE_PROPERTY = "siebench.offline";
  /** Environment variable that turns downloads off when set to anything but {@code 0} or {@code false}. */
  public static final String OFFLINE_ENV = "SIEBENCH_OFFLINE";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

  private final Path dataDirectory;
  private final Path cacheDirectory;
  private final boolean download;
  private final Progress progress;

  private DatasetStore(Path dataDirectory, Path cacheDirectory, boolean download, Progress progress) {
    this.dataDirectory = dataDirectory;
    this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
    this.download = download;
    this.progress = progress;
  }

  /** The store configured from the system properties and environment variables described above. */
  public static DatasetStore standard() {
    String data = setting(DATA_PROPERTY, DATA_ENV);
    String cache = setting(CACHE_PROPERTY, CACHE_ENV);
    String offline = setting(OFFLINE_PROPERTY, OFFLINE_ENV);
    boolean off = offline != null && !offline.equals("0") && !offline.equalsIgnoreCase("false");
    return new DatasetStore(data == null ? null : Path.of(data).toAbsolutePath(),
        cache == null ? defaultCache() : Path.of(cache).toAbsolutePath(), !off, null);
  }

  /** This store with another data directory ({@code null}: none). */
  public DatasetStore dataDirectory(Path dir) {
    return new DatasetStore(dir == null ? null : dir.toAbsolutePath(), cacheDirectory, download, progress);
  }

  /** This store with another cache directory. */
  public DatasetStore cacheDirectory(Path dir) {
    return new DatasetStore(dataDirectory, dir.toAbsolutePath(), download, progress);
  }

  /** This store with downloads allowed or not. */
  public DatasetStore download(boolean allowed) {
    return new DatasetStore(dataDirectory, cacheDirectory, allowed, progress);
  }

  /** This store reporting downloads to {@code sink} (default: {@link Progress#standard()} at download time). */
  public DatasetStore progress(Progress sink) {
    return new DatasetStore(dataDirectory, cacheDirectory, download, Objects.requireNonNull(sink, "sink"));
  }

  /** The data directory, or {@code null} when none is set. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The cache directory (created on the first download). */
  public Path cacheDirectory() {
    return cacheDirectory;
  }

  /** Whether missing datasets are downloaded. */
  public boolean downloads() {
    return download;
  }

  /**
   * The folder holding every file of {@code dataset}, checked against the catalogue: from the data directory,
   * else the cache, else downloaded into the cache.
   *
   * @throws DatasetUnavailableException when it is nowhere and cannot be downloaded, or a file found differs
   *     from the catalogue
   */
  public Path resolve(Dataset dataset) {
    List<String> searched = new ArrayList<>();
    if (dataDirectory == null) {
      searched.add("data directory: not set (" + DATA_ENV + " / -D" + DATA_PROPERTY + ")");
    } else {
      Path folder = dataDirectory.resolve(dataset.folder());
      List<String> missing = missing(dataset, folder);
      if (missing.isEmpty()) {
        verifyAll(dataset, folder);
        return folder;
      }
      searched.add(folder + " (data directory): missing " + String.join(", ", missing));
    }
    Path cached = cacheDirectory.resolve(dataset.folder());
    List<String> missing = missing(dataset, cached);
    if (missing.isEmpty()) {
      verifyAll(dataset, cached);
      return cached;
    }
    searched.add(cached + " (cache): missing " + String.join(", ", missing));
    String why;
    if (!dataset.downloadable()) {
      why = "not possible: " + dataset.files().stream().filter(f -> f.url() == null)
          .map(f -> f.path() + " has no public URL (" + f.unavailableReason() + ")").toList();
    } else if (!download) {
      why = "off (" + OFFLINE_ENV + " / -D" + OFFLINE_PROPERTY + "=true)";
    } else {
      try {
        downloadInto(dataset, cached);
        verifyAll(dataset, cached);
        return cached;
      } catch (DatasetUnavailableException e) {
        throw e;
      } catch (IOException | UncheckedIOException e) {
        why = "failed: " + e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        why = "interrupted";
      }
    }
    throw new DatasetUnavailableException(unavailable(dataset, searched, why, cached), false);
  }

  private String unavailable(Dataset dataset, List<String> searched, String why, Path cached) {
    StringBuilder sb = new StringBuilder();
    sb.append("dataset '").append(dataset.name()).append("' (").append(dataset.title()).append(") is not available.\n");
    sb.append("Expected files (folder ").append(dataset.folder()).append("/):\n");
    for (Dataset.DataFile f : dataset.files()) {
      sb.append(String.format(Locale.ROOT, "  %s/%s  %,d bytes  sha256 %s%n", dataset.folder(), f.path(), f.bytes(),
          f.sha256()));
    }
    sb.append("Searched:\n");
    for (String s : searched) {
      sb.append("  ").append(s).append('\n');
    }
    sb.append("Download: ").append(why).append('\n');
    sb.append("Fix: set ").append(DATA_ENV).append(" (or -D").append(DATA_PROPERTY)
        .append(") to a directory that holds ").append(dataset.folder())
        .append("/ (in the project's checkout: the absolute path of ../shared/data), or put the files in ")
        .append(cached).append('/');
    if (dataset.downloadable()) {
      sb.append(", or go online and call again to download them (");
      sb.append(dataset.files().get(0).url());
      if (dataset.files().size() > 1) {
        sb.append(" and ").append(dataset.files().size() - 1).append(" more");
      }
      sb.append(')');
    }
    sb.append('.');
    return sb.toString();
  }

  private static List<String> missing(Dataset dataset, Path folder) {
    List<String> missing = new ArrayList<>();
    for (Dataset.DataFile f : dataset.files()) {
      if (!Files.isRegularFile(folder.resolve(f.path()))) {
        missing.add(f.path());
      }
    }
    return missing;
  }

  private static void verifyAll(Dataset dataset, Path folder) {
    for (Dataset.DataFile f : dataset.files()) {
      Path p = folder.resolve(f.path());
      try {
        long size = Files.size(p);
        if (size != f.bytes()) {
          throw mismatch(dataset, f, p, "size " + size + " bytes, expected " + f.bytes());
        }
        String sha;
        try (InputStream in = Files.newInputStream(p)) {
          sha = sha256(in);
        }
        if (!sha.equals(f.sha256())) {
          throw mismatch(dataset, f, p, "sha256 " + sha + ", expected " + f.sha256());
        }
      } catch (IOException e) {
        throw new DatasetUnavailableException("dataset '" + dataset.name() + "': cannot read " + p + ": " + e, e);
      }
    }
  }

  private static DatasetUnavailableException mismatch(Dataset dataset, Dataset.DataFile f, Path p, String what) {
    return new DatasetUnavailableException("dataset '" + dataset.name() + "': " + p + " does not match the catalogue ("
        + what + "). It is a different or damaged copy; replace it with the original"
        + (f.url() == null ? "" : " from " + f.url()) + " or delete it so it is downloaded again.", true);
  }

  private void downloadInto(Dataset dataset, Path folder) throws IOException, InterruptedException {
    Progress sink = progress != null ? progress : Progress.standard();
    HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    int done = 0;
    for (Dataset.DataFile f : dataset.files()) {
      Path target = folder.resolve(f.path());
      if (!Files.isRegularFile(target)) {
        sink.update("download " + dataset.name(), done, dataset.files().size(),
            String.format(Locale.ROOT, "%s (%,d bytes) from %s", f.path(), f.bytes(), f.url()));
        fetch(dataset, f, client, target);
      }
      done++;
    }
    sink.update("download " + dataset.name(), done, dataset.files().size(), "into " + folder);
  }

  private static void fetch(Dataset dataset, Dataset.DataFile f, HttpClient client, Path target)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(f.url())).timeout(REQUEST_TIMEOUT).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new IOException("cannot fetch " + f.url() + " (" + e.getClass().getName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "; offline?)", e);
    }
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
    try {
      String sha;
      long size;
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException("HTTP " + response.statusCode() + " for " + f.url());
        }
        MessageDigest digest = newDigest();
        try (DigestInputStream in = new DigestInputStream(body, digest);
            OutputStream out = Files.newOutputStream(tmp)) {
          size = in.transferTo(out);
        }
        sha = HexFormat.of().formatHex(digest.digest());
      }
      if (size != f.bytes() || !sha.equals(f.sha256())) {
        throw new DatasetUnavailableException("dataset '" + dataset.name() + "': the download of " + f.path()
            + " from " + f.url() + " does not match the catalogue (got " + size + " bytes, sha256 " + sha
            + "; expected " + f.bytes() + " bytes, sha256 " + f.sha256() + "). Nothing was saved.", true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The SHA-256 of a stream's remaining bytes, as 64 lower-case hex digits. */
  static String sha256(InputStream in) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[1 << 16];
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  private static String setting(String property, String env) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? null : v;
  }

  private static Path defaultCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("siebench").resolve("data").toAbsolutePath();
  }
}
