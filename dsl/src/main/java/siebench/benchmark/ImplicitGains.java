package siebench.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.implicit.ImplicitNoise;
import siebench.data.implicit.ImplicitSamples;
import siebench.data.implicit.ImplicitSplit;
import siebench.data.implicit.Interactions;
import siebench.data.implicit.NegativeSampler;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.importance.catalog.Estimators;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.metrics.Detection;
import siebench.metrics.FullRanking;
import siebench.metrics.MeanInterval;
import siebench.model.ModelSpec;
import siebench.recommend.ImplicitBenchmark;
import siebench.recommend.ModelScorer;
import siebench.train.CtrTask;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/**
 * The cleaning gain protocol on implicit feedback with injected noise ({@link ImplicitNoise}): per seed, the
 * training log gets noisy positives with ground truth, and the model is trained (1) on all rows (the noisy
 * baseline), (2) without the injected positives (the oracle), and (3) for each importance estimator, without
 * the {@code k} positives it finds most suspicious, {@code k} = the number of injected positives. Each is read
 * by full-ranking Recall@K / NDCG@K, with {@code recovery = (cleaned - noisy) / (oracle - noisy)} (0 = no better
 * than not cleaning, 1 = as good as the oracle; undefined when the oracle gains less than {@link Gains#MIN_GAP}). Also reported:
 * each estimator's detection AUROC and precision at {@code k} of the injected positives among all positives.
 * Only positives are candidates for removal (negatives are sampled, not observed). The random estimator is the
 * floor every estimator has to beat.
 */
public final class ImplicitGains {
  /** Settings of a run. */
  public record Config(String noise, double fraction, int targets, ModelSpec model, List<String> estimators,
      int seeds, int epochs, int batchSize, double learningRate, int negatives, int k, int evalUsers) {
    public Config {
      if (!noise.equals("random") && !noise.equals("burst") && !noise.startsWith("natural:")) {
        throw new IllegalArgumentException("noise must be random, burst or natural:BEHAVIOUR, got " + noise);
      }
      estimators = List.copyOf(estimators);
    }
  }

  private ImplicitGains() {}

