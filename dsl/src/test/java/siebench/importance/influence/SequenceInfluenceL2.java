package siebench.importance.influence;

import java.nio.file.Files;
import java.nio.file.Path;
import siebench.benchmark.Benchmark;
import siebench.benchmark.BenchmarkResult;
import siebench.benchmark.Protocols;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.noise.Noise;
import siebench.data.synthetic.BehaviorSequences;
import siebench.importance.catalog.Estimators;
import siebench.importance.ImportanceEstimator;
import siebench.model.Models;
import siebench.train.CtrTask;

/**
 * Not a test: fake-click detection of all-parameter influence on DIN or BST (projected to 512 dimensions) at several
 * L2 strengths {@code lambda} of the refitted linearized model, beside last-layer influence and random scores,
 * on the data and task of {@code siebench bench --data synthetic-sequences --model din --noise-type fake-clicks}
 * (or {@code --model bst})
 * (the bench labels the repeated name {@code influence-all-trak512} with {@code #2}, {@code #3} in the order of
 * {@code LAMBDAS}). Usage (after {@code mvn -o -pl dsl test-compile}):
 *
 * <pre>
 *   java -Xmx3g -cp dsl/target/test-classes:dsl/target/classes:'dsl/target/lib/*' \
 *       siebench.importance.influence.SequenceInfluenceL2 ROWS REPEATS OUT_DIR LAMBDA[,LAMBDA...] [din|bst]
 * </pre>
 */
public final class SequenceInfluenceL2 {
  private SequenceInfluenceL2() {}

  public static void main(String[] args) throws Exception {
    int rows = Integer.parseInt(args[0]);
    int repeats = Integer.parseInt(args[1]);
    Path out = Path.of(args[2]);
    String[] lambdas = args[3].split(",");
    Samples s = BehaviorSequences.defaults().rows(rows).seed(7).generate();
    ImportanceEstimator[] est = new ImportanceEstimator[lambdas.length + 2];
    est[0] = Estimators.influence();
    for (int i = 0; i < lambdas.length; i++) {
      est[i + 1] = Estimators.influence().allParameters().projectTo(512).l2(Double.parseDouble(lambdas[i]));
    }
    est[est.length - 1] = Estimators.random();
    CtrTask task = CtrTask.ctr().model(Models.named(args.length > 4 ? args[4] : "din")).epochs(2).batchSize(2048).learningRate(0.002);
    BenchmarkResult r = Benchmark.on(s).estimators(est).protocols(Protocols.noisyLabelDetection()).task(task)
        .noise(Noise.named("fake-clicks", 0.1)).repeats(repeats).seed(7).progress(Progress.silent()).run();
    Files.createDirectories(out);
    r.summary().write().csv(out.resolve("summary.csv").toFile());
    Files.writeString(out.resolve("summary.txt"), r.toString());
    System.out.println(r);
  }
}
