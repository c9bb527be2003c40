package siebench.it;

import eu.maveniverse.maven.mima.context.Context;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import eu.maveniverse.maven.mima.context.Runtime;
import eu.maveniverse.maven.mima.context.Runtimes;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsArgs;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.util.graph.visitor.PreorderNodeListGenerator;

/**
 * The path a JJava user takes, as far as it runs without JJava's kernel jar (which is not on Maven Central):
 * after {@code mvn install} of SIEBench into a local repository, a notebook cell {@code %maven
 * io.siebench:siebench-kernel-ext:VERSION} resolves the coordinates and adds the jars to the kernel, which then
 * finds {@code siebench.notebook.jjava.SiebenchExtension} through {@code META-INF/services} and installs it.
 *
 * <p>What is JJava's own code here and what stands in for it (JJava 1.0-a6, github.com/dflib/jjava at tag 1.0-a6):
 * <ul>
 *   <li>real (jjava-jupyter 1.0-a6 from Maven Central): {@link BaseKernel} with its {@code
 *       installExtensions(String)} (a URLClassLoader over the new jars with the kernel's loader as parent,
 *       {@code ServiceLoader.load(Extension.class, ...)}, install once per class name), {@code onStartup}
 *       (notebook kernel, default extensions), {@code onShutdown} (uninstall), the renderer, {@code
 *       MagicsRegistry}, {@code MagicsArgs}, {@code PathsHandler};</li>
 *   <li>real (MIMA 2.4.0, the resolver JJava 1.0-a6 pins): the dependency resolution;</li>
 *   <li>written here to make the same calls, as read in JJava's source: {@code jjava-maven/.../MavenDependencyResolver.resolveDependency} (runtime-scope
 *       root, {@code withUserSettings(true)}, Central as the remote, {@code PreorderNodeListGenerator}),
 *       {@code MavenMagic.eval} (argument schema, {@code addToClasspath}) and {@code
 *       JavaKernel.addToClasspath} (JShell class path, then {@code installExtensions}); JShell's class path is
 *       stood in for by a class loader the jars are added to, as JJava's local execution control does.</li>
 * </ul>
 * The only deviation from JJava: the local repository is the one given as the first argument (the one
 * {@code mvn install} wrote to) instead of {@code ~/.m2/repository}. Prints one line per check and {@code N
 * passed, N failed}; exits 1 when a check failed.
 */
