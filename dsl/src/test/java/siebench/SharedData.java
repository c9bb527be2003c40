package siebench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import siebench.data.io.Dataset;
import siebench.data.io.DatasetStore;
import siebench.data.io.DatasetUnavailableException;
import siebench.data.io.Datasets;

/**
 * The real dataset samples for tests, through the {@link Datasets} catalogue: each file is resolved by
 * {@link DatasetStore} (the data directory {@code SIEBENCH_DATA} / {@code -Dsiebench.data}, then the user cache,
 * then a checked download) and its size and SHA-256 checked against the catalogue.
 *
 * <p>Test-only fallback for developer worktrees that run Maven without {@code SIEBENCH_DATA}: the legacy property
 * {@code siebench.shared}, else the first {@code shared/data} above the working directory is used as the data
 * directory. Library code and notebooks never do this. Tests whose dataset is unavailable are skipped (not
 * failed), with the catalogue's message; CI sets {@code SIEBENCH_DATA} and always has them.
 */
public final class SharedData {
  private SharedData() {}

  /** The data directory the tests use, or {@code null} when none is set or found. */
  public static Path root() {
    Path configured = DatasetStore.standard().dataDirectory();
    if (configured != null) {
      return configured;
    }
    String prop = System.getProperty("siebench.shared");
    if (prop != null) {
      return Path.of(prop);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * {@code <folder>/<file>} (or just {@code <folder>}) of a catalogued sample, e.g.
   * {@code avazu_ctr_sample/avazu_sample.csv}; a skipped test when the dataset is unavailable.
   */
  public static Path file(String relative) {
    int slash = relative.indexOf('/');
    Dataset dataset = Datasets.entry(slash < 0 ? relative : relative.substring(0, slash));
    Path folder;
    try {
      folder = DatasetStore.standard().dataDirectory(root()).resolve(dataset);
    } catch (DatasetUnavailableException e) {
      if (e.mismatch()) {
        throw e;   // a wrong copy is an error, not an absent dataset
      }
      Assumptions.abort(e.getMessage());
      return null;
    }
    Path p = slash < 0 ? folder : folder.resolve(relative.substring(slash + 1));
    Assumptions.assumeTrue(Files.exists(p), "missing " + p);
    return p;
  }
}
