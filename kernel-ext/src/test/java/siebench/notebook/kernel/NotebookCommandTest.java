package siebench.notebook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NotebookCommandTest {
  @TempDir
  Path tmp;

  private int run(Map<String, String> env, StringWriter err, String... args) {
    NotebookCommand command = new NotebookCommand(env);
    command.systemDirs = java.util.List.of(); // whatever this machine has installed system-wide stays out
    CommandLine cl = NotebookCommand.commandLine(command);
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void installKernelWritesTheSpecAndAJavaAliasOnlyWhereNoneExists() throws Exception {
    Path data = tmp.resolve("data");
    Map<String, String> env = Map.of("JUPYTER_DATA_DIR", data.toString(), "JUPYTER_PATH", tmp.resolve("none").toString());
    assertEquals(0, run(env, new StringWriter(), "--install-kernel", "--heap", "3g"));
    Path spec = data.resolve("kernels/siebench/kernel.json");
    JsonObject json = JsonParser.parseString(Files.readString(spec)).getAsJsonObject();
    String argv = json.getAsJsonArray("argv").toString();
    assertTrue(argv.contains("-Xmx3g") && argv.contains(KernelMain.class.getName())
        && argv.contains("{connection_file}"), argv);
    assertEquals("Java (SIEBench)", json.get("display_name").getAsString());
    Path alias = data.resolve("kernels/java/kernel.json");
    assertTrue(Files.isRegularFile(alias), "no 'java' kernel existed: the notebooks' kernel name is provided");

    Files.writeString(alias, "{\"argv\":[\"jjava\"],\"display_name\":\"Java\",\"language\":\"java\"}");
    assertEquals(0, run(env, new StringWriter(), "--install-kernel"));
    assertTrue(Files.readString(alias).contains("jjava"), "an existing java kernel is never overwritten");
  }

  @Test
  void noJavaAliasWhenAskedOrWhenJupyterPathHasOne() throws Exception {
    Path other = tmp.resolve("other");
    Files.createDirectories(other.resolve("kernels/java"));
    Files.writeString(other.resolve("kernels/java/kernel.json"), "{}");
    Path data = tmp.resolve("data");
    Map<String, String> env = Map.of("JUPYTER_DATA_DIR", data.toString(), "JUPYTER_PATH", other.toString());
    assertEquals(0, run(env, new StringWriter(), "--install-kernel"));
    assertTrue(Files.notExists(data.resolve("kernels/java")));
    Path data2 = tmp.resolve("data2");
    assertEquals(0, run(Map.of("JUPYTER_DATA_DIR", data2.toString()), new StringWriter(), "--install-kernel",
        "--no-java-alias", "--name", "sie"));
    assertTrue(Files.isRegularFile(data2.resolve("kernels/sie/kernel.json")));
    assertTrue(Files.notExists(data2.resolve("kernels/java")));
  }

  @Test
  void jupyterOptionsPassThrough() {
    NotebookCommand c = new NotebookCommand(Map.of());
    NotebookCommand.commandLine(c).parseArgs("--heap", "2g", "--no-browser", "--port", "8890", "--ServerApp.token=x");
    assertEquals("2g", c.heap);
    assertEquals(java.util.List.of("--no-browser", "--port", "8890", "--ServerApp.token=x"), c.jupyterArgs);
  }

  @Test
  void userDataDirFollowsJupyterRules() {
    Path home = Path.of(System.getProperty("user.home"));
    assertEquals(Path.of("/x/data"), new NotebookCommand(Map.of("JUPYTER_DATA_DIR", "/x/data")).userDataDir());
    if (System.getProperty("os.name").toLowerCase().contains("linux")) {
      assertEquals(home.resolve(".local/share/jupyter"), new NotebookCommand(Map.of()).userDataDir());
      assertEquals(Path.of("/xdg/jupyter"), new NotebookCommand(Map.of("XDG_DATA_HOME", "/xdg")).userDataDir());
    }
  }

  @Test
  void aMissingJupyterIsAClearErrorAfterTheKernelIsInstalled() throws Exception {
    StringWriter err = new StringWriter();
    Map<String, String> env = Map.of("JUPYTER_DATA_DIR", tmp.resolve("d").toString());
    int status = run(env, err, "--notebook-dir", tmp.toString(), "--jupyter", tmp.resolve("no-such-jupyter").toString());
    assertNotEquals(0, status);
    assertEquals("siebench notebook: cannot start Jupyter", err.toString().split(" \\(")[0]);
    assertTrue(err.toString().contains("cannot start Jupyter") && err.toString().contains("apt-get install jupyter-notebook"),
        err.toString());
    assertTrue(Files.isRegularFile(tmp.resolve("d/kernels/siebench/kernel.json")));
    StringWriter err2 = new StringWriter();
    assertNotEquals(0, run(env, err2, "--notebook-dir", tmp.resolve("nowhere").toString()));
    assertTrue(err2.toString().contains("nowhere") && err2.toString().contains("does not exist"), err2.toString());
  }
}
