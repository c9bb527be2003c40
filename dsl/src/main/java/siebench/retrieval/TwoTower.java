package siebench.retrieval;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import siebench.data.Role;
import siebench.data.Samples;
import siebench.train.Devices;
import siebench.train.Progress;

/**
 * Two-tower retrieval (Yi et al. 2019, RecSys, "Sampling-Bias-Corrected Neural Modeling for Large Corpus Item
 * Recommendations"): a user tower (user-id embedding, MLP) and an item tower (item-id and category
 * embeddings, MLP) map to L2-normalized vectors; training uses in-batch negatives with a softmax over {@code
 * <u, v> / temperature}, optionally with the logQ correction {@code - log q_j}, where {@code q_j} is item j's
 * share of the training clicks (its probability of appearing as an in-batch negative). Immutable settings;
 * {@link #fit(Samples)} trains on the click rows (label 1) of the samples, which need user and item roles and
 * may have a {@code category} column.
 */
public final class TwoTower {
  private final int embeddingDim;
  private final int hidden;
  private final int outputDim;
  private final double temperature;
  private final boolean logQ;
  private final int epochs;
  private final int batchSize;
  private final double learningRate;
  private final long seed;
  private final Progress progress;

  private TwoTower(int embeddingDim, int hidden, int outputDim, double temperature, boolean logQ, int epochs,
      int batchSize, double learningRate, long seed, Progress progress) {
    this.embeddingDim = embeddingDim;
    this.hidden = hidden;
    this.outputDim = outputDim;
    this.temperature = temperature;
    this.logQ = logQ;
    this.epochs = epochs;
    this.batchSize = batchSize;
    this.learningRate = learningRate;
    this.seed = seed;
    this.progress = progress;
  }

  /** 32-dimensional embeddings, a 64-wide hidden layer, 32-dimensional outputs, temperature 0.05, logQ on. */
  public static TwoTower twoTower() {
    return new TwoTower(32, 64, 32, 0.05, true, 5, 512, 3e-3, 7, Progress.standard());
  }

  public TwoTower logQCorrection(boolean on) {
    return new TwoTower(embeddingDim, hidden, outputDim, temperature, on, epochs, batchSize, learningRate, seed,
        progress);
  }

  public TwoTower epochs(int e) {
    return new TwoTower(embeddingDim, hidden, outputDim, temperature, logQ, e, batchSize, learningRate, seed,
        progress);
  }

  public TwoTower batchSize(int b) {
    return new TwoTower(embeddingDim, hidden, outputDim, temperature, logQ, epochs, b, learningRate, seed,
        progress);
  }

  public TwoTower learningRate(double lr) {
    return new TwoTower(embeddingDim, hidden, outputDim, temperature, logQ, epochs, batchSize, lr, seed, progress);
  }

  public TwoTower temperature(double t) {
    return new TwoTower(embeddingDim, hidden, outputDim, t, logQ, epochs, batchSize, learningRate, seed, progress);
  }

  public TwoTower seed(long s) {
    return new TwoTower(embeddingDim, hidden, outputDim, temperature, logQ, epochs, batchSize, learningRate, s,
        progress);
  }

  public TwoTower progress(Progress p) {
    return new TwoTower(embeddingDim, hidden, outputDim, temperature, logQ, epochs, batchSize, learningRate, seed,
        p);
  }

