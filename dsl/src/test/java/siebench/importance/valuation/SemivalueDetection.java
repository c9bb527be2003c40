package siebench.importance.valuation;

import java.nio.file.Files;
import java.nio.file.Path;
import siebench.benchmark.Benchmark;
import siebench.benchmark.BenchmarkResult;
import siebench.benchmark.Protocols;
import siebench.data.Samples;
import siebench.data.synthetic.Synthetic;
import siebench.importance.Estimators;
import siebench.importance.ImportanceEstimator;
import siebench.train.Progress;

/**
 * Not a test: the bench's noisy-label detection protocol on the synthetic default (fake clicks 0.1) for the
 * permutation semivalues with fewer permutations than their defaults (so the run fits in minutes on 2 shared
 * cores), against random and the class-balance baseline (fake clicks are all clicks, so ranking every click as
 * suspicious already detects them); the same split and seeds for all. Usage (after {@code mvn -o -pl dsl test-compile}):
 *
 * <pre>
 *   java -Xmx3g -cp dsl/target/test-classes:dsl/target/classes:'dsl/target/lib/*' \
 *       siebench.importance.valuation.SemivalueDetection ROWS PERMUTATIONS REPEATS OUT_DIR
 * </pre>
 */
public final class SemivalueDetection {
  private SemivalueDetection() {}

  public static void main(String[] args) throws Exception {
    int rows = Integer.parseInt(args[0]);
    int perms = Integer.parseInt(args[1]);
    int repeats = Integer.parseInt(args[2]);
    Path out = Path.of(args[3]);
    Samples s = Synthetic.ecommerce().rows(rows).seed(7).fakeClicks(0.1).generate().samples();
    ImportanceEstimator[] est = {
        Estimators.betaShapley().maxPermutations(perms).maxSeconds(1e6),
        Estimators.tmcShapley().maxPermutations(perms).maxSeconds(1e6),
        Estimators.csShapley().permutations(perms).maxSeconds(1e6),
        Estimators.classBalance(),
        Estimators.random()};
    BenchmarkResult r = Benchmark.on(s).estimators(est).protocols(Protocols.noisyLabelDetection()).repeats(repeats)
        .seed(7).progress(Progress.silent()).run();
    Files.createDirectories(out);
    r.summary().write().csv(out.resolve("summary.csv").toFile());
    Files.writeString(out.resolve("summary.txt"), r.toString());
    System.out.println(r);
  }
}
