package siebench.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import siebench.core.Progress;
import siebench.features.EncodedData;
import siebench.features.FeatureLayout;
import siebench.model.ModelSpec;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.EmbeddingUpdates;
import siebench.train.EpochStats;
import siebench.train.TrainingLoop;

/**
 * Training-throughput benchmark: SIEBench's training loop against PyTorch-Python on the same CPU, same model,
 * same batch size, same optimizer (dense Adam, lr 1e-3), same thread count, both on pre-built in-memory data,
 * both timing all epochs but the first (warm-up). Two models: an MLP {@code D-H1-H2-1} on dense inputs, and
 * DeepFM (Guo et al. 2017) on the Criteo shape (26 categorical fields with skewed ids, 13 dense values,
 * embedding 16, MLP 256-128).
 *
 * <p>The two sides run interleaved, A B A B, {@code repeats} times within one run, and the figure reported is
 * the median of the per-pair ratios with their range: on a shared machine a single pair can be off by a
 * factor of two either way. The PyTorch child process runs without the {@link #CLEARED_ENVIRONMENT} variables
 * (this machine sets OpenBLAS's core type and L2 size for other tools, which slows Debian's OpenBLAS-backed
 * PyTorch); only that child's environment is changed. Each side's BLAS is reported: the libraries mapped into
 * the Python process, and for the JVM the BLAS libraries mapped into it (none: DJL's libtorch links its BLAS
 * statically).
 */
public final class ThroughputBenchmark {
  /** Environment variables removed from the PyTorch child process. */
  public static final List<String> CLEARED_ENVIRONMENT = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");

  /**
   * Cardinalities of the 26 categorical fields of the Criteo Kaggle 2014 training set as listed for DLRM's
   * Kaggle benchmark, capped per field by {@link Config#vocabCap()} (the default cap of 50,000 gives about
   * 500k embedding rows, the size of a Criteo vocabulary with a min-count).
   */
  static final int[] CRITEO_CARDINALITIES = {1460, 583, 10131227, 2202608, 305, 24, 12517, 633, 3, 93145, 5683,
      8351593, 3194, 27, 14992, 5461306, 10, 5652, 2173, 4, 7046547, 18, 15, 286181, 105, 142572};

  /** The benchmarked model. */
  public enum Mode {
    /** The MLP {@code dim-hidden1-hidden2-1} on dense Gaussian inputs. */
    MLP,
    /** DeepFM on the Criteo shape. */
    DEEPFM
  }

  /**
   * Settings. For MLP, {@code dim} is the input width; for DeepFM it is the number of dense features and
   * {@code vocabCap} caps each field's vocabulary; {@code hidden1, hidden2} are the MLP widths in both.
   */
  public record Config(Mode mode, int rows, int dim, int hidden1, int hidden2, int batch, int epochs, int threads,
      long seed, String python, int repeats, int vocabCap, boolean lazy) {
    public Config {
      if (rows < 1 || batch < 1 || epochs < 2 || threads < 1 || repeats < 1 || vocabCap < 1) {
        throw new IllegalArgumentException("need rows, batch, threads, repeats, vocabCap >= 1 and epochs >= 2");
      }
    }

    /** The MLP reference configuration 64-512-512-1, batch 8192, 3 interleaved pairs. */
    public static Config defaults() {
      return new Config(Mode.MLP, 8192 * 24, 64, 512, 512, 8192, 4, 2, 7, "/usr/bin/python3", 3, 50_000, false);
    }

    /**
     * DeepFM on the Criteo shape: 13 dense, embedding 16, MLP 256-128, batch 4096, 3 interleaved pairs, dense
     * Adam on both sides ({@code lazy}: lazy Adam on the embedding tables on both sides, SIEBench's {@code
     * LazyAdam} and PyTorch's sparse embeddings with {@code SparseAdam}).
     */
    public static Config deepFm() {
      return new Config(Mode.DEEPFM, 4096 * 8, 13, 256, 128, 4096, 3, 2, 7, "/usr/bin/python3", 3, 50_000, false);
    }

    /** The per-field vocabulary sizes of the DeepFM mode. */
    public int[] vocabularies() {
      return Arrays.stream(CRITEO_CARDINALITIES).map(c -> Math.min(c, vocabCap)).toArray();
    }
  }

