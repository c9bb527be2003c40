package siebench.importance.catalog;

import java.util.Locale;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.importance.dynamics.AdaptiveDenoising;
import siebench.importance.dynamics.AreaUnderMargin;
import siebench.importance.dynamics.DataMaps;
import siebench.importance.dynamics.DenoisingLoss;
import siebench.importance.dynamics.El2n;
import siebench.importance.dynamics.ForgettingEvents;
import siebench.importance.dynamics.GraNd;
import siebench.importance.dynamics.TrainingLoss;
import siebench.importance.correction.DensityRatioEstimator;
import siebench.importance.correction.IteratedDensityRatio;
import siebench.importance.correction.PositionBiasIps;
import siebench.importance.correction.PositionBiasEm;
import siebench.importance.influence.InfluenceFunctions;
import siebench.importance.influence.InverseHvp;
import siebench.importance.influence.TracIn;
import siebench.importance.valuation.ClassBalance;
import siebench.importance.valuation.ConfidentLearning;
import siebench.importance.valuation.CrossValidatedResidual;
import siebench.importance.valuation.ClasswiseShapley;
import siebench.importance.valuation.DataBanzhaf;
import siebench.importance.valuation.DataOob;
import siebench.importance.valuation.KnnShapley;
import siebench.importance.valuation.LeaveOneOut;
import siebench.importance.valuation.NoisyLabelReweighting;
import siebench.importance.valuation.RandomBaseline;
import siebench.importance.valuation.TmcShapley;

/**
 * Static DSL factories for every importance estimator, meant for static import ({@code import static
 * siebench.importance.catalog.Estimators.*;}):
 *
 * <pre>{@code
 * Importance g = samples.importance(gradientNorm().epochs(2).seeds(3));
 * DataMap map = dataMaps().epochs(5).fit(samples, context);
 * }</pre>
 *
 * <p>Every estimator trains the context task's model (overridable with {@code .model(...)}) on all training
 * rows, observes it after each checkpoint epoch, and returns an immutable configurable estimator. Sign
 * convention: GraNd, EL2N, loss, forgetting, -AUM and data maps (1 - confidence) are <em>hardness</em> scores,
 * higher = harder / more likely mislabeled; adaptive denoising, density ratio, IPS and the iterated
 * density ratio return weights ({@link Importance.Meaning#WEIGHT}); TracIn and influence functions against a
 * validation set, and the data-valuation estimators, return values (higher = more valuable).
 */
public final class Estimators {
  private Estimators() {}

  // ------------------------------------------------------------------ training dynamics

  /**
   * GraNd (Paul et al. 2021): expected per-sample gradient norm over early checkpoints and seeds; {@code
   * .dataDiet()} for the paper's GraNd at initialization over 10 seeds.
   */
  public static GraNd gradientNorm() {
    return GraNd.defaults();
  }

  /**
   * EL2N (Paul et al. 2021): expected {@code |p - y|} over early checkpoints and seeds; {@code .dataDiet()}
   * for the paper's early-training setting over 10 seeds.
   */
  public static El2n el2n() {
    return El2n.defaults();
  }

  /** Per-sample training loss, averaged over epochs or at one checkpoint. */
  public static TrainingLoss loss() {
    return TrainingLoss.defaults();
  }

  /** Forgetting events (Toneva et al. 2019); {@code .perStep()} counts them per minibatch presentation. */
  public static ForgettingEvents forgetting() {
    return ForgettingEvents.defaults();
  }

  /** Area Under the Margin (Pleiss et al. 2020), scored as {@code -AUM}. */
  public static AreaUnderMargin aum() {
    return AreaUnderMargin.defaults();
  }

  /** Dataset Cartography data maps (Swayamdipta et al. 2020), scored as {@code 1 - confidence}. */
  public static DataMaps dataMaps() {
    return DataMaps.defaults();
  }

