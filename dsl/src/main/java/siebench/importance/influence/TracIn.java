package siebench.importance.influence;

import java.util.LinkedHashMap;
import java.util.Map;
import siebench.core.CostMeter;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.model.SequenceNetwork;
import siebench.train.CtrTask;
import siebench.train.EpochListener;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/**
 * TracIn, checkpoint version (TracInCP) of Pruthi, Liu, Kale and Sundararajan 2020, "Estimating Training Data
 * Influence by Tracing Gradient Descent" (NeurIPS 2020):
 *
 * <pre>
 *   TracIn(z) = sum_c eta_c * w_z * grad l(z; theta_c) . (1/m) sum_{z' in validation} grad l(z'; theta_c)
 * </pre>
 *
 * over checkpoints {@code theta_c} taken after training epochs of the context's task (trained here once, on
 * the training rows, seeded with the context's seed, without early stopping), {@code eta_c} the task's learning
 * rate, {@code w_z} the row's sample weight and {@code l} the per-row binary cross-entropy. By default the
 * validation gradients are averaged ({@link #sumOverValidation()} sums them). The sum over validation rows is
 * taken before the dot product (one reference vector per checkpoint), so the cost is linear in training plus
 * validation rows.
 *
 * <p><b>Sign.</b> A positive score marks a proponent: a gradient step on the row lowers the validation loss, so
 * higher = more valuable; negative scores are opponents (harmful rows, where mislabeled ones concentrate).
 * Without a validation set (or with {@link #selfInfluence()}) the score is the self-influence {@code sum_c
 * eta_c w_z |grad l(z; theta_c)|^2} (always >= 0), which the paper uses to surface mislabeled and atypical
 * rows: there higher = more self-influential, not more valuable.
 *
 * <p><b>Gradients.</b> {@link GradientScope#LAST_LAYER} (default, one forward pass per checkpoint) or {@link
 * GradientScope#ALL_PARAMETERS} (exact, batched, about one epoch's cost per checkpoint; for DIN and BST the
 * per-sample gradients are materialized); see {@link GradientScope}. The trainer uses Adam; like the paper's
 * practical variant, TracInCP here uses the nominal learning rate and plain gradients (Adam's per-coordinate
 * preconditioning is not applied), and it omits the {@code 1/batch} factor of a mini-batch step (a constant for
 * unweighted data, so rankings are unaffected).
 *
 * <p><b>Cost.</b> One training run (the context's task, seeded with the context's seed, no early stopping) plus,
 * per checkpoint, one forward pass (last layer) or about one epoch of forward and backward passes (all
 * parameters) over the training rows, and the same over the validation rows. Measured on 50,000 synthetic rows
 * with the default DeepFM (2 epochs, 2 shared CPU cores): plain training 21 s, TracIn last-layer 31 s,
 * all-parameters 50 s. Memory: one reference gradient per checkpoint (the size of the model for all
 * parameters), nothing per row but the score.
 *
 * <p><b>Projection.</b> {@link #projectTo(int)} replaces each gradient {@code (p - y) [x, 1]} (the last-layer
 * features or the logit's gradient over all parameters but the output bias, see {@link GradientDesign}) by
 * {@code (p - y) [P x, 1]} with a seeded {@code d x p} Johnson-Lindenstrauss matrix {@code P} ({@link
 * Projection}), as TRAK (Park et al. 2023) does before forming gradient inner products; {@code E[P'P] = I}, so
 * the projected scores are unbiased for the exact ones. The same {@code P} (seeded with the context's seed) is
 * used at every checkpoint. With all parameters the per-sample gradients are materialized batch by batch
 * ({@link Jacobians}), which costs O(rows x parameters x d).
 *
 * <p>Immutable; each setter returns a new estimator. Reports progress per checkpoint and honours cancellation.
 */
public final class TracIn implements ImportanceEstimator {
  private final GradientScope scope;
  private final boolean average;
  private final boolean self;
  private final int checkpointEvery;
  private final int batchSize;
  private int projectTo;
  private Projection.Kind projectionKind = Projection.Kind.RADEMACHER;