  /** One interleaved pair: samples per second of each side (python NaN when it could not run). */
  public record Pair(double siebench, double python) {
    public double ratio() {
      return siebench / python;
    }
  }

  /** The pairs in run order, the BLAS each side used, and a note when PyTorch-Python did not run. */
  public record Result(List<Pair> pairs, String siebenchBlas, String pythonBlas, String pythonNote) {
    /** The median of the per-pair ratios (NaN when Python never ran). */
    public double medianRatio() {
      return median(pairs.stream().mapToDouble(Pair::ratio).filter(r -> !Double.isNaN(r)).toArray());
    }

    public double minRatio() {
      return pairs.stream().mapToDouble(Pair::ratio).filter(r -> !Double.isNaN(r)).min().orElse(Double.NaN);
    }

    public double maxRatio() {
      return pairs.stream().mapToDouble(Pair::ratio).filter(r -> !Double.isNaN(r)).max().orElse(Double.NaN);
    }

    public double medianSiebench() {
      return median(pairs.stream().mapToDouble(Pair::siebench).toArray());
    }

    public double medianPython() {
      return median(pairs.stream().mapToDouble(Pair::python).filter(r -> !Double.isNaN(r)).toArray());
    }
  }

  private ThroughputBenchmark() {}

  /** Runs {@code c.repeats()} interleaved pairs, SIEBench first in each. */
  public static Result run(Config c, Progress progress) {
    List<Pair> pairs = new ArrayList<>();
    String note = c.python() + " with torch";
    String pyBlas = "not run";
    for (int r = 0; r < c.repeats(); r++) {
      progress.update("throughput " + c.mode().name().toLowerCase(), r, c.repeats(), "pair " + (r + 1) + ": siebench");
      double ours = siebench(c, progress);
      progress.update("throughput " + c.mode().name().toLowerCase(), r, c.repeats(), "pair " + (r + 1) + ": pytorch");
      double py = Double.NaN;
      try {
        String[] out = python(c);
        py = Double.parseDouble(out[0]);
        pyBlas = out[1];
      } catch (IOException | RuntimeException e) {
        note = "PyTorch-Python not run: " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        note = "interrupted";
      }
      pairs.add(new Pair(ours, py));
    }
    return new Result(pairs, jvmBlas(), pyBlas, note);
  }

  static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  /** The environment of the PyTorch child: this one without {@link #CLEARED_ENVIRONMENT}. */
  static void clearEnvironment(Map<String, String> env) {
    CLEARED_ENVIRONMENT.forEach(env::remove);
  }

