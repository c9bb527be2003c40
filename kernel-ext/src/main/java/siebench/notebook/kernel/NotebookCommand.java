package siebench.notebook.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code siebench notebook}: installs the bundled {@link SiebenchKernel}'s kernelspec for the current user and
 * starts Jupyter on the tutorials; {@code siebench notebook --install-kernel} only installs it.
 *
 * <p>The kernelspec goes to Jupyter's per-user data directory ({@code $JUPYTER_DATA_DIR}, else
 * {@code ~/.local/share/jupyter} on Linux, {@code ~/Library/Jupyter} on macOS, {@code %APPDATA%\jupyter} on
 * Windows) as kernel {@code siebench}. The tutorials ask for a kernel named {@code java} (JJava's and IJava's
 * name); when no kernelspec of that name is found on Jupyter's search path, the bundled kernel is installed under
 * that name too, so the notebooks open without a kernel prompt. An existing {@code java} kernel is never
 * overwritten.
 */
@Command(name = "siebench notebook", mixinStandardHelpOptions = true,
    description = "Install the bundled SIEBench Jupyter kernel and start Jupyter on the tutorial notebooks.")
public final class NotebookCommand implements Callable<Integer> {
  /** The kernel name JJava and IJava install, which the notebooks' metadata asks for. */
  static final String JAVA_KERNEL = "java";

  @Option(names = "--install-kernel", description = "Only install the kernelspec; do not start Jupyter.")
  boolean installOnly;

  @Option(names = "--kernel-dir", paramLabel = "DIR",
      description = "Jupyter data directory to install into (default: the per-user one).")
  Path kernelDir;

  @Option(names = "--name", defaultValue = "siebench", description = "Kernel name (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--no-java-alias", negatable = false,
      description = "Do not also install the kernel as 'java' when no kernel of that name exists.")
  boolean noJavaAlias;

  @Option(names = "--heap", defaultValue = "4g", description = "The kernel JVM's -Xmx (default: ${DEFAULT-VALUE}).")
  String heap;

  @Option(names = "--notebook-dir", paramLabel = "DIR", defaultValue = "notebooks",
      description = "Folder Jupyter opens (default: ${DEFAULT-VALUE}).")
  Path notebookDir;

  @Option(names = "--jupyter", paramLabel = "COMMAND", defaultValue = "jupyter",
      description = "The Jupyter launcher (default: ${DEFAULT-VALUE}); run as COMMAND notebook ...")
  String jupyter;

  @Parameters(paramLabel = "JUPYTER_ARGS", description = "Passed on to Jupyter, e.g. --port=8890 --no-browser.")
  List<String> jupyterArgs = new ArrayList<>();

  private final Map<String, String> env;
  /** Jupyter's system-wide data directories on Unix (searched after the user's). */
  List<Path> systemDirs = List.of(Path.of("/usr/local/share/jupyter"), Path.of("/usr/share/jupyter"));

  public NotebookCommand() {
    this(System.getenv());
  }

  NotebookCommand(Map<String, String> env) {
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(commandLine(new NotebookCommand()).execute(args));
  }

  /** The command line: Jupyter's own options pass through, errors print as one line. */
  static CommandLine commandLine(NotebookCommand command) {
    return new CommandLine(command).setOverwrittenOptionsAllowed(true).setUnmatchedOptionsArePositionalParams(true)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("siebench notebook: " + e.getMessage());
          return 2;
        });
  }

  @Override
  public Integer call() throws Exception {
    for (Path spec : install()) {
      System.out.println("installed kernelspec " + spec);
    }
    if (installOnly) {
      return 0;
    }
    if (!Files.isDirectory(notebookDir)) {
      throw new IllegalArgumentException("notebook folder " + notebookDir.toAbsolutePath() + " does not exist");
    }
    List<String> cmd = new ArrayList<>(List.of(jupyter, "notebook", "--notebook-dir=" + notebookDir.toAbsolutePath()));
    cmd.addAll(jupyterArgs);
    if ("root".equals(System.getProperty("user.name")) && !jupyterArgs.contains("--allow-root")) {
      cmd.add("--allow-root"); // containers and CI run as root, which Jupyter refuses without it
    }
    Process p;
    try {
      p = new ProcessBuilder(cmd).inheritIO().start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start Jupyter ('" + jupyter + "' not found?): install it, e.g. "
          + "'apt-get install jupyter-notebook' on Debian or 'pip install notebook', or name the launcher with "
          + "--jupyter; the kernel is installed, so any Jupyter front end can use it", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
    return p.waitFor();
  }

  /** Writes the kernelspec (and the {@code java} alias where none exists); returns the kernel.json paths. */
  List<Path> install() throws IOException {
    Path dir = kernelDir != null ? kernelDir : userDataDir();
    List<String> jvmOpts = List.of("-Djava.awt.headless=true", "-Xmx" + heap, "-Dai.djl.offline="
        + System.getProperty("ai.djl.offline", "true"), "-Dorg.slf4j.simpleLogger.log.ai.djl=error");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = KernelMain.classPath();
    List<Path> written = new ArrayList<>();
    written.add(KernelMain.writeKernelSpec(dir, name, "Java (SIEBench)", java, cp, jvmOpts));
    if (!noJavaAlias && !name.equals(JAVA_KERNEL) && findKernel(JAVA_KERNEL, dir) == null) {
      written.add(KernelMain.writeKernelSpec(dir, JAVA_KERNEL, "Java (SIEBench bundled)", java, cp, jvmOpts));
    }
    return written;
  }

  /** Jupyter's per-user data directory, as {@code jupyter --data-dir} reports it. */
  Path userDataDir() {
    String explicit = env.get("JUPYTER_DATA_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String os = System.getProperty("os.name", "").toLowerCase();
    Path home = Path.of(System.getProperty("user.home"));
    if (os.contains("win")) {
      String appData = env.get("APPDATA");
      return appData != null ? Path.of(appData, "jupyter") : home.resolve("AppData/Roaming/jupyter");
    }
    if (os.contains("mac")) {
      return home.resolve("Library/Jupyter");
    }
    String xdg = env.get("XDG_DATA_HOME");
    return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("jupyter");
  }

  /**
   * The kernel.json of kernel {@code kernel} on Jupyter's search path ({@code $JUPYTER_PATH}, the user data
   * directory {@code dataDir}, then the system directories), or null.
   */
  Path findKernel(String kernel, Path dataDir) {
    Set<Path> dirs = new LinkedHashSet<>();
    String jp = env.get("JUPYTER_PATH");
    if (jp != null) {
      for (String d : jp.split(File.pathSeparator)) {
        if (!d.isBlank()) {
          dirs.add(Path.of(d));
        }
      }
    }
    dirs.add(dataDir);
    dirs.addAll(systemDirs);
    for (Path d : dirs) {
      Path spec = d.resolve("kernels").resolve(kernel).resolve("kernel.json");
      if (Files.isRegularFile(spec)) {
        return spec;
      }
    }
    return null;
  }
}