  TracIn(GradientScope scope, boolean average, boolean self, int checkpointEvery, int batchSize) {
    if (scope == null) {
      throw new IllegalArgumentException("gradient scope must not be null");
    }
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException("checkpointEvery must be >= 1 epoch, got " + checkpointEvery);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    this.scope = scope;
    this.average = average;
    this.self = self;
    this.checkpointEvery = checkpointEvery;
    this.batchSize = batchSize;
  }

  /** Last-layer gradients, averaged over validation rows, a checkpoint after every epoch. */
  public static TracIn defaults() {
    return new TracIn(GradientScope.LAST_LAYER, true, false, 1, 4096);
  }

  /** Gradients of the last layer only (the default; closed form, scalable). */
  public TracIn lastLayer() {
    return scope(GradientScope.LAST_LAYER);
  }

  /** Exact gradients of all parameters (batched; about one epoch's cost per checkpoint). */
  public TracIn allParameters() {
    return scope(GradientScope.ALL_PARAMETERS);
  }

  public TracIn scope(GradientScope s) {
    return new TracIn(s, average, self, checkpointEvery, batchSize).copyOptions(this);
  }

  /** Sums (instead of averages) the validation gradients: scores scale with the validation set's size. */
  public TracIn sumOverValidation() {
    return new TracIn(scope, false, self, checkpointEvery, batchSize).copyOptions(this);
  }

  /** Averages the validation gradients (the default). */
  public TracIn averageOverValidation() {
    return new TracIn(scope, true, self, checkpointEvery, batchSize).copyOptions(this);
  }

  /** Self-influence even when the context has a validation set. */
  public TracIn selfInfluence() {
    return new TracIn(scope, average, true, checkpointEvery, batchSize).copyOptions(this);
  }

  /** A checkpoint after every {@code k}-th epoch (and always after the last one). */
  public TracIn checkpointEvery(int k) {
    return new TracIn(scope, average, self, k, batchSize).copyOptions(this);
  }

  /** Rows per gradient batch (memory vs. speed; results do not depend on it beyond float rounding). */
  public TracIn batchSize(int b) {
    return new TracIn(scope, average, self, checkpointEvery, b).copyOptions(this);
  }

  private TracIn copyOptions(TracIn from) {
    this.projectTo = from.projectTo;
    this.projectionKind = from.projectionKind;
    return this;
  }

  /** Projects the per-sample gradients to {@code d} dimensions with a seeded JL matrix; 0 = no projection. */
  public TracIn projectTo(int d) {
    if (d < 0) {
      throw new IllegalArgumentException("projection dimension must be >= 1 (or 0 for none), got " + d);
    }
    TracIn t = new TracIn(scope, average, self, checkpointEvery, batchSize).copyOptions(this);
    t.projectTo = d;
    return t;
  }

  /** The distribution of the projection's entries (Rademacher by default). */
  public TracIn projection(Projection.Kind kind) {
    if (kind == null) {
      throw new IllegalArgumentException("projection kind must not be null");
    }
    TracIn t = new TracIn(scope, average, self, checkpointEvery, batchSize).copyOptions(this);
    t.projectionKind = kind;
    return t;
  }

