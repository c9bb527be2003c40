package siebench.cvr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import siebench.core.Progress;

/**
 * Compares conversion objectives (naive, ESMM of Ma et al. 2018, Multi-IPS and Multi-DR of Zhang et al. 2020)
 * on the same data: for every seed, one {@link ConversionSplit} (the same for all objectives), one model per
 * objective trained with that seed, and the {@link CvrEvaluation} metrics on the held-out impressions; on
 * simulated data also the metrics of the truth itself (true click and conversion probabilities as the
 * predictions), the ceiling of every metric. Immutable.
 *
 * <pre>{@code
 * CvrComparisonResult r = CvrComparison.of(naive(), esmm(), ips(), dr()).task(cvr().epochs(3)).seeds(5)
 *     .run(seed -> ConversionSplit.synthetic(Synthetic.ecommerce().rows(100_000).seed(seed).generate()));
 * System.out.println(r.print());
 * }</pre>
 */
public final class CvrComparison {
  private final List<CvrObjective> objectives;
  private final CvrTask task;
  private final int seeds;
  private final long firstSeed;
  private final Progress progress;

  private CvrComparison(List<CvrObjective> objectives, CvrTask task, int seeds, long firstSeed, Progress progress) {
    this.objectives = List.copyOf(objectives);
    this.task = task;
    this.seeds = seeds;
    this.firstSeed = firstSeed;
    this.progress = progress;
  }

  /** These objectives (the first is the baseline of the differences), 5 seeds from 1, the default task. */
  public static CvrComparison of(CvrObjective... objectives) {
    return of(List.of(objectives));
  }

  /** These objectives (the first is the baseline of the differences), 5 seeds from 1, the default task. */
  public static CvrComparison of(List<CvrObjective> objectives) {
    if (objectives.isEmpty()) {
      throw new IllegalArgumentException("no objectives to compare");
    }
    return new CvrComparison(objectives, CvrTask.cvr(), 5, 1, Progress.silent());
  }

  /** The task every objective is trained with (its objective and seed are replaced). */
  public CvrComparison task(CvrTask t) {
    return new CvrComparison(objectives, t, seeds, firstSeed, progress);
  }

  /** Number of seeds (repeats), each with its own data split and model initialization. */
  public CvrComparison seeds(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("seeds must be >= 1, got " + n);
    }
    return new CvrComparison(objectives, task, n, firstSeed, progress);
  }

  /** The first seed; the others follow it. */
  public CvrComparison firstSeed(long s) {
    return new CvrComparison(objectives, task, seeds, s, progress);
  }

  /** Where to report each trained model's metrics. */
  public CvrComparison progress(Progress p) {
    return new CvrComparison(objectives, task, seeds, firstSeed, p);
  }

  /** Runs every objective on the split {@code data} gives for each seed. */
  public CvrComparisonResult run(LongFunction<ConversionSplit> data) {
    List<CvrComparisonResult.Row> rows = new ArrayList<>();
    List<String> splits = new ArrayList<>();
    String name = null;
    for (int k = 0; k < seeds; k++) {
      long seed = firstSeed + k;
      progress.checkCancelled();
      ConversionSplit split = data.apply(seed);
      name = split.name();
      splits.add("seed " + seed + ": " + split);
      progress.update("cvr seed " + seed, k, seeds, split.toString());
      for (CvrObjective o : objectives) {
        Map<String, Double> m;
        try (CvrModel model = task.objective(o).seed(seed).fit(split.train())) {
          m = CvrEvaluation.of(split.test(), model.predict(split.test()));
        }
        for (Map.Entry<String, Double> e : m.entrySet()) {
          rows.add(new CvrComparisonResult.Row(seed, o.name(), e.getKey(), e.getValue()));
        }
        progress.update("cvr seed " + seed, k, seeds, o.name() + " " + m);
      }
      ConversionData test = split.test();
      if (test.hasOracle() && test.truePropensity() != null) {
        double[] ctcvr = new double[test.size()];
        for (int i = 0; i < ctcvr.length; i++) {
          ctcvr[i] = test.truePropensity()[i] * test.trueCvr()[i];
        }
        CvrPredictions truth = new CvrPredictions(test.truePropensity(), test.trueCvr(), ctcvr);
        for (Map.Entry<String, Double> e : CvrEvaluation.of(test, truth).entrySet()) {
          rows.add(new CvrComparisonResult.Row(seed, CvrComparisonResult.TRUTH, e.getKey(), e.getValue()));
        }
      }
    }
    progress.update("cvr", seeds, seeds, "done");
    return new CvrComparisonResult(name, objectives.stream().map(CvrObjective::name).toList(), splits, rows);
  }
}
