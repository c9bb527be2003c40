package siebench.mnar;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;
import siebench.data.RatingData;
import siebench.data.Samples;
import siebench.data.synthetic.MnarRatings;

/**
 * The MNAR rating benchmark: for every seed, the MAR test set is split into a small MAR sample (for the
 * naive-Bayes propensities, as in Schnabel, Swaminathan, Singh, Chandak &amp; Joachims 2016, "Recommendations as
 * Treatments: Debiasing Learning and Evaluation", ICML, Sec. 6.2, which set 5% of the MAR data aside) and the
 * evaluation set; a naive model and, for every propensity estimator, one model per debiasing objective (IPS,
 * SNIPS, doubly robust) are trained with the same task and seed, and evaluated on the same evaluation set
 * ({@link RatingEvaluation}). Immutable builder.
 *
 * <pre>{@code
 * MnarResult r = MnarExperiment.synthetic(MnarRatings.generator()).seeds(5).run();
 * System.out.println(r.print());
 * }</pre>
 */
public final class MnarExperiment {
  private final LongFunction<RatingData> source;
  private final String sourceName;
  private final int seeds;
  private final List<PropensityEstimator> propensities;
  private final List<RatingObjective> objectives;
  private final RatingTask task;
  private final double marSampleFraction;
  private final int k;
  private final PrintStream log;

  private MnarExperiment(LongFunction<RatingData> source, String sourceName, int seeds,
      List<PropensityEstimator> propensities, List<RatingObjective> objectives, RatingTask task, double marSampleFraction,
      int k, PrintStream log) {
    if (seeds < 1) {
      throw new IllegalArgumentException("need at least one seed, got " + seeds);
    }
    if (!(marSampleFraction > 0 && marSampleFraction < 1)) {
      throw new IllegalArgumentException("the MAR sample fraction must be in (0, 1), got " + marSampleFraction);
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    this.source = source;
    this.sourceName = sourceName;
    this.seeds = seeds;
    this.propensities = List.copyOf(propensities);
    this.objectives = List.copyOf(objectives);
    this.task = task;
    this.marSampleFraction = marSampleFraction;
    this.k = k;
    this.log = log;
  }

  /**
   * Synthetic data regenerated for every seed by {@code generator.seed(seed)}; propensities true, naive Bayes
   * and logistic; objectives IPS, SNIPS and DR; the default {@link RatingTask}; 5% MAR sample; NDCG@5; 5 seeds.
   */
  public static MnarExperiment synthetic(MnarRatings generator) {
    Objects.requireNonNull(generator, "generator");
    return new MnarExperiment(s -> generator.seed(s).generate().data(), generator.toString(), 5,
        List.of(PropensityEstimators.truth(), PropensityEstimators.naiveBayes(), PropensityEstimators.logistic()),
        List.of(RatingObjective.IPS, RatingObjective.SNIPS, RatingObjective.DOUBLY_ROBUST), RatingTask.ratings(), 0.05, 5, null);
  }

  /**
   * Fixed data (e.g. Coat); the seeds vary the MAR sample and the training. Propensity estimators: the known
   * ones when the data has a {@value RatingData#PROPENSITY} column, naive Bayes and logistic.
   */
  public static MnarExperiment on(RatingData data) {
    Objects.requireNonNull(data, "data");
    List<PropensityEstimator> p = new ArrayList<>();
    if (RatingData.hasPropensities(data.train())) {
      p.add(PropensityEstimators.truth());
    }
    p.add(PropensityEstimators.naiveBayes());
    p.add(PropensityEstimators.logistic());
    return new MnarExperiment(s -> data, data.source(), 5, p,
        List.of(RatingObjective.IPS, RatingObjective.SNIPS, RatingObjective.DOUBLY_ROBUST), RatingTask.ratings(), 0.05, 5, null);
  }

  /** Seeds 1..n. */
  public MnarExperiment seeds(int n) {
    return new MnarExperiment(source, sourceName, n, propensities, objectives, task, marSampleFraction, k, log);
  }

  /** The propensity estimators to compare. */
  public MnarExperiment propensities(PropensityEstimator... estimators) {
    return new MnarExperiment(source, sourceName, seeds, Arrays.asList(estimators), objectives, task,
        marSampleFraction, k, log);
  }

  /** The debiasing objectives to compare (the naive objective is always trained, once per seed). */
  public MnarExperiment objectives(RatingObjective... list) {
    List<RatingObjective> o = Arrays.stream(list).filter(RatingObjective::needsPropensities).toList();
    return new MnarExperiment(source, sourceName, seeds, propensities, o, task, marSampleFraction, k, log);
  }

  /** The training task (its objective and seed are set per run). */
  public MnarExperiment task(RatingTask t) {
    return new MnarExperiment(source, sourceName, seeds, propensities, objectives, t, marSampleFraction, k, log);
  }

  /** Share of the MAR test ratings set aside as the MAR sample of the propensity estimators. */
  public MnarExperiment marSampleFraction(double f) {
    return new MnarExperiment(source, sourceName, seeds, propensities, objectives, task, f, k, log);
  }

  /** Cut-off of NDCG@k. */
  public MnarExperiment k(int cutoff) {
    return new MnarExperiment(source, sourceName, seeds, propensities, objectives, task, marSampleFraction, cutoff,
        log);
  }

  /** Prints one line per trained model to {@code out} (null = silent). */
  public MnarExperiment log(PrintStream out) {
    return new MnarExperiment(source, sourceName, seeds, propensities, objectives, task, marSampleFraction, k, out);
  }

  /**
   * The MAR sample and evaluation set that {@link #run()} uses for {@code seed} on {@code data} (for a synthetic
   * experiment, {@code data} is the generator's data of that seed), e.g. to look at the propensities of one run.
   */
  public MarSplit split(RatingData data, long seed) {
    Objects.requireNonNull(data, "data");
    return MarSplit.of(data.test(), marSampleFraction, seed * 7919 + 1);
  }

  /** Runs every seed; see the class comment. */
  public MnarResult run() {
    List<MnarResult.Run> runs = new ArrayList<>();
    for (long seed = 1; seed <= seeds; seed++) {
      RatingData data = source.apply(seed);
      MarSplit split = split(data, seed);
      Samples marSample = split.marSample();
      Samples evaluation = split.evaluation();
      RatingTask seeded = task.seed(seed);
      runs.add(trainAndEvaluate(seeded.objective(RatingObjective.NAIVE), data, null, "-", evaluation, seed));
      for (PropensityEstimator estimator : propensities) {
        double[] p = estimator.estimate(data, marSample);
        for (RatingObjective o : objectives) {
          runs.add(trainAndEvaluate(seeded.objective(o), data, p, estimator.name(), evaluation, seed));
        }
      }
    }
    return new MnarResult(sourceName + ", seeds 1.." + seeds + ", " + (int) Math.round(100 * marSampleFraction)
        + "% of the MAR ratings set aside for naive Bayes; " + task.settings(), runs);
  }

  private MnarResult.Run trainAndEvaluate(RatingTask t, RatingData data, double[] p, String propensity,
      Samples evaluation, long seed) {
    try (RatingModel model = t.fit(data, p)) {
      RatingEvaluation e = model.evaluate(evaluation, k);
      if (log != null) {
        log.printf("seed %d  %-6s %-12s %s%n", seed, t.objective().shortName(), propensity, e);
      }
      return new MnarResult.Run(seed, t.objective(), propensity, e);
    }
  }

  @Override
  public String toString() {
    return "MnarExperiment[" + sourceName + ", " + seeds + " seeds, propensities " + propensities + ", objectives "
        + objectives + ", " + task + "]";
  }
}
