package siebench.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import siebench.data.Samples;
import siebench.data.Split;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.model.ModelSpec;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.Progress;

/**
 * A benchmark of importance estimators on one data set: every estimator scores the training rows of every
 * repeat, and every protocol judges those scores. Immutable builder:
 *
 * <pre>{@code
 * BenchmarkResult r = Benchmark.on(samples)
 *     .estimators(gradientNorm(), el2n(), knnShapley(), random())
 *     .protocols(noisyLabelDetection(0.1), pruning(), removal(), reweightedTraining(), cost())
 *     .model(deepFm()).repeats(3).seed(7).run();
 * }</pre>
 *
 * <p>Each repeat r uses seed {@code seed + r}: a seeded 80/10/10 train/validation/test split; when a
 * noisy-label-detection protocol is present, the training rows' corruption comes from the data's {@code
 * truth_corrupted} column if it flags any row (and corrupted rows are then removed from validation and test,
 * so evaluation is clean), otherwise the protocol's noise is injected into the training labels at its rate.
 * Estimators see the training rows, the validation rows and the benchmark's CTR task; protocols retrain that
 * task and evaluate on the test rows. The same seed gives the same result table on CPU.
 */
public final class Benchmark {
  /** Ground-truth column the synthetic generator writes. */
  public static final String TRUTH_CORRUPTED = "truth_corrupted";

  private final Samples samples;
  private final List<Map.Entry<String, ImportanceEstimator>> estimators;
  private final List<Protocol> protocols;
  private final CtrTask task;
  private final int repeats;
  private final long seed;
  private final Progress progress;

  private Benchmark(Samples samples, List<Map.Entry<String, ImportanceEstimator>> estimators,
      List<Protocol> protocols, CtrTask task, int repeats, long seed, Progress progress) {
    this.samples = samples;
    this.estimators = List.copyOf(estimators);
    this.protocols = List.copyOf(protocols);
    this.task = task;
    this.repeats = repeats;
    this.seed = seed;
    this.progress = progress;
  }

  /** A benchmark on {@code samples} with no estimators yet, DeepFM (2 epochs), 3 repeats, seed 7. */
  public static Benchmark on(Samples samples) {
    CtrTask t = CtrTask.ctr().model(Models.deepFm()).epochs(2).earlyStopping(0).progress(Progress.silent());
    return new Benchmark(samples, List.of(), List.of(), t, 3, 7, Progress.standard());
  }

  /** The estimators to compare; labels are their names (suffixed #2, #3 when repeated). */
  public Benchmark estimators(ImportanceEstimator... list) {
    List<Map.Entry<String, ImportanceEstimator>> l = new ArrayList<>();
    Map<String, Integer> count = new LinkedHashMap<>();
    for (ImportanceEstimator e : list) {
      int c = count.merge(e.name(), 1, Integer::sum);
      l.add(Map.entry(c == 1 ? e.name() : e.name() + "#" + c, e));
    }
    return new Benchmark(samples, l, protocols, task, repeats, seed, progress);
  }

  public Benchmark protocols(Protocol... list) {
    return new Benchmark(samples, estimators, Arrays.asList(list), task, repeats, seed, progress);
  }

  /** The model protocols retrain and estimators observe. */
  public Benchmark model(ModelSpec m) {
    return new Benchmark(samples, estimators, protocols, task.model(m), repeats, seed, progress);
  }

  /** The full CTR task (model, epochs, batch size, learning rate) used by protocols and estimators. */
  public Benchmark task(CtrTask t) {
    return new Benchmark(samples, estimators, protocols, t.progress(Progress.silent()), repeats, seed, progress);
  }

