package siebench.notebook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.notebook.Notebook;

/** One kernel for the class: JJava allows a single notebook kernel per JVM. */
class SiebenchKernelTest {
  static SiebenchKernel kernel;

  @BeforeAll
  static void start() {
    kernel = SiebenchKernel.create();
    kernel.onStartup();
  }

  @AfterAll
  static void stop() {
    kernel.onShutdown(false);
  }

  @Test
  void expressionValuesAreReturnedAsObjects() {
    assertEquals(3, kernel.evalRaw("1 + 2"));
    assertNull(kernel.evalRaw("int x = 5;"));
    assertEquals(10, kernel.evalRaw("x * 2"));
    assertEquals(6, kernel.evalRaw("int a = 2;\nint b = 3;\n\na * b"));
    assertNull(kernel.evalRaw("System.out.println(\"hi\")"), "void call has no value");
    assertEquals(List.of(1, 2), kernel.evalRaw("List.of(1, 2)"), "standard imports present");
    assertNull(kernel.evalRaw("x * 3;"), "a terminated expression shows nothing, as in IJava");
    assertEquals(16, kernel.evalRaw("x * 3;\nx + 11"));
  }

  @Test
  void tablesRenderThroughTheSiebenchExtension() {
    DisplayData d = kernel.eval("tech.tablesaw.api.Table.create(\"t\", tech.tablesaw.api.IntColumn.create(\"x\","
        + " new int[] {4, 5}))");
    String html = (String) d.getData(MIMEType.TEXT_HTML);
    assertTrue(html.contains("<table>") && html.contains("integer"), html);
  }

  @Test
  void notebookInstallDetectsThisKernel() {
    assertEquals(Notebook.Kernel.JJAVA, kernel.evalRaw("siebench.notebook.Notebook.install()"));
    assertEquals(kernel, BaseKernel.notebookKernel());
  }

  @Test
  void compileErrorsNameLineAndColumn() {
    SiebenchKernel.CellException e = assertThrows(SiebenchKernel.CellException.class,
        () -> kernel.evalRaw("int ok = 1;\nint y = \"text\";"));
    assertEquals("CompileError", e.name());
    assertTrue(e.getMessage().contains("line 2, column 9"), e.getMessage());
    assertTrue(String.join("\n", kernel.formatError(e)).contains("int y = \"text\";"));
  }

