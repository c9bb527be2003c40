package siebench.importance.influence;

import java.util.LinkedHashMap;
import java.util.Map;
import siebench.core.CostMeter;
import siebench.core.Numerics;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.model.Architecture;
import siebench.model.CtrNetwork;
import siebench.model.NetworkSpec;
import siebench.train.CtrTask;
import siebench.train.TrainedModel;
import siebench.train.TrainingLoop;

/**
 * Influence functions of Koh and Liang 2017, "Understanding Black-box Predictions via Influence Functions"
 * (ICML 2017), computed exactly for an L2-regularized logistic regression.
 *
 * <p><b>Which model.</b> When the context's task model is logistic regression, the LR itself is refitted here to
 * its exact optimum by Newton-CG on the one-hot encoded features ({@code [onehot(categorical), dense, 1]}, the
 * LR network's own parameterization): influence functions assume the first-order condition, which an Adam run
 * only approximates, so no DJL training is done. For deeper models (FM, DeepFM, DCN-v2) the network is trained
 * once with the task's settings and frozen, and the last layer is treated as a logistic regression on fixed
 * features with the network's logit as offset: {@code z_i = z_net_i + theta . phi_i}, {@code phi_i = [h_i, 1]}
 * (DeepFM, DCN-v2: the output layer over the representation) or {@code [onehot, dense, 1]} (FM: the first-order
 * part); {@code theta} (the change of those weights, L2-penalized towards the trained network) is fitted to the
 * optimum by Newton-CG.
 *
 * <p><b>Objective and removal.</b> {@code R(theta) = (1/W) sum_i w_i l_i + (lambda/2)|theta|^2} (intercept not
 * penalized), {@code W} the sum of training weights. Removing row {@code i} sets {@code w_i = 0} with {@code W}
 * and {@code lambda} unchanged, i.e. upweights it by {@code epsilon = -w_i/W}. With {@code H} the Hessian of
 * {@code R} at the optimum and {@code L_val} the mean validation BCE, the influence of upweighting is {@code
 * I_up,loss(z_i) = -grad L_val' H^{-1} grad l_i}, so the predicted leave-one-out change of validation loss is
 *
 * <pre>
 *   Delta L_val(remove i) ~= (w_i / W) * grad L_val' H^{-1} grad l_i .
 * </pre>
 *
 * <p><b>Score and sign.</b> The score is that predicted change: positive = removing the row would INCREASE the
 * validation loss, so higher = more valuable; negative = harmful. {@code H^{-1} grad L_val} is solved once by
 * conjugate gradient with Hessian-vector products in closed form ({@code H v = X' diag(w p (1-p)/W) X v +
 * lambda v}), so the cost is one Newton fit plus one CG solve plus one pass over the rows; the CG iterations and
 * final relative residual are recorded in the result's parameters and reported through the progress.
 *
 * <p>Without a validation set the score is the self-influence {@code (w_i/W) grad l_i' H^{-1} grad l_i} (the
 * predicted increase of the row's own loss when it is removed; Koh and Liang use it to find mislabeled rows):
 * higher = more self-influential, not more valuable. It needs {@code H^{-1}} per row: an explicit inverse (by
 * Cholesky) when the dimension is at most {@link #maxDenseDimension(int)}, else one CG solve per row.
 *
 * <p><b>Cost.</b> LR: no network training; the Newton fit costs a few passes over the non-zeros per iteration
 * (each Hessian-vector product is O(rows x (fields + dense))). Deep models: one training run of the context's
 * task (seeded with the context's seed, no early stopping) plus one forward pass over training and validation
 * rows; the head problem has only {@code representation + 1} parameters. Measured on 50,000 synthetic rows
 * with the default DeepFM (2 epochs, 2 shared CPU cores): 29 s in total, of which about 21 s is the training.
 *
 * <p><b>Beyond the last layer.</b> {@link #allParameters()} uses every parameter of a deep model (FM, DeepFM,
 * DCN-v2, MLP networks, and the sequence models DIN and BST): the network is linearized at its trained weights,
 * {@code z_i = z_net_i + J_i . theta} with {@code J_i} the per-sample gradient of the logit ({@link Jacobians}),
 * and {@code theta} (the change of all
 * weights, L2-penalized towards the trained network, the output bias as the unpenalized intercept) is fitted as
 * above. The Hessian of that problem is the damped Gauss-Newton matrix of the network at its weights, which is
 * positive definite even where the network's own Hessian is not. The last layer stays the cheap default.
 *
 * <p><b>Solvers.</b> {@link #solver(InverseHvp)} chooses how {@code H^{-1}} is applied: {@link
 * InverseHvp#cholesky()}, {@link InverseHvp#conjugateGradient}, {@link InverseHvp#lissa()}, {@link
 * InverseHvp#arnoldi} or {@link InverseHvp#ekfac()} (one dense layer only, so not with {@link #allParameters()}
 * or a projection). Without one, the same code runs with the default solver ({@link #defaultSolver}): CG for the
 * validation target; Cholesky or CG per row for self-influence.
 *
 * <p><b>Projection.</b> {@link #projectTo(int)} replaces every design row (all columns but the intercept) by a
 * seeded random projection to {@code d} dimensions ({@link Projection}, as TRAK of Park et al. 2023 does with
 * per-sample gradients) and fits the logistic problem on the projected features; with all parameters the rows are
 * projected batch by batch, so the full Jacobian is never stored. The projection is seeded with the context's
 * seed.
 *
 * <p>Immutable; deterministic for a given seed.
 */
