package siebench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import siebench.data.Role;
import siebench.data.Samples;
import siebench.metrics.Groups;

/**
 * What the training loop minimises: binary cross-entropy against the observed clicks (the default), or an
 * unbiased estimate of the loss against the true relevance when clicks are position-biased. Immutable; set it
 * with {@link CtrTask#objective(Objective)}.
 *
 * <p>Position-based model: a result at a position is examined with probability {@code theta} (its propensity,
 * the samples' {@link Role#PROPENSITY} column) and clicked when examined and relevant, so {@code E[c] = theta
 * gamma}. Cross-entropy against the clicks is then minimised by {@code theta gamma}, and row weights do not
 * repair it: with weights {@code 1/theta} on clicks and 1 on non-clicks it is minimised by {@code gamma / (gamma
 * + 1 - theta gamma)}, which still depends on the position.
 *
 * <ul>
 *   <li>{@link #ips()}: the unbiased pointwise loss of Saito, Yaginuma, Nishino, Sakata &amp; Nakata (2020,
 *       "Unbiased Recommender Learning from Missing-Not-At-Random Implicit Feedback", WSDM), {@code -[c/theta
 *       log p + (1 - c/theta) log(1 - p)]}: its expectation over the clicks is the cross-entropy against
 *       {@code gamma}, so its minimiser is {@code p = gamma} at every position. It is cross-entropy with the
 *       soft target {@code c / theta}, which exceeds 1 on clicks. Propensities are <b>absolute</b> examination
 *       probabilities and are clipped from below at {@link #clip(double)}, the variance control Saito et al. use.
 *   <li>{@link #nonNegative()}: the non-negative variant. The second term has weight {@code 1 - c/theta < 0} on
 *       clicks, so its minibatch estimate can turn negative, which a flexible model exploits by over-fitting
 *       clicks (per row the loss is unbounded below as {@code p -> 1}). As in the non-negative risk estimator of
 *       Kiryo, Niu, du Plessis &amp; Sugiyama (2017, "Positive-Unlabeled Learning with Non-Negative Risk
 *       Estimator", NeurIPS; Algorithm 1 with beta = 0, gamma = 1), a minibatch whose estimate of that term is
 *       negative takes a step that raises it back instead of the usual step.
 *   <li>{@link #snips()}: the self-normalised estimator (Swaminathan &amp; Joachims 2015, "The
 *       Self-Normalized Estimator for Counterfactual Learning", NeurIPS). The IPS loss is {@code mean(l-) +
 *       mean(c/theta (l+ - l-))}; SNIPS replaces the second, propensity-weighted mean over each minibatch by
 *       {@code rho sum(c/theta (l+ - l-)) / sum(c/theta)}, normalised by the batch's {@code sum c/theta}, with
 *       {@code rho = sum c/theta / n} over the whole training set (the estimated relevance rate). It is
 *       consistent and removes the batch-to-batch fluctuation of {@code sum c/theta}; in full-batch training it
 *       equals IPS.
 *   <li>{@link #pairwiseIps()}: the propensity-weighted pairwise ranking loss of Joachims, Swaminathan &amp;
 *       Schnabel (2017, "Unbiased Learning-to-Rank with Biased Feedback", WSDM), with the logistic surrogate
 *       of RankNet: every clicked result {@code i} of a query, weighted {@code 1/theta_i}, against every other
 *       result {@code j} of that query, {@code log(1 + exp(-(z_i - z_j)))}. Its expectation is the surrogate
 *       rank of the relevant results, so it is unbiased for ranking; its scores are not calibrated click
 *       probabilities. Needs a query (or group) column; minibatches then hold whole queries.
 *   <li>{@link #listwiseIps()}: the propensity-weighted listwise softmax cross-entropy of Ai, Bi, Luo, Guo &amp;
 *       Croft (2018, "Unbiased Learning to Rank with Unbiased Propensity Estimation", SIGIR), {@code -sum_i
 *       c_i/theta_i log softmax(z)_i} over each query's results: its expectation is the softmax cross-entropy
 *       against the relevance {@code gamma}, minimised by {@code softmax(z) = gamma / sum(gamma)}, and every
 *       term is non-negative, so single clicks cannot be over-fitted without bound. Ranks, not probabilities.
 *   <li>{@link #squared()}: {@link #ips()} and {@link #snips()} with the squared local loss {@code c/theta (1 -
 *       p)^2 + (1 - c/theta) p^2}, the form of Saito et al.'s released implementation; unbiased like the log
 *       loss, and bounded below on every row.
 *   <li>{@link #bpr()}: Bayesian Personalized Ranking, Rendle, Freudenthaler, Gantner &amp; Schmidt-Thieme (2009,
 *       "BPR: Bayesian Personalized Ranking from Implicit Feedback", UAI), the BPR-Opt criterion {@code mean
 *       -ln sigmoid(z_ui - z_uj)} over triples of a user, a positive item {@code i} and a sampled negative item
 *       {@code j}. It is the pairwise loss above with the labels as targets (no propensities): when every
 *       group holds one positive and its sampled negatives (see {@code ImplicitSamples.groupedByPositive()}),
 *       the pairs of a group are exactly that positive's triples. The prior term of BPR-Opt is the task's
 *       weight decay. A group cut by a minibatch boundary loses the pairs across the cut in that step; with
 *       groups of equal size dividing the batch size (e.g. 1 negative and an even batch) none is cut.
 * </ul>
 *
 * <p>Sample weights (the weight role) multiply every row's terms in all objectives.
 */
