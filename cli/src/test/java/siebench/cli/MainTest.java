package siebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What every registered command shares, checked over the command list of {@link Main} itself (a command added
 * there is covered without a new test): its help, and the refusal of a malformed number for a numeric option.
 */
class MainTest {
  static Stream<String> commands() {
    return new CommandLine(new Main()).getSubcommands().keySet().stream().filter(c -> !c.equals("help"));
  }

  @Test
  void theCommandListIsTheDocumentedOne() {
    assertEquals(List.of("bench", "train", "score", "throughput", "debias", "ope", "mnar", "cvr", "implicit"),
        commands().toList());
    String out = CliRun.ok("--help");
    commands().forEach(c -> assertTrue(out.contains("  " + c + " "), c + " missing from\n" + out));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpPrintsTheUsageWithoutWarnings(String command) {
    CliRun r = CliRun.of(command, "--help");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("Usage: siebench " + command), r.out());
    // a '%' that is not '%%' in a description makes picocli warn and print the raw text
    assertFalse(r.err().contains("picocli WARN") || r.out().contains("%n"), r.err() + r.out());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void aMalformedNumberNamesTheOptionAndTheExpectedType(String command) {
    OptionSpec option = new CommandLine(new Main()).getSubcommands().get(command).getCommandSpec().options().stream()
        .filter(o -> o.type() == int.class || o.type() == Integer.class).findFirst().orElse(null);
    assertNotNull(option, command + " has an integer option");
    String err = CliRun.fails(command, option.longestName(), "x");
    assertTrue(err.contains("Invalid value for option '" + option.longestName() + "': 'x' is not an int"), err);
    assertTrue(err.contains("Usage: siebench " + command), err);
    assertFalse(err.contains("picocli WARN"), err);
  }

  @Test
  void anUnknownCommandOrOptionIsNamed() {
    String command = CliRun.fails("benchmark");
    assertTrue(command.contains("Unmatched argument at index 0: 'benchmark'") && command.contains("siebench bench"),
        command);
    String option = CliRun.fails("train", "--epoch", "1");
    assertTrue(option.contains("Unknown options: '--epoch', '1'") && option.contains("Possible solutions: --epochs"),
        option);
  }
}