  /**
   * The truncated denoising loss (T-CE, Wang et al. 2021) for training: {@code
   * ctr().lossModifier(truncatedLoss(0.2, 30_000))} drops the largest-loss clicks at a rate rising linearly to
   * {@code maxDropRate} over {@code rampSteps} optimizer steps.
   */
  public static DenoisingLoss truncatedLoss(double maxDropRate, long rampSteps) {
    return DenoisingLoss.truncated(maxDropRate, rampSteps);
  }

  /** The reweighted denoising loss (R-CE, Wang et al. 2021) for training: clicks weighted by {@code p^beta}. */
  public static DenoisingLoss reweightedLoss(double beta) {
    return DenoisingLoss.reweighted(beta);
  }

  /** Adaptive denoising training (Wang et al. 2021): the per-sample T-CE / R-CE weights. */
  public static AdaptiveDenoising adaptiveDenoising() {
    return AdaptiveDenoising.defaults();
  }

  // ------------------------------------------------------------------ influence

  /** TracIn (Pruthi et al. 2020): checkpoint gradient dot products with validation rows, or self-influence. */
  public static TracIn tracIn() {
    return TracIn.defaults();
  }

  /**
   * Influence functions (Koh and Liang 2017): exact for logistic regression, last layer for deep models ({@code
   * .allParameters()} for the whole network, linearized); {@code .solver(InverseHvp.lissa())} and the other
   * {@link InverseHvp} solvers, {@code .projectTo(d)} for TRAK-style projected gradients.
   */
  public static InfluenceFunctions influence() {
    return InfluenceFunctions.defaults();
  }

  // ------------------------------------------------------------------ data valuation (higher = more valuable)

  /** Exact KNN-Shapley (Jia et al. 2019), on encoded features or a model's embeddings. */
  public static KnnShapley knnShapley() {
    return KnnShapley.defaults();
  }

  /** Truncated Monte Carlo Data Shapley (Ghorbani and Zou 2019). */
  public static TmcShapley tmcShapley() {
    return TmcShapley.defaults();
  }

  /**
   * Beta Shapley (Kwon and Zou 2022) with the paper's Beta(16, 1) weights, which emphasize small subsets:
   * TMC-Shapley's permutations with weighted marginal contributions ({@link TmcShapley#beta}).
   */
  public static TmcShapley betaShapley() {
    return TmcShapley.defaults().beta(16, 1);
  }

  /** Class-wise Shapley (Schoch, Xu and Yin 2022): in-class Shapley games conditioned on out-of-class subsets. */
  public static ClasswiseShapley csShapley() {
    return ClasswiseShapley.defaults();
  }

  /** Data Banzhaf with the maximum-sample-reuse estimator (Wang and Jia 2023). */
  public static DataBanzhaf banzhaf() {
    return DataBanzhaf.defaults();
  }

  /** Data-OOB (Kwon and Zou 2023): out-of-bag value from a bagged ensemble. */
  public static DataOob dataOob() {
    return DataOob.defaults();
  }

  /**
   * The estimator the benchmark's evidence recommends for acting on noisy click logs: {@link
   * #noiseReweighting()}. Training with its weights ({@code samples.weightBy(recommended())}) recovered about half
   * of the oracle's LogLoss gain on the default synthetic data with 10% fake clicks (0.53 +- 0.16 over 3 seeds)
   * and with flipped labels, and 0.79 +- 0.30 on MovieLens with fake clicks, where weighting by GraNd, EL2N, loss
   * or KNN-Shapley made the model worse. It does not help against click fraud concentrated on a few items, and
   * dropping its most suspicious rows ({@code clean}) hurts under fake clicks; {@code resample} is the cleaning
   * action that suits it. The tables, including where nothing beats random, are in docs/results/.
   */
  public static NoisyLabelReweighting recommended() {
    return noiseReweighting();
  }

