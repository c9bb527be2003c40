package siebench.train;

import java.util.LinkedHashMap;
import java.util.Map;
import siebench.core.CostMeter;
import siebench.data.Samples;
import siebench.data.Split;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import tech.tablesaw.api.Table;

/** Runs a {@link CtrTask}: split, fit the encoder on the training part only, train, evaluate. */
final class CtrTrainer {
  private CtrTrainer() {}

  static TrainResult fit(CtrTask task, Samples samples) {
    CostMeter meter = new CostMeter();
    Samples train = samples;
    Samples test = task.test();
    if (test == null) {
      if (task.testFraction() > 0) {
        Split s = samples.split(1 - task.testFraction(), task.seed());
        train = s.train();
        test = s.test();
      } else {
        test = samples;
      }
    }
    Samples validation = task.validation();
    if (validation == null && task.patience() > 0 && task.validationFraction() > 0) {
      Split s = train.split(1 - task.validationFraction(), task.seed() + 1);
      train = s.train();
      validation = s.test();
    }
    FeatureEncoder encoder = FeatureEncoder.fit(train, task.encoderOptions());
    EncodedData tr = encoder.encode(train).withLabels(task.objective().targets(train));
    EncodedData va = validation == null ? null : encoder.encode(validation);
    EncodedData te = encoder.encode(test);
    meter.sample();
    Objective o = task.objective();
    float[] validationTargets = va == null || !o.needsPropensities() || o.kind().perQuery() ? null
        : o.targets(validation);
    TrainingLoop.Run run = TrainingLoop.train(task, encoder, tr, va, null, null, o.groups(train), validationTargets);
    meter.training();
    double[] p = run.model().predict(te);
    Map<String, Double> metrics = evaluate(test, p);
    double loopSeconds = run.history().stream().mapToDouble(EpochStats::seconds).sum();
    double sps = tr.rows() * (double) run.history().size() / Math.max(loopSeconds, 1e-9);
    return new TrainResult(task, run.model(), metrics, run.history(), run.bestEpoch(), train, test,
        meter.wallSeconds(), sps, meter.peakHeapBytes(),
        Devices.describe(run.model().device()));
  }

  /**
   * Test metrics from {@link Evaluation}: AUC, LogLoss, GAUC (with a user column), NDCG@10 / Recall@10 /
   * HitRate@10 (with a group, query or user column) and calibration.
   */
  static Map<String, Double> evaluate(Samples test, double[] p) {
    Map<String, Double> m = new LinkedHashMap<>();
    Table t = Evaluation.of(test, p).table();
    for (int i = 0; i < t.rowCount(); i++) {
      m.put(t.stringColumn("metric").get(i), t.doubleColumn("value").getDouble(i));
    }
    return m;
  }
}