  /** BLAS libraries mapped into this JVM (Linux), or a statement that none is (libtorch's own). */
  static String jvmBlas() {
    Path maps = Path.of("/proc/self/maps");
    Set<String> libs = new LinkedHashSet<>();
    Set<String> torch = new LinkedHashSet<>();
    try {
      for (String line : Files.readAllLines(maps)) {
        String[] t = line.trim().split("\\s+");
        String p = t[t.length - 1];
        String lower = p.toLowerCase();
        if (lower.contains("blas") || lower.contains("mkl")) {
          libs.add(p);
        } else if (lower.endsWith("libtorch_cpu.so")) {
          torch.add(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    }
    if (!libs.isEmpty()) {
      return String.join(",", libs);
    }
    return "no separate BLAS library mapped; BLAS linked into " + (torch.isEmpty() ? "libtorch"
        : torch.stream().collect(Collectors.joining(","))) + " (MKL in DJL's builds)";
  }

  static double siebench(Config c, Progress progress) {
    EncodedData data = data(c);
    TrainingLoop.Run run = TrainingLoop.train(task(c, progress), null, data, null, null);
    double secs = 0;
    List<EpochStats> h = run.history();
    for (int e = 1; e < h.size(); e++) {
      secs += h.get(e).seconds();
    }
    run.model().close();
    return data.rows() * (double) (h.size() - 1) / secs;
  }

  /** The in-memory rows of {@code c}'s mode. */
  static EncodedData data(Config c) {
    return c.mode() == Mode.MLP ? mlpData(c) : criteoData(c);
  }

  /** The training task of {@code c}'s mode: its model, batch, epochs and embedding updates, Adam at 1e-3. */
  static CtrTask task(Config c, Progress progress) {
    ModelSpec spec = c.mode() == Mode.MLP ? Models.mlp(c.hidden1(), c.hidden2())
        : Models.deepFm().embeddingDim(16).hidden(c.hidden1(), c.hidden2());
    return CtrTask.ctr().model(spec).batchSize(c.batch()).epochs(c.epochs()).learningRate(1e-3)
        .earlyStopping(0).seed(c.seed()).progress(progress)
        .embeddingUpdates(c.lazy() ? EmbeddingUpdates.LAZY : EmbeddingUpdates.DENSE);
  }

  private static EncodedData mlpData(Config c) {
    Random r = new Random(c.seed());
    int n = c.rows();
    float[] x = new float[n * c.dim()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    List<String> dense = new ArrayList<>();
    for (int j = 0; j < c.dim(); j++) {
      dense.add("x" + j);
    }
    return labelled(new FeatureLayout(List.of(), new int[0], dense), n, new long[0], x, r, 0.3);
  }

  /** Criteo-shaped rows: per field id = floor(V u^3) (skewed towards low ids), Gaussian dense values. */
  static EncodedData criteoData(Config c) {
    Random r = new Random(c.seed());
    int n = c.rows();
    int[] vocab = c.vocabularies();
    int f = vocab.length;
    List<String> fields = new ArrayList<>();
    for (int j = 0; j < f; j++) {
      fields.add("C" + (j + 1));
    }
    List<String> dense = new ArrayList<>();
    for (int j = 0; j < c.dim(); j++) {
      dense.add("I" + (j + 1));
    }
    FeatureLayout layout = new FeatureLayout(fields, vocab, dense);
    long[] off = layout.offsets();
    long[] cat = new long[n * f];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < f; j++) {
        double u = r.nextDouble();
        cat[i * f + j] = off[j] + Math.min(vocab[j] - 1, (long) Math.floor(vocab[j] * u * u * u));
      }
    }
    float[] x = new float[n * c.dim()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return labelled(layout, n, cat, x, r, 0.25);
  }

  private static EncodedData labelled(FeatureLayout layout, int n, long[] cat, float[] x, Random r, double rate) {
    float[] y = new float[n];
    float[] w = new float[n];
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < rate ? 1 : 0;
      w[i] = 1;
      ids[i] = i;
    }
    return new EncodedData(layout, n, cat, x, y, w, ids);
  }

  /** The command line of the PyTorch side (script path first argument after the interpreter). */
  static List<String> pythonCommand(Config c, Path script) {
    List<String> cmd = new ArrayList<>(List.of(c.python(), script.toString(), "" + c.rows()));
    if (c.mode() == Mode.DEEPFM) {
      cmd.add(Arrays.stream(c.vocabularies()).mapToObj(Integer::toString).collect(Collectors.joining(",")));
      cmd.addAll(List.of("" + c.dim(), "16"));
    } else {
      cmd.add("" + c.dim());
    }
    cmd.addAll(List.of("" + c.hidden1(), "" + c.hidden2(), "" + c.batch(), "" + c.epochs(), "" + c.threads(),
        "" + c.seed()));
    if (c.mode() == Mode.DEEPFM) {
      cmd.add(c.lazy() ? "1" : "0");
    }
    return cmd;
  }

  /** Runs the PyTorch side once; returns its samples per second and BLAS libraries. */
  static String[] python(Config c) throws IOException, InterruptedException {
    String resource = c.mode() == Mode.MLP ? "torch_mlp.py" : "torch_deepfm.py";
    Path script = Files.createTempFile("siebench-" + resource.replace(".py", ""), ".py");
    try (InputStream in = ThroughputBenchmark.class.getResourceAsStream("/siebench/bench/" + resource)) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    ProcessBuilder pb = new ProcessBuilder(pythonCommand(c, script));
    clearEnvironment(pb.environment());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String value = null;
    String blas = "unknown";
    StringBuilder all = new StringBuilder();
    try (BufferedReader br = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = br.readLine()) != null) {
        all.append(line).append('\n');
        if (line.startsWith("samples_per_second=")) {
          value = line.substring("samples_per_second=".length());
        } else if (line.startsWith("blas=")) {
          blas = line.substring("blas=".length());
        }
      }
    }
    int code = p.waitFor();
    Files.deleteIfExists(script);
    if (code != 0 || value == null) {
      String tail = all.length() > 400 ? all.substring(all.length() - 400) : all.toString();
      throw new IOException("exit " + code + ": " + tail.trim());
    }
    return new String[] {value, blas};
  }
}