  /**
   * Importance reweighting for class-conditional label noise (Liu and Tao 2016): the weight of a click is the
   * probability that it is real, from out-of-fold click probabilities and anchor-point flip rates.
   */
  public static NoisyLabelReweighting noiseReweighting() {
    return NoisyLabelReweighting.defaults();
  }

  /** Confident learning (Northcutt, Jiang and Chuang 2021): self-confidence and the estimated label issues. */
  public static ConfidentLearning confidentLearning() {
    return ConfidentLearning.defaults();
  }

  /** Leave-one-out by exact retraining (refuses above a size limit, naming cheaper alternatives). */
  public static LeaveOneOut leaveOneOut() {
    return LeaveOneOut.defaults();
  }

  /** Cross-validated residual importance (k-fold out-of-fold predictions); a surprise (hardness) score. */
  public static CrossValidatedResidual crossValidatedResidual() {
    return CrossValidatedResidual.defaults();
  }

  /** Inverse class-frequency weights, mean 1. */
  public static ClassBalance classBalance() {
    return ClassBalance.defaults();
  }

  /** Seeded uniform random scores: the baseline every estimator must beat. */
  public static RandomBaseline random() {
    return RandomBaseline.defaults();
  }

  // ------------------------------------------------------------------ distribution correction (weights)

  /**
   * Covariate-shift weights {@code p_target(x) / q_train(x)} from a domain classifier ({@link
   * DensityRatioEstimator}); the target comes from {@code .target(samples)} or the context's validation set.
   */
  public static DensityRatioEstimator densityRatio() {
    return DensityRatioEstimator.defaults();
  }

  /**
   * Position-bias correction for click logs ({@link PositionBiasIps}): absolute examination propensities, from
   * regression-EM (Wang et al. 2018) unless configured otherwise, and the unbiased objective of Saito et al.
   * (2020) to train with them.
   */
  public static PositionBiasIps ips() {
    return PositionBiasIps.defaults();
  }

  /** Regression-EM position-bias estimation (Wang et al. 2018; {@link PositionBiasEm#defaults()}). */
  public static PositionBiasEm regressionEm() {
    return PositionBiasEm.defaults();
  }

  /** Per-pair EM position-bias estimation, one relevance per (query, item) pair ({@code PositionBiasEm.defaults().perPair()}). */
  public static PositionBiasEm perPairEm() {
    return PositionBiasEm.defaults().perPair();
  }

  /**
   * Iterated classifier-based density-ratio estimation toward a target sample, resampling the fixed training
   * pool ({@link IteratedDensityRatio}).
   */
  public static IteratedDensityRatio iteratedDensityRatio() {
    return IteratedDensityRatio.defaults();
  }

  // ------------------------------------------------------------------ by name

  /**
   * Options of {@code influence-...} and {@code tracin-...} names, in any order: {@code all} (all parameters of
   * a deep model, not only the last layer), {@code trak} or {@code trakD} (TRAK-style random projection of the
   * gradients to D dimensions, 512 by default), and for influence one inverse-HVP solver: {@code cholesky},
   * {@code cg}, {@code lissa}, {@code arnoldi}, {@code ekfac} (see {@link InverseHvp}).
   */
  public static final String INFLUENCE_OPTIONS = "all, trak[D], cholesky, cg, lissa, arnoldi, ekfac";

  /** Estimator names accepted by {@link #named(String)} (the command line's {@code --estimators}). */
  public static final String NAMES = "grand, grand-last-layer, grand-datadiet, el2n, el2n-datadiet, "
      + "loss, forgetting, forgetting-per-step, aum, data-maps, adt, tracin, "
      + "influence, knn-shapley, tmc-shapley, beta-shapley, cs-shapley, banzhaf, data-oob, confident-learning, "
      + "noise-reweighting, loo, cv-residual, "
      + "class-balance, random, density-ratio, ips, iterated-density-ratio";

