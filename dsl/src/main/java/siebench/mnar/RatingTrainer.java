package siebench.mnar;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import siebench.data.RatingData;
import siebench.data.Samples;
import siebench.features.FeatureLayout;
import siebench.model.MatrixFactorization;
import siebench.train.Devices;

/**
 * The minibatch training loop of {@link RatingTask}: squared error on the observed ratings, weighted as the
 * {@link RatingObjective} says, Adam on DJL. A row's loss is multiplied by {@code c_i = s * w_i} with {@code w_i = 1 /
 * P_i} and {@code s = |O| / N} (IPS, DR) or {@code |O| / sum_O w} (SNIPS), so that the batch mean of {@code c_i
 * delta_i} is an unbiased estimate of the objective's sum; the naive objective has {@code c_i = 1}. The doubly
 * robust objective also draws, every step, as many cells uniformly from the whole matrix as the batch has rows,
 * for the {@code sum_all e_hat / N} term, and then updates the imputation model (Wang et al. 2019, Alg. 1).
 */
final class RatingTrainer {
  private RatingTrainer() {}

  static RatingModel train(RatingTask task, RatingData data, double[] propensities) {
    Samples train = data.train();
    int n = train.size();
    if (n == 0) {
      throw new IllegalArgumentException("no training rating in " + train.describe());
    }
    int users = data.users();
    int items = data.items();
    int[] us = RatingData.users(train);
    int[] is = RatingData.items(train);
    double[] r = RatingData.ratings(train);
    RatingObjective objective = task.objective();
    float[] c = rowFactors(objective, propensities, n, data.cells(), task.propensityFloor());
    double mean = 0;
    double cs = 0;
    for (int j = 0; j < n; j++) {
      mean += c[j] * r[j];
      cs += c[j];
    }
    mean /= cs;

    Device device = Devices.pick(task.device());
    Engine engine = Engine.getInstance();
    engine.setRandomSeed((int) task.seed());
    NDManager root = NDManager.newBaseManager(device);
    FeatureLayout layout = new FeatureLayout(List.of(RatingData.USER, RatingData.ITEM), new int[] {users, items},
        List.of());
    boolean dr = objective == RatingObjective.DOUBLY_ROBUST;
    Block prediction = initialize(task.model(), layout, root, mean);
    Block imputation = dr ? initialize(task.imputation(), layout, root, mean) : null;
    List<Parameter> predictionParams = parameters(prediction);
    List<Parameter> imputationParams = dr ? parameters(imputation) : List.of();
    Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) task.learningRate()))
        .optWeightDecays((float) task.weightDecay()).build();
    ParameterStore store = new ParameterStore(root, false);
    SplittableRandom cells = new SplittableRandom(task.seed() * 31 + 17);
    int batch = Math.min(task.batchSize(), n);
    try {
      for (int epoch = 1; epoch <= task.epochs(); epoch++) {
        int[] perm = Samples.permutation(n, task.seed() * 1_000_003L + epoch);
        double lossSum = 0;
        for (int start = 0; start < n; start += batch) {
          int end = Math.min(n, start + batch);
          int b = end - start;
          int[] bu = new int[b];
          int[] bi = new int[b];
          float[] by = new float[b];
          float[] bc = new float[b];
          for (int j = 0; j < b; j++) {
            int row = perm[start + j];
            bu[j] = us[row];
            bi[j] = is[row];
            by[j] = (float) r[row];
            bc[j] = c[row];
          }
          try (NDManager bm = root.newSubManager()) {
            NDList observed = RatingModel.inputs(bm, bu, bi, 0, b, users, items);
            NDArray y = bm.create(by);
            NDArray weight = bm.create(bc);
            if (!dr) {
              lossSum += step(engine, adam, predictionParams, () -> {
                NDArray e = prediction.forward(store, observed, true).get(0).sub(y).square();
                return e.mul(weight).mean();
              });
            } else {
              int[] ru = new int[b];
              int[] ri = new int[b];
              for (int j = 0; j < b; j++) {
                ru[j] = cells.nextInt(users);
                ri[j] = cells.nextInt(items);
              }
              NDList all = RatingModel.inputs(bm, ru, ri, 0, b, users, items);
              NDArray imputedObserved = imputation.forward(store, observed, false).get(0).stopGradient();
              NDArray imputedAll = imputation.forward(store, all, false).get(0).stopGradient();
              lossSum += step(engine, adam, predictionParams, () -> {
                NDArray predObserved = prediction.forward(store, observed, true).get(0);
                NDArray predAll = prediction.forward(store, all, true).get(0);
                NDArray eHatAll = predAll.sub(imputedAll).square();
                NDArray e = predObserved.sub(y).square();
                NDArray eHat = predObserved.sub(imputedObserved).square();
                return eHatAll.mean().add(e.sub(eHat).mul(weight).mean());
              });
              NDArray fixed = prediction.forward(store, observed, false).get(0).stopGradient();
              NDArray e = fixed.sub(y).square();
              step(engine, adam, imputationParams, () -> {
                NDArray eHat = fixed.sub(imputation.forward(store, observed, true).get(0)).square();
                return eHat.sub(e).square().mul(weight).mean();
              });
            }
          }
        }
        if (Double.isNaN(lossSum) || Double.isInfinite(lossSum)) {
          throw new IllegalStateException("training diverged (loss " + lossSum + ") at epoch " + epoch
              + " of " + task + "; lower the learning rate or raise the propensity floor");
        }
      }
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
    return new RatingModel(prediction, root, users, items, task.model() + ", " + objective.shortName());
  }

  /** One gradient step of {@code params} on the loss that {@code loss} builds; returns the loss value. */
  private static double step(Engine engine, Optimizer adam, List<Parameter> params,
      java.util.function.Supplier<NDArray> loss) {
    double value;
    try (GradientCollector gc = engine.newGradientCollector()) {
      NDArray l = loss.get();
      gc.backward(l);
      value = l.getFloat();
    }
    for (Parameter p : params) {
      NDArray a = p.getArray();
      try (NDArray g = a.getGradient()) {
        adam.update(p.getId(), a, g);
      }
    }
    return value;
  }

  /** Per-row loss factors {@code c_i}: 1 (naive), or {@code s / max(floor, P_i)}. */
  static float[] rowFactors(RatingObjective objective, double[] propensities, int n, long cells, double floor) {
    float[] c = new float[n];
    if (!objective.needsPropensities()) {
      java.util.Arrays.fill(c, 1f);
      return c;
    }
    if (propensities == null) {
      throw new IllegalArgumentException("the " + objective.shortName() + " objective needs propensities");
    }
    if (propensities.length != n) {
      throw new IllegalArgumentException(propensities.length + " propensities for " + n + " training ratings");
    }
    double[] w = new double[n];
    double sum = 0;
    for (int j = 0; j < n; j++) {
      double p = Math.max(floor, propensities[j]);
      if (!(p > 0 && p <= 1)) {
        throw new IllegalArgumentException("propensity of training row " + j + " is " + propensities[j]
            + "; expected a probability in (0, 1]");
      }
      w[j] = 1 / p;
      sum += w[j];
    }
    double s = objective == RatingObjective.SNIPS ? n / sum : n / (double) cells;
    for (int j = 0; j < n; j++) {
      c[j] = (float) (s * w[j]);
    }
    return c;
  }

  private static Block initialize(MatrixFactorization spec, FeatureLayout layout, NDManager root, double mean) {
    Block block = spec.build(layout);
    block.initialize(root, DataType.FLOAT32, new Shape(1, 2), new Shape(1, 0));
    for (Parameter p : parameters(block)) {
      if (p.getName().equals("bias")) {
        p.getArray().set(new float[] {(float) mean});
      }
    }
    return block;
  }

  private static List<Parameter> parameters(Block block) {
    List<Parameter> list = new ArrayList<>();
    block.getParameters().forEach(p -> list.add(p.getValue()));
    return list;
  }
}
