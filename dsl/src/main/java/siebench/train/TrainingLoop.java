package siebench.train;

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
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.BatchSource;
import siebench.features.EncodedData;
import siebench.features.FeatureLayout;
import siebench.features.FeatureEncoder;
import siebench.metrics.Groups;
import siebench.model.CtrNetwork;
import siebench.metrics.Metrics;

/**
 * The training loop, written for throughput: the whole training set is copied to the device once, shuffled
 * on the device once per epoch, and cut into contiguous batch views; the loss is accumulated on the device
 * and read back once per epoch (no per-step host synchronization); Adam runs as DJL's fused native update,
 * except on the embedding tables of a {@link CtrNetwork} with lazy {@link EmbeddingUpdates}, where the batch's rows
 * are gathered into small leaf arrays and updated by {@link LazyAdam}.
 * Seeded: parameter initialization uses the engine seed, shuffling a Java {@link java.util.Random}. For data
 * larger than memory, {@link #trainStreamed} reads a {@link BatchSource} chunk by chunk with the same optimizer step.
 */
public final class TrainingLoop {
  private TrainingLoop() {}

  /** What a run produced: the model (at its best validation epoch when early stopping), and the history. */
  public record Run(TrainedModel model, List<EpochStats> history, int bestEpoch, long steps, double seconds) {}

  /**
   * Trains {@code task.model()} on {@code train}, early-stopping on {@code validation} (may be null), calling
   * {@code listener} (may be null) after every epoch.
   */
  public static Run train(CtrTask task, FeatureEncoder encoder, EncodedData train, EncodedData validation,
      EpochListener listener) {
    return train(task, encoder, train, validation, listener, null);
  }

  /**
   * Like {@link #train(CtrTask, FeatureEncoder, EncodedData, EncodedData, EpochListener)}, also calling {@code
   * steps} (may be null) after every optimizer step with the batch's row positions and logits; only then does
   * the loop synchronize with the device once per step.
   */
  public static Run train(CtrTask task, FeatureEncoder encoder, EncodedData train, EncodedData validation,
      EpochListener listener, StepListener steps) {
    if (task.objective().needsPropensities()) {
      throw new IllegalStateException("objective '" + task.objective().name() + "' needs the samples' propensities; "
          + "train through CtrTask.fit (samples.train(task)), which derives the targets from them");
    }
    return train(task, encoder, train, validation, listener, steps, null, null);
  }

  /**
   * The model {@link #train} starts from, built and initialized exactly as there (engine seed {@code
   * task.seed()}, then the global bias at the log-odds of the weighted click rate): checkpoint 0, "at
   * initialization". The caller closes it.
   */
  public static TrainedModel initialModel(CtrTask task, FeatureEncoder encoder, BatchSource train) {
    Device device = Devices.pick(task.device());
    Engine engine = Engine.getInstance();
    engine.setRandomSeed((int) task.seed());
    NDManager root = NDManager.newBaseManager(device);
    Block block = task.model().build(train.layout());
    int f = train.layout().fields();
    int d = train.layout().dense();
    if (train.layout().hasHistory()) {
      block.initialize(root, DataType.FLOAT32, new Shape(1, f), new Shape(1, d),
          new Shape(1, train.layout().historyLength()));
    } else {
      block.initialize(root, DataType.FLOAT32, new Shape(1, f), new Shape(1, d));
    }
    TrainedModel model = new TrainedModel(task.model(), block, encoder, root);
    initializeBias(model.parameters(), train);
    return model;
  }

