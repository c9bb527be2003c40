package siebench.retrieval;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import siebench.core.Progress;
import siebench.data.Role;
import siebench.data.Samples;
import siebench.features.FeatureLayout;
import siebench.model.Models;
import siebench.model.TwoTowerNetwork;
import siebench.train.Devices;

/**
 * Two-tower retrieval (Yi et al. 2019, RecSys, "Sampling-Bias-Corrected Neural Modeling for Large Corpus Item
 * Recommendations"): a user tower (user-id embedding, MLP) and an item tower (item-id and category
 * embeddings, MLP) map to L2-normalized vectors; training uses in-batch negatives with a softmax over {@code
 * <u, v> / temperature}, optionally with the logQ correction {@code - log q_j}, where {@code q_j} is item j's
 * share of the training clicks (its probability of appearing as an in-batch negative). The towers are those of
 * {@link TwoTowerNetwork} (the two-tower model of the training loop, trained there with BCE or BPR on sampled
 * negatives); this class adds the in-batch softmax training over their normalized outputs. Immutable settings;
 * {@link #fit(Samples)} trains on the click rows (label 1) of the samples, which need user and item roles and
 * may have a {@code category} column.
 */
public final class TwoTower {
  /** The fields of the towers' layout: the user tower reads user_id, the item tower the item id and category. */
  static final List<String> FIELDS = List.of("user_id", "item_id", "category");

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
    // the towers are those of siebench.model.TwoTowerNetwork: user tower over user_id, item tower over the item id
    // and its category; only the training (in-batch softmax, normalized outputs, logQ) is specific to retrieval
    FeatureLayout layout = new FeatureLayout(FIELDS, new int[] {userIdx.size() + 1, nItems,
        Math.max(1, catIdx.size())}, List.of());
    TwoTowerNetwork net = Models.twoTower().embeddingDim(embeddingDim).hidden(hidden).outputDim(outputDim)
        .build(layout);
    net.initialize(root, DataType.FLOAT32, new Shape(1, FIELDS.size()), new Shape(1, 0));
    List<Parameter> parameters = new ArrayList<>();
    net.getParameters().forEach(p -> parameters.add(p.getValue()));
    long[] off = layout.offsets();
    long[] itemCats = itemCatList.stream().mapToLong(Integer::longValue).toArray();
    NDArray logQArr = root.create(logq);
    Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) learningRate)).build();
    int n = pairs.size();
    long[] rows = new long[n * 3];
    long[] iAll = new long[n];
    for (int k = 0; k < n; k++) {
      int it = pairs.get(k)[1];
      rows[k * 3] = off[0] + pairs.get(k)[0];
      rows[k * 3 + 1] = off[1] + it;
      rows[k * 3 + 2] = off[2] + itemCats[it];
      iAll[k] = it;
    }
    NDArray rowArr = root.create(rows, new Shape(n, 3));
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
        NDArray rs = rowArr.get(p);
        NDArray is = iArr.get(p);
        rs.attach(em);
        is.attach(em);
        NDArray lossAcc = em.zeros(new Shape(1));
        for (int s = 0; s + 1 < n; s += batchSize) {
          int e = Math.min(n, s + batchSize);
          try (NDManager bm = em.newSubManager()) {
            NDArray rb = rs.get(s + ":" + e);
            NDArray ib = is.get(s + ":" + e);
            rb.attach(bm);
            ib.attach(bm);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
              NDArray uv = normalized(net.userVectors(null, rb, true));
              NDArray iv = normalized(net.itemVectors(null, rb, true));
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
            for (Parameter prm : parameters) {
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
    return new TwoTowerModel(root, net, off, userCol, itemCol, userIdx, itemIdx, itemCats, parameters());
  }

  /** The tower outputs scaled to unit length (Yi et al. 2019, Sec. 4.2). */
  static NDArray normalized(NDArray o) {
    return o.div(o.norm(new int[] {1}, true).add(1e-6f));
  }
}
