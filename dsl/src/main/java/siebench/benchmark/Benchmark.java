package siebench.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.Split;
import siebench.data.noise.Corruption;
import siebench.data.noise.Noise;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.model.ModelSpec;
import siebench.model.Models;
import siebench.train.CtrTask;

/**
 * A benchmark of importance estimators on one data set: every estimator scores the training rows of every
 * repeat, and every protocol judges those scores. Immutable builder:
 *
 * <pre>{@code
 * BenchmarkResult r = Benchmark.on(samples)
 *     .estimators(gradientNorm(), el2n(), knnShapley(), random())
 *     .protocols(noisyLabelDetection(), cleaning(), reweightedTraining(), cost())
 *     .noise(Noise.clickFraud(0.1))        // optional: what to inject when the data has no ground truth
 *     .model(deepFm()).repeats(3).seed(7).run();
 * }</pre>
 *
 * <p>Each repeat r uses seed {@code seed + r}: a seeded 80/10/10 train/validation/test split. Which training
 * rows are corrupted comes from the data's {@code truth_corrupted} column when it flags any row (corrupted
 * rows are then also removed from validation and test, so evaluation is clean); the benchmark's {@link
 * #noise(Noise) noise} is injected into the training rows (only) when it was set explicitly, or when a protocol
 * {@link Protocol#needsGroundTruth() needs ground truth} and the data has none (then {@code
 * Noise.fakeClicks(0.1)} unless set). When corruption is known, each repeat also trains the two references
 * every gain protocol is read against: the noisy data as it is and the oracle (corrupted rows dropped),
 * written as estimators {@code noisy} and {@code oracle} under protocol {@code reference}. Estimators see the
 * training rows, the validation rows and the benchmark's CTR task; protocols retrain that task and evaluate on
 * the test rows. The same seed gives the same result table on CPU.
 */
public final class Benchmark {
  /** The protocol name of the noisy and oracle reference rows. */
  public static final String REFERENCE = "reference";

  /** The estimator name of the noisy reference: every training row, uniform weights. */
  public static final String NOISY = "noisy";

  /** The estimator name of the oracle reference: every corrupted training row dropped. */
  public static final String ORACLE = "oracle";

  private final Samples samples;
  private final List<Map.Entry<String, ImportanceEstimator>> estimators;
  private final List<Protocol> protocols;
  private final CtrTask task;
  private final int repeats;
  private final long seed;
  private final Progress progress;
  private final Noise noise;

  private Benchmark(Samples samples, List<Map.Entry<String, ImportanceEstimator>> estimators,
      List<Protocol> protocols, CtrTask task, int repeats, long seed, Progress progress, Noise noise) {
    this.samples = samples;
    this.estimators = List.copyOf(estimators);
    this.protocols = List.copyOf(protocols);
    this.task = task;
    this.repeats = repeats;
    this.seed = seed;
    this.progress = progress;
    this.noise = noise;
  }

  /** A benchmark on {@code samples} with no estimators yet, DeepFM (2 epochs), 3 repeats, seed 7. */
  public static Benchmark on(Samples samples) {
    CtrTask t = CtrTask.ctr().model(Models.deepFm()).epochs(2).earlyStopping(0).progress(Progress.silent());
    return new Benchmark(samples, List.of(), List.of(), t, 3, 7, Progress.standard(), null);
  }

  /** The estimators to compare; labels are their names (suffixed #2, #3 when repeated). */
  public Benchmark estimators(ImportanceEstimator... list) {
    List<Map.Entry<String, ImportanceEstimator>> l = new ArrayList<>();
    Map<String, Integer> count = new LinkedHashMap<>();
    for (ImportanceEstimator e : list) {
      if (e.name().equals(NOISY) || e.name().equals(ORACLE)) {
        throw new IllegalArgumentException("estimator name '" + e.name() + "' is reserved for the benchmark's "
            + REFERENCE + " rows; rename the estimator");
      }
      int c = count.merge(e.name(), 1, Integer::sum);
      l.add(Map.entry(c == 1 ? e.name() : e.name() + "#" + c, e));
    }
    return new Benchmark(samples, l, protocols, task, repeats, seed, progress, noise);
  }

  public Benchmark protocols(Protocol... list) {
    return new Benchmark(samples, estimators, Arrays.asList(list), task, repeats, seed, progress, noise);
  }