  /**
   * Trains with the targets in {@code train}'s labels ({@link Objective#targets}) and, for the pairwise
   * objective, the rows' query ids {@code groups} (kept together in minibatches; else null). With {@code
   * validationTargets} (the validation rows' targets under a pointwise propensity objective; else null), early
   * stopping follows the validation rows' unbiased loss instead of their click AUC, which is itself biased.
   */
  static Run train(CtrTask task, FeatureEncoder encoder, EncodedData train, EncodedData validation,
      EpochListener listener, StepListener stepListener, Groups groups, float[] validationTargets) {
    Objective objective = task.objective();
    if (task.lossModifier() != null && objective.kind() != Objective.Kind.BCE) {
      throw new IllegalStateException("a loss modifier (adaptive denoising) works with the bce objective only, not "
          + objective.name());
    }
    if ((groups != null) != objective.kind().perQuery()) {
      throw new IllegalArgumentException("query ids are needed by, and only by, the pairwise and listwise objectives");
    }
    TrainedModel model = initialModel(task, encoder, train);
    NDManager root = model.manager();
    Device device = root.getDevice();
    Block block = model.block();
    int f = train.layout().fields();
    int d = train.layout().dense();
    List<Parameter> params = model.parameters();

    int n = train.rows();
    NDArray catAll = root.create(train.cat(), new Shape(n, f));
    NDArray denseAll = root.create(train.dense(), new Shape(n, d));
    NDArray yAll = root.create(train.labels());
    NDArray wAll = root.create(train.weights());
    NDArray gAll = null;
    if (groups != null) {
      int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = groups.groupOf(i);
      }
      gAll = root.create(ids);
    }
    int hl = train.layout().historyLength();
    NDArray hAll = hl > 0 ? root.create(train.history(), new Shape(n, hl)) : null;
    int batch = Math.min(task.batchSize(), Math.max(1, n));
    Progress progress = task.progress();
    List<EpochStats> history = new ArrayList<>();
    double bestCriterion = Double.NEGATIVE_INFINITY;
    int bestEpoch = 0;
    List<NDArray> best = null;
    long steps = 0;
    long t0 = System.nanoTime();
    float[] wHost = train.weights();
    double wSum = 0;
    double wySum = 0;
    float[] yHost = train.labels();
    for (int i = 0; i < n; i++) {
      wSum += wHost[i];
      wySum += wHost[i] * yHost[i];
    }
    double rho = wySum / Math.max(wSum, 1e-12);
    Stepper stepper = new Stepper(task, model, train.layout(), rho);
    if (listener != null) {
      listener.beforeTraining(model);
    }
    progress.update("train " + task.model().name(), 0, task.epochs(), String.format("%,d rows, batch %d, %s", n,
        batch, device));
    for (int epoch = 1; epoch <= task.epochs(); epoch++) {
      progress.checkCancelled();
      long e0 = System.nanoTime();
      double lossSum;
      try (NDManager em = root.newSubManager()) {
        long permSeed = task.seed() * 1_000_003L + epoch;
        int[] perm = groups == null ? Samples.permutation(n, permSeed) : groupPermutation(groups, permSeed);
        long[] permL = new long[n];
        for (int i = 0; i < n; i++) {
          permL[i] = perm[i];
        }
        NDArray p = em.create(permL);
        NDArray cat = catAll.get(p);
        NDArray dense = denseAll.get(p);
        NDArray y = yAll.get(p);
        NDArray w = wAll.get(p);
        NDArray hist = hAll == null ? null : hAll.get(p);
        NDArray grp = gAll == null ? null : gAll.get(p);
        for (NDArray a : new NDArray[] {cat, dense, y, w, hist, grp}) {
          if (a != null) {
            a.attach(em);
          }
        }
        NDArray lossAcc = em.zeros(new Shape(1));
        for (int start = 0; start < n; start += batch) {
          int end = Math.min(n, start + batch);
          float[] batchLogits = null;
          try (NDManager bm = em.newSubManager()) {
            NDArray cb = cat.get(TrainedModel.rows(start, end));
            NDArray db = dense.get(TrainedModel.rows(start, end));
            NDArray yb = y.get(TrainedModel.rows(start, end));
            NDArray wb = w.get(TrainedModel.rows(start, end));
            NDList inputs = new NDList(cb, db);
            if (hist != null) {
              inputs.add(hist.get(TrainedModel.rows(start, end)));
            }
            for (NDArray a : inputs) {
              a.attach(bm);
            }
            yb.attach(bm);
            wb.attach(bm);
            NDArray gb = grp == null ? null : grp.get(TrainedModel.rows(start, end));
            batchLogits = stepper.step(bm, inputs, yb, wb, gb, epoch, steps, lossAcc, stepListener != null);
            steps++;
          }
          if (stepListener != null) {
            stepListener.afterStep(epoch, steps, java.util.Arrays.copyOfRange(perm, start, end), batchLogits, model);
          }
          if ((steps & 15) == 0) {
            progress.checkCancelled();
          }
        }
        lossSum = lossAcc.getFloat(0);
      }
      double trainLoss = epochLoss(lossSum, wSum, epoch, task, root);
      double vAuc = Double.NaN;
      double vLoss = Double.NaN;
      double criterion = Double.NaN; // higher is better
      if (validation != null && validation.rows() > 0) {
        double[] pv = model.predict(validation);
        vAuc = Metrics.auc(validation.labels(), pv);
        vLoss = validationTargets == null ? Metrics.logLoss(validation.labels(), pv)
            : objective.pointwiseLoss(validationTargets, pv);
        criterion = validationTargets == null ? vAuc : -vLoss;
      }
      double secs = (System.nanoTime() - e0) / 1e9;
      history.add(new EpochStats(epoch, trainLoss, vAuc, vLoss, secs));
      progress.update("train " + task.model().name(), epoch, task.epochs(), (Double.isNaN(vAuc)
          ? String.format("loss %.5f", trainLoss)
          : String.format("loss %.5f  val AUC %.4f  val %s %.5f", trainLoss, vAuc,
              validationTargets == null ? "logloss" : objective.name() + " loss", vLoss))
          + String.format("  %.0f samples/s", n / secs));
      if (listener != null) {
        listener.afterEpoch(epoch, model);
      }
      if (task.patience() > 0 && !Double.isNaN(criterion)) {
        if (criterion > bestCriterion) {
          bestCriterion = criterion;
          bestEpoch = epoch;
          if (epoch < task.epochs()) {
            best = snapshot(params, best, root);
          }
        } else if (epoch - bestEpoch >= task.patience()) {
          progress.update("train " + task.model().name(), epoch, task.epochs(),
              "early stop: no validation " + (validationTargets == null ? "AUC" : objective.name() + " loss")
                  + " gain for " + task.patience() + " epochs; best epoch " + bestEpoch);
          break;
        }
      } else {
        bestEpoch = epoch;
      }
    }
    if (best != null && bestEpoch < history.size()) {
      for (int i = 0; i < params.size(); i++) {
        best.get(i).copyTo(params.get(i).getArray());
      }
    }
    if (best != null) {
      best.forEach(NDArray::close);
    }
    catAll.close();
    denseAll.close();
    yAll.close();
    wAll.close();
    if (gAll != null) {
      gAll.close();
    }
    if (hAll != null) {
      hAll.close();
    }
    return new Run(model, history, bestEpoch, steps, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * One optimizer step on a batch: forward, the objective's loss, backward, then Adam (DJL's fused update, or
   * {@link LazyAdam} on the batch's embedding rows). Shared by the in-memory and the streaming loops.
   */
  private static final class Stepper {
    final CtrTask task;
    final Objective objective;
    final Block block;
    final ParameterStore store;
    final List<Parameter> params;
    final Optimizer adam;
    final LazyAdam lazy;
    final Parameter embeddingParam;
    final Parameter linearParam;
    final Engine engine = Engine.getInstance();
    final double rho;

    Stepper(CtrTask task, TrainedModel model, FeatureLayout layout, double rho) {
      this.task = task;
      this.objective = task.objective();
      this.block = model.block();
      this.store = model.store();
      this.params = model.parameters();
      this.adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) task.learningRate()))
          .optWeightDecays((float) task.weightDecay()).build();
      this.lazy = task.embeddingUpdates().lazy(block, layout)
          ? new LazyAdam((float) task.learningRate(), (float) task.weightDecay(), model.manager()) : null;
      this.embeddingParam = lazy == null ? null : named(params, "embedding");
      this.linearParam = lazy == null ? null : named(params, "linear");
      this.rho = rho;
    }

    /** Steps on the batch; adds its weighted loss to {@code lossAcc}; returns its logits when asked, else null. */
    float[] step(NDManager bm, NDList inputs, NDArray yb, NDArray wb, NDArray gb, int epoch, long steps,
        NDArray lossAcc, boolean wantLogits) {
      NDArray cb = inputs.get(0);
      float[] logits = null;
      PairList<String, Object> batchParams = null;
      CtrNetwork.BatchRows batchRows = null;
      NDArray rows = null;
      if (lazy != null) {
        // sparse updates: gather the batch's table rows into small leaf arrays, so that backward computes
        // gradients for those rows only and the optimizer touches only them
        NDList u = cb.unique(true, true, false);
        rows = u.get(0);
        NDArray e = embeddingParam == null ? null : gatherLeaf(embeddingParam, rows);
        NDArray l = linearParam == null ? null : gatherLeaf(linearParam, rows);
        for (NDArray a : new NDArray[] {rows, u.get(1), e, l}) {
          if (a != null) {
            a.attach(bm);
          }
        }
        batchRows = new CtrNetwork.BatchRows(u.get(1).reshape(cb.getShape()), e, l);
        batchParams = new PairList<>();
        batchParams.add(CtrNetwork.BATCH_ROWS, batchRows);
      }
      try (GradientCollector gc = engine.newGradientCollector()) {
        NDArray z = block.forward(store, inputs, true, batchParams).get(0);
        NDArray wEff = wb;
        if (task.lossModifier() != null) {
          wEff = wb.mul(task.lossModifier().multipliers(Losses.bce(z, yb).stopGradient(), yb, epoch, steps)
              .stopGradient());
        }
        NDArray loss = objective.loss(z, yb, wEff, gb, rho);
        gc.backward(loss);
        lossAcc.addi(loss.mul(wEff.sum()).stopGradient());
        if (wantLogits) {
          logits = z.toFloatArray();
        }
      }
      for (Parameter prm : params) {
        NDArray arr = prm.getArray();
        if (batchRows != null && prm == embeddingParam) {
          lazy.updateRows(prm.getId(), arr, rows, batchRows.embedding().getGradient());
        } else if (batchRows != null && prm == linearParam) {
          lazy.updateRows(prm.getId(), arr, rows, batchRows.linear().getGradient());
        } else {
          try (NDArray g = arr.getGradient()) {
            adam.update(prm.getId(), arr, g);
          }
        }
      }
      return logits;
    }
  }

  /** Rows per chunk of the streamed loop's approximate shuffle (rounded up to whole batches). */
  public static final int CHUNK_ROWS = 1 << 16;

  /**
   * Trains {@code task.model()} on rows read range by range from {@code train} (an {@link
   * siebench.features.EncodedCache} for data larger than memory), reporting the training loss and, when {@code
   * validation} is given, its AUC and log loss after every epoch; runs all {@code task.epochs()} epochs (no early
   * stopping: the best epoch's parameters would be a second model in memory).
   *
   * <p>The shuffle is chunked and approximate, as in streaming CTR pipelines: each epoch visits chunks of {@link
   * #CHUNK_ROWS} rows (rounded up to whole batches) in a seeded random order and the rows of each chunk in a
   * seeded random order; batches never straddle chunks. Every row is visited exactly once per epoch. A batch
   * holds rows of one chunk, i.e. of one contiguous stretch of the file, so rows far apart in the file never share
   * a batch. With one chunk (fewer rows than a chunk) the order is exactly {@link #train}'s, so both loops give
   * the same model.
   */
  public static Run trainStreamed(CtrTask task, FeatureEncoder encoder, BatchSource train, EncodedData validation,
      EpochListener listener) {
    int batch = Math.max(1, task.batchSize());
    int chunk = (int) Math.min(Integer.MAX_VALUE / 2, (long) batch * ((CHUNK_ROWS + batch - 1) / batch));
    return trainStreamed(task, encoder, train, validation, listener, chunk);
  }

  static Run trainStreamed(CtrTask task, FeatureEncoder encoder, BatchSource train, EncodedData validation,
      EpochListener listener, int chunkRows) {
    Objective objective = task.objective();
    if (objective.needsPropensities() || objective.kind().perQuery()) {
      throw new IllegalStateException("objective '" + objective.name() + "' needs propensities or query groups; "
          + "the streamed loop trains pointwise objectives on encoded rows only");
    }
    if (task.lossModifier() != null && objective.kind() != Objective.Kind.BCE) {
      throw new IllegalStateException("a loss modifier (adaptive denoising) works with the bce objective only, not "
          + objective.name());
    }
    if (train.layout().hasHistory()) {
      throw new IllegalArgumentException("the streamed loop reads no behavior histories; train sequence models in "
          + "memory");
    }
    TrainedModel model = initialModel(task, encoder, train);
    try {
      NDManager root = model.manager();
      int f = train.layout().fields();
      int d = train.layout().dense();
      long n = train.size();
      double[] sums = train.weightedLabelSums();
      double wSum = sums[0];
      double rho = sums[1] / Math.max(wSum, 1e-12);
      Stepper stepper = new Stepper(task, model, train.layout(), rho);
      int batch = (int) Math.max(1, Math.min(task.batchSize(), n));
      int chunks = (int) ((n + chunkRows - 1) / chunkRows);
      Progress progress = task.progress();
      String name = "train " + task.model().name();
      List<EpochStats> history = new ArrayList<>();
      long steps = 0;
      long t0 = System.nanoTime();
      if (listener != null) {
        listener.beforeTraining(model);
      }
      progress.update(name, 0, task.epochs(), String.format("%,d rows streamed in %,d chunks of %,d, batch %d, %s", n,
          chunks, chunkRows, batch, root.getDevice()));
      for (int epoch = 1; epoch <= task.epochs(); epoch++) {
        progress.checkCancelled();
        long e0 = System.nanoTime();
        long permSeed = task.seed() * 1_000_003L + epoch;
        int[] order = chunkOrder(chunks, permSeed);
        double lossSum = 0;
        long done = 0;
        long nextReport = 1_000_000;
        for (int c : order) {
          long start0 = (long) c * chunkRows;
          int m = (int) Math.min(chunkRows, n - start0);
          EncodedData rows = train.read(start0, m).subset(rowOrder(m, c, permSeed));
          try (NDManager em = root.newSubManager()) {
            NDArray cat = em.create(rows.cat(), new Shape(m, f));
            NDArray dense = em.create(rows.dense(), new Shape(m, d));
            NDArray y = em.create(rows.labels());
            NDArray w = em.create(rows.weights());
            NDArray lossAcc = em.zeros(new Shape(1));
            for (int start = 0; start < m; start += batch) {
              int end = Math.min(m, start + batch);
              try (NDManager bm = em.newSubManager()) {
                NDList inputs = new NDList(cat.get(TrainedModel.rows(start, end)),
                    dense.get(TrainedModel.rows(start, end)));
                NDArray yb = y.get(TrainedModel.rows(start, end));
                NDArray wb = w.get(TrainedModel.rows(start, end));
                for (NDArray a : inputs) {
                  a.attach(bm);
                }
                yb.attach(bm);
                wb.attach(bm);
                stepper.step(bm, inputs, yb, wb, null, epoch, steps, lossAcc, false);
                steps++;
              }
              if ((steps & 15) == 0) {
                progress.checkCancelled();
              }
            }
            lossSum += lossAcc.getFloat(0);
          }
          done += m;
          if (done >= nextReport && done < n) {
            nextReport += 1_000_000;
            double secs = (System.nanoTime() - e0) / 1e9;
            progress.update(name + " epoch " + epoch, done, n, String.format("rows, loss %.5f, %.0f samples/s",
                lossSum / Math.max(1e-12, wSum * done / (double) n), done / secs));
          }
        }
        double trainLoss = epochLoss(lossSum, wSum, epoch, task, root);
        double vAuc = Double.NaN;
        double vLoss = Double.NaN;
        if (validation != null && validation.rows() > 0) {
          double[] pv = model.predict(validation);
          vAuc = Metrics.auc(validation.labels(), pv);
          vLoss = Metrics.logLoss(validation.labels(), pv);
        }
        double secs = (System.nanoTime() - e0) / 1e9;
        history.add(new EpochStats(epoch, trainLoss, vAuc, vLoss, secs));
        progress.update(name, epoch, task.epochs(), (Double.isNaN(vAuc) ? String.format("loss %.5f", trainLoss)
            : String.format("loss %.5f  val AUC %.4f  val logloss %.5f", trainLoss, vAuc, vLoss))
            + String.format("  %.0f samples/s", n / secs));
        if (listener != null) {
          listener.afterEpoch(epoch, model);
        }
      }
      return new Run(model, history, task.epochs(), steps, (System.nanoTime() - t0) / 1e9);
    } catch (RuntimeException e) {
      model.close(); // cancelled or failed: free the model's native memory
      throw e;
    }
  }

  /** The order in which an epoch of the streamed loop visits its chunks: seeded, the identity for one chunk. */
  static int[] chunkOrder(int chunks, long permSeed) {
    return chunks == 1 ? new int[] {0} : Samples.permutation(chunks, permSeed ^ 0x5DEECE66DL);
  }

  /**
   * The order in which the streamed loop visits the {@code m} rows of chunk {@code c} (positions within the chunk);
   * for chunk 0 it is {@link #train}'s epoch permutation.
   */
  static int[] rowOrder(int m, int c, long permSeed) {
    return Samples.permutation(m, permSeed + c * 0x9E3779B97F4A7C15L);
  }

  /** The epoch's mean training loss; a NaN closes the model's manager and fails with what to change. */
  private static double epochLoss(double lossSum, double wSum, int epoch, CtrTask task, NDManager root) {
    double loss = lossSum / Math.max(wSum, 1e-12);
    if (Double.isNaN(loss)) {
      root.close();
      throw new IllegalStateException("training diverged (loss is NaN) at epoch " + epoch
          + "; lower the learning rate (now " + task.learningRate() + ")");
    }
    return loss;
  }

  private static Parameter named(List<Parameter> params, String name) {
    return params.stream().filter(p -> p.getName().equals(name)).findFirst().orElse(null);
  }

  /** Rows {@code rows} of the parameter's table as a new leaf array that records its own gradient. */
  private static NDArray gatherLeaf(Parameter p, NDArray rows) {
    // the gathered rows belong to the parameter's (the model's) manager: closed here, or every step would keep them
    // until the model is closed (about 30 MB per 65k rows of Criteo-shaped DeepFM); the detached copy shares their
    // storage and lives on
    try (NDArray gathered = p.getArray().get(new ai.djl.ndarray.index.NDIndex("{}", rows))) {
      NDArray a = gathered.stopGradient();
      a.setRequiresGradient(true);
      return a;
    }
  }

  /**
   * A seeded permutation that keeps each group's rows together (groups in random order, rows of a group in
   * their original order), so that minibatches hold whole queries.
   */
  static int[] groupPermutation(Groups groups, long seed) {
    int[] perm = new int[groups.rows()];
    int m = 0;
    for (int g : Samples.permutation(groups.count(), seed)) {
      for (int i : groups.members(g)) {
        perm[m++] = i;
      }
    }
    return perm;
  }

  /**
   * Starts the global bias at the log-odds of the (weighted) training click rate, so that training does not
   * spend its first steps learning the base rate (which at low CTRs and small learning rates can take most of
   * a short run).
   */
  static void initializeBias(List<Parameter> params, BatchSource train) {
    double[] sums = train.weightedLabelSums();
    double pos = sums[1];
    double all = sums[0];
    if (all <= 0 || pos <= 0 || pos >= all) {
      return;
    }
    double rate = pos / all;
    for (Parameter p : params) {
      if (p.getName().equals("bias") && p.getArray().getShape().size() == 1) {
        p.getArray().set(new float[] {(float) Math.log(rate / (1 - rate))});
      }
    }
  }

  private static List<NDArray> snapshot(List<Parameter> params, List<NDArray> previous, NDManager root) {
    if (previous != null) {
      previous.forEach(NDArray::close);
    }
    List<NDArray> copy = new ArrayList<>();
    for (Parameter p : params) {
      NDArray c = p.getArray().duplicate();
      c.attach(root);
      copy.add(c);
    }
    return copy;
  }
}