public final class InfluenceFunctions implements ImportanceEstimator {
  private final double l2;
  private final double cgTolerance;
  private final int cgMaxIterations;
  private final double newtonTolerance;
  private final int newtonMaxIterations;
  private final int maxDenseDimension;
  private final int batchSize;
  private InverseHvp solver;
  private GradientScope scope = GradientScope.LAST_LAYER;
  private int projectTo;
  private Projection.Kind projectionKind = Projection.Kind.RADEMACHER;

  InfluenceFunctions(double l2, double cgTolerance, int cgMaxIterations, double newtonTolerance,
      int newtonMaxIterations, int maxDenseDimension, int batchSize) {
    if (!(l2 > 0)) {
      throw new IllegalArgumentException("l2 must be > 0 (the Hessian must be invertible), got " + l2);
    }
    if (!(cgTolerance > 0 && cgTolerance < 1)) {
      throw new IllegalArgumentException("cgTolerance must be in (0, 1), got " + cgTolerance);
    }
    if (cgMaxIterations < 1 || newtonMaxIterations < 1) {
      throw new IllegalArgumentException("iteration caps must be >= 1, got cg " + cgMaxIterations + ", newton "
          + newtonMaxIterations);
    }
    if (!(newtonTolerance > 0)) {
      throw new IllegalArgumentException("newtonTolerance must be > 0, got " + newtonTolerance);
    }
    if (maxDenseDimension < 0 || batchSize < 1) {
      throw new IllegalArgumentException("maxDenseDimension must be >= 0 and batchSize >= 1");
    }
    this.l2 = l2;
    this.cgTolerance = cgTolerance;
    this.cgMaxIterations = cgMaxIterations;
    this.newtonTolerance = newtonTolerance;
    this.newtonMaxIterations = newtonMaxIterations;
    this.maxDenseDimension = maxDenseDimension;
    this.batchSize = batchSize;
  }

  /** lambda 1e-3, CG to relative residual 1e-8 within 1000 iterations, Newton to |gradient|max 1e-9. */
  public static InfluenceFunctions defaults() {
    return new InfluenceFunctions(1e-3, 1e-8, 1000, 1e-9, 100, 1000, 4096);
  }

  /** The L2 strength {@code lambda} of the (mean-loss) objective. */
  public InfluenceFunctions l2(double lambda) {
    return new InfluenceFunctions(lambda, cgTolerance, cgMaxIterations, newtonTolerance, newtonMaxIterations,
        maxDenseDimension, batchSize).copyOptions(this);
  }

  /** CG stops at relative residual {@code |b - H x| / |b| <= tolerance} or after {@code maxIterations}. */
  public InfluenceFunctions conjugateGradient(double tolerance, int maxIterations) {
    return new InfluenceFunctions(l2, tolerance, maxIterations, newtonTolerance, newtonMaxIterations,
        maxDenseDimension, batchSize).copyOptions(this);
  }

  /** Newton stops when the objective's gradient max-norm is at most {@code tolerance}. */
  public InfluenceFunctions newton(double tolerance, int maxIterations) {
    return new InfluenceFunctions(l2, cgTolerance, cgMaxIterations, tolerance, maxIterations, maxDenseDimension,
        batchSize).copyOptions(this);
  }

