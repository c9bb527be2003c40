package siebench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code siebench} command: {@code bench}, {@code train}, {@code throughput}, {@code debias}, {@code ope}, {@code mnar} and {@code cvr}. */
@Command(name = "siebench", mixinStandardHelpOptions = true, version = "siebench 0.1.0",
    description = "Sample importance estimation for e-commerce search and recommendation.",
    footer = {"", "Notebooks (the kernel-ext module): siebench notebook [--install-kernel] installs the bundled "
        + "Jupyter kernel and starts Jupyter on notebooks/; siebench notebook --help lists its options."},
    subcommands = {BenchCommand.class, TrainCommand.class, ScoreCommand.class, ThroughputCommand.class, DebiasCommand.class,
        OpeCommand.class, MnarCommand.class, CvrCommand.class, ImplicitCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (for tests). */
  public static int run(String... args) {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("siebench " + cmd.getCommandName() + ": " + e.getMessage());
          if (Boolean.getBoolean("siebench.debug")) {
            e.printStackTrace(cmd.getErr());
          }
          return 2;
        }).execute(args);
  }
}
