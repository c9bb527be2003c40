package siebench.cvr;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.train.Devices;

/**
 * The one training loop of every {@link CvrObjective}: the encoder is fitted on the training impressions, the
 * data is copied to the device once and shuffled there every epoch, and each batch of impressions (clicked or
 * not) goes through the {@link MultiTaskNetwork} and the objective's loss; Adam updates all towers and the
 * shared embeddings. Seeded: initialization by the engine seed, shuffling by {@link Samples#permutation}.
 */
final class CvrTrainer {
  private CvrTrainer() {}

  static CvrModel train(CvrTask task, ConversionData data) {
    if (data.size() == 0) {
      throw new IllegalArgumentException("no training impressions");
    }
    CvrObjective objective = task.objective();
    if (objective.needsKnownPropensities() && data.truePropensity() == null) {
      throw new IllegalArgumentException(objective.name() + " needs the true click propensities, which only "
          + "simulated data has");
    }
    FeatureEncoder encoder = FeatureEncoder.fit(data.samples(), task.encoderOptions());
    EncodedData enc = encoder.encode(data.samples());
    Device device = Devices.pick(task.device());
    Engine engine = Engine.getInstance();
    engine.setRandomSeed((int) task.seed());
    NDManager root = NDManager.newBaseManager(device);
    MultiTaskNetwork net = new MultiTaskNetwork(enc.layout(), task.embeddingDim(), task.hidden(),
        objective.needsImputation());
    int f = enc.layout().fields();
    int d = enc.layout().dense();
    net.initialize(root, DataType.FLOAT32, new Shape(1, f), new Shape(1, d));
    List<Parameter> params = new ArrayList<>();
    net.getParameters().forEach(p -> params.add(p.getValue()));
    initializeBiases(params, data);
    Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) task.learningRate()))
        .optWeightDecays((float) task.weightDecay()).build();
    ParameterStore store = new ParameterStore(root, false);

    int n = enc.rows();
    int batch = Math.min(task.batchSize(), n);
    String what = "train cvr/" + objective.name();
    try (NDManager data0 = root.newSubManager()) {
      NDArray catAll = data0.create(enc.cat(), new Shape(n, f));
      NDArray denseAll = data0.create(enc.dense(), new Shape(n, d));
      NDArray clickAll = data0.create(data.clicks());
      NDArray purchaseAll = data0.create(data.purchases());
      NDArray propensityAll = data.truePropensity() == null ? null : data0.create(toFloat(data.truePropensity()));
      for (int epoch = 1; epoch <= task.epochs(); epoch++) {
        task.progress().checkCancelled();
        try (NDManager em = data0.newSubManager()) {
          int[] perm = Samples.permutation(n, task.seed() * 1_000_003L + epoch);
          long[] permL = new long[n];
          for (int i = 0; i < n; i++) {
            permL[i] = perm[i];
          }
          NDArray p = em.create(permL);
          NDArray cat = catAll.get(p);
          NDArray dense = denseAll.get(p);
          NDArray click = clickAll.get(p);
          NDArray purchase = purchaseAll.get(p);
          NDArray propensity = propensityAll == null ? null : propensityAll.get(p);
          for (NDArray a : new NDArray[] {cat, dense, click, purchase, propensity}) {
            if (a != null) {
              a.attach(em);
            }
          }
          NDArray lossSum = em.zeros(new Shape(1));
          for (int start = 0; start < n; start += batch) {
            int end = Math.min(n, start + batch);
            try (NDManager bm = em.newSubManager()) {
              NDIndex rows = new NDIndex().addSliceDim(start, end);
              NDList in = new NDList(cat.get(rows), dense.get(rows));
              NDArray o = click.get(rows);
              NDArray r = purchase.get(rows);
              NDArray prop = propensity == null ? null : propensity.get(rows);
              in.attach(bm);
              for (NDArray a : new NDArray[] {o, r, prop}) {
                if (a != null) {
                  a.attach(bm);
                }
              }
              try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray loss = objective.loss(Heads.of(net.forward(store, in, true)), new Outcomes(o, r, prop));
                gc.backward(loss);
                lossSum.addi(loss.stopGradient().mul(end - start));
              }
              for (Parameter prm : params) {
                NDArray arr = prm.getArray();
                try (NDArray g = arr.getGradient()) {
                  adam.update(prm.getId(), arr, g);
                }
              }
            }
          }
          double mean = lossSum.getFloat(0) / n;
          if (Double.isNaN(mean)) {
            root.close();
            throw new IllegalStateException(what + " diverged (loss is NaN) at epoch " + epoch
                + "; lower the learning rate (now " + task.learningRate() + ")");
          }
          task.progress().update(what, epoch, task.epochs(), String.format("loss %.5f", mean));
        }
      }
    }
    return new CvrModel(net, encoder, root, task);
  }

  private static float[] toFloat(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }

  /**
   * Starts the CTR tower's output bias at the log-odds of the click rate and the CVR and imputation towers' at
   * the log-odds of the conversion rate of clicks, so that short runs do not spend their first steps on base
   * rates.
   */
  static void initializeBiases(List<Parameter> params, ConversionData data) {
    double clicks = data.clickCount();
    double purchases = data.purchaseCount();
    double ctr = clicks / data.size();
    double cvr = clicks == 0 ? 0 : purchases / clicks;
    for (Parameter p : params) {
      String name = p.getName();
      if (name.equals(MultiTaskNetwork.CTR + "_bias") && ctr > 0 && ctr < 1) {
        p.getArray().set(new float[] {(float) Math.log(ctr / (1 - ctr))});
      } else if ((name.equals(MultiTaskNetwork.CVR + "_bias") || name.equals(MultiTaskNetwork.IMPUTATION + "_bias"))
          && cvr > 0 && cvr < 1) {
        p.getArray().set(new float[] {(float) Math.log(cvr / (1 - cvr))});
      }
    }
  }
}