  public Benchmark repeats(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("repeats must be >= 1, got " + n);
    }
    return new Benchmark(samples, estimators, protocols, task, n, seed, progress);
  }

  public Benchmark seed(long s) {
    return new Benchmark(samples, estimators, protocols, task, repeats, s, progress);
  }

  public Benchmark progress(Progress p) {
    return new Benchmark(samples, estimators, protocols, task, repeats, seed, p);
  }

  /** Runs every estimator and protocol on every repeat. */
  public BenchmarkResult run() {
    if (estimators.isEmpty() || protocols.isEmpty()) {
      throw new IllegalStateException("a benchmark needs at least one estimator and one protocol");
    }
    long t0 = System.nanoTime();
    ResultRows rows = new ResultRows();
    List<String> notes = new ArrayList<>();
    long total = (long) repeats * estimators.size();
    long done = 0;
    for (int r = 0; r < repeats; r++) {
      long s = seed + r;
      Trial trial = trial(r, s);
      notes.add("repeat " + r + " (seed " + s + "): " + trial.train().size() + " train / "
          + trial.validation().size() + " validation / " + trial.test().size() + " test rows"
          + (trial.corruption() == null ? "" : "; " + trial.corruption()));
      for (Map.Entry<String, ImportanceEstimator> e : estimators) {
        progress.checkCancelled();
        String repeat = " (repeat " + (r + 1) + "/" + repeats + ")";
        progress.update("benchmark", done, total, "estimating " + e.getKey() + repeat);
        Importance imp = e.getValue().estimate(trial.train(), trial.context());
        for (Protocol p : protocols) {
          progress.update("benchmark", done, total, "protocol " + p.name() + " on " + e.getKey() + repeat);
          p.evaluate(trial, e.getKey(), e.getValue(), imp, rows);
        }
        done++;
      }
    }
    for (Protocol p : protocols) {
      p.finish(rows);
    }
    progress.update("benchmark", total, total, String.format("%d estimators x %d protocols x %d repeats in %.1fs",
        estimators.size(), protocols.size(), repeats, (System.nanoTime() - t0) / 1e9));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("data", samples.describe());
    settings.put("estimators", estimators.stream().map(e -> e.getKey() + e.getValue().parameters()).toList());
    settings.put("protocols", protocols.stream().map(Protocol::name).toList());
    settings.put("task", task.describe());
    settings.put("repeats", repeats);
    settings.put("seed", seed);
    settings.put("seconds", (System.nanoTime() - t0) / 1e9);
    return new BenchmarkResult(rows.table(), protocols, settings, notes);
  }

  private Trial trial(int repeat, long s) {
    Split split = samples.split(0.8, 0.1, s);
    Samples train = split.train();
    Samples validation = split.validation();
    Samples test = split.test();
    boolean[] corrupted = null;
    String corruption = null;
    NoisyLabelDetection detection = protocols.stream().filter(p -> p instanceof NoisyLabelDetection)
        .map(p -> (NoisyLabelDetection) p).findFirst().orElse(null);
    if (detection != null) {
      boolean[] truth = flags(train);
      if (truth != null) {
        corrupted = truth;
        validation = clean(validation);
        test = clean(test);
        corruption = String.format("ground truth from %s: %.1f%% of training rows corrupted", TRUTH_CORRUPTED,
            100.0 * count(truth) / truth.length);
      } else {
        corrupted = new boolean[train.size()];
        train = inject(train, detection, corrupted, new Random(s * 7919 + 17));
        corruption = String.format("injected %s at %.0f%%: %d rows", detection.noise().name().toLowerCase(),
            100 * detection.rate(), count(corrupted));
      }
    }
    EstimationContext ctx = EstimationContext.defaults().validation(validation).task(task).seed(s)
        .progress(progress);
    return new Trial(repeat, s, train, corrupted, corruption, validation, test, task, progress, ctx);
  }

  private static boolean[] flags(Samples s) {
    if (!s.table().columnNames().contains(TRUTH_CORRUPTED)) {
      return null;
    }
    double[] v = s.doubles(TRUTH_CORRUPTED);
    boolean[] f = new boolean[v.length];
    boolean any = false;
    for (int i = 0; i < v.length; i++) {
      f[i] = v[i] > 0.5;
      any |= f[i];
    }
    return any ? f : null;
  }

  private static Samples clean(Samples s) {
    boolean[] f = flags(s);
    if (f == null) {
      return s;
    }
    int[] keep = new int[s.size()];
    int n = 0;
    for (int i = 0; i < f.length; i++) {
      if (!f[i]) {
        keep[n++] = i;
      }
    }
    return s.rows(Arrays.copyOf(keep, n));
  }

  private static Samples inject(Samples train, NoisyLabelDetection d, boolean[] corrupted, Random r) {
    float[] y = train.labels();
    int n = y.length;
    int target = (int) Math.round(d.rate() * n);
    int[] candidates = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (d.noise() == NoisyLabelDetection.Noise.FLIP || y[i] < 0.5f) {
        candidates[m++] = i;
      }
    }
    if (target > m) {
      throw new IllegalStateException("cannot inject " + target + " fake clicks: only " + m + " non-clicks");
    }
    for (int k = 0; k < target; k++) { // partial Fisher-Yates: a uniform sample without replacement
      int j = k + r.nextInt(m - k);
      int t = candidates[k];
      candidates[k] = candidates[j];
      candidates[j] = t;
      int row = candidates[k];
      y[row] = 1 - y[row];
      corrupted[row] = true;
    }
    return train.withLabels(y);
  }

  private static int count(boolean[] f) {
    int c = 0;
    for (boolean b : f) {
      c += b ? 1 : 0;
    }
    return c;
  }
}
