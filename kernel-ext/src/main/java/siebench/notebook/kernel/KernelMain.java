package siebench.notebook.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts the {@link SiebenchKernel} or installs its kernelspec.
 *
 * <pre>
 * java -cp CLASSPATH siebench.notebook.kernel.KernelMain CONNECTION_FILE
 * java -cp CLASSPATH siebench.notebook.kernel.KernelMain --install DIR [--name NAME] [--display-name TEXT]
 *      [--jvm-opt OPTION]...
 * </pre>
 *
 * {@code --install DIR} writes {@code DIR/kernels/NAME/kernel.json} (NAME defaults to {@code siebench}) whose
 * command runs this same JVM binary with this same class path, so pointing {@code JUPYTER_PATH} at DIR makes
 * the kernel available to Jupyter, nbconvert and nbclient.
 */
public final class KernelMain {
  private KernelMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 1 && args[0].equals("--install")) {
      Path spec = install(args);
      System.out.println("installed kernelspec " + spec);
      return;
    }
    if (args.length != 1 || args[0].startsWith("-")) {
      System.err.println("usage: KernelMain CONNECTION_FILE | --install DIR [--name NAME] [--display-name TEXT]"
          + " [--jvm-opt OPTION]...");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IOException("cannot read connection file " + file, e);
    }
    KernelConnectionProperties props = KernelConnectionProperties.parse(json);
    JupyterConnection connection = new JupyterConnection(props);
    SiebenchKernel kernel = SiebenchKernel.create();
    kernel.onStartup();
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    connection.waitUntilClose();
  }

  /** Parses the install options and writes the kernelspec; returns the kernel.json path. */
  static Path install(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("--install needs a directory");
    }
    Path dir = Path.of(args[1]);
    String name = "siebench";
    String display = "Java (SIEBench)";
    List<String> jvmOpts = new ArrayList<>(List.of("-Djava.awt.headless=true"));
    for (int i = 2; i < args.length; i++) {
      String opt = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(opt + " needs a value");
      }
      String value = args[++i];
      switch (opt) {
        case "--name" -> name = value;
        case "--display-name" -> display = value;
        case "--jvm-opt" -> jvmOpts.add(value);
        default -> throw new IllegalArgumentException("unknown option " + opt
            + "; expected --name, --display-name or --jvm-opt");
      }
    }
    if (!name.matches("[a-zA-Z0-9._-]+")) {
      throw new IllegalArgumentException("kernel name must be letters, digits, '.', '_' or '-': " + name);
    }
    return writeKernelSpec(dir, name, display, javaBinary(), classPath(), jvmOpts);
  }

  /** Writes {@code dir/kernels/name/kernel.json}; returns its path. */
  static Path writeKernelSpec(Path dir, String name, String display, String java, String classPath,
      List<String> jvmOpts) throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add(java);
    argv.addAll(jvmOpts);
    argv.add("-cp");
    argv.add(classPath);
    argv.add(KernelMain.class.getName());
    argv.add("{connection_file}");
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("argv", argv);
    spec.put("display_name", display);
    spec.put("language", "java");
    spec.put("interrupt_mode", "message");
    Path kdir = dir.resolve("kernels").resolve(name);
    Files.createDirectories(kdir);
    Path file = kdir.resolve("kernel.json");
    Files.writeString(file, new com.google.gson.GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
        .toJson(spec), StandardCharsets.UTF_8);
    return file;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** This JVM's class path with every entry made absolute. */
  static String classPath() {
    List<String> out = new ArrayList<>();
    for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!e.isBlank()) {
        out.add(Path.of(e).toAbsolutePath().toString());
      }
    }
    return String.join(File.pathSeparator, out);
  }
}
