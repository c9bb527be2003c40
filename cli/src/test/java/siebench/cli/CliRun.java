package siebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import siebench.ConsoleCapture;

/** Runs {@code siebench ARGS} in-process ({@link Main#run}) and captures its exit status, standard output and error. */
record CliRun(int status, String out, String err) {
  static CliRun of(String... args) {
    ConsoleCapture c = ConsoleCapture.of(() -> Main.run(args));
    return new CliRun(c.status(), c.out(), c.err());
  }

  /** Runs and asserts success; returns the standard output. */
  static String ok(String... args) {
    CliRun r = of(args);
    assertEquals(0, r.status(), r.err() + r.out());
    return r.out();
  }

  /** Runs and asserts exit status 2 (a bad option or input); returns the standard error. */
  static String fails(String... args) {
    CliRun r = of(args);
    assertEquals(2, r.status(), r.err() + r.out());
    return r.err();
  }

  /**
   * Runs and asserts a clean refusal: exit status 2, {@code expected} in the standard error, no stack trace, no
   * picocli warning and nothing on standard output (the error comes before any result). Returns the standard error.
   */
  static String failsWith(String expected, String... args) {
    CliRun r = of(args);
    assertEquals(2, r.status(), r.err() + r.out());
    assertTrue(r.err().contains(expected), "expected '" + expected + "' in:\n" + r.err());
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception:"), "a stack trace:\n" + r.err());
    assertFalse(r.err().contains("picocli WARN"), r.err());
    assertEquals("", r.out(), "output before the error");
    return r.err();
  }
}
