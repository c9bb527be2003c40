package siebench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates {@code shared/data/} (the real dataset samples beside the repository) from any working directory:
 * the system property {@code siebench.shared}, else the first {@code shared/data} found walking up from the
 * current directory. Tests that need it are skipped (not failed) where it is absent; CI always has it.
 */
public final class SharedData {
  private SharedData() {}

  public static Path root() {
    String prop = System.getProperty("siebench.shared");
    if (prop != null) {
      return Path.of(prop);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    return null;
  }

  /** A file under shared/data, or a skipped test when the folder is not there. */
  public static Path file(String relative) {
    Path root = root();
    Assumptions.assumeTrue(root != null, "shared/data not found beside the repository");
    Path p = root.resolve(relative);
    Assumptions.assumeTrue(Files.exists(p), "missing " + p);
    return p;
  }
}
