package siebench.importance.influence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.SharedData;
import siebench.core.CostMeter;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.importance.ImportanceEstimator;
import siebench.metrics.MeanInterval;
import siebench.metrics.Ranks;
import siebench.model.Models;
import siebench.model.ModelSpec;
import siebench.train.CtrTask;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Experiment: predicted vs actual leave-one-out change of validation loss for a small DeepFM on the Avazu sample.
 * For each seed, the training rows ({@link #TRAIN_ROWS}) and validation rows are drawn from the sample, the model is
 * trained full-batch ({@link #EPOCHS} Adam steps, deterministic), and {@link #REMOVED} training rows are each
 * removed (weight 0) and the model retrained from the same seed and initialization (Adam with weight decay
 * {@link #L2}, which is also the influence's {@code lambda}). The influence estimates of those rows (last layer,
 * all parameters with different solvers, a TRAK projection, and TracIn for comparison) are correlated with the
 * actual changes; seeded random scores are the baseline. The influence variants are computed from the one trained
 * model through the package's problem/score steps (the estimator would train the same model again). Writes
 * {@code target/influence-loo-deepfm.txt}. With {@code -Dloo.protocol=warm} the leave-one-out models instead
 * continue from the trained weights ({@link #PROTOCOL}).
 *
 * <p>Rerun (about 10 minutes on 2 shared cores; skipped unless {@code loo.run} is set): {@code mvn -o -q -B -pl
 * dsl test -Dtest=InfluenceLooExperimentTest -Dsurefire.argLine="-Xmx4g -Dai.djl.offline=true -Dloo.run=true
 * -Dloo.protocol=cold -Dloo.seeds=3 -Dloo.removed=30"} (also {@code loo.train}, {@code loo.epochs}, {@code
 * loo.warmEpochs}). It asserts only that retraining is deterministic (the same seed and weights give the same
 * validation loss): the correlations are the measurement, and under cold retraining they are not reliably
 * positive (docs/results/influence-loo-deepfm.txt).
 */
class InfluenceLooExperimentTest {
  static final int TRAIN_ROWS = Integer.getInteger("loo.train", 400);
  static final int VALID_ROWS = 1000;
  static final int REMOVED = Integer.getInteger("loo.removed", 20);
  static final int EPOCHS = Integer.getInteger("loo.epochs", 80);
  static final long[] SEEDS = java.util.stream.LongStream.rangeClosed(1, Integer.getInteger("loo.seeds", 3))
      .toArray();
  /**
   * {@code cold}: each leave-one-out model is retrained from the seed's initialization ({@link #EPOCHS}
   * epochs); {@code warm}: it continues from the trained weights for {@link #WARM_EPOCHS} epochs at learning
   * rate {@link #WARM_LR}, and the change is measured against the same continuation without removal.
   */
  static final String PROTOCOL = System.getProperty("loo.protocol", "cold");
  static final int WARM_EPOCHS = Integer.getInteger("loo.warmEpochs", 30);
  static final double WARM_LR = 0.002;
  /** The training's weight decay (an L2 term in Adam's gradient) and the influence's {@code lambda}. */
  static final double L2 = 1e-3;
  static final ModelSpec MODEL = Models.deepFm().embeddingDim(4).hidden(16, 8);

  static Samples avazu() {
    try {
      ColumnType[] types = new ColumnType[24];
      Arrays.fill(types, ColumnType.STRING);
      types[1] = ColumnType.INTEGER;
      Table t = Table.read().csv(CsvReadOptions.builder(SharedData.file("avazu_ctr_sample/avazu_sample.csv")
          .toFile()).columnTypes(types).build());
      return Samples.from(t).ignore("id", "hour", "device_id", "device_ip");
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot read the Avazu sample", e);
    }
  }

  static CtrTask task(long seed) {
    return CtrTask.ctr().model(MODEL).epochs(EPOCHS).batchSize(TRAIN_ROWS).learningRate(0.02).weightDecay(L2)
        .earlyStopping(0).seed(seed).progress(Progress.silent());
  }

  static double validationLoss(CtrTask task, FeatureEncoder enc, EncodedData tr, EncodedData va) {
    return validationLoss(task, enc, tr, va, null);
  }

  static double validationLoss(CtrTask task, FeatureEncoder enc, EncodedData tr, EncodedData va,
      siebench.train.EpochListener listener) {
    try (TrainedModel m = TrainingLoop.train(task, enc, tr, null, listener).model()) {
      double[] l = m.losses(va);
      return Arrays.stream(l).average().orElseThrow();
    }
  }

  @Test
  void influencePredictsLeaveOneOutRetraining() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("loo.run"), "an experiment of about 10 "
        + "minutes: run with -Dsurefire.argLine=\"-Xmx4g -Dai.djl.offline=true -Dloo.run=true\"");
    Samples all = avazu();
    InfluenceFunctions inf = InfluenceFunctions.defaults().l2(L2);
    Map<String, InfluenceFunctions> lastLayer = new LinkedHashMap<>();
    lastLayer.put("influence last layer (CG)", inf);
    lastLayer.put("influence last layer (EK-FAC)", inf.solver(InverseHvp.ekfac()));
    Map<String, InfluenceFunctions> full = new LinkedHashMap<>();
    full.put("influence all parameters (CG)", inf.allParameters());
    full.put("influence all parameters (LiSSA)", inf.allParameters().solver(InverseHvp.lissa()));
    full.put("influence all parameters (Arnoldi k=50)", inf.allParameters().solver(InverseHvp.arnoldi(50, 100)));
    ImportanceEstimator tracIn = TracIn.defaults().allParameters().checkpointEvery(EPOCHS / 5);
    Map<String, List<Double>> pearson = new LinkedHashMap<>();
    Map<String, List<Double>> spearman = new LinkedHashMap<>();
    StringBuilder out = new StringBuilder();
    List<Double> noise = new ArrayList<>();
    List<Double> spread = new ArrayList<>();
    Path target = Path.of("target", "influence-loo-deepfm.txt");
    Files.createDirectories(target.getParent());
    for (long seed : SEEDS) {
      int mark = out.length();
      int[] perm = Samples.permutation(all.size(), 100 + seed);
      Samples train = all.rows(Arrays.copyOfRange(perm, 0, TRAIN_ROWS));
      Samples valid = all.rows(Arrays.copyOfRange(perm, TRAIN_ROWS, TRAIN_ROWS + VALID_ROWS));
      FeatureEncoder enc = FeatureEncoder.fit(train);
      EncodedData tr = enc.encode(train);
      EncodedData va = enc.encode(valid);
      CtrTask task = task(seed);
      double base = validationLoss(task, enc, tr, va);
      int[] removed = Arrays.copyOf(Samples.permutation(TRAIN_ROWS, 200 + seed), REMOVED);
      double[] actual = new double[REMOVED];
      double[] again = new double[1];
      if (PROTOCOL.equals("cold")) {
        again[0] = validationLoss(task, enc, tr, va);
        for (int k = 0; k < REMOVED; k++) {
          actual[k] = validationLoss(task, enc, withoutRow(tr, removed[k]), va) - base;
        }
      } else if (!PROTOCOL.equals("warm")) {
        throw new IllegalArgumentException("loo.protocol must be cold or warm, got " + PROTOCOL);
      }
      EstimationContext ctx = EstimationContext.defaults().task(task).seed(seed).validation(valid)
          .progress(Progress.silent());
      Map<String, double[]> predicted = new LinkedHashMap<>();
      try (TrainedModel model = TrainingLoop.train(task, enc, tr, null, null).model();
          ai.djl.ndarray.NDManager keep = ai.djl.ndarray.NDManager.newBaseManager()) {
        if (PROTOCOL.equals("warm")) {
          List<ai.djl.ndarray.NDArray> snapshot = new ArrayList<>();
          for (ai.djl.nn.Parameter prm : model.parameters()) {
            ai.djl.ndarray.NDArray c = prm.getArray().duplicate();
            c.attach(keep);
            snapshot.add(c);
          }
          siebench.train.EpochListener load = new siebench.train.EpochListener() {
            @Override
            public void afterEpoch(int epoch, TrainedModel m) {}

            @Override
            public void beforeTraining(TrainedModel m) {
              for (int k = 0; k < snapshot.size(); k++) {
                snapshot.get(k).copyTo(m.parameters().get(k).getArray());
              }
            }
          };
          CtrTask warm = task.epochs(WARM_EPOCHS).learningRate(WARM_LR);
          base = validationLoss(warm, enc, tr, va, load);
          again[0] = validationLoss(warm, enc, tr, va, load);
          for (int k = 0; k < REMOVED; k++) {
            actual[k] = validationLoss(warm, enc, withoutRow(tr, removed[k]), va, load) - base;
          }
        }
        InfluenceFunctions.Problem ll = inf.lastLayerProblem(model, tr, va, Progress.silent());
        InfluenceFunctions.Problem fm = inf.allParameters().fullModelProblem(model, tr, va, null, Progress.silent());
        InfluenceFunctions.Problem trak = InfluenceFunctions.project(fm, Projection.random(Projection.Kind.RADEMACHER,
            256, fm.train().dim() - 1, seed));
        Map<String, InfluenceFunctions.Problem> problems = new LinkedHashMap<>();
        Map<String, InfluenceFunctions> solvers = new LinkedHashMap<>();
        lastLayer.forEach((k, v) -> {
          problems.put(k, ll);
          solvers.put(k, v);
        });
        full.forEach((k, v) -> {
          problems.put(k, fm);
          solvers.put(k, v);
        });
        problems.put("influence all parameters, TRAK d=256 (CG)", trak);
        solvers.put("influence all parameters, TRAK d=256 (CG)", inf.allParameters());
        for (String k : problems.keySet()) {
          InfluenceFunctions.Result res = solvers.get(k).score(problems.get(k), Progress.silent(), new CostMeter());
          predicted.put(k, select(res.scores(), removed));
          out.append(String.format(Locale.ROOT, "  %-45s %s%n", k, diagnostics(res.diagnostics())));
        }
      }
      predicted.put("TracIn all parameters", select(tracIn.estimate(train, ctx).alignTo(train), removed));
      noise.add(Math.abs(base - again[0]));
      spread.add(Arrays.stream(actual).map(Math::abs).average().orElseThrow());
      out.insert(mark, String.format(Locale.ROOT, "seed %d (%s retraining): %d train / %d validation rows, %d "
          + "removed; validation loss %.5f; retraining twice differs by %.2e; mean |actual change| %.3e%n", seed,
          PROTOCOL, tr.rows(), va.rows(), REMOVED, base, Math.abs(base - again[0]), spread.get(spread.size() - 1)));
      Random r = new Random(300 + seed);
      double[] random = new double[REMOVED];
      for (int k = 0; k < REMOVED; k++) {
        random[k] = r.nextGaussian();
      }
      predicted.put("random scores (baseline)", random);
      for (Map.Entry<String, double[]> e : predicted.entrySet()) {
        double p = Ranks.pearson(e.getValue(), actual);
        double s = Ranks.spearman(e.getValue(), actual);
        pearson.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(p);
        spearman.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(s);
        out.append(String.format(Locale.ROOT, "  %-45s Pearson %+.3f  Spearman %+.3f%n", e.getKey(), p, s));
      }
      System.out.print(out.substring(mark));
      System.out.flush();
      Files.writeString(target, out);
    }
    out.append(String.format(Locale.ROOT, "%nOver %d seeds (mean, 95%% t-interval half-width):%n", SEEDS.length));
    for (String k : pearson.keySet()) {
      MeanInterval p = MeanInterval.of(pearson.get(k));
      MeanInterval s = MeanInterval.of(spearman.get(k));
      out.append(String.format(Locale.ROOT, "  %-45s Pearson %+.3f +- %.3f   Spearman %+.3f +- %.3f%n", k, p.mean(),
          p.halfWidth(), s.mean(), s.halfWidth()));
    }
    String text = out.toString();
    System.out.print(text);
    Files.writeString(target, text);
    for (double n : noise) {
      assertEquals(0, n, 1e-6, "full-batch retraining must be deterministic");
    }
  }

  static EncodedData withoutRow(EncodedData tr, int row) {
    float[] w = tr.weights() == null ? new float[tr.rows()] : tr.weights().clone();
    if (tr.weights() == null) {
      Arrays.fill(w, 1f);
    }
    w[row] = 0;
    return tr.withWeights(w);
  }

  private static double[] select(double[] scores, int[] rows) {
    double[] sel = new double[rows.length];
    for (int k = 0; k < rows.length; k++) {
      sel[k] = scores[rows[k]];
    }
    return sel;
  }

  private static String diagnostics(Map<String, Object> p) {
    StringBuilder b = new StringBuilder();
    for (String k : new String[] {"dimension", "newton.iterations", "newton.gradientMaxNorm", "inverse",
        "cg.iterations", "cg.converged", "lissa.scaleUsed", "lissa.relativeResidual", "arnoldi.smallestKeptEigenvalue",
        "checkpoints"}) {
      if (p.containsKey(k)) {
        Object v = p.get(k);
        b.append(k).append('=').append(v instanceof Double d ? String.format(Locale.ROOT, "%.3g", d) : v)
            .append(' ');
      }
    }
    return b.toString().trim();
  }
}
