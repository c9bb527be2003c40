package siebench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import siebench.benchmark.ScoringCost;
import siebench.benchmark.ThroughputBenchmark;
import siebench.benchmark.ThroughputBenchmark.Config;
import siebench.benchmark.ThroughputBenchmark.Mode;
import siebench.benchmark.ThroughputBenchmark.Pair;
import siebench.core.Progress;

/** {@code siebench throughput}: training throughput against PyTorch-Python, interleaved pairs in one run. */
@Command(name = "throughput", mixinStandardHelpOptions = true,
    description = {"Training throughput of SIEBench's loop versus PyTorch-Python on the same CPU: the same model",
        "(MLP, or DeepFM on the Criteo shape), batch, optimizer (dense Adam) and thread count on pre-built",
        "in-memory data, run interleaved (A B A B ...); prints every pair, the median ratio and its range.",
        "The Python side needs Debian's python3-torch; it runs without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE.",
        "--scoring times the per-sample scores' passes against one training epoch instead (no Python)."})
final class ThroughputCommand implements Callable<Integer> {
  @Option(names = "--mode", defaultValue = "mlp",
      description = "mlp (64-512-512-1, batch 8192) or deepfm (Criteo shape, batch 4096) (default ${DEFAULT-VALUE}).")
  Mode mode;

  @Option(names = "--rows", description = "Rows of synthetic data (default 196608 for mlp, 32768 for deepfm).")
  Integer rows;

  @Option(names = "--dim", description = "MLP input width, or DeepFM dense features (default 64 / 13).")
  Integer dim;

  @Option(names = "--hidden", split = ",", description = "The two hidden widths (default 512,512 / 256,128).")
  int[] hidden;

  @Option(names = "--batch-size", description = "Batch size (default 8192 / 4096).")
  Integer batch;

  @Option(names = "--epochs", description = "Epochs per run; the first is warm-up and not timed (default 4 / 3).")
  Integer epochs;

  @Option(names = "--repeats", defaultValue = "3", description = "Interleaved pairs (default ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--vocab-cap", defaultValue = "50000",
      description = "DeepFM: cap on each Criteo field's vocabulary (default ${DEFAULT-VALUE}, about 500k rows).")
  int vocabCap;

  @Option(names = "--lazy",
      description = "DeepFM: lazy Adam on the embedding tables on both sides (PyTorch: sparse embeddings + SparseAdam).")
  boolean lazy;

  @Option(names = "--threads", defaultValue = "2",
      description = "Threads for PyTorch-Python (the JVM side uses DJL's default, the core count; default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--python", defaultValue = "/usr/bin/python3",
      description = "Python interpreter with torch (default ${DEFAULT-VALUE}).")
  String python;

  @Option(names = "--seed", defaultValue = "7", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scoring",
      description = "Instead of PyTorch: time one checkpoint of the per-sample scores (loss / EL2N, GraNd over all "
          + "parameters, GraNd's last layer) on every training row as a multiple of one training epoch of the same "
          + "model, per repeat (ScoringCost).")
  boolean scoring;

  @Override
  public Integer call() {
    Config d = mode == Mode.MLP ? Config.defaults() : Config.deepFm();
    if (hidden != null && hidden.length != 2) {
      throw new IllegalArgumentException("--hidden takes two widths, e.g. 256,128");
    }
    Config c = new Config(mode, rows == null ? d.rows() : rows, dim == null ? d.dim() : dim,
        hidden == null ? d.hidden1() : hidden[0], hidden == null ? d.hidden2() : hidden[1],
        batch == null ? d.batch() : batch, epochs == null ? d.epochs() : epochs, threads, seed, python, repeats,
        vocabCap, lazy);
    if (scoring) {
      return scoringCost(c);
    }
    ThroughputBenchmark.Result r = ThroughputBenchmark.run(c, Progress.console());
    if (mode == Mode.MLP) {
      System.out.printf("model        MLP %d-%d-%d-1, batch %d, dense Adam, %d rows, %d epochs timed of %d%n",
          c.dim(), c.hidden1(), c.hidden2(), c.batch(), c.rows(), c.epochs() - 1, c.epochs());
    } else {
      int[] v = c.vocabularies();
      System.out.printf("model        DeepFM, %d fields (%,d embedding rows), %d dense, embedding 16, MLP %d-%d, "
          + "batch %d, %s, %d rows, %d epochs timed of %d%n", v.length,
          java.util.Arrays.stream(v).asLongStream().sum(), c.dim(), c.hidden1(), c.hidden2(), c.batch(),
          lazy ? "lazy Adam on embeddings" : "dense Adam", c.rows(), c.epochs() - 1, c.epochs());
    }
    for (int i = 0; i < r.pairs().size(); i++) {
      Pair p = r.pairs().get(i);
      System.out.printf("pair %d       siebench %,.0f  pytorch %,.0f samples/s  ratio %.2fx%n", i + 1, p.siebench(),
          p.python(), p.ratio());
    }
    System.out.printf("siebench     median %,.0f samples/s  (BLAS: %s)%n", r.medianSiebench(), r.siebenchBlas());
    System.out.printf("pytorch      median %,.0f samples/s  (%s; BLAS: %s; %s removed)%n", r.medianPython(),
        r.pythonNote(), r.pythonBlas(), String.join(", ", ThroughputBenchmark.CLEARED_ENVIRONMENT));
    System.out.printf("ratio        median %.2fx over %d pairs, range %.2fx - %.2fx%n", r.medianRatio(),
        r.pairs().size(), r.minRatio(), r.maxRatio());
    return 0;
  }

  private static int scoringCost(Config c) {
    ScoringCost.Result r = ScoringCost.run(c, Progress.console());
    System.out.printf("model        %s, batch %d, %d rows; the last of %d epochs timed, then one pass of each score%n",
        c.mode() == Mode.MLP ? "MLP " + c.dim() + "-" + c.hidden1() + "-" + c.hidden2() + "-1" : "DeepFM (Criteo shape)",
        c.batch(), c.rows(), c.epochs());
    for (int i = 0; i < r.repeats().size(); i++) {
      ScoringCost.Repeat p = r.repeats().get(i);
      StringBuilder sb = new StringBuilder(String.format("repeat %d     epoch %.2f s", i + 1, p.epochSeconds()));
      for (int k = 0; k < ScoringCost.PASSES.size(); k++) {
        sb.append(String.format("  %s %.2f s (%.2fx)", ScoringCost.PASSES.get(k), p.passSeconds()[k], p.multiple(k)));
      }
      System.out.println(sb);
    }
    for (int k = 0; k < ScoringCost.PASSES.size(); k++) {
      System.out.printf("%-24s median %.2fx one epoch over %d repeats, range %.2fx - %.2fx%n",
          ScoringCost.PASSES.get(k), r.medianMultiple(k), r.repeats().size(), r.minMultiple(k), r.maxMultiple(k));
    }
    return 0;
  }
}