  @Test
  void userExceptionsKeepTheirClass() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> kernel.evalRaw("throw new IllegalStateException(\"boom\");"));
    assertEquals("boom", e.getMessage());
    Exception io = assertThrows(Exception.class, () -> kernel.evalRaw("throw new java.io.IOException(\"io\");"));
    assertEquals(java.io.IOException.class, io.getClass());
    assertTrue(kernel.formatError(e).get(0).contains("IllegalStateException: boom"));
    SiebenchKernel.CellException err = assertThrows(SiebenchKernel.CellException.class,
        () -> kernel.evalRaw("throw new AssertionError(\"bad\");"));
    assertEquals("java.lang.AssertionError: bad", err.getMessage());
    List<String> lines = kernel.formatError(err);
    assertTrue(lines.get(0).contains("java.lang.AssertionError: bad") && !lines.get(0).contains("AssertionError: java"),
        lines.toString());
  }

  @Test
  void classpathMagicLoadsCompiledClasses(@TempDir Path dir) throws Exception {
    Path src = dir.resolve("src/demo/Greeter.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, "package demo; public class Greeter { public static String hi() { return \"hello\"; } }");
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString());
    assertEquals(0, rc);
    assertEquals("hello", kernel.evalRaw("%classpath " + classes + "\ndemo.Greeter.hi()"));
    SiebenchKernel.CellException e = assertThrows(SiebenchKernel.CellException.class,
        () -> kernel.evalRaw("%jars " + dir.resolve("nothing/*.jar")));
    assertTrue(e.getMessage().contains("nothing matches"), e.getMessage());
    assertThrows(SiebenchKernel.CellException.class, () -> kernel.evalRaw("%maven foo:bar:1"));
  }

  @Test
  void globsExpandSorted(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("b.jar"), "");
    Files.writeString(dir.resolve("a.jar"), "");
    Files.writeString(dir.resolve("c.txt"), "");
    assertEquals(List.of(dir.resolve("a.jar").toString(), dir.resolve("b.jar").toString()),
        SiebenchKernel.expand(dir + "/*.jar"));
  }

  @Test
  void completenessAndCompletion() {
    assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("int q = 1;"));
    assertEquals(BaseKernel.IS_COMPLETE_MAYBE, kernel.isComplete("for (int i = 0; i < 3; i++) {"));
    assertTrue(kernel.complete("Strin", 5).getReplacements().contains("String"));
  }

  @Test
  void interruptStopsASleepingCell() throws Exception {
    CompletableFuture<Object> f = CompletableFuture.supplyAsync(() -> kernel.evalRaw("Thread.sleep(60000); 1"));
    Thread.sleep(500);
    kernel.interrupt();
    Exception e = assertThrows(Exception.class, () -> f.get(10, TimeUnit.SECONDS));
    assertTrue(String.valueOf(e.getCause()).contains("InterruptedException"), String.valueOf(e.getCause()));
  }

  @Test
  void interruptCancelsWorkThatChecksItsProgressWithoutAForcedStop() throws Exception {
    CompletableFuture<Object> f = CompletableFuture.supplyAsync(() -> kernel.evalRaw(
        "siebench.core.Progress p = siebench.core.Progress.silent(); long n = 0; while (true) { n++; p.checkCancelled(); }"));
    Thread.sleep(500);
    kernel.interrupt();
    Exception e = assertThrows(Exception.class, () -> f.get(10, TimeUnit.SECONDS));
    assertTrue(String.valueOf(e.getCause()).contains("CancellationException: stopped: the thread was interrupted"),
        String.valueOf(e.getCause()));
  }

  @Test
  void interruptStopsABusyLoopThatIgnoresInterrupts() throws Exception {
    CompletableFuture<Object> f = CompletableFuture.supplyAsync(() -> kernel.evalRaw("long spin = 0; while (true) { spin++; }"));
    Thread.sleep(500);
    kernel.interrupt();
    Exception e = assertThrows(Exception.class, () -> f.get(15, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof SiebenchKernel.CellException, String.valueOf(e.getCause()));
    assertEquals("Interrupted", ((SiebenchKernel.CellException) e.getCause()).name());
    assertEquals(2, kernel.evalRaw("1 + 1"), "the kernel still works after a forced stop");
  }

  @Test
  void inspectShowsSignatures() {
    DisplayData d = kernel.inspect("Math.max(1, 2)", 6, false);
    assertTrue(d != null && String.valueOf(d.getData(MIMEType.TEXT_PLAIN)).contains("max("),
        d == null ? "null" : String.valueOf(d.getData(MIMEType.TEXT_PLAIN)));
  }

  @Test
  void kernelSpecPointsAtThisJvmAndClassPath(@TempDir Path dir) throws Exception {
    Path spec = KernelMain.install(new String[] {"--install", dir.toString(), "--jvm-opt", "-Xmx2g"});
    assertEquals(dir.resolve("kernels/siebench/kernel.json"), spec);
    var json = com.google.gson.JsonParser.parseString(Files.readString(spec)).getAsJsonObject();
    var argv = json.getAsJsonArray("argv");
    assertTrue(argv.get(0).getAsString().endsWith("/bin/java"));
    assertEquals("-Djava.awt.headless=true", argv.get(1).getAsString());
    assertEquals("-Xmx2g", argv.get(2).getAsString());
    assertEquals(KernelMain.classPath(), argv.get(4).getAsString());
    assertEquals("siebench.notebook.kernel.KernelMain", argv.get(5).getAsString());
    assertEquals("{connection_file}", argv.get(6).getAsString());
    assertEquals("java", json.get("language").getAsString());
    assertThrows(IllegalArgumentException.class, () -> KernelMain.install(new String[] {"--install", "x", "--bogus", "1"}));
  }
}
