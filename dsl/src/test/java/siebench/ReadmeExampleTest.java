package siebench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's Java example in JShell (in this JVM, on the test class path), snippet by snippet, so the
 * README cannot drift from the code: every snippet must be valid and none may throw.
 */
class ReadmeExampleTest {
  @Test
  void readmeExampleRunsInJShell() throws Exception {
    Path readme = Path.of("").toAbsolutePath();
    while (readme != null && !Files.exists(readme.resolve("README.md"))) {
      readme = readme.getParent();
    }
    assertTrue(readme != null, "README.md not found above " + Path.of("").toAbsolutePath());
    String text = Files.readString(readme.resolve("README.md"));
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(text);
    assertTrue(m.find(), "README.md has a ```java block");
    String code = m.group(1);
    try (JShell js = JShell.builder().executionEngine("local").build()) {
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        js.addToClasspath(entry);
      }
      SourceCodeAnalysis sca = js.sourceCodeAnalysis();
      String rest = code;
      List<String> problems = new ArrayList<>();
      int snippets = 0;
      while (!rest.isBlank()) {
        SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
        assertEquals(SourceCodeAnalysis.Completeness.COMPLETE, info.completeness(), "incomplete: " + rest);
        for (SnippetEvent e : js.eval(info.source())) {
          if (e.status() == Snippet.Status.REJECTED) {
            problems.add("rejected: " + info.source().trim() + " -> "
                + js.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
          }
          if (e.exception() != null) {
            problems.add("threw: " + info.source().trim() + " -> " + e.exception());
          }
        }
        snippets++;
        rest = info.remaining();
      }
      assertFalse(snippets < 5, "expected the whole example, ran " + snippets + " snippets");
      assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
  }
}