  /** Runs the protocol and returns the report text. */
  public static String run(Interactions log, Config c, Progress progress) {
    ImplicitSplit split = ImplicitSplit.leaveLastOut(log);
    int[][] relevant = split.test().itemsByUser();
    int[] users = ImplicitBenchmark.evalUsers(log.users(), c.evalUsers);
    String recall = "recall@" + c.k;
    String ndcg = "ndcg@" + c.k;
    Map<String, double[][]> rows = new LinkedHashMap<>(); // key -> [metric][seed]
    String[] metrics = {recall, ndcg, "recovery_" + recall, "recovery_" + ndcg, "auroc", "precision@k"};
    int injected = 0;
    int positives = 0;
    for (int s = 0; s < c.seeds; s++) {
      long seed = 1 + s;
      boolean natural = c.noise.startsWith("natural:");
      Interactions noisy = natural ? split.train() : c.noise.equals("random")
          ? ImplicitNoise.randomInteractions(split.train(), c.fraction, seed)
          : ImplicitNoise.botBursts(split.train(), c.fraction, c.targets, seed);
      int[][] seen = noisy.itemsByUser();
      ImplicitSamples builder = ImplicitSamples.defaults().negatives(NegativeSampler.uniform(), c.negatives).seed(seed);
      if (natural) {
        builder = builder.cleanPositives(log, c.noise.substring("natural:".length()));
      }
      Samples samples = builder.build(noisy);
      float[] y = samples.labels();
      double[] truth = samples.doubles("truth_corrupted");
      List<Integer> pos = new ArrayList<>();
      for (int r = 0; r < y.length; r++) {
        if (y[r] == 1) {
          pos.add(r);
        }
      }
      positives = pos.size();
      boolean[] flags = new boolean[pos.size()];
      List<Integer> clean = new ArrayList<>();
      injected = 0;
      for (int j = 0; j < pos.size(); j++) {
        flags[j] = truth[pos.get(j)] == 1;
        injected += flags[j] ? 1 : 0;
      }
      for (int r = 0; r < y.length; r++) {
        if (truth[r] != 1) {
          clean.add(r);
        }
      }
      CtrTask task = CtrTask.ctr().model(c.model).epochs(c.epochs).batchSize(c.batchSize).learningRate(c.learningRate)
          .seed(seed).earlyStopping(0).validationFraction(0).testFraction(0).progress(Progress.silent());
      Map<String, Double> base = fit(task, samples, log, seen, relevant, users, c.k);
      Map<String, Double> oracle = fit(task, samples.rows(toArray(clean)), log, seen, relevant, users, c.k);
      put(rows, "noisy (all rows)", metrics, s, c.seeds, base, base, oracle, Double.NaN, Double.NaN, recall, ndcg);
      put(rows, "oracle (noisy removed)", metrics, s, c.seeds, oracle, base, oracle, 1, 1, recall, ndcg);
      EstimationContext ctx = EstimationContext.defaults().task(task).seed(seed).progress(Progress.silent());
      for (String name : c.estimators) {
        long t0 = System.nanoTime();
        ImportanceEstimator est = Estimators.named(name);
        Importance imp = est.estimate(samples, ctx).on(samples);
        double[] susp = imp.suspicion();
        double[] posSusp = new double[pos.size()];
        for (int j = 0; j < pos.size(); j++) {
          posSusp[j] = susp[pos.get(j)];
        }
        double auroc = Detection.auroc(flags, posSusp);
        Integer[] order = new Integer[pos.size()];
        for (int j = 0; j < order.length; j++) {
          order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(posSusp[b], posSusp[a]));
        boolean[] drop = new boolean[y.length];
        int hits = 0;
        for (int j = 0; j < injected; j++) {
          drop[pos.get(order[j])] = true;
          hits += flags[order[j]] ? 1 : 0;
        }
        List<Integer> keep = new ArrayList<>();
        for (int r = 0; r < y.length; r++) {
          if (!drop[r]) {
            keep.add(r);
          }
        }
        Map<String, Double> cleaned = fit(task, samples.rows(toArray(keep)), log, seen, relevant, users, c.k);
        put(rows, name, metrics, s, c.seeds, cleaned, base, oracle, auroc, hits / (double) Math.max(1, injected),
            recall, ndcg);
        progress.update("implicit gains", s + 1, c.seeds, String.format(Locale.ROOT, "seed %d %s: auroc %.3f, %s "
            + "%.4f (noisy %.4f, oracle %.4f), %.0f s", seed, name, auroc, recall, cleaned.get(recall),
            base.get(recall), oracle.get(recall), (System.nanoTime() - t0) / 1e9));
      }
    }
    StringBuilder sb = new StringBuilder();
    String what = c.noise.startsWith("natural:") ? String.format(Locale.ROOT, "natural: positives without a '%s' event "
        + "for the pair are the noisy ones", c.noise.substring(8)) : String.format(Locale.ROOT, "%s, %.0f%% of the "
        + "training pairs injected%s", c.noise, 100 * c.fraction, c.noise.equals("burst") ? " on " + c.targets
        + " target items" : "");
    sb.append(String.format(Locale.ROOT, "data: %s%nnoise: %s (%d of %d positives per seed); cleaning removes the k = "
        + "#noisy most suspicious positives; detection is among positives only%nmodel: %s, %d "
        + "epochs, batch %d, Adam lr %s, %d uniform negative(s) per positive drawn once per seed; leave-last-out, "
        + "full ranking over %d items (training items excluded), %s users; seeds 1..%d%n%n",
        log, what, injected, positives, c.model, c.epochs, c.batchSize, c.learningRate, c.negatives, log.items(),
        c.evalUsers > 0 ? String.valueOf(c.evalUsers) : "all", c.seeds));
    sb.append(String.format(Locale.ROOT, "%-28s", "training set"));
    for (String m : metrics) {
      sb.append(String.format(Locale.ROOT, " %-19s", m));
    }
    sb.append('\n');
    for (Map.Entry<String, double[][]> e : rows.entrySet()) {
      sb.append(String.format(Locale.ROOT, "%-28s", e.getKey()));
      for (double[] v : e.getValue()) {
        MeanInterval mi = MeanInterval.of(v);
        sb.append(String.format(Locale.ROOT, " %-19s", mi.n() == 0 ? "-" : mi.format(4)));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static void put(Map<String, double[][]> rows, String key, String[] metrics, int seed, int seeds,
      Map<String, Double> fit, Map<String, Double> base, Map<String, Double> oracle, double auroc, double precision,
      String recall, String ndcg) {
    double[][] v = rows.computeIfAbsent(key, k -> {
      double[][] a = new double[metrics.length][seeds];
      for (double[] x : a) {
        Arrays.fill(x, Double.NaN);
      }
      return a;
    });
    v[0][seed] = fit.get(recall);
    v[1][seed] = fit.get(ndcg);
    v[2][seed] = recovery(fit.get(recall), base.get(recall), oracle.get(recall));
    v[3][seed] = recovery(fit.get(ndcg), base.get(ndcg), oracle.get(ndcg));
    v[4][seed] = auroc;
    v[5][seed] = precision;
  }

  private static double recovery(double method, double noisy, double oracle) {
    return Gains.recovery(method, noisy, oracle, true);
  }

  private static Map<String, Double> fit(CtrTask task, Samples train, Interactions log, int[][] seen,
      int[][] relevant, int[] users, int k) {
    FeatureEncoder enc = FeatureEncoder.fit(train);
    EncodedData data = enc.encode(train);
    try (TrainedModel m = TrainingLoop.train(task, enc, data, null, null).model()) {
      return FullRanking.at(k).usersPerBlock(64).evaluate(new ModelScorer(m, log.userIds(), log.itemIds()),
          log.items(), seen, relevant, users).means();
    }
  }

  private static int[] toArray(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }
}
