package siebench.notebook.kernel;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * A small self-contained Java kernel for CI and machines without IJava or JJava, built on JJava's kernel
 * library ({@code jjava-jupyter}) and JShell running in the kernel's JVM.
 *
 * <ul>
 *   <li>Cells are split into snippets with JShell's source analysis and evaluated in order; the value of a
 *       last expression written without a semicolon is rendered through the kernel's renderer, where SIEBench's displays are registered
 *       by its JJava extension (found through {@code META-INF/services}).</li>
 *   <li>{@code display(x)}, {@code render(x)}, {@code printf(...)} come from JJava's
 *       {@code BaseNotebookStatics}, imported statically at startup, so notebooks written for JJava run
 *       unchanged.</li>
 *   <li>Line magics at the top of a cell: {@code %classpath PATH...} and {@code %jars GLOB...} add jars or
 *       folders to the snippet class path (and install any kernel extensions they carry).</li>
 *   <li>Errors: compile errors name the line and column in the cell; exceptions keep their real class,
 *       message and stack trace.</li>
 * </ul>
 */
public final class SiebenchKernel extends BaseKernel {
  static final String VERSION = "0.1.0";
  private static final Pattern MAGIC = Pattern.compile("^\\s*%(\\w+)(.*)$");
  private static final List<String> STARTUP = List.of(
      "import java.io.*;", "import java.math.*;", "import java.nio.file.*;", "import java.util.*;",
      "import java.util.function.*;", "import java.util.stream.*;",
      "import static org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.*;");

  private final CapturingExecutionControl control = new CapturingExecutionControl();
  private final JShell shell;