  @Override
  public String name() {
    return InfluenceFunctions.composeName("tracin", scope == GradientScope.ALL_PARAMETERS, null, projectTo);
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gradients", scope == GradientScope.LAST_LAYER ? "last-layer" : "all-parameters");
    m.put("validation", average ? "mean" : "sum");
    m.put("selfInfluence", self);
    m.put("checkpointEvery", checkpointEvery);
    m.put("batchSize", batchSize);
    if (projectTo > 0) {
      m.put("projection", projectTo + " (" + projectionKind.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
    return m;
  }

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    CostMeter meter = new CostMeter();
    Progress progress = context.progress();
    CtrTask task = context.task().seed(context.seed()).progress(progress);
    boolean useValidation = !self && context.hasValidation();
    FeatureEncoder encoder = FeatureEncoder.fit(train);
    EncodedData tr = encoder.encode(train);
    EncodedData va = useValidation ? encoder.encode(context.validation()) : null;
    if (va != null && va.rows() == 0) {
      throw new IllegalArgumentException("TracIn: the validation set " + context.validation().describe()
          + " is empty");
    }
    double[] scores = new double[tr.rows()];
    float[] w = tr.weights();
    int epochs = task.epochs();
    int checkpoints = 0;
    for (int e = 1; e <= epochs; e++) {
      checkpoints += isCheckpoint(e, epochs) ? 1 : 0;
    }
    int total = checkpoints;
    int[] done = {0};
    double lr = task.learningRate();
    double scale = va != null && average ? 1.0 / va.rows() : 1.0;
    EpochListener listener = (epoch, model) -> {
      if (!isCheckpoint(epoch, epochs)) {
        return;
      }
      double[] d = projectTo > 0 ? projectedCheckpoint(model, tr, va, context.seed(), progress)
          : checkpoint(model, tr, va, progress);
      meter.evaluations(tr.rows() + (va == null ? 0 : va.rows()));
      for (int i = 0; i < scores.length; i++) {
        scores[i] += lr * w[i] * scale * d[i];
      }
      meter.sample();
      done[0]++;
      progress.update("tracin checkpoints", done[0], total, "epoch " + epoch + (va == null ? ", self-influence"
          : ", " + va.rows() + " validation rows") + ", " + parameters().get("gradients") + " gradients");
    };
    TrainingLoop.Run run = TrainingLoop.train(task, encoder, tr, null, listener);
    meter.training();
    run.model().close();
    Map<String, Object> p = new LinkedHashMap<>(parameters());
    p.put("target", va == null ? "self-influence" : "validation");
    p.put("checkpoints", total);
    p.put("learningRate", lr);
    p.put("model", task.model().name());
    return new Importance(name(), p, tr.rowIds(), scores, Importance.Cost.of(meter))
        .withMeaning(va == null ? Importance.Meaning.HARDNESS : Importance.Meaning.VALUE);
  }

  private boolean isCheckpoint(int epoch, int epochs) {
    return epoch % checkpointEvery == 0 || epoch == epochs;
  }

  /** {@link #checkpoint} on gradients projected by the seeded matrix of {@link #projectTo(int)}. */
  double[] projectedCheckpoint(TrainedModel model, EncodedData train, EncodedData validation, long seed,
      Progress progress) {
    Projection p = Projection.random(projectionKind, projectTo, GradientDesign.dimension(model, scope), seed);
    GradientDesign.Side t;
    GradientDesign.Side v = null;
    if (scope == GradientScope.ALL_PARAMETERS) {
      t = GradientDesign.allParameters(model, train, p, batchSize, progress);
      if (validation != null) {
        v = GradientDesign.allParameters(model, validation, p, batchSize, progress);
      }
    } else {
      GradientDesign.Side raw = GradientDesign.lastLayer(model, train, batchSize, progress);
      t = new GradientDesign.Side(p.project(raw.design()), raw.logits());
      if (validation != null) {
        GradientDesign.Side rv = GradientDesign.lastLayer(model, validation, batchSize, progress);
        v = new GradientDesign.Side(p.project(rv.design()), rv.logits());
      }
    }
    return GradientDesign.dotsOrNorms(t, train.labels(), v, validation == null ? null : validation.labels());
  }

  /**
   * One checkpoint's unscaled terms: {@code g_i . sum_v g_v} (or {@code |g_i|^2} when {@code validation} is
   * null) for each training row.
   */
  double[] checkpoint(TrainedModel model, EncodedData train, EncodedData validation, Progress progress) {
    if (scope == GradientScope.ALL_PARAMETERS && model.block() instanceof SequenceNetwork) {
      // per-sample gradients of layers shared over history positions: materialized rows (see Jacobians)
      return GradientDesign.dotsOrNorms(GradientDesign.allParameters(model, train, null, batchSize, progress),
          train.labels(), validation == null ? null : GradientDesign.allParameters(model, validation, null,
              batchSize, progress), validation == null ? null : validation.labels());
    }
    if (scope == GradientScope.ALL_PARAMETERS) {
      return FullGradients.dotsOrNorms(model, train, validation, batchSize, progress);
    }
    double[] reference = validation == null ? null
        : LastLayerGradients.sum(model, validation, batchSize, progress);
    return LastLayerGradients.dotsOrNorms(model, train, reference, batchSize, progress);
  }
}
