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
import java.util.List;
import java.util.Random;
import siebench.features.EncodedData;
import siebench.features.FeatureLayout;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.EpochStats;
import siebench.train.Progress;
import siebench.train.TrainingLoop;

/**
 * Training-throughput benchmark: SIEBench's training loop against PyTorch-Python on the same CPU, same model
 * (an MLP {@code D-H1-H2-1}), same batch size, same optimizer (Adam), same thread count, both on pre-built
 * in-memory data, both timing all epochs but the first (warm-up). The figure that matters is the ratio,
 * measured in one run.
 */
public final class ThroughputBenchmark {
  /** Settings; the defaults are the reference configuration 64-512-512-1, batch 8192. */
  public record Config(int rows, int dim, int hidden1, int hidden2, int batch, int epochs, int threads,
      long seed, String python) {
    public static Config defaults() {
      return new Config(8192 * 24, 64, 512, 512, 8192, 4, 2, 7, "/usr/bin/python3");
    }
  }

  /** Samples per second of each side; python is NaN when PyTorch-Python was not available. */
  public record Result(double siebench, double python, String pythonNote) {
    public double ratio() {
      return siebench / python;
    }
  }

  private ThroughputBenchmark() {}

  public static Result run(Config c, Progress progress) {
    double ours = siebench(c, progress);
    double py = Double.NaN;
    String note;
    try {
      py = python(c);
      note = c.python() + " with torch";
    } catch (IOException | RuntimeException e) {
      note = "PyTorch-Python not run: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      note = "interrupted";
    }
    return new Result(ours, py, note);
  }

  static double siebench(Config c, Progress progress) {
    Random r = new Random(c.seed());
    int n = c.rows();
    float[] x = new float[n * c.dim()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    float[] y = new float[n];
    float[] w = new float[n];
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < 0.3 ? 1 : 0;
      w[i] = 1;
      ids[i] = i;
    }
    List<String> dense = new ArrayList<>();
    for (int j = 0; j < c.dim(); j++) {
      dense.add("x" + j);
    }
    FeatureLayout layout = new FeatureLayout(List.of(), new int[0], dense);
    EncodedData data = new EncodedData(layout, n, new long[0], x, y, w, ids);
    CtrTask task = CtrTask.ctr().model(Models.mlp(c.hidden1(), c.hidden2())).batchSize(c.batch())
        .epochs(c.epochs()).learningRate(1e-3).earlyStopping(0).seed(c.seed()).progress(progress);
    TrainingLoop.Run run = TrainingLoop.train(task, null, data, null, null);
    double secs = 0;
    List<EpochStats> h = run.history();
    for (int e = 1; e < h.size(); e++) {
      secs += h.get(e).seconds();
    }
    run.model().close();
    return n * (double) (h.size() - 1) / secs;
  }

  static double python(Config c) throws IOException, InterruptedException {
    Path script = Files.createTempFile("siebench-torch-mlp", ".py");
    try (InputStream in = ThroughputBenchmark.class.getResourceAsStream("/siebench/bench/torch_mlp.py")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    ProcessBuilder pb = new ProcessBuilder(c.python(), script.toString(), "" + c.rows(), "" + c.dim(),
        "" + c.hidden1(), "" + c.hidden2(), "" + c.batch(), "" + c.epochs(), "" + c.threads(), "" + c.seed());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String value = null;
    StringBuilder all = new StringBuilder();
    try (BufferedReader br = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = br.readLine()) != null) {
        all.append(line).append('\n');
        if (line.startsWith("samples_per_second=")) {
          value = line.substring("samples_per_second=".length());
        }
      }
    }
    int code = p.waitFor();
    Files.deleteIfExists(script);
    if (code != 0 || value == null) {
      String tail = all.length() > 400 ? all.substring(all.length() - 400) : all.toString();
      throw new IOException("exit " + code + ": " + tail.trim());
    }
    return Double.parseDouble(value);
  }
}
