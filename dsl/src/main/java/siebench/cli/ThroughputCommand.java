package siebench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import siebench.benchmark.ThroughputBenchmark;
import siebench.train.Progress;

/** {@code siebench throughput}: training throughput against PyTorch-Python, measured in one run. */
@Command(name = "throughput", mixinStandardHelpOptions = true,
    description = {"Training throughput of SIEBench's loop versus PyTorch-Python on the same CPU: the same MLP,",
        "batch, optimizer (Adam) and thread count on pre-built in-memory data; prints both and their ratio.",
        "The Python side needs Debian's python3-torch (with libopenblas0-pthread for a fair BLAS)."})
final class ThroughputCommand implements Callable<Integer> {
  @Option(names = "--rows", defaultValue = "196608", description = "Rows of synthetic data (default ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--dim", defaultValue = "64", description = "Input width (default ${DEFAULT-VALUE}).")
  int dim;

  @Option(names = "--hidden", split = ",", defaultValue = "512,512",
      description = "The two hidden widths (default ${DEFAULT-VALUE}).")
  int[] hidden;

  @Option(names = "--batch-size", defaultValue = "8192", description = "Batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--epochs", defaultValue = "4",
      description = "Epochs; the first is warm-up and not timed (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--threads", defaultValue = "2",
      description = "Threads for PyTorch-Python (the JVM side uses DJL's default, the core count; default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--python", defaultValue = "/usr/bin/python3",
      description = "Python interpreter with torch (default ${DEFAULT-VALUE}).")
  String python;

  @Option(names = "--seed", defaultValue = "7", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    if (hidden.length != 2 || epochs < 2) {
      throw new IllegalArgumentException("--hidden takes two widths and --epochs must be >= 2");
    }
    ThroughputBenchmark.Config c = new ThroughputBenchmark.Config(rows, dim, hidden[0], hidden[1], batch, epochs,
        threads, seed, python);
    ThroughputBenchmark.Result r = ThroughputBenchmark.run(c, Progress.console());
    System.out.printf("model        MLP %d-%d-%d-1, batch %d, Adam, %d epochs timed%n", dim, hidden[0], hidden[1],
        batch, epochs - 1);
    System.out.printf("siebench     %,.0f samples/s%n", r.siebench());
    System.out.printf("pytorch      %,.0f samples/s  (%s)%n", r.python(), r.pythonNote());
    System.out.printf("ratio        %.2fx%n", r.ratio());
    return 0;
  }
}