  /** The model protocols retrain and estimators observe. */
  public Benchmark model(ModelSpec m) {
    return new Benchmark(samples, estimators, protocols, task.model(m), repeats, seed, progress, noise);
  }

  /** The full CTR task (model, epochs, batch size, learning rate) used by protocols and estimators. */
  public Benchmark task(CtrTask t) {
    return new Benchmark(samples, estimators, protocols, t.progress(Progress.silent()), repeats, seed, progress,
        noise);
  }

  public Benchmark repeats(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("repeats must be >= 1, got " + n);
    }
    return new Benchmark(samples, estimators, protocols, task, n, seed, progress, noise);
  }

  public Benchmark seed(long s) {
    return new Benchmark(samples, estimators, protocols, task, repeats, s, progress, noise);
  }

  /**
   * The noise injected into every repeat's training rows (seeded by the repeat's seed), with its ground truth;
   * validation and test rows stay clean. Explicit noise is injected even when the data flags corrupted rows of
   * its own (the flags are combined).
   */
  public Benchmark noise(Noise n) {
    return new Benchmark(samples, estimators, protocols, task, repeats, seed, progress, Objects.requireNonNull(n));
  }

  public Benchmark progress(Progress p) {
    return new Benchmark(samples, estimators, protocols, task, repeats, seed, p, noise);
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
      if (trial.corrupted() != null && protocols.stream().anyMatch(p -> Gains.PROTOCOLS.contains(p.name()))) {
        progress.update("benchmark", done, total, "training the noisy and oracle references (repeat " + (r + 1)
            + "/" + repeats + ")");
        reference(trial, NOISY, trial.noisy(), rows);
        reference(trial, ORACLE, trial.oracle(), rows);
      }
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
    settings.put("noise", noise == null ? "the data's own ground truth, else fake-clicks(0.1) where needed"
        : noise.toString());
    settings.put("repeats", repeats);
    settings.put("seed", seed);
    settings.put("seconds", (System.nanoTime() - t0) / 1e9);
    return new BenchmarkResult(rows.table(), protocols, settings, notes);
  }

  private static void reference(Trial trial, String name, Map<String, Double> metrics, ResultRows rows) {
    for (String m : Gains.METRICS) {
      Double v = metrics.get(m);
      if (v != null && !v.isNaN()) {
        rows.add(name, REFERENCE, m, trial.seed(), v);
      }
    }
  }

  private Trial trial(int repeat, long s) {
    Split split = samples.split(0.8, 0.1, s);
    Samples train = split.train();
    Samples validation = split.validation();
    Samples test = split.test();
    List<String> how = new ArrayList<>();
    boolean[] given = flags(train);
    if (given != null) {
      validation = clean(validation);
      test = clean(test);
      how.add(String.format("ground truth from %s: %.1f%% of training rows", Corruption.TRUTH_CORRUPTED,
          100.0 * count(given) / train.size()));
    }
    boolean needed = protocols.stream().anyMatch(Protocol::needsGroundTruth);
    Noise injected = noise != null ? noise : needed && given == null ? Noise.fakeClicks(0.1) : null;
    if (injected != null) {
      train = injected.inject(train, s * 7919 + 17);
      how.add("injected " + injected);
    }
    boolean[] corrupted = injected == null ? given : flags(train);
    if (needed && corrupted == null) {
      throw new IllegalStateException("no training row of repeat " + repeat + " is flagged corrupted after "
          + "injecting " + injected + "; detection and cleaning need at least one");
    }
    String corruption = how.isEmpty() ? null : String.join("; ", how) + (corrupted == null ? ""
        : String.format(" (%d of %d training rows corrupted)", count(corrupted), corrupted.length));
    EstimationContext ctx = EstimationContext.defaults().validation(validation).task(task).seed(s)
        .progress(progress);
    return new Trial(repeat, s, train, corrupted, corruption, validation, test, task, progress, ctx);
  }

  private static boolean[] flags(Samples s) {
    if (!s.table().columnNames().contains(Corruption.TRUTH_CORRUPTED)) {
      return null;
    }
    double[] v = s.doubles(Corruption.TRUTH_CORRUPTED);
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

  private static int count(boolean[] f) {
    int c = 0;
    for (boolean b : f) {
      c += b ? 1 : 0;
    }
    return c;
  }
}