  /** Settings, for reports. */
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("embeddingDim", embeddingDim);
    m.put("hidden", hidden);
    m.put("outputDim", outputDim);
    m.put("temperature", temperature);
    m.put("logQ", logQ);
    m.put("epochs", epochs);
    m.put("batchSize", batchSize);
    m.put("learningRate", learningRate);
    m.put("seed", seed);
    return m;
  }

  /** Trains on the clicks (label 1 rows) of {@code train}. */
  public TwoTowerModel fit(Samples train) {
    String userCol = train.schema().column(Role.USER).orElseThrow(() -> new IllegalArgumentException(
        "two-tower training needs a user column; declare it with .user(\"col\")"));
    String itemCol = train.schema().column(Role.ITEM).orElseThrow(() -> new IllegalArgumentException(
        "two-tower training needs an item column; declare it with .item(\"col\")"));
    String catCol = train.table().columnNames().contains("category") ? "category" : null;
    float[] y = train.labels();
    String[] users = train.strings(userCol);
    String[] items = train.strings(itemCol);
    String[] cats = catCol == null ? new String[items.length] : train.strings(catCol);
    Map<String, Integer> userIdx = new HashMap<>();
    Map<String, Integer> itemIdx = new HashMap<>();
    Map<String, Integer> catIdx = new HashMap<>();
    List<Integer> itemCatList = new ArrayList<>();
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0.5f) {
        continue;
      }
      int u = userIdx.computeIfAbsent(users[i], k -> userIdx.size() + 1); // 0 = unknown user
      int c = catIdx.computeIfAbsent(String.valueOf(cats[i]), k -> catIdx.size());
      Integer it = itemIdx.get(items[i]);
      if (it == null) {
        it = itemIdx.size();
        itemIdx.put(items[i], it);
        itemCatList.add(c);
      }
      pairs.add(new int[] {u, it});
    }
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("no clicks (label 1 rows) in " + train.describe());
    }
    int nItems = itemIdx.size();
    double[] counts = new double[nItems];
    for (int[] p : pairs) {
      counts[p[1]]++;
    }
    float[] logq = new float[nItems];
    for (int i = 0; i < nItems; i++) {
      logq[i] = (float) Math.log(counts[i] / pairs.size());
    }
    Device device = Devices.pick("auto");
    Engine.getInstance().setRandomSeed((int) seed);
    NDManager root = NDManager.newBaseManager(device);
    Tower tower = new Tower(root, userIdx.size() + 1, nItems, catIdx.size());
    NDArray itemCats = root.create(itemCatList.stream().mapToLong(Integer::longValue).toArray());
    NDArray logQArr = root.create(logq);
    Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) learningRate)).build();
    int n = pairs.size();
    long[] uAll = new long[n];
    long[] iAll = new long[n];
    for (int k = 0; k < n; k++) {
      uAll[k] = pairs.get(k)[0];
      iAll[k] = pairs.get(k)[1];
    }
    NDArray uArr = root.create(uAll);
    NDArray iArr = root.create(iAll);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      progress.checkCancelled();
      long t0 = System.nanoTime();
      try (NDManager em = root.newSubManager()) {
        int[] perm = Samples.permutation(n, seed * 31 + epoch);
        long[] pl = new long[n];
        for (int k = 0; k < n; k++) {
          pl[k] = perm[k];
        }
        NDArray p = em.create(pl);
        NDArray us = uArr.get(p);
        NDArray is = iArr.get(p);
        us.attach(em);
        is.attach(em);
        NDArray lossAcc = em.zeros(new Shape(1));
        for (int s = 0; s + 1 < n; s += batchSize) {
          int e = Math.min(n, s + batchSize);
          try (NDManager bm = em.newSubManager()) {
            NDArray ub = us.get(s + ":" + e);
            NDArray ib = is.get(s + ":" + e);
            ub.attach(bm);
            ib.attach(bm);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
              NDArray uv = tower.user(ub);
              NDArray iv = tower.item(ib, itemCats.get(ib));
              NDArray logits = uv.matMul(iv.transpose()).div((float) temperature);
              if (logQ) {
                logits = logits.sub(logQArr.get(ib).expandDims(0));
              }
              NDArray lsm = logits.logSoftmax(1);
              long b = e - s;
              NDArray loss = lsm.mul(bm.eye((int) b)).sum().neg().div((float) b);
              gc.backward(loss);
              lossAcc.addi(loss.stopGradient());
            }
            for (Parameter prm : tower.parameters) {
              NDArray arr = prm.getArray();
              try (NDArray g = arr.getGradient()) {
                adam.update(prm.getId(), arr, g);
              }
            }
          }
        }
        progress.update("two-tower" + (logQ ? " (logQ)" : ""), epoch, epochs, String.format(
            "loss %.4f  %.1fs", lossAcc.getFloat(0) / Math.ceil(n / (double) batchSize),
            (System.nanoTime() - t0) / 1e9));
      }
    }
    return new TwoTowerModel(root, tower, userCol, itemCol, userIdx, itemIdx, itemCats, parameters());
  }

  /** The two towers' parameters and forward passes. */
  final class Tower {
    final List<Parameter> parameters = new ArrayList<>();
    private final Parameter userEmb;
    private final Parameter itemEmb;
    private final Parameter catEmb;
    private final Parameter[] userMlp;
    private final Parameter[] itemMlp;

    Tower(NDManager m, int users, int items, int cats) {
      userEmb = param(m, "user_embedding", new Shape(users, embeddingDim), true);
      itemEmb = param(m, "item_embedding", new Shape(items, embeddingDim), true);
      catEmb = param(m, "category_embedding", new Shape(Math.max(1, cats), embeddingDim), true);
      userMlp = new Parameter[] {param(m, "user_w1", new Shape(hidden, embeddingDim), false),
          param(m, "user_b1", new Shape(hidden), false), param(m, "user_w2", new Shape(outputDim, hidden), false)};
      itemMlp = new Parameter[] {param(m, "item_w1", new Shape(hidden, 2L * embeddingDim), false),
          param(m, "item_b1", new Shape(hidden), false), param(m, "item_w2", new Shape(outputDim, hidden), false)};
    }

    private Parameter param(NDManager m, String name, Shape shape, boolean embedding) {
      boolean bias = name.contains("_b");
      Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape)
          .optInitializer(embedding ? new NormalInitializer(0.1f) : bias
              ? new ai.djl.training.initializer.ConstantInitializer(0f) : new XavierInitializer())
          .build();
      p.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32);
      parameters.add(p);
      return p;
    }

    NDArray user(NDArray users) {
      NDArray e = users.getNDArrayInternal().embedding(users, userEmb.getArray(), SparseFormat.DENSE).get(0);
      return mlp(e, userMlp);
    }

    NDArray item(NDArray items, NDArray cats) {
      NDArray e = items.getNDArrayInternal().embedding(items, itemEmb.getArray(), SparseFormat.DENSE).get(0);
      NDArray c = cats.getNDArrayInternal().embedding(cats, catEmb.getArray(), SparseFormat.DENSE).get(0);
      return mlp(ai.djl.ndarray.NDArrays.concat(new NDList(e, c), 1), itemMlp);
    }

    private NDArray mlp(NDArray x, Parameter[] p) {
      NDArray h = Activation.relu(x.getNDArrayInternal().linear(x, p[0].getArray(), p[1].getArray()).get(0));
      NDArray o = h.getNDArrayInternal().linear(h, p[2].getArray(), null).get(0);
      return o.div(o.norm(new int[] {1}, true).add(1e-6f));
    }
  }
}
