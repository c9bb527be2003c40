package siebench.importance.valuation;

import java.nio.file.Files;
import java.nio.file.Path;
import siebench.benchmark.Benchmark;
import siebench.benchmark.BenchmarkResult;
import siebench.benchmark.Protocol;
import siebench.benchmark.Protocols;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.io.Loaders;
import siebench.data.noise.Noise;
import siebench.data.synthetic.Synthetic;
import siebench.importance.catalog.Estimators;
import siebench.importance.ImportanceEstimator;

/**
 * Not a test: the bench's noisy-label detection protocol on the synthetic default (fake clicks 0.1) for the
 * permutation semivalues with fewer permutations than their defaults (so the run fits in minutes on 2 shared
 * cores), against random and the class-balance baseline (fake clicks are all clicks, so ranking every click as
 * suspicious already detects them); the same split and seeds for all. Usage (after {@code mvn -o -pl dsl test-compile}):
 *
 * <pre>
 *   java -Xmx3g -cp dsl/target/test-classes:dsl/target/classes:'dsl/target/lib/*' \
 *       siebench.importance.valuation.SemivalueDetection ROWS PERMUTATIONS REPEATS OUT_DIR [SOURCE [PROTOCOLS]]
 * </pre>
 *
 * <p>{@code SOURCE} is {@code synthetic} (the default) or {@code movielens:DIR}: the MovieLens sample (rating
 * &gt;= 4 is a click), a seeded random {@code ROWS} of its ratings, with 10% injected fake clicks ({@code
 * Noise.named("fake-clicks", 0.1)}) as ground truth. {@code PROTOCOLS} is a comma-separated list of bench
 * protocol names (default {@code detection}; e.g. {@code detection,cleaning}).
 */
public final class SemivalueDetection {
  private SemivalueDetection() {}

  public static void main(String[] args) throws Exception {
    int rows = Integer.parseInt(args[0]);
    int perms = Integer.parseInt(args[1]);
    int repeats = Integer.parseInt(args[2]);
    Path out = Path.of(args[3]);
    String source = args.length > 4 ? args[4] : "synthetic";
    Protocol[] protocols = java.util.Arrays.stream((args.length > 5 ? args[5] : "detection").split(","))
        .map(Protocols::named).toArray(Protocol[]::new);
    Samples s;
    Noise noise = null;
    if (source.equals("synthetic")) {
      s = Synthetic.ecommerce().rows(rows).seed(7).fakeClicks(0.1).generate().samples();
    } else if (source.startsWith("movielens:")) {
      Samples all = Loaders.movieLens(Path.of(source.substring("movielens:".length())), 4.0);
      s = all.rows(java.util.Arrays.copyOf(Samples.permutation(all.size(), 7), rows));
      noise = Noise.named("fake-clicks", 0.1);
    } else {
      throw new IllegalArgumentException("source must be synthetic or movielens:DIR, got " + source);
    }
    ImportanceEstimator[] est = {
        Estimators.betaShapley().maxPermutations(perms).maxSeconds(1e6),
        Estimators.tmcShapley().maxPermutations(perms).maxSeconds(1e6),
        Estimators.csShapley().permutations(perms).maxSeconds(1e6),
        Estimators.classBalance(),
        Estimators.random()};
    Benchmark b = Benchmark.on(s).estimators(est).protocols(protocols).repeats(repeats).seed(7)
        .progress(Progress.silent());
    BenchmarkResult r = (noise == null ? b : b.noise(noise)).run();
    Files.createDirectories(out);
    r.summary().write().csv(out.resolve("summary.csv").toFile());
    Files.writeString(out.resolve("summary.txt"), r.toString());
    System.out.println(r);
  }
}