  /**
   * Largest dimension for which self-influence inverts the Hessian explicitly (else CG per row); at most the
   * Cholesky solver's limit of 5,000.
   */
  public InfluenceFunctions maxDenseDimension(int d) {
    if (d > CholeskySolver.MAX_DIMENSION) {
      throw new IllegalArgumentException("maxDenseDimension must be at most " + CholeskySolver.MAX_DIMENSION
          + " (the dense Cholesky inverse), got " + d);
    }
    return new InfluenceFunctions(l2, cgTolerance, cgMaxIterations, newtonTolerance, newtonMaxIterations, d,
        batchSize).copyOptions(this);
  }

  /** Rows per inference batch when reading a deep model's representation. */
  public InfluenceFunctions batchSize(int b) {
    return new InfluenceFunctions(l2, cgTolerance, cgMaxIterations, newtonTolerance, newtonMaxIterations,
        maxDenseDimension, b).copyOptions(this);
  }

  private InfluenceFunctions copyOptions(InfluenceFunctions from) {
    this.solver = from.solver;
    this.scope = from.scope;
    this.projectTo = from.projectTo;
    this.projectionKind = from.projectionKind;
    return this;
  }

  private InfluenceFunctions copy() {
    return new InfluenceFunctions(l2, cgTolerance, cgMaxIterations, newtonTolerance, newtonMaxIterations,
        maxDenseDimension, batchSize).copyOptions(this);
  }

  /**
   * The inverse-Hessian-vector product solver, e.g. {@code solver(InverseHvp.lissa())}; null restores the
   * default (CG for the validation target, Cholesky or CG per row for self-influence).
   */
  public InfluenceFunctions solver(InverseHvp s) {
    InfluenceFunctions c = copy();
    c.solver = s;
    return c;
  }

  /** The parameters of a deep model whose influence is computed: the last layer (default) or all of them. */
  public InfluenceFunctions scope(GradientScope s) {
    if (s == null) {
      throw new IllegalArgumentException("gradient scope must not be null");
    }
    InfluenceFunctions c = copy();
    c.scope = s;
    return c;
  }

  /** Influence of all parameters of a deep model (the network linearized at its trained weights). */
  public InfluenceFunctions allParameters() {
    return scope(GradientScope.ALL_PARAMETERS);
  }

  /** Influence of the last layer only (the default). */
  public InfluenceFunctions lastLayer() {
    return scope(GradientScope.LAST_LAYER);
  }

  /** Projects the gradient features to {@code d} dimensions with a seeded JL matrix; 0 = no projection. */
  public InfluenceFunctions projectTo(int d) {
    if (d < 0) {
      throw new IllegalArgumentException("projection dimension must be >= 1 (or 0 for none), got " + d);
    }
    InfluenceFunctions c = copy();
    c.projectTo = d;
    return c;
  }

  /** The distribution of the projection's entries (Rademacher by default). */
  public InfluenceFunctions projection(Projection.Kind kind) {
    if (kind == null) {
      throw new IllegalArgumentException("projection kind must not be null");
    }
    InfluenceFunctions c = copy();
    c.projectionKind = kind;
    return c;
  }

  @Override
  public String name() {
    return composeName("influence", scope == GradientScope.ALL_PARAMETERS,
        solver == null ? null : solver.name(), projectTo);
  }

  /** The gradient of the mean validation loss at {@code theta}: {@code sum_j (sigmoid(z_j) - y_j) x_j / m}. */
  private static double[] validationGradient(Problem pr, double[] theta, int p) {
    Design v = pr.validation();
    int m = v.rows();
    double[] g = new double[p];
    for (int j = 0; j < m; j++) {
      double z = (pr.validationOffset() == null ? 0 : pr.validationOffset()[j]) + v.dot(j, theta);
      v.addTo(j, (Numerics.sigmoid(z) - pr.validationLabels()[j]) / m, g);
    }
    return g;
  }