  /**
   * The estimator with a command-line name (case-insensitive; see {@link #NAMES}); {@code ips:COLUMN} is {@link
   * #ips()} with the propensities of column COLUMN. Influence estimators take dash-separated options (see {@link
   * #INFLUENCE_OPTIONS}): {@code influence-lissa}, {@code influence-all-arnoldi}, {@code tracin-all-trak256}.
   */
  public static ImportanceEstimator named(String name) {
    String trimmed = name.trim();
    if (trimmed.toLowerCase(Locale.ROOT).startsWith("ips:")) {
      return ips().propensityColumn(trimmed.substring(4)); // ips with the propensities of a column
    }
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.startsWith("influence-") || lower.startsWith("tracin-")) {
      return influenceNamed(name, lower);
    }
    return switch (lower) {
      case "grand", "gradient-norm" -> gradientNorm();
      case "grand-last-layer" -> gradientNorm().lastLayerOnly();
      case "grand-datadiet", "grand-init" -> gradientNorm().dataDiet();
      case "el2n" -> el2n();
      case "el2n-datadiet" -> el2n().dataDiet();
      case "loss" -> loss();
      case "forgetting" -> forgetting();
      case "forgetting-per-step" -> forgetting().perStep();
      case "aum" -> aum();
      case "data-maps", "datamaps" -> dataMaps();
      case "adt", "adaptive-denoising" -> adaptiveDenoising();
      case "tracin" -> tracIn();
      case "influence" -> influence();
      case "knn-shapley" -> knnShapley();
      case "tmc-shapley" -> tmcShapley();
      case "beta-shapley" -> betaShapley();
      case "cs-shapley", "classwise-shapley" -> csShapley();
      case "banzhaf", "data-banzhaf" -> banzhaf();
      case "data-oob" -> dataOob();
      case "confident-learning", "cleanlab" -> confidentLearning();
      case "noise-reweighting", "liu-tao" -> noiseReweighting();
      case "loo", "leave-one-out" -> leaveOneOut();
      case "cv-residual" -> crossValidatedResidual();
      case "class-balance" -> classBalance();
      case "random" -> random();
      case "density-ratio" -> densityRatio();
      case "ips" -> ips();
      case "iterated-density-ratio" -> iteratedDensityRatio();
      default -> throw new IllegalArgumentException("unknown estimator '" + name + "'; expected one of " + NAMES
          + ", or ips:COLUMN for position-bias correction with the propensities of a column, or influence-OPTIONS "
          + "/ tracin-OPTIONS with options from " + INFLUENCE_OPTIONS);
    };
  }

  private static ImportanceEstimator influenceNamed(String name, String lower) {
    boolean tracin = lower.startsWith("tracin-");
    String[] options = lower.substring(tracin ? 7 : 10).split("-");
    InfluenceFunctions inf = influence();
    TracIn tr = tracIn();
    boolean solverSet = false;
    for (String o : options) {
      InverseHvp solver = switch (o) {
        case "cholesky" -> InverseHvp.cholesky();
        case "cg" -> InverseHvp.conjugateGradient(1e-8, 1000);
        case "lissa" -> InverseHvp.lissa();
        case "arnoldi" -> InverseHvp.arnoldi(20, 60);
        case "ekfac" -> InverseHvp.ekfac();
        default -> null;
      };
      if (solver != null && !tracin && !solverSet) {
        inf = inf.solver(solver);
        solverSet = true;
      } else if (o.equals("all")) {
        inf = inf.allParameters();
        tr = tr.allParameters();
      } else if (o.matches("trak\\d*")) {
        int d = o.length() == 4 ? 512 : Integer.parseInt(o.substring(4));
        inf = inf.projectTo(d);
        tr = tr.projectTo(d);
      } else {
        throw new IllegalArgumentException("unknown option '" + o + "' in estimator '" + name + "'; expected "
            + (tracin ? "all, trak or trakD" : "at most one solver and options from " + INFLUENCE_OPTIONS));
      }
    }
    return tracin ? tr : inf;
  }
}