public final class JJavaMavenPath {
  private static int passed;
  private static int failed;

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: JJavaMavenPath LOCAL_REPOSITORY GROUP:ARTIFACT:VERSION");
    }
    Path localRepo = Path.of(args[0]).toAbsolutePath();
    String coordinates = args[1];

    PathKernel kernel = PathKernel.create(new MavenMagic(localRepo));
    kernel.onStartup();
    check("before %maven no SIEBench extension is installed", !kernel.installed().contains(EXTENSION),
        kernel.installed());

    // the cell `%maven io.siebench:siebench-kernel-ext:VERSION`
    List<String> jars = kernel.getMagicsRegistry().evalLineMagic(kernel, "maven", List.of(coordinates));
    List<String> names = jars.stream().map(j -> Path.of(j).getFileName().toString()).toList();
    System.out.println("%maven resolved " + jars.size() + " jars: " + names);
    String artifact = coordinates.split(":")[1];
    check("the first jar is the requested artifact from the local repository",
        jars.get(0).startsWith(localRepo.toString()) && names.get(0).startsWith(artifact + "-"), jars.get(0));
    check("the SIEBench library (siebench-dsl) comes along",
        names.stream().anyMatch(n -> n.startsWith("siebench-dsl-")), names);
    check("no jar of the kernel API (provided scope: the kernel brings its own) or of tests is resolved",
        names.stream().noneMatch(n -> n.startsWith("jjava-") || n.startsWith("jupyter-jvm-basekernel")
            || n.startsWith("junit-")), names);

    check("the extension was found through META-INF/services and installed", kernel.installed().contains(EXTENSION),
        kernel.installed());
    Extension ext = kernel.extension(EXTENSION);
    ClassLoader notebook = kernel.notebookLoader();
    check("the extension's classes are the notebook's classes (loaded once, by the kernel's class loader)",
        ext != null && ext.getClass().getClassLoader() == notebook, ext == null ? null : ext.getClass().getClassLoader());
    check("the extension implements the kernel's own Extension interface",
        ext != null && Extension.class.isInstance(ext), ext);

    // a cell whose value is a Tablesaw table, and one whose value is an XChart chart
    Class<?> tableClass = notebook.loadClass("tech.tablesaw.api.Table");
    Class<?> doubleColumn = notebook.loadClass("tech.tablesaw.api.DoubleColumn");
    Object column = doubleColumn.getMethod("create", String.class, double[].class)
        .invoke(null, "ctr", new double[] {0.125, 0.25});
    Object columns = java.lang.reflect.Array.newInstance(notebook.loadClass("tech.tablesaw.columns.Column"), 1);
    java.lang.reflect.Array.set(columns, 0, column);
    Object table = tableClass.getMethod("create", String.class, columns.getClass()).invoke(null, "clicks", columns);
    DisplayData tableOut = kernel.getRenderer().render(table);
    Object html = tableOut.getData(MIMEType.TEXT_HTML);
    check("a table renders as an HTML table", html instanceof String s && s.contains("<table") && s.contains("0.125"),
        html);

    Object chart = notebook.loadClass("org.knowm.xchart.XYChartBuilder").getConstructor().newInstance();
    chart = chart.getClass().getMethod("width", int.class).invoke(chart, 300);
    chart = chart.getClass().getMethod("height", int.class).invoke(chart, 200);
    chart = chart.getClass().getMethod("build").invoke(chart);
    chart.getClass().getMethod("addSeries", String.class, double[].class, double[].class)
        .invoke(chart, "s", new double[] {1, 2}, new double[] {3, 4});
    Object png = kernel.getRenderer().render(chart).getData(MIMEType.IMAGE_PNG);
    check("a chart renders as a PNG", png instanceof String s && s.startsWith("iVBOR"), png == null ? null : "not a PNG");

    Object progress = notebook.loadClass("siebench.core.Progress").getMethod("standard").invoke(null);
    check("training progress now goes to one in-place display per cell",
        progress.getClass().getName().equals("siebench.notebook.ProgressDisplay"), progress.getClass());

    // the notebooks' first cell: siebench.notebook.Notebook.install()
    Object found = notebook.loadClass("siebench.notebook.Notebook").getMethod("install").invoke(null);
    check("Notebook.install() in a cell finds the JJava kernel", String.valueOf(found).equals("JJAVA"), found);
    Method isRegistered = notebook.loadClass(EXTENSION).getMethod("isRegistered",
        org.dflib.jjava.jupyter.kernel.display.Renderer.class);
    check("the renderer is registered (once)", (Boolean) isRegistered.invoke(null, kernel.getRenderer()), "");

    // running the cell again does not install a second copy
    int before = kernel.installed().size();
    kernel.getMagicsRegistry().evalLineMagic(kernel, "maven", List.of(coordinates));
    check("a second %maven of the same coordinates installs nothing again", kernel.installed().size() == before
        && kernel.extension(EXTENSION) == ext, kernel.installed());

    kernel.onShutdown(false);
    check("kernel shutdown uninstalls the extension", kernel.installed().isEmpty(), kernel.installed());

    System.out.println(passed + " passed, " + failed + " failed");
    System.exit(failed == 0 ? 0 : 1);
  }

  static final String EXTENSION = "siebench.notebook.jjava.SiebenchExtension";

  private static void check(String what, boolean ok, Object detail) {
    if (ok) {
      passed++;
      System.out.println("ok   " + what);
    } else {
      failed++;
      System.out.println("FAIL " + what + ": " + detail);
    }
  }

  /**
   * A stand-in for JJava 1.0-a6's {@code %maven} ({@code MavenMagic.eval} over {@code
   * MavenDependencyResolver.resolveDependency}): the same MIMA request, with the local repository given.
   */
  static final class MavenMagic implements LineMagic<List<String>, PathKernel> {
    private static final String MAVEN_CENTRAL_URL = "https://repo1.maven.org/maven2/";
    private final Path localRepository;
    private final Runtime runtime = Runtimes.INSTANCE.getRuntime();

    MavenMagic(Path localRepository) {
      this.localRepository = localRepository;
    }

    @Override
    public List<String> eval(PathKernel kernel, List<String> args) throws Exception {
      MagicsArgs schema = MagicsArgs.builder().varargs("deps").keyword("from").onlyKnownKeywords().onlyKnownFlags()
          .build();
      Map<String, List<String>> parsed = schema.parse(args);
      List<String> deps = new ArrayList<>();
      for (String d : parsed.get("deps")) {
        deps.addAll(resolve(d));
      }
      kernel.addToClasspath(PathsHandler.joinStringPaths(deps));
      return deps;
    }

    private List<String> resolve(String coordinates) throws Exception {
      ContextOverrides overrides = ContextOverrides.create()
          .withUserSettings(true)
          .repositories(List.of(new RemoteRepository.Builder("central", "default", MAVEN_CENTRAL_URL).build()))
          .withLocalRepositoryOverride(localRepository)
          .build();
      try (Context context = runtime.create(overrides)) {
        CollectRequest collect = new CollectRequest();
        collect.setRoot(new Dependency(new DefaultArtifact(coordinates), "runtime"));
        collect.setRepositories(context.remoteRepositories());
        DependencyRequest request = new DependencyRequest();
        request.setCollectRequest(collect);
        DependencyNode root = context.repositorySystem()
            .resolveDependencies(context.repositorySystemSession(), request).getRoot();
        PreorderNodeListGenerator nlg = new PreorderNodeListGenerator();
        root.accept(nlg);
        return PathsHandler.split(nlg.getClassPath()).stream().map(File::new).map(File::getAbsolutePath)
            .collect(Collectors.toList());
      }
    }
  }

  /**
   * A kernel on JJava's real {@link BaseKernel}. Its notebook class loader stands in for JShell's (JJava's local
   * execution control loads cells' classes from the jars added to JShell's class path).
   */
  static final class PathKernel extends BaseKernel {
    private final NotebookLoader loader = new NotebookLoader();

    private PathKernel(Builder b) {
      super(b.name(), "it", new LanguageInfo("java", "17", "text/x-java-source", ".jshell", "java", "java",
          "script"), List.of(), null, b.io(), b.comms(), b.renderer(), null, b.magics(), true, b.styler());
    }

    static PathKernel create(MavenMagic maven) {
      return new Builder().name("jjava-maven-path").lineMagic("maven", maven).build();
    }

    /** JJava 1.0-a6 {@code JavaKernel.addToClasspath}, with the notebook loader in place of JShell. */
    void addToClasspath(String classpath) {
      if (classpath == null || classpath.isBlank()) {
        return;
      }
      String resolved = PathsHandler.joinPaths(PathsHandler.splitAndResolveGlobs(classpath));
      for (String p : PathsHandler.split(resolved)) {
        loader.add(Path.of(p));
      }
      if (extensionsEnabled) {
        installExtensions(resolved);
      }
    }

    List<String> installed() {
      return extensions.keySet().stream().sorted().toList();
    }

    Extension extension(String className) {
      return extensions.get(className);
    }

    ClassLoader notebookLoader() {
      return loader;
    }

    @Override
    protected ClassLoader getClassLoader() {
      return loader;
    }

    @Override
    public Object evalRaw(String source) {
      throw new UnsupportedOperationException("this kernel evaluates no Java source");
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
      return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
      return null;
    }

    @Override
    public String isComplete(String code) {
      return "complete";
    }

    static final class Builder extends BaseKernelBuilder<Builder, PathKernel> {
      @Override
      public PathKernel build() {
        return new PathKernel(this);
      }

      String name() {
        return buildName();
      }

      org.dflib.jjava.jupyter.kernel.JupyterIO io() {
        return buildJupyterIO(java.nio.charset.StandardCharsets.UTF_8);
      }

      org.dflib.jjava.jupyter.kernel.comm.CommManager comms() {
        return buildCommManager();
      }

      org.dflib.jjava.jupyter.kernel.display.Renderer renderer() {
        return buildRenderer();
      }

      org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry magics() {
        return buildMagicsRegistry();
      }

      org.dflib.jjava.jupyter.kernel.util.StringStyler styler() {
        return buildErrorStyler();
      }
    }
  }

  /** The notebook's class loader: the kernel's classes as parent, jars added as cells ask for them. */
  static final class NotebookLoader extends URLClassLoader {
    NotebookLoader() {
      super("notebook", new URL[0], JJavaMavenPath.class.getClassLoader());
    }

    void add(Path jar) {
      try {
        addURL(jar.toUri().toURL());
      } catch (java.net.MalformedURLException e) {
        throw new IllegalArgumentException("not a path: " + jar, e);
      }
    }
  }
}