  private SiebenchKernel(String name, String version, org.dflib.jjava.jupyter.kernel.history.HistoryManager history,
      org.dflib.jjava.jupyter.kernel.JupyterIO io, org.dflib.jjava.jupyter.kernel.comm.CommManager comms,
      org.dflib.jjava.jupyter.kernel.display.Renderer renderer,
      org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry magics, boolean extensions,
      org.dflib.jjava.jupyter.kernel.util.StringStyler errorStyler) {
    super(name, version,
        new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jshell", "java", "java",
            "script"),
        List.of(new HelpLink("Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/")),
        history, io, comms, renderer, null, magics, extensions, errorStyler);
    this.shell = JShell.builder().executionEngine(new CapturingExecutionControl.Provider(control), Map.of())
        .build();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        shell.addToClasspath(Path.of(entry).toAbsolutePath().toString());
      }
    }
  }

  /** A kernel ready for {@link #onStartup()}; extensions on the class path are enabled. */
  public static SiebenchKernel create() {
    return new Builder().name("siebench").version(VERSION).build();
  }

  @Override
  public String getBanner() {
    return "SIEBench Java kernel " + VERSION + " (JShell, Java " + Runtime.version() + ")";
  }

  /** Installs JJava's notebook statics and extensions, then runs the standard imports. */
  @Override
  public void onStartup() {
    super.onStartup();
    for (String s : STARTUP) {
      try {
        evalRaw(s);
      } catch (Exception e) {
        throw new IllegalStateException("kernel startup snippet failed: " + s, e);
      }
    }
  }

  @Override
  public void onShutdown(boolean restart) {
    super.onShutdown(restart);
    shell.close();
  }

  @Override
  public void interrupt() {
    shell.stop();
  }

  @Override
  public Object evalRaw(String code) {
    try {
      return evalCell(code);
    } catch (Exception e) {
      throw SiebenchKernel.<RuntimeException>sneaky(e);
    }
  }

  /** Rethrows a checked exception of the user's code unchanged, so its real class reaches the notebook. */
  @SuppressWarnings("unchecked")
  private static <E extends Exception> E sneaky(Exception e) throws E {
    throw (E) e;
  }

  private Object evalCell(String code) throws Exception {
    String rest = runMagics(code);
    Object result = null;
    SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
    int offset = code.length() - rest.length();
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
      String source;
      String remaining;
      boolean terminated = true;
      switch (info.completeness()) {
        case COMPLETE, COMPLETE_WITH_SEMI -> {
          source = info.source();
          remaining = info.remaining();
          terminated = info.completeness() == SourceCodeAnalysis.Completeness.COMPLETE
              && source.strip().endsWith(";");
        }
        case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> throw new CellException("CompileError",
            "incomplete code at " + position(code, offset) + ": " + firstLine(rest.strip()), List.of());
        default -> {
          // UNKNOWN or EMPTY: let JShell compile it to report the error
          source = rest;
          remaining = "";
        }
      }
      Object value = evalSnippet(source, code, offset);
      // as in IJava and JJava: only an expression left without its semicolon shows its value
      result = terminated ? null : value;
      offset += rest.length() - remaining.length();
      rest = remaining;
    }
    return result;
  }

  /** Evaluates one snippet; returns the value when it is an expression, else null. */
  private Object evalSnippet(String source, String cell, int offset) throws Exception {
    control.reset();
    List<SnippetEvent> events = shell.eval(source);
    if (control.lastThrowable() instanceof ThreadDeath) {
      throw new CellException("Interrupted", "the cell was stopped by an interrupt", List.of());
    }
    Object value = null;
    for (SnippetEvent e : events) {
      if (e.causeSnippet() != null) {
        continue;
      }
      Snippet s = e.snippet();
      if (e.status() == Snippet.Status.REJECTED) {
        throw compileError(s, cell, offset);
      }
      if (e.exception() != null) {
        throw runtimeError(e.exception());
      }
      if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
        List<String> unresolved = new ArrayList<>();
        shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s).forEach(unresolved::add);
        if (!unresolved.isEmpty() && s.kind() != Snippet.Kind.METHOD && s.kind() != Snippet.Kind.TYPE_DECL) {
          throw new CellException("CompileError", "cannot find symbol " + unresolved, List.of());
        }
      }
      if (isExpression(s)) {
        value = control.lastValue();
      }
    }
    return value;
  }

  private static boolean isExpression(Snippet s) {
    return s.kind() == Snippet.Kind.EXPRESSION
        || s.kind() == Snippet.Kind.VAR && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
        && !"void".equals(((VarSnippet) s).typeName());
  }

  private Exception compileError(Snippet s, String cell, int offset) {
    StringBuilder msg = new StringBuilder();
    List<String> lines = new ArrayList<>();
    shell.diagnostics(s).forEach((Diag d) -> {
      if (!d.isError()) {
        return;
      }
      int at = offset + (int) Math.max(0, d.getStartPosition());
      String m = d.getMessage(null);
      if (msg.length() > 0) {
        msg.append("; ");
      }
      msg.append(position(cell, at)).append(": ").append(m);
      lines.add(position(cell, at) + ": " + m);
      lines.add("    " + lineAt(cell, at));
      lines.add("    " + " ".repeat(Math.max(0, column(cell, at) - 1)) + "^");
    });
    if (msg.length() == 0) {
      msg.append("snippet rejected: ").append(firstLine(s.source()));
    }
    return new CellException("CompileError", msg.toString(), lines);
  }

  private Exception runtimeError(jdk.jshell.JShellException e) {
    Throwable actual = control.lastThrowable();
    if (actual instanceof Exception ex) {
      return ex;
    }
    if (actual != null) {
      // an Error such as AssertionError: the kernel library reports Exceptions only, so wrap it and keep
      // its class in the message and its stack trace in the detail lines
      CellException c = new CellException(actual.getClass().getName(), actual.getClass().getName() + ": "
          + actual.getMessage(), trace(actual));
      return c;
    }
    if (e instanceof UnresolvedReferenceException u) {
      return new CellException("UnresolvedReference", "unresolved reference in " + firstLine(u.getSnippet().source())
          + ": " + shell.unresolvedDependencies(u.getSnippet()).toList(), List.of());
    }
    if (e instanceof EvalException ev) {
      return new CellException(ev.getExceptionClassName(), String.valueOf(ev.getMessage()), trace(ev));
    }
    return new CellException(e.getClass().getName(), String.valueOf(e.getMessage()), trace(e));
  }

  private static List<String> trace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return List.of(w.toString().split("\\R"));
  }

  @Override
  public List<String> formatError(Throwable e) {
    if (e instanceof CellException c) {
      List<String> out = new ArrayList<>();
      out.add(errorStyler.primary(c.getMessage().startsWith(c.name()) ? c.getMessage()
          : c.name() + ": " + c.getMessage()));
      c.detail().forEach(l -> out.add(errorStyler.secondary(l)));
      return out;
    }
    List<String> out = new ArrayList<>();
    for (String l : trace(e)) {
      // the frames below the snippet are the kernel's own machinery
      if (l.contains("siebench.notebook.kernel.CapturingExecutionControl")) {
        break;
      }
      out.add(out.isEmpty() ? errorStyler.primary(l) : errorStyler.secondary(l));
    }
    return out;
  }

  /** Runs the leading {@code %magic} lines; returns the rest of the cell. */
  private String runMagics(String code) throws IOException {
    String rest = code;
    while (true) {
      String stripped = rest.stripLeading();
      int nl = stripped.indexOf('\n');
      String line = nl < 0 ? stripped : stripped.substring(0, nl);
      Matcher m = MAGIC.matcher(line);
      if (!m.matches()) {
        return rest;
      }
      lineMagic(m.group(1), m.group(2).trim());
      rest = nl < 0 ? "" : stripped.substring(nl + 1);
    }
  }

  private void lineMagic(String name, String args) throws IOException {
    switch (name) {
      case "classpath", "jars" -> {
        List<String> added = new ArrayList<>();
        for (String arg : args.split("\\s+|" + Pattern.quote(File.pathSeparator))) {
          if (!arg.isEmpty()) {
            added.addAll(expand(arg));
          }
        }
        for (String p : added) {
          shell.addToClasspath(p);
        }
        if (!added.isEmpty()) {
          installExtensions(String.join(File.pathSeparator, added));
        }
      }
      default -> throw new CellException("UnknownMagic", "unknown line magic %" + name
          + "; this kernel supports %classpath and %jars", List.of());
    }
  }

  /** A path or a glob in its last segments ({@code lib/*.jar}); fails when nothing matches. */
  static List<String> expand(String arg) throws IOException {
    if (!arg.contains("*") && !arg.contains("?")) {
      Path p = Path.of(arg).toAbsolutePath();
      if (!Files.exists(p)) {
        throw new CellException("FileNotFound", "%jars/%classpath: no such file or folder: " + p, List.of());
      }
      return List.of(p.toString());
    }
    Path abs = Path.of(arg).toAbsolutePath();
    Path base = abs.getRoot();
    for (Path part : abs) {
      if (part.toString().contains("*") || part.toString().contains("?")) {
        break;
      }
      base = base.resolve(part);
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + abs.toString().replace("\\", "\\\\"));
    List<String> out = new ArrayList<>();
    if (Files.isDirectory(base)) {
      try (Stream<Path> walk = Files.walk(base)) {
        walk.filter(matcher::matches).sorted().forEach(p -> out.add(p.toString()));
      }
    }
    if (out.isEmpty()) {
      throw new CellException("FileNotFound", "%jars/%classpath: nothing matches " + abs, List.of());
    }
    return out;
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
    List<SourceCodeAnalysis.Documentation> docs = sca.documentation(code, at, false);
    if (docs.isEmpty()) {
      // JShell documents a call when the cursor is inside its parentheses; a cursor on the method name
      // is treated as if the call had just been opened
      int end = Math.min(at, code.length());
      while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
        end++;
      }
      docs = sca.documentation(code.substring(0, end) + "(", end + 1, false);
    }
    if (docs.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (SourceCodeAnalysis.Documentation d : docs) {
      sb.append(d.signature()).append('\n');
    }
    return new DisplayData(sb.toString());
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    int[] anchor = new int[1];
    List<SourceCodeAnalysis.Suggestion> s = shell.sourceCodeAnalysis().completionSuggestions(code, at, anchor);
    List<String> options = new ArrayList<>();
    s.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(x -> options.add(x.continuation()));
    s.stream().filter(x -> !x.matchesType()).forEach(x -> options.add(x.continuation()));
    return options.isEmpty() ? null : new ReplacementOptions(options.stream().distinct().toList(), anchor[0], at);
  }

  @Override
  public String isComplete(String code) {
    String rest = code;
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
      switch (info.completeness()) {
        case COMPLETE, COMPLETE_WITH_SEMI -> rest = info.remaining();
        case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
          return IS_COMPLETE_MAYBE;
        }
        default -> {
          return IS_COMPLETE_BAD;
        }
      }
    }
    return IS_COMPLETE_YES;
  }

  private static String position(String cell, int at) {
    return "line " + line(cell, at) + ", column " + column(cell, at);
  }

  private static int line(String cell, int at) {
    int line = 1;
    for (int i = 0; i < Math.min(at, cell.length()); i++) {
      if (cell.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int column(String cell, int at) {
    int start = cell.lastIndexOf('\n', Math.max(0, Math.min(at, cell.length()) - 1)) + 1;
    return Math.min(at, cell.length()) - start + 1;
  }

  private static String lineAt(String cell, int at) {
    int start = cell.lastIndexOf('\n', Math.max(0, Math.min(at, cell.length()) - 1)) + 1;
    int end = cell.indexOf('\n', start);
    return cell.substring(start, end < 0 ? cell.length() : end);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl) + " ...";
  }

  /** An error in a cell that is not a Java exception of the user's code (compile error, bad magic). */
  static final class CellException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final transient List<String> detail;

    CellException(String name, String message, List<String> detail) {
      // no stack trace of its own: the kernel's frames say nothing about the cell; detail carries the
      // user code's trace where there is one
      super(message, null, false, false);
      this.name = name;
      this.detail = List.copyOf(detail);
    }

    String name() {
      return name;
    }

    List<String> detail() {
      return detail;
    }
  }

  /** Builds the kernel with JJava's default I/O, comms, renderer and error styling. */
  static final class Builder extends BaseKernelBuilder<Builder, SiebenchKernel> {
    Builder() {
      jupyterIOEncoding(StandardCharsets.UTF_8);
    }

    @Override
    public SiebenchKernel build() {
      return new SiebenchKernel(buildName(), buildVersion(), buildHistoryManager(),
          buildJupyterIO(buildJupyterIOEncoding()), buildCommManager(), buildRenderer(), buildMagicsRegistry(),
          buildExtensionsEnabled(), buildErrorStyler());
    }
  }
}
