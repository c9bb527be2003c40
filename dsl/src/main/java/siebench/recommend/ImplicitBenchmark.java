package siebench.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.implicit.ImplicitSamples;
import siebench.data.implicit.ImplicitSplit;
import siebench.data.implicit.Interactions;
import siebench.data.implicit.NegativeSampler;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.dynamics.DenoisingLoss;
import siebench.metrics.FullRanking;
import siebench.metrics.MeanInterval;
import siebench.model.ModelSpec;
import siebench.train.CtrTask;
import siebench.train.Objective;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Implicit-feedback recommendation measured end to end, the protocol of Wang, Feng, He, Nie and Chua (2021),
 * "Denoising Implicit Feedback for Recommendation" (WSDM): pointwise models (GMF, NeuMF, ...) trained with BCE
 * on every positive pair and seeded sampled negatives, normally and with the adaptive denoising losses T-CE
 * and R-CE ({@link DenoisingLoss}, by default in the authors' released-code form), evaluated by full-ranking
 * Recall@K / NDCG@K / HitRate@K ({@link FullRanking}, the user's training items excluded), beside the
 * popularity and random baselines. Every seed draws its own negatives and initialization, shared by all
 * trainings of that seed, so T-CE minus normal is a paired difference per seed; results are the mean and 95%
 * t-interval over seeds ({@link MeanInterval}). Training {@code bpr} replaces BCE by the pairwise BPR loss of
 * Rendle et al. (2009, "BPR: Bayesian Personalized Ranking from Implicit Feedback", {@link Objective#bpr()}) over
 * the same rows: each positive against the negatives drawn for it.
 *
 * <p>Deviation from the paper, stated in every report: negatives are drawn once per seed (the training loop
 * trains on a fixed set of rows, which is also what lets every per-sample estimator score them), whereas the
 * authors redraw them every epoch; and the final epoch's model is evaluated (no validation-loss model
 * selection).
 */
public final class ImplicitBenchmark {
  /** The settings of one benchmark run. */
  public record Config(String split, List<ModelSpec> models, List<String> trainings, int seeds, int epochs,
      int batchSize, double learningRate, int negatives, NegativeSampler sampler, int[] ks, int evalUsers,
      double maxDropRate, long rampSteps, double beta, boolean releasedCode, String cleanTestBehaviour) {
    public Config {
      if (seeds < 1 || epochs < 1 || batchSize < 1 || negatives < 1) {
        throw new IllegalArgumentException("seeds, epochs, batch size and negatives must be >= 1");
      }
      for (String t : trainings) {
        if (!List.of("normal", "tce", "rce", "bpr").contains(t)) {
          throw new IllegalArgumentException("unknown training '" + t + "'; expected normal, tce, rce or bpr");
        }
      }
      models = List.copyOf(models);
      trainings = List.copyOf(trainings);
      ks = ks.clone();
    }

    /**
     * The paper's settings scaled to a CPU: leave-last-out, GMF and NeuMF with 32 factors, normal / T-CE /
     * R-CE, 3 seeds, 10 epochs, batch 1024, Adam 1e-3, one uniform negative per positive, K = 20, 50; T-CE
     * with maximal drop rate 0.2 ramped over 3 epochs of steps (set by {@link ImplicitBenchmark#run}), R-CE
     * with beta 0.25, released-code variants; all test users.
     */
    public static Config defaults(List<ModelSpec> models) {
      return new Config("loo", models, List.of("normal", "tce", "rce"), 3, 10, 1024, 1e-3, 1,
          NegativeSampler.uniform(), new int[] {20, 50}, 0, 0.2, -1, 0.25, true, null);
    }
  }

  /** One measured quantity over seeds. */
  public record Row(String model, String training, String metric, double[] perSeed) {
    public MeanInterval interval() {
      return MeanInterval.of(perSeed);
    }
  }

  /** All rows plus a description of the data and settings. */
  public record Result(String header, List<Row> rows) {
    /** Rows of one model / training. */
    public Row row(String model, String training, String metric) {
      return rows.stream().filter(r -> r.model.equals(model) && r.training.equals(training)
          && r.metric.equals(metric)).findFirst().orElseThrow(() -> new IllegalArgumentException(
              "no row " + model + "/" + training + "/" + metric));
    }

    /**
     * One row per model and training, with each metric's mean over seeds and the half-width of its 95% t-interval
     * (column {@code METRIC_ci95}), in the order of the runs; for notebooks and CSV output.
     */
    public Table table() {
      List<String> metrics = rows.stream().map(Row::metric).distinct().toList();
      StringColumn model = StringColumn.create("model");
      StringColumn training = StringColumn.create("training");
      Map<String, DoubleColumn> cols = new LinkedHashMap<>();
      for (String m : metrics) {
        cols.put(m, DoubleColumn.create(m));
        cols.put(m + "_ci95", DoubleColumn.create(m + "_ci95"));
      }
      List<String> runs = rows.stream().map(r -> r.model + "\t" + r.training).distinct().toList();
      for (String run : runs) {
        String[] mt = run.split("\t");
        model.append(mt[0]);
        training.append(mt[1]);
        for (String m : metrics) {
          MeanInterval mi = row(mt[0], mt[1], m).interval();
          cols.get(m).append(mi.mean());
          cols.get(m + "_ci95").append(mi.halfWidth());
        }
      }
      Table t = Table.create("full-ranking metrics, mean and 95% CI half-width over seeds", model, training);
      cols.values().forEach(t::addColumns);
      return t;
    }

    /** A fixed-width text table: metric means ± 95% CI, then the paired differences to normal training. */
    public String format() {
      StringBuilder sb = new StringBuilder(header);
      List<String> metrics = rows.stream().map(Row::metric).distinct().toList();
      sb.append(String.format(Locale.ROOT, "%n%-10s %-8s", "model", "training"));
      for (String m : metrics) {
        sb.append(String.format(Locale.ROOT, " %-19s", m));
      }
      sb.append('\n');
      Map<String, List<Row>> byRun = new LinkedHashMap<>();
      for (Row r : rows) {
        byRun.computeIfAbsent(r.model + "\t" + r.training, k -> new ArrayList<>()).add(r);
      }
      for (List<Row> run : byRun.values()) {
        sb.append(String.format(Locale.ROOT, "%-10s %-8s", run.get(0).model, run.get(0).training));
        for (Row r : run) {
          sb.append(String.format(Locale.ROOT, " %-19s", r.interval().format(4)));
        }
        sb.append('\n');
      }
      StringBuilder diff = new StringBuilder();
      for (List<Row> run : byRun.values()) {
        String model = run.get(0).model;
        String training = run.get(0).training;
        if (training.equals("normal") || !byRun.containsKey(model + "\tnormal")) {
          continue;
        }
        diff.append(String.format(Locale.ROOT, "%-10s %-8s", model, training + "-N"));
        for (Row r : run) {
          double[] base = row(model, "normal", r.metric).perSeed;
          double[] d = new double[base.length];
          for (int s = 0; s < d.length; s++) {
            d[s] = r.perSeed[s] - base[s];
          }
          MeanInterval mi = MeanInterval.of(d);
          diff.append(String.format(Locale.ROOT, " %-19s", String.format(Locale.ROOT, "%+.4f ± %.4f", mi.mean(),
              mi.halfWidth())));
        }
        diff.append('\n');
      }
      if (!diff.isEmpty()) {
        sb.append("\npaired difference to normal training (same seed, same negatives), mean ± 95% CI:\n");
        sb.append(diff);
      }
      return sb.toString();
    }
  }

  private ImplicitBenchmark() {}

  /** Runs the benchmark on {@code log}. */
  public static Result run(Interactions log, Config c, Progress progress) {
    ImplicitSplit split = split(log, c.split);
    Interactions train = split.train();
    Interactions test = c.cleanTestBehaviour == null ? split.test() : split.test().withBehaviours(c.cleanTestBehaviour);
    int[][] seen = train.itemsByUser();
    int[][] relevant = test.itemsByUser();
    int[] users = evalUsers(log.users(), c.evalUsers);
    FullRanking ranking = FullRanking.at(c.ks).usersPerBlock(64);
    Map<String, double[]> values = new LinkedHashMap<>();
    List<String> order = new ArrayList<>();
    int positives = 0;
    int rows = 0;
    int evaluated = 0;
    for (int s = 0; s < c.seeds; s++) {
      long seed = 1 + s;
      FullRanking.Result pop = ranking.evaluate(FullRanking.popularity(seen, log.items()), log.items(), seen,
          relevant, users);
      evaluated = pop.users().length;
      record(values, order, "popularity", "-", pop, s, c.seeds);
      record(values, order, "random", "-", ranking.evaluate(FullRanking.random(log.items(), seed), log.items(), seen,
          relevant, users), s, c.seeds);
      Samples samples = ImplicitSamples.defaults().negatives(c.sampler, c.negatives).seed(seed).build(train);
      rows = samples.size();
      positives = (int) Math.round(sum(samples.labels()));
      FeatureEncoder encoder = FeatureEncoder.fit(samples);
      EncodedData data = encoder.encode(samples);
      long stepsPerEpoch = (data.rows() + c.batchSize - 1) / c.batchSize;
      long ramp = c.rampSteps >= 0 ? c.rampSteps : 3 * stepsPerEpoch;
      for (ModelSpec model : c.models) {
        for (String training : c.trainings) {
          CtrTask task = CtrTask.ctr().model(model).epochs(c.epochs).batchSize(c.batchSize)
              .learningRate(c.learningRate).seed(seed).earlyStopping(0).validationFraction(0).testFraction(0)
              .progress(Progress.silent());
          if (training.equals("tce")) {
            task = task.lossModifier(c.releasedCode ? DenoisingLoss.truncatedOverBatch(c.maxDropRate, ramp)
                : DenoisingLoss.truncated(c.maxDropRate, ramp));
          } else if (training.equals("rce")) {
            task = task.lossModifier(c.releasedCode ? DenoisingLoss.reweightedBothSides(c.beta)
                : DenoisingLoss.reweighted(c.beta));
          }
          long t0 = System.nanoTime();
          // bpr: the same negatives (same sampler seed), grouped with their positive; CtrTask.fit passes the
          // groups to the training loop and encodes exactly as above
          try (TrainedModel m = training.equals("bpr")
              ? task.objective(Objective.bpr()).fit(ImplicitSamples.defaults().negatives(c.sampler, c.negatives)
                  .seed(seed).groupedByPositive().build(train)).model()
              : TrainingLoop.train(task, encoder, data, null, null).model()) {
            FullRanking.Result r = ranking.evaluate(new ModelScorer(m, log.userIds(), log.itemIds()), log.items(),
                seen, relevant, users);
            record(values, order, model.name(), training, r, s, c.seeds);
            progress.update("implicit " + log.name(), s + 1, c.seeds, String.format(Locale.ROOT,
                "seed %d %s %s %s (%.0f s)", seed, model.name(), training, r.means(), (System.nanoTime() - t0) / 1e9));
          }
        }
      }
    }
    List<Row> out = new ArrayList<>();
    for (String key : order) {
      String[] p = key.split("\t");
      out.add(new Row(p[0], p[1], p[2], values.get(key)));
    }
    String header = String.format(Locale.ROOT, "data: %s%nsplit: %s; train %d events, test %d events%s; %d users "
        + "evaluated (full ranking over all %d items, training items excluded)%ntraining set per seed: %d positive "
        + "pairs + %d sampled negatives (%s, %d per positive, drawn once per seed)%nmodels: %s; %d epochs, batch %d, "
        + "Adam lr %s; T-CE max drop %.2f ramped over %s steps, R-CE beta %.2f (%s); seeds 1..%d%n",
        log, c.split, train.size(), test.size(), c.cleanTestBehaviour == null ? "" : " (only '"
        + c.cleanTestBehaviour + "' test events)", evaluated, log.items(), positives, rows - positives, c.sampler,
        c.negatives, c.models, c.epochs, c.batchSize, c.learningRate, c.maxDropRate,
        c.rampSteps >= 0 ? c.rampSteps : "3 epochs of", c.beta, c.releasedCode ? "authors' released-code variants"
            : "paper-text variants", c.seeds);
    return new Result(header, out);
  }

  private static void record(Map<String, double[]> values, List<String> order, String model, String training,
      FullRanking.Result r, int seed, int seeds) {
    for (Map.Entry<String, Double> e : r.means().entrySet()) {
      String key = model + "\t" + training + "\t" + e.getKey();
      if (!values.containsKey(key)) {
        double[] v = new double[seeds];
        Arrays.fill(v, Double.NaN);
        values.put(key, v);
        order.add(key);
      }
      values.get(key)[seed] = e.getValue();
    }
  }

  /** {@code loo} (leave-last-out) or {@code time:F} (each user's first fraction F of events trains). */
  public static ImplicitSplit split(Interactions log, String spec) {
    if (spec.equals("loo")) {
      return ImplicitSplit.leaveLastOut(log);
    }
    if (spec.startsWith("time:")) {
      return ImplicitSplit.byTime(log, Double.parseDouble(spec.substring(5)));
    }
    throw new IllegalArgumentException("unknown split '" + spec + "'; expected loo or time:FRACTION");
  }

  /** All users, or a sample of {@code sample} of them fixed by seed 12345 (the same for every run). */
  public static int[] evalUsers(int users, int sample) {
    if (sample <= 0 || sample >= users) {
      return java.util.stream.IntStream.range(0, users).toArray();
    }
    int[] perm = Samples.permutation(users, 12345);
    int[] out = Arrays.copyOf(perm, sample);
    Arrays.sort(out);
    return out;
  }

  private static double sum(float[] x) {
    double s = 0;
    for (float v : x) {
      s += v;
    }
    return s;
  }
}