  /**
   * The name {@code Estimators.named} parses back into the same settings: {@code base} ({@code influence} or
   * {@code tracin}), then {@code -all} for all parameters, {@code -SOLVER} and {@code -trakD}, e.g. {@code
   * influence-all-lissa-trak256}; the defaults add nothing.
   */
  static String composeName(String base, boolean allParameters, String solver, int projectTo) {
    return base + (allParameters ? "-all" : "") + (solver == null ? "" : "-" + solver)
        + (projectTo > 0 ? "-trak" + projectTo : "");
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("l2", l2);
    m.put("cg.tolerance", cgTolerance);
    m.put("cg.maxIterations", cgMaxIterations);
    m.put("newton.tolerance", newtonTolerance);
    m.put("newton.maxIterations", newtonMaxIterations);
    m.put("maxDenseDimension", maxDenseDimension);
    m.put("solver", solver == null ? "auto" : solver.name());
    if (solver != null) {
      m.putAll(solver.parameters());
    }
    m.put("gradients", scope == GradientScope.LAST_LAYER ? "last-layer" : "all-parameters");
    if (projectTo > 0) {
      m.put("projection", projectTo + " (" + projectionKind.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
    return m;
  }

  /** A logistic-regression influence problem: training design, offsets, and the validation side (or null). */
  record Problem(String features, Design train, double[] trainOffset, float[] labels, float[] weights,
      Design validation, double[] validationOffset, float[] validationLabels) {}

  /** Scores with their diagnostics. */
  record Result(double[] scores, Map<String, Object> diagnostics) {}

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    CostMeter meter = new CostMeter();
    Progress progress = context.progress();
    CtrTask task = context.task().seed(context.seed()).progress(progress);
    FeatureEncoder encoder = FeatureEncoder.fit(train);
    EncodedData tr = encoder.encode(train);
    EncodedData va = context.hasValidation() ? encoder.encode(context.validation()) : null;
    if (va != null && va.rows() == 0) {
      throw new IllegalArgumentException("influence: the validation set " + context.validation().describe()
          + " is empty");
    }
    if (solver instanceof Ekfac && (projectTo > 0 || (scope == GradientScope.ALL_PARAMETERS
        && !(task.model() instanceof NetworkSpec s0 && s0.architecture() == Architecture.LOGISTIC_REGRESSION)))) {
      throw new IllegalArgumentException("influence: the EK-FAC solver supports one dense logistic layer (logistic "
          + "regression or the last layer), not all parameters of a network or projected gradients; choose cg, "
          + "lissa or arnoldi");
    }
    Problem problem;
    if (task.model() instanceof NetworkSpec spec && spec.architecture() == Architecture.LOGISTIC_REGRESSION) {
      problem = new Problem("one-hot logistic regression (exact)", new OneHotDesign(tr), null, tr.labels(),
          tr.weights(), va == null ? null : new OneHotDesign(va), null, va == null ? null : va.labels());
    } else {
      TrainingLoop.Run run = TrainingLoop.train(task, encoder, tr, null, null);
      meter.training();
      try (TrainedModel model = run.model()) {
        problem = scope == GradientScope.LAST_LAYER ? lastLayerProblem(model, tr, va, progress)
            : fullModelProblem(model, tr, va, projectTo > 0 ? Projection.random(projectionKind, projectTo,
                GradientDesign.dimension(model, scope), context.seed()) : null, progress);
      }
    }
    if (projectTo > 0 && scope == GradientScope.LAST_LAYER) {
      problem = project(problem, Projection.random(projectionKind, projectTo, problem.train().dim() - 1,
          context.seed()));
    }
    meter.sample();
    Result r = score(problem, progress, meter);
    Map<String, Object> p = new LinkedHashMap<>(parameters());
    p.put("model", task.model().name());
    p.putAll(r.diagnostics());
    return new Importance(name(), p, tr.rowIds(), r.scores(), Importance.Cost.of(meter))
        .withMeaning(va == null ? Importance.Meaning.HARDNESS : Importance.Meaning.VALUE);
  }

  /** The last-layer problem of a trained deep model (see the class comment). */
  Problem lastLayerProblem(TrainedModel model, EncodedData tr, EncodedData va, Progress progress) {
    ai.djl.nn.Block net = Forward.block(model);
    boolean rep = LastLayerGradients.overRepresentation(net);
    GradientDesign.Side t = GradientDesign.lastLayer(model, tr, batchSize, progress);
    GradientDesign.Side v = va == null ? null : GradientDesign.lastLayer(model, va, batchSize, progress);
    String name = net instanceof CtrNetwork c ? c.architecture().shortName() : model.spec().name();
    return new Problem("last layer of " + name + (rep ? " (output layer over "
        + (LastLayerGradients.dimension(net) - 1) + "-d representation)" : " (first-order weights)"), t.design(), t.logits(),
        tr.labels(), tr.weights(), v == null ? null : v.design(), v == null ? null : v.logits(),
        va == null ? null : va.labels());
  }

  /** The all-parameter problem: the network linearized at its weights (see the class comment). */
  Problem fullModelProblem(TrainedModel model, EncodedData tr, EncodedData va, Projection projection,
      Progress progress) {
    GradientDesign.Side t = GradientDesign.allParameters(model, tr, projection, batchSize, progress);
    GradientDesign.Side v = va == null ? null
        : GradientDesign.allParameters(model, va, projection, batchSize, progress);
    return new Problem("all parameters of " + Forward.architecture(model) + " (linearized, "
        + (Jacobians.layout(model).get("") + 1) + " parameters" + (projection == null ? ")"
        : ", projected to " + projection.outputDim() + ")"), t.design(), t.logits(), tr.labels(), tr.weights(),
        v == null ? null : v.design(), v == null ? null : v.logits(), va == null ? null : va.labels());
  }

  /** The problem on projected design rows (intercept kept). */
  static Problem project(Problem pr, Projection p) {
    return new Problem(pr.features() + ", projected to " + p.outputDim(), p.project(pr.train()),
        pr.trainOffset(), pr.labels(), pr.weights(), pr.validation() == null ? null : p.project(pr.validation()),
        pr.validationOffset(), pr.validationLabels());
  }

  /** Fits the logistic regression to its optimum and scores every training row. */
  Result score(Problem pr, Progress progress, CostMeter meter) {
    RegularizedLogistic lr = new RegularizedLogistic(pr.train(), pr.trainOffset(), pr.labels(), pr.weights(), l2);
    int p = lr.dim();
    Map<String, Object> diag = new LinkedHashMap<>();
    diag.put("features", pr.features());
    diag.put("dimension", p);
    RegularizedLogistic.Fit fit = lr.fit(new double[p], newtonTolerance, newtonMaxIterations, cgTolerance,
        cgMaxIterations, progress, "influence: Newton fit (" + p + " parameters)");
    meter.training();
    meter.sample();
    diag.put("newton.iterations", fit.newtonIterations());
    diag.put("newton.gradientMaxNorm", fit.gradientNorm());
    if (fit.gradientNorm() > newtonTolerance) {
      progress.update("influence", 0, 0, String.format("warning: Newton stopped at |gradient|max %.3e > %.1e; "
          + "influence functions assume an optimum", fit.gradientNorm(), newtonTolerance));
    }
    double[] theta = fit.theta();
    int n = pr.train().rows();
    double[] residual = new double[n]; // p_i - y_i
    for (int i = 0; i < n; i++) {
      residual[i] = Numerics.sigmoid(lr.logit(i, theta)) - pr.labels()[i];
    }
    return scoreWith(solver != null ? solver : defaultSolver(pr.validation() != null, p), pr, lr, theta, residual,
        diag, progress, meter);
  }

  /**
   * The solver used when none is chosen: CG to {@code cgTolerance} for the one validation solve; for
   * self-influence, the explicit Cholesky inverse up to {@link #maxDenseDimension(int)} parameters, else CG per
   * row.
   */
  InverseHvp defaultSolver(boolean validation, int dimension) {
    return !validation && dimension <= maxDenseDimension ? InverseHvp.cholesky()
        : InverseHvp.conjugateGradient(cgTolerance, cgMaxIterations);
  }

  private Result scoreWith(InverseHvp s, Problem pr, RegularizedLogistic lr, double[] theta, double[] residual,
      Map<String, Object> diag, Progress progress, CostMeter meter) {
    int n = residual.length;
    int p = lr.dim();
    double[] scores = new double[n];
    InverseHvp.Inverse inv = s.prepare(Curvature.of(lr, theta), progress);
    meter.sample();
    if (pr.validation() != null) {
      int m = pr.validation().rows();
      double[] gVal = validationGradient(pr, theta, p);
      meter.evaluations(n + m);
      double[] x = inv.solve(gVal);
      for (int i = 0; i < n; i++) {
        scores[i] = lr.w[i] / lr.totalWeight * residual[i] * pr.train().dot(i, x);
      }
      diag.put("target", "validation");
    } else {
      diag.put("target", "self-influence");
      meter.evaluations(n);
      long last = System.nanoTime();
      for (int i = 0; i < n; i++) {
        progress.checkCancelled();
        if (lr.w[i] == 0 || residual[i] == 0) {
          continue;
        }
        double[] g = new double[p];
        pr.train().addTo(i, residual[i], g);
        scores[i] = lr.w[i] / lr.totalWeight * Numerics.dot(g, inv.solve(g));
        if (System.nanoTime() - last > 500_000_000L) {
          last = System.nanoTime();
          progress.update("influence: self-influence (" + s.name() + ")", i + 1, n, "");
        }
      }
    }
    diag.putAll(inv.diagnostics());
    meter.sample();
    return new Result(scores, diag);
  }
}