public final class Objective {
  /** The objectives. */
  public enum Kind {
    /** Cross-entropy against the observed labels. */
    BCE,
    /** Saito et al. (2020) unbiased pointwise loss with soft targets {@code c / theta}. */
    IPS,
    /** The self-normalised version of {@link #IPS}. */
    SNIPS,
    /** Joachims et al. (2017) propensity-weighted pairwise loss. */
    PAIRWISE_IPS,
    /** Ai et al. (2018) propensity-weighted listwise softmax loss. */
    LISTWISE_IPS,
    /** Rendle et al. (2009) BPR: the pairwise logistic loss of each group's positives against its negatives. */
    BPR;

    /** True for the losses that compare results of the same query (minibatches hold whole queries). */
    public boolean perQuery() {
      return this == PAIRWISE_IPS || this == LISTWISE_IPS || this == BPR;
    }
  }

  /** The default lower clip of the propensities. */
  public static final double DEFAULT_CLIP = 0.05;

  private static final Objective BCE = new Objective(Kind.BCE, 0, false, false);

  private final Kind kind;
  private final double clip;
  private final boolean nonNegative;
  private final boolean squared;

  private Objective(Kind kind, double clip, boolean nonNegative, boolean squared) {
    this.kind = kind;
    this.clip = clip;
    this.nonNegative = nonNegative;
    this.squared = squared;
  }

  /** Binary cross-entropy against the observed labels (the default). */
  public static Objective bce() {
    return BCE;
  }

  /** The unbiased pointwise loss (Saito et al. 2020), propensities clipped at {@value #DEFAULT_CLIP}. */
  public static Objective ips() {
    return new Objective(Kind.IPS, DEFAULT_CLIP, false, false);
  }

  /** The self-normalised unbiased pointwise loss, propensities clipped at {@value #DEFAULT_CLIP}. */
  public static Objective snips() {
    return new Objective(Kind.SNIPS, DEFAULT_CLIP, false, false);
  }

  /** The propensity-weighted pairwise loss (Joachims et al. 2017), propensities clipped at {@value #DEFAULT_CLIP}. */
  public static Objective pairwiseIps() {
    return new Objective(Kind.PAIRWISE_IPS, DEFAULT_CLIP, false, false);
  }

  /**
   * The propensity-weighted listwise softmax loss (Ai et al. 2018), propensities clipped at {@value
   * #DEFAULT_CLIP}.
   */
  public static Objective listwiseIps() {
    return new Objective(Kind.LISTWISE_IPS, DEFAULT_CLIP, false, false);
  }

  /**
   * Bayesian Personalized Ranking (Rendle et al. 2009): {@code -ln sigmoid(z_i - z_j)} averaged over the pairs
   * of a labelled-positive row {@code i} and another row {@code j} of its group (query); needs a group or query
   * column, and no propensities.
   */
  public static Objective bpr() {
    return new Objective(Kind.BPR, 0, false, false);
  }

  /** The names {@link #named} parses. */
  public static final java.util.List<String> NAMES = java.util.List.of("bce", "ips", "ips-squared", "ips-nonneg",
      "ips-nonneg-squared", "snips", "snips-squared", "pairwise-ips", "listwise-ips", "bpr");

