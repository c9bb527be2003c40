package siebench.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.synthetic.EcommerceGenerator;
import siebench.data.synthetic.SyntheticData;
import siebench.importance.catalog.Estimators;
import siebench.importance.correction.PositionBiasIps;
import siebench.importance.correction.Propensities;
import siebench.metrics.Groups;
import siebench.metrics.MeanInterval;
import siebench.metrics.RankingMetrics;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.Objective;
import siebench.train.TrainResult;
import siebench.train.TrainedModel;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Unbiased learning to rank on generated search sessions with known relevance: for every seed, the generator
 * writes a click log and held-out sessions; each model is trained on the raw clicks (naive) and with an unbiased
 * {@link Objective} on propensities from each source, and every held-out session's results are ranked by the
 * model's scores. The naive run minimises the same objective with every propensity set to 1 (for {@code ips}
 * that is cross-entropy against the clicks), so the two runs differ only in the correction. NDCG@10 is measured
 * against {@code truth_relevance} on whole sessions (the logged lists), so the comparison is the one of Joachims,
 * Swaminathan &amp; Schnabel (2017, "Unbiased Learning-to-Rank with Biased Feedback", WSDM) and Wang et al. (2018,
 * "Position Bias Estimation for Unbiased Learning to Rank in Personal Search", WSDM): the same logs, the same
 * splits and seeds, the debiased model against the naive one.
 *
 * <p>Propensity sources: {@code true} (the generator's {@code truth_propensity}), {@code regression-em} (on the
 * training logs), {@code randomized} (result randomization on a separate log of the same world whose lists were
 * shown in random order, {@link #randomizedShare} of the training rows; the RandTop-N intervention of Wang,
 * Bendersky, Metzler &amp; Najork 2016). Estimated propensities are made absolute with position 1 examined with
 * probability 1, and their mean relative error against the truth over the training rows is reported.
 *
 * <p>Two reference rows per model split the gap between the naive model and the ceiling:
 * <ul>
 *   <li>{@value #RANDOM_ORDER}: the model trained naively on as many sessions of the same world shown in uniformly
 *       random order. Its clicks are as few as the logged ones, but examination no longer follows the ranker, so
 *       {@code random-order - none} is what the position-relevance confounding costs the naive model: the most a
 *       correction can recover.
 *   <li>{@value #ORACLE}: the ceiling, the model trained naively on full-information clicks, drawn on the same
 *       sessions in the same order with every result examined (the generator at position bias 0 and the same
 *       seed), as in the full-information baselines of the unbiased learning-to-rank papers. {@code oracle -
 *       random-order} is the information the unexamined results never gave, which no correction recovers.
 * </ul>
 */
public final class PositionBiasExperiment {
  /** The propensity sources {@link #propensities} accepts. */
  public static final List<String> SOURCES = List.of("true", "regression-em", "randomized");

  /** The reference row of the model trained on logs shown in random order. */
  public static final String RANDOM_ORDER = "random-order";

  /** The training row of the ceiling: the model trained on full-information clicks. */
  public static final String ORACLE = "oracle";

  /** The propensity column of the naive runs: every row examined with probability 1. */
  static final String UNCORRECTED = "uncorrected_propensity";

  private final EcommerceGenerator generator;
  private final List<String> models;
  private final List<String> sources;
  private final Objective objective;
  private final CtrTask task;
  private final int seeds;
  private final double randomizedShare;
  private final Progress progress;

  private PositionBiasExperiment(EcommerceGenerator generator, List<String> models, List<String> sources,
      Objective objective, CtrTask task, int seeds, double randomizedShare, Progress progress) {
    this.generator = generator;
    this.models = models;
    this.sources = sources;
    this.objective = objective;
    this.task = task;
    this.seeds = seeds;
    this.randomizedShare = randomizedShare;
    this.progress = progress;
  }

  /**
   * On logs from {@code generator} (its seed is replaced by 1..seeds): models lr and deepfm, all propensity
   * sources, {@link Objective#ips()}, 5 seeds, up to 5 epochs of Adam at learning rate 0.005 and batch 2048,
   * early-stopped with patience 1 on 10% of the training rows (pointwise objectives on their validation loss,
   * per-query ones on the click AUC), randomized logs of 10% of the training rows.
   */
  public static PositionBiasExperiment on(EcommerceGenerator generator) {
    CtrTask t = CtrTask.ctr().epochs(5).batchSize(2048).learningRate(0.005).earlyStopping(1).validationFraction(0.1);
    return new PositionBiasExperiment(Objects.requireNonNull(generator, "generator"), List.of("lr", "deepfm"),
        SOURCES, Objective.ips(), t, 5, 0.1, Progress.silent());
  }

  /** Model names ({@link Models#named}). */
  public PositionBiasExperiment models(String... names) {
    for (String m : names) {
      Models.named(m); // validates
    }
    return new PositionBiasExperiment(generator, List.of(names), sources, objective, task, seeds, randomizedShare,
        progress);
  }

  /** Propensity sources, from {@link #SOURCES}. */
  public PositionBiasExperiment propensities(String... names) {
    for (String s : names) {
      if (!SOURCES.contains(s)) {
        throw new IllegalArgumentException("unknown propensity source '" + s + "'; expected one of " + SOURCES);
      }
    }
    return new PositionBiasExperiment(generator, models, List.of(names), objective, task, seeds, randomizedShare,
        progress);
  }

  /** The unbiased objective (a propensity objective: one of {@link Objective#NAMES} but bce). */
  public PositionBiasExperiment objective(Objective o) {
    if (!o.needsPropensities()) {
      throw new IllegalArgumentException("the debiased models need a propensity objective, not " + o.name());
    }
    return new PositionBiasExperiment(generator, models, sources, o, task, seeds, randomizedShare, progress);
  }

  /** The training settings (model, objective, test set and seed are set per run). */
  public PositionBiasExperiment task(CtrTask t) {
    return new PositionBiasExperiment(generator, models, sources, objective, Objects.requireNonNull(t, "task"), seeds,
        randomizedShare, progress);
  }

  public PositionBiasExperiment seeds(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("seeds must be >= 1, got " + n);
    }
    return new PositionBiasExperiment(generator, models, sources, objective, task, n, randomizedShare, progress);
  }

  /** Size of the randomized-ranking log, as a share of the training rows (in (0, 1]). */
  public PositionBiasExperiment randomizedShare(double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("randomized share must lie in (0, 1], got " + share);
    }
    return new PositionBiasExperiment(generator, models, sources, objective, task, seeds, share, progress);
  }

  public PositionBiasExperiment progress(Progress p) {
    return new PositionBiasExperiment(generator, models, sources, objective, task, seeds, randomizedShare,
        Objects.requireNonNull(p, "progress"));
  }

  /**
   * The runs: one row per seed, model and training (propensities {@code none} = naive; {@value #RANDOM_ORDER} and
   * {@value #ORACLE} = the reference rows), with NDCG@10 against the true relevance, its difference to the naive
   * model of the same seed, and the propensity error.
   */
  public Result run() {
    IntColumn seed = IntColumn.create("seed");
    StringColumn model = StringColumn.create("model");
    StringColumn source = StringColumn.create("propensities");
    DoubleColumn ndcg = DoubleColumn.create("ndcg@10");
    DoubleColumn delta = DoubleColumn.create("ndcg@10_delta");
    DoubleColumn error = DoubleColumn.create("propensity_error");
    int total = seeds * models.size() * (3 + sources.size());
    int done = 0;
    for (int s = 1; s <= seeds; s++) {
      progress.checkCancelled();
      EcommerceGenerator g = generator.seed(s);
      SyntheticData data = g.generate();
      Samples train = data.samples();
      Samples test = data.test();
      double[] relevance = test.doubles(Debiasing.RELEVANCE);
      Groups groups = Groups.of(test.strings(SyntheticData.QUERY_ID));
      double[] truth = train.doubles(Debiasing.PROPENSITY);
      Samples uncorrected = uncorrected(train);
      Map<String, Samples> references = new LinkedHashMap<>();
      references.put(RANDOM_ORDER, g.randomizedRanking(true).testRows(0).generate().samples());
      references.put(ORACLE, g.positionBias(0).testRows(0).generate().samples());
      Map<String, Samples> withPropensities = new LinkedHashMap<>();
      for (String src : sources) {
        withPropensities.put(src, ipsFor(src, g, train).withPropensities(train, progress));
      }
      for (String m : models) {
        CtrTask t = task.model(Models.named(m)).testOn(test).seed(s).progress(Progress.silent())
            .objective(objective);
        double naive = ndcg(uncorrected.train(t), test, relevance, groups);
        seed.append(s);
        model.append(m);
        source.append("none");
        ndcg.append(naive);
        delta.append(0);
        error.append(Double.NaN);
        progress.update("position-bias experiment", ++done, total, String.format("seed %d, %s naive: NDCG@10 %.4f", s,
            m, naive));
        for (Map.Entry<String, Samples> e : withPropensities.entrySet()) {
          double v = ndcg(e.getValue().train(t), test, relevance, groups);
          seed.append(s);
          model.append(m);
          source.append(e.getKey());
          ndcg.append(v);
          delta.append(v - naive);
          error.append(Propensities.meanRelativeError(e.getValue().propensities(), truth));
          progress.update("position-bias experiment", ++done, total, String.format("seed %d, %s %s %s: NDCG@10 %.4f",
              s, m, objective.name(), e.getKey(), v));
        }
        for (Map.Entry<String, Samples> e : references.entrySet()) {
          double v = ndcg(uncorrected(e.getValue()).train(t), test, relevance, groups);
          seed.append(s);
          model.append(m);
          source.append(e.getKey());
          ndcg.append(v);
          delta.append(v - naive);
          error.append(Double.NaN);
          progress.update("position-bias experiment", ++done, total, String.format("seed %d, %s naive on %s logs: "
              + "NDCG@10 %.4f", s, m, e.getKey(), v));
        }
      }
    }
    return new Result(Table.create("position-bias experiment runs", seed, model, source, ndcg, delta, error));
  }

  /** The samples with every propensity 1: the objective's naive form. */
  private static Samples uncorrected(Samples s) {
    double[] ones = new double[s.size()];
    Arrays.fill(ones, 1.0);
    return s.withPropensities(UNCORRECTED, ones);
  }

  private PositionBiasIps ipsFor(String source, EcommerceGenerator g, Samples train) {
    PositionBiasIps ips = switch (source) {
      case "true" -> Estimators.ips().propensityColumn(Debiasing.PROPENSITY);
      case "regression-em" -> Estimators.ips();
      case "randomized" -> Estimators.ips().randomizedLogs(g.rows(Math.max(1, (int) (randomizedShare * train.size())))
          .testRows(0).randomizedRanking(true).generate().samples());
      default -> throw new IllegalStateException(source);
    };
    return ips.objective(objective);
  }

  private static double ndcg(TrainResult r, Samples test, double[] relevance, Groups groups) {
    try (TrainedModel m = r.model()) {
      return RankingMetrics.ndcg(relevance, m.predict(test), groups, 10, RankingMetrics.EmptyGroups.SKIP).value();
    }
  }

  /** The experiment's runs and their summary. */
  public record Result(Table runs) {
    /**
     * Per model and propensity source: mean NDCG@10, the mean difference to naive with its 95% t-interval
     * half-width over seeds, and the mean propensity error.
     */
    public Table summary() {
      StringColumn model = StringColumn.create("model");
      StringColumn source = StringColumn.create("propensities");
      DoubleColumn ndcg = DoubleColumn.create("ndcg@10");
      DoubleColumn delta = DoubleColumn.create("ndcg@10_delta");
      DoubleColumn ci = DoubleColumn.create("delta_ci95");
      DoubleColumn error = DoubleColumn.create("propensity_error");
      List<String> keys = new ArrayList<>();
      for (int r = 0; r < runs.rowCount(); r++) {
        String k = runs.stringColumn("model").get(r) + '\u0001' + runs.stringColumn("propensities").get(r);
        if (!keys.contains(k)) {
          keys.add(k);
        }
      }
      for (String k : keys) {
        String[] parts = k.split("\u0001");
        Table sub = runs.where(runs.stringColumn("model").isEqualTo(parts[0])
            .and(runs.stringColumn("propensities").isEqualTo(parts[1])));
        MeanInterval d = MeanInterval.of(sub.doubleColumn("ndcg@10_delta").asDoubleArray());
        model.append(parts[0]);
        source.append(parts[1]);
        ndcg.append(MeanInterval.of(sub.doubleColumn("ndcg@10").asDoubleArray()).mean());
        delta.append(d.mean());
        ci.append(parts[1].equals("none") ? Double.NaN : d.halfWidth());
        error.append(MeanInterval.of(sub.doubleColumn("propensity_error").asDoubleArray()).mean());
      }
      return Table.create("position-bias experiment: NDCG@10 against the true relevance, mean over seeds", model,
          source, ndcg, delta, ci, error);
    }

    /** The summary as text, one line per model and source. */
    public String print() {
      Table s = summary();
      StringBuilder sb = new StringBuilder(String.format("%-8s %-14s %9s %22s %18s%n", "model", "propensities",
          "NDCG@10", "delta vs naive (95% CI)", "propensity error"));
      for (int r = 0; r < s.rowCount(); r++) {
        String src = s.stringColumn("propensities").get(r);
        MeanInterval d = new MeanInterval(s.doubleColumn("ndcg@10_delta").getDouble(r), Double.NaN,
            s.doubleColumn("delta_ci95").getDouble(r), 0);
        double err = s.doubleColumn("propensity_error").getDouble(r);
        sb.append(String.format("%-8s %-14s %9.4f %22s %18s%n", s.stringColumn("model").get(r), src,
            s.doubleColumn("ndcg@10").getDouble(r), src.equals("none") ? "-" : d.format(4),
            Double.isNaN(err) ? "-" : String.format("%.3f", err)));
      }
      return sb.toString();
    }
  }
}