  /** Parses one of {@link #NAMES}; fails naming them. */
  public static Objective named(String name) {
    return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "bce" -> bce();
      case "ips" -> ips();
      case "ips-squared" -> ips().squared();
      case "ips-nonneg" -> ips().nonNegative();
      case "ips-nonneg-squared" -> ips().nonNegative().squared();
      case "snips" -> snips();
      case "snips-squared" -> snips().squared();
      case "pairwise-ips" -> pairwiseIps();
      case "listwise-ips" -> listwiseIps();
      case "bpr" -> bpr();
      default -> throw new IllegalArgumentException("unknown objective '" + name + "'; expected one of " + NAMES);
    };
  }

  /**
   * Clips propensities from below at {@code minPropensity} (in (0, 1]): {@code theta' = max(theta, m)}, so no
   * click weighs more than {@code 1/m}. Trades a little bias for much less variance (Saito et al. 2020).
   */
  public Objective clip(double minPropensity) {
    requirePropensities("clip");
    if (!(minPropensity > 0 && minPropensity <= 1)) {
      throw new IllegalArgumentException("propensity clip must lie in (0, 1], got " + minPropensity);
    }
    return new Objective(kind, minPropensity, nonNegative, squared);
  }

  /**
   * The non-negative variant of {@link #ips()}: a negative minibatch estimate of the negative-class term is pushed
   * back up.
   */
  public Objective nonNegative() {
    if (kind != Kind.IPS) {
      throw new IllegalStateException("the non-negative variant applies to the pointwise ips objective, not " + name());
    }
    return new Objective(kind, clip, true, squared);
  }

  /**
   * The pointwise objectives ({@link #ips()}, {@link #snips()}) with the squared local loss of Saito et al.'s
   * reference implementation instead of the log loss: {@code c/theta (1 - p)^2 + (1 - c/theta) p^2}, which is
   * {@code (p - c/theta)^2} up to a constant. Still unbiased (its expectation is the squared error against
   * {@code gamma}, minimised at {@code p = gamma}), but bounded below on every row because {@code p} lies in [0,
   * 1]: a model that can single out a clicked row gains at most {@code (c/theta - 1)^2 - (c/theta)^2} from it,
   * where the log loss rewards driving {@code p -> 1} without bound.
   */
  public Objective squared() {
    if (kind != Kind.IPS && kind != Kind.SNIPS) {
      throw new IllegalStateException("the squared local loss applies to the pointwise ips and snips objectives, not "
          + name());
    }
    return new Objective(kind, clip, nonNegative, true);
  }

  private void requirePropensities(String what) {
    if (!needsPropensities()) {
      throw new IllegalStateException(what + " applies to the propensity objectives (ips, snips, pairwise-ips), "
          + "not to bce");
    }
  }

  public Kind kind() {
    return kind;
  }

  /** The lower clip of the propensities (0 for bce). */
  public double clip() {
    return clip;
  }

  public boolean isNonNegative() {
    return nonNegative;
  }

  /** True for the squared local loss ({@link #squared()}), false for the log loss. */
  public boolean isSquared() {
    return squared;
  }

  /** True when the objective reads the samples' propensity column. */
  public boolean needsPropensities() {
    return kind != Kind.BCE && kind != Kind.BPR;
  }

  /** One of the names {@link #named} parses. */
  public String name() {
    String base = switch (kind) {
      case BCE -> "bce";
      case IPS -> nonNegative ? "ips-nonneg" : "ips";
      case SNIPS -> "snips";
      case PAIRWISE_IPS -> "pairwise-ips";
      case LISTWISE_IPS -> "listwise-ips";
      case BPR -> "bpr";
    };
    return squared ? base + "-squared" : base;
  }

  /** Settings, for reports. */
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("objective", name());
    if (needsPropensities()) {
      m.put("propensityClip", clip);
    }
    return m;
  }

  /**
   * The per-row training targets on {@code train}: the labels for bce, {@code c / max(theta, clip)} for the
   * propensity objectives; fails when those have no propensity column.
   */
  public float[] targets(Samples train) {
    float[] y = train.labels();
    if (!needsPropensities()) {
      return y;
    }
    if (train.schema().column(Role.PROPENSITY).isEmpty()) {
      throw new IllegalStateException("objective '" + name() + "' needs the examination propensity of every row, but "
          + train.describe() + " declares no propensity column; declare one with .propensity(\"col\"), or add "
          + "them with Estimators.ips()...withPropensities(samples)");
    }
    double[] theta = train.propensities();
    float[] t = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      t[i] = (float) (y[i] / Math.max(theta[i], clip));
    }
    return t;
  }

  /**
   * The query (or group) of every row, for the pairwise objective; null for the others. Fails when the
   * samples have neither a group nor a query column.
   */
  Groups groups(Samples train) {
    if (!kind.perQuery()) {
      return null;
    }
    String col = train.schema().column(Role.GROUP).or(() -> train.schema().column(Role.QUERY))
        .orElseThrow(() -> new IllegalStateException("the " + name() + " objective compares results of the same query, "
            + "but " + train.describe() + " has no query or group column; declare one with .query(\"col\")"));
    return Groups.of(train.strings(col));
  }

  /**
   * The mean pointwise loss of predictions {@code p} against targets {@code t} (from {@link #targets}): {@code
   * -[t log p + (1 - t) log(1 - p)]}, or {@code t (1 - p)^2 + (1 - t) p^2} with the {@link #squared()} local
   * loss; the unbiased validation loss early stopping follows.
   */
  double pointwiseLoss(float[] t, double[] p) {
    double s = 0;
    for (int i = 0; i < t.length; i++) {
      if (squared) {
        s += t[i] * (1 - p[i]) * (1 - p[i]) + (1 - t[i]) * p[i] * p[i];
      } else {
        double q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]));
        s -= t[i] * Math.log(q) + (1 - t[i]) * Math.log1p(-q);
      }
    }
    return s / t.length;
  }

  /**
   * The minibatch loss (with gradient) from logits {@code z}, targets {@code y} (from {@link #targets}),
   * sample weights {@code w} and, for the pairwise objective, group ids {@code g} (else null); {@code rho} is
   * the training set's weighted mean target (SNIPS only).
   */
  NDArray loss(NDArray z, NDArray y, NDArray w, NDArray g, double rho) {
    NDArray lPos;
    NDArray lNeg;
    if (squared) {
      NDArray p = Activation.sigmoid(z);
      lPos = p.neg().add(1f).square(); // (1 - p)^2
      lNeg = p.square(); // p^2
    } else {
      lPos = Activation.softPlus(z.neg()); // -log p
      lNeg = Activation.softPlus(z); // -log(1 - p)
    }
    NDArray wSum = w.sum().add(1e-12f);
    switch (kind) {
      case BCE:
        return Losses.bce(z, y).mul(w).sum().div(wSum);
      case IPS: {
        NDArray pos = lPos.mul(y).mul(w).sum().div(wSum);
        NDArray neg = lNeg.mul(y.neg().add(1f)).mul(w).sum().div(wSum);
        if (nonNegative && neg.getFloat() < 0) {
          return neg.neg(); // Kiryo et al. (2017), Algorithm 1 with beta = 0, gamma = 1: push the negative risk back up
        }
        return pos.add(neg);
      }
      case SNIPS: {
        NDArray wy = w.mul(y);
        NDArray weighted = lPos.sub(lNeg).mul(wy).sum().div(wy.sum().add(1e-12f)).mul((float) rho);
        return weighted.add(lNeg.mul(w).sum().div(wSum));
      }
      case PAIRWISE_IPS:
      case BPR: {
        long b = z.getShape().get(0);
        NDArray zi = z.reshape(b, 1);
        NDArray zj = z.reshape(1, b);
        NDArray same = g.reshape(b, 1).eq(g.reshape(1, b)).toType(z.getDataType(), false);
        NDArray pairW = same.mul(w.mul(y).reshape(b, 1)).mul(w.reshape(1, b));
        NDArray surrogate = Activation.softPlus(zj.sub(zi)); // log(1 + exp(-(z_i - z_j)))
        // the diagonal pairs (i, i) add the constant log 2 times their weight; removed from the numerator
        NDArray diag = w.mul(y).mul(w).sum().mul((float) Math.log(2));
        return surrogate.mul(pairW).sum().sub(diag).div(pairW.sum().sub(w.mul(y).mul(w).sum()).add(1e-12f));
      }
      case LISTWISE_IPS: {
        long b = z.getShape().get(0);
        NDArray same = g.reshape(b, 1).eq(g.reshape(1, b));
        // log-sum-exp of the logits of each row's query, stabilised by the batch maximum
        NDArray zMax = z.max();
        NDArray e = z.sub(zMax).exp().reshape(1, b).mul(same.toType(z.getDataType(), false));
        NDArray logNorm = e.sum(new int[] {1}).log().add(zMax);
        NDArray wy = w.mul(y);
        return logNorm.sub(z).mul(wy).sum().div(wy.sum().add(1e-12f));
      }
      default:
        throw new IllegalStateException(kind.name());
    }
  }

  @Override
  public String toString() {
    return name() + (needsPropensities() ? "(clip=" + clip + ")" : "");
  }
}
