package siebench.importance;

import siebench.core.Progress;
import siebench.importance.catalog.Estimators;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static siebench.importance.Importance.Meaning.HARDNESS;
import static siebench.importance.Importance.Meaning.VALUE;
import static siebench.importance.Importance.Meaning.WEIGHT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import siebench.data.Role;
import siebench.data.Samples;
import siebench.data.synthetic.Synthetic;
import siebench.data.synthetic.SyntheticData;
import siebench.importance.Importance.Meaning;
import siebench.importance.correction.IteratedDensityRatio;
import siebench.importance.correction.PositionBiasIps;
import siebench.importance.dynamics.AdaptiveDenoising;
import siebench.importance.dynamics.El2n;
import siebench.importance.influence.InfluenceFunctions;
import siebench.importance.influence.TracIn;
import siebench.importance.valuation.CrossValidatedResidual;
import siebench.importance.valuation.ClasswiseShapley;
import siebench.importance.valuation.DataBanzhaf;
import siebench.importance.valuation.DataOob;
import siebench.importance.valuation.LeaveOneOut;
import siebench.importance.valuation.TmcShapley;
import siebench.model.Models;
import siebench.train.CtrTask;

/**
 * The orientation contract of {@link Importance}, end to end, for <em>every</em> estimator of {@link
 * Estimators#NAMES}: (1) each estimator returns the {@link Meaning} its paper's sign convention implies (the
 * explicit table {@link #EXPECTED} below; a name missing from it fails, so new estimators must be added), and
 * (2) the actions {@code Samples.clean}, {@code Samples.reweight} and {@code Samples.prune} act on the rows that
 * this test computes itself from the raw {@link Importance#scores()}, the row ids and the expected meaning,
 * without {@code suspicion()}, {@code bySuspicion()} or {@code mostSuspicious()}: HARDNESS suspects the highest
 * scores, VALUE and WEIGHT the lowest. (3) {@code weightBy(estimator)} equals {@code
 * reweight(estimator.estimate(samples))}.
 *
 * <p>One small synthetic click log (3,000 rows with 10% fake clicks, and its clean test sample as the
 * validation / target set) is shared by all cases; every estimator runs in a cheap configuration (logistic
 * regression for 2 epochs, few permutations / subsets / learners), which changes its cost but not its sign.
 */
class ActionOrientationTest {
  /** The share that cleaning removes (and pruning at {@code 1 - FRACTION} drops). */
  static final double FRACTION = 0.1;

  /**
   * The meaning each estimator must return, from its paper's sign convention (and its Javadoc). Keys are the
   * names of {@link Estimators#NAMES}; tracin and influence are called with a validation set here (their
   * self-influence variants without one are the extra cases {@code tracin/self} and {@code influence/self}).
   */
  static final Map<String, Meaning> EXPECTED = new LinkedHashMap<>();
  /** Why: the one-line justification of each row of {@link #EXPECTED}, printed in failure messages. */
  static final Map<String, String> WHY = new LinkedHashMap<>();

  static {
    // ---- training dynamics: higher = harder, where mislabeled rows concentrate
    expect("grand", HARDNESS,
        "GraNd (Paul et al. 2021): E|grad l|, large for hard/mislabeled rows; Data Diet prunes the lowest");
    expect("grand-last-layer", HARDNESS, "GraNd with the last-layer norm |p - y| sqrt(|h|^2 + 1): same sign as GraNd");
    expect("grand-datadiet", HARDNESS, "GraNd at initialization over 10 seeds (the Data Diet paper): same sign as GraNd");
    expect("el2n", HARDNESS, "EL2N (Paul et al. 2021): E|p - y|, large error = hard / likely mislabeled");
    expect("el2n-datadiet", HARDNESS, "EL2N after 1 epoch over 10 seeds (the Data Diet paper): same sign as EL2N");
    expect("loss", HARDNESS, "per-row BCE: the small-loss trick (Han et al. 2018) treats large loss as noisy");
    expect("forgetting", HARDNESS, "Toneva et al. 2019: more forgetting events (never learned = max) = harder");
    expect("forgetting-per-step", HARDNESS, "forgetting events per minibatch presentation (Toneva et al.): same sign");
    expect("aum", HARDNESS,
        "Pleiss et al. 2020: low AUM = mislabeled; the estimator returns -AUM, so high = suspicious");
    expect("data-maps", HARDNESS,
        "Swayamdipta et al. 2020: scored as 1 - confidence, hard-to-learn region = label errors");
    expect("adt", WEIGHT,
        "ADT (Wang et al. 2021): the T-CE/R-CE training weight, low = dropped/down-weighted noisy click");
    // ---- influence, called with a validation set: proponents (higher) are valuable
    expect("tracin", VALUE,
        "TracIn (Pruthi et al. 2020) vs validation: positive = proponent (lowers validation loss)");
    expect("influence", VALUE, "Koh & Liang 2017: predicted validation-loss increase when the row is removed = value");
    // ---- data valuation: higher = more valuable, corrupted rows score low
    expect("knn-shapley", VALUE,
        "Jia et al. 2019: Shapley value of the KNN utility, flipped labels get negative values");
    expect("tmc-shapley", VALUE, "Ghorbani & Zou 2019: Data Shapley, marginal contribution to validation AUC");
    expect("beta-shapley", VALUE, "Kwon & Zou 2022: Beta(16,1)-weighted Shapley of the validation utility");
    expect("cs-shapley", VALUE, "Schoch et al. 2022: class-wise Shapley, in-class accuracy x exp(out-of-class accuracy)");
    expect("banzhaf", VALUE, "Wang & Jia 2023: Banzhaf value of the validation utility (MSR)");
    expect("data-oob", VALUE, "Kwon & Zou 2023: out-of-bag agreement of the row's own label, wrong labels score low");
    expect("confident-learning", VALUE, "Northcutt et al. 2021: self-confidence p_hat_y(x), low = label issue");
    expect("noise-reweighting", WEIGHT,
        "Liu & Tao 2016: importance weight beta = P(clean label) / P(noisy label), low = likely flipped");
    expect("loo", VALUE,
        "leave-one-out U(N) - U(N \\ i): positive = removing the row hurts (Koh & Liang 2017 baseline)");
    expect("cv-residual", HARDNESS,
        "out-of-fold residual (default y_i - p_i): higher = label more under-predicted, a surprising (fake) click");
    // ---- weights: the scores are training weights already, a low weight is suspicious
    expect("class-balance", WEIGHT, "King & Zeng 2001 'balanced' inverse class-frequency weights, mean 1");
    expect("random", VALUE, "random baseline: no sign by construction; returns the default meaning VALUE");
    expect("density-ratio", WEIGHT, "Shimodaira 2000: covariate-shift weights p_target(x) / q_train(x)");
    expect("ips", WEIGHT, "Joachims et al. 2017: the click term's inverse propensity weights 1 / theta_k, 1 for non-clicks");
    expect("iterated-density-ratio", WEIGHT,
        "iterated classifier density ratio (Bickel et al. 2009, Rhodes et al. 2020): final weights w_T, mean 1");
  }

  private static void expect(String name, Meaning m, String why) {
    EXPECTED.put(name, m);
    WHY.put(name, why);
  }

  // ------------------------------------------------------------------ the shared data and context

  static final SyntheticData DATA = Synthetic.ecommerce().rows(3000).seed(5).fakeClicks(0.1)
      .progress(Progress.silent()).generate();
  static final Samples TRAIN = DATA.samples();
  /** The clean held-out sample: validation set of the valuations, target of density-ratio and iterated-density-ratio. */
  static final Samples TARGET = DATA.test();
  static final CtrTask TASK = CtrTask.ctr().model(Models.logisticRegression()).epochs(2).batchSize(256)
      .learningRate(0.01).progress(Progress.silent());
  static final EstimationContext CONTEXT = EstimationContext.defaults().validation(TARGET).task(TASK).seed(11)
      .progress(Progress.silent());
  static final EstimationContext NO_VALIDATION = CONTEXT.validation(null);

  /** One estimator call: a label for reports, its NAMES entry, the configured estimator and its context. */
  record Case(String label, String name, ImportanceEstimator estimator, EstimationContext context,
      Meaning expected, String why) {
    @Override
    public String toString() {
      return label;
    }
  }

  /** The entries of {@link Estimators#NAMES}, in order. */
  static List<String> names() {
    return Arrays.stream(Estimators.NAMES.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** The estimator of {@code name} from {@link Estimators#named}, in a cheap configuration of the same class. */
  static ImportanceEstimator cheap(String name) {
    ImportanceEstimator e = Estimators.named(name);
    int n = TRAIN.size();
    return switch (name) {
      case "tmc-shapley", "beta-shapley" -> ((TmcShapley) e).maxPermutations(2).threads(2);
      case "cs-shapley" -> ((ClasswiseShapley) e).permutations(1);
      case "banzhaf" -> ((DataBanzhaf) e).samples(64).threads(2);
      case "data-oob" -> ((DataOob) e).learners(12);
      case "loo" -> ((LeaveOneOut) e).maxRows(n);
      case "iterated-density-ratio" -> ((IteratedDensityRatio) e).iterations(2);
      default -> e; // the dynamics estimators take the (cheap) context task; the rest are cheap as they are
    };
  }

  static Stream<Case> allCases() {
    List<Case> cases = new ArrayList<>();
    for (String name : names()) {
      cases.add(new Case(name, name, cheap(name), CONTEXT, EXPECTED.get(name), WHY.get(name)));
    }
    // the self-influence variants: no validation set, higher = more self-influential = suspicious
    cases.add(new Case("tracin/self", "tracin", (TracIn) Estimators.named("tracin"), NO_VALIDATION, HARDNESS,
        "TracIn without validation: self-influence sum eta |grad l|^2, used to surface mislabeled rows"));
    cases.add(new Case("influence/self", "influence", ((InfluenceFunctions) Estimators.named("influence"))
        .maxDenseDimension(4000), NO_VALIDATION, HARDNESS,
        "Koh & Liang without validation: self-influence, used to find mislabeled rows"));
    // non-degenerate variants of estimators whose cheap defaults put the 10% boundary inside one tie block:
    // per-pair regression-EM finds no position bias here (every (query, item) pair is shown once, so all
    // propensities come out 1 and every IPS weight is 1), and T-CE weights are mostly exactly 1
    Map<Integer, Double> truth = new LinkedHashMap<>();
    double[] theta = DATA.propensities();
    for (int k = 0; k < theta.length; k++) {
      truth.put(k + 1, theta[k]);
    }
    cases.add(new Case("ips/true-propensities", "ips", ((PositionBiasIps) Estimators.named("ips"))
        .propensities(truth), CONTEXT, WEIGHT, WHY.get("ips")));
    cases.add(new Case("adt/r-ce", "adt", ((AdaptiveDenoising) Estimators.named("adt")).reweighted(0.25), CONTEXT,
        WEIGHT, "ADT with R-CE: clicks weighted p^beta, low = likely noisy click"));
    return cases.stream();
  }

  static Stream<Arguments> cases() {
    return allCases().map(Arguments::of);
  }

  /** Estimates, computed once per case and shared by the meaning and action tests. */
  static final Map<String, Importance> ESTIMATES = new ConcurrentHashMap<>();
  static final Map<String, String> REPORT = new ConcurrentHashMap<>();

  static Importance estimate(Case c) {
    return ESTIMATES.computeIfAbsent(c.label(), k -> c.estimator().estimate(TRAIN, c.context()));
  }

  @AfterAll
  static void printReport() {
    System.out.println("ActionOrientationTest: estimator, 10% boundary");
    for (Case c : allCases().toList()) {
      System.out.println(String.format("  %-20s %s", c.label(), REPORT.getOrDefault(c.label(), "not run")));
    }
  }

  // ------------------------------------------------------------------ the tests

  @Test
  void everyEstimatorNameHasAnExpectedMeaningAndNoStaleRows() {
    List<String> names = names();
    assertEquals(new LinkedHashSet<>(names).size(), names.size(), "duplicate names in Estimators.NAMES: " + names);
    List<String> missing = names.stream().filter(n -> !EXPECTED.containsKey(n)).toList();
    assertTrue(missing.isEmpty(), "estimators of Estimators.NAMES without an expected meaning in "
        + "ActionOrientationTest.EXPECTED: " + missing + "; add them with their paper's sign convention");
    Set<String> stale = new TreeSet<>(EXPECTED.keySet());
    stale.removeAll(names);
    assertTrue(stale.isEmpty(), "EXPECTED names estimators that are no longer in Estimators.NAMES: " + stale);
    for (String n : names) {
      assertEquals(Estimators.named(n).getClass(), cheap(n).getClass(), n + ": the cheap configuration must "
          + "keep the estimator class that Estimators.named gives");
    }
  }

  @Test
  void theSharedDataHasWhatTheEstimatorsNeed() {
    // ips (regression-EM) needs display positions and query / item ids; density-ratio, iterated-density-ratio and the
    // valuations against validation need a target sample; the dynamics need both labels
    assertTrue(TRAIN.schema().column(Role.POSITION).isPresent(), "position role");
    assertTrue(TRAIN.schema().column(Role.QUERY).isPresent(), "query role");
    assertTrue(TRAIN.schema().column(Role.ITEM).isPresent(), "item role");
    assertTrue(TARGET.size() > 0, "target / validation rows");
    float[] y = TRAIN.labels();
    int clicks = 0;
    for (float v : y) {
      clicks += v > 0.5f ? 1 : 0;
    }
    assertTrue(clicks > 0 && clicks < y.length, "both labels: " + clicks + " clicks of " + y.length);
    assertTrue(DATA.corruptionRate() > 0, "some corrupted rows (fake clicks)");
    assertFalse(TRAIN.hasWeights(), "no weight column before reweighting");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void meaningFollowsThePapersSignConvention(Case c) {
    if (c.expected() == null) {
      fail(c.name() + " is in Estimators.NAMES but has no expected meaning in ActionOrientationTest.EXPECTED");
    }
    Importance imp = estimate(c);
    assertEquals(c.expected(), imp.meaning(), c.label() + " (" + imp.estimator() + ") returned meaning "
        + imp.meaning() + " but its sign convention implies " + c.expected() + ": " + c.why());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void cleanReweightAndPruneActOnTheRowsTheMeaningMarksSuspicious(Case c) {
    if (c.expected() == null) {
      fail(c.name() + " has no expected meaning in ActionOrientationTest.EXPECTED");
    }
    Importance imp = estimate(c);
    Expected ex = Expected.of(c, imp, TRAIN, c.expected(), FRACTION);
    REPORT.merge(c.label(), "  " + ex.describe(), String::concat);
    String who = c.label() + " (" + c.expected() + ", " + ex.describe() + ")";
    long[] ids = TRAIN.rowIds();
    int n = ids.length;
    int k = ex.k;
    assertEquals(n - k, Math.round((1 - FRACTION) * n), "pruning to 1 - fraction must keep the rest");

    // clean: removes exactly S (or, with a tie block at the boundary, all of the strictly more suspicious rows
    // and only rows of the block), keeps every other row in order
    Samples cleaned = TRAIN.clean(imp, FRACTION);
    long[] kept = cleaned.rowIds();
    assertEquals(n - k, kept.length, who + ": clean keeps n - round(fraction n) rows");
    assertInOrder(who + ": clean", kept, cleaned.labels());
    Set<Long> removed = ex.complement(kept);
    if (ex.exact) {
      assertSameRows(who + ": clean removes exactly the most suspicious 10%", ex.s(), removed, imp);
    } else {
      assertSubset(who + ": clean removes every strictly more suspicious row", ex.mustRemove, removed, imp);
      Set<Long> allowed = new HashSet<>(ex.mustRemove);
      allowed.addAll(ex.block);
      assertSubset(who + ": clean removes only rows at least as suspicious as the boundary", removed, allowed, imp);
    }

    // prune(0.9): keeps exactly the complement of S (of what clean removed, with a tie at the boundary)
    Samples pruned = TRAIN.prune(imp, 1 - FRACTION);
    long[] prunedKept = pruned.rowIds();
    assertInOrder(who + ": prune", prunedKept, pruned.labels());
    assertSameRows(who + ": prune(" + (1 - FRACTION) + ") keeps what clean(" + FRACTION + ") keeps", asSet(kept),
        asSet(prunedKept), imp);
    if (ex.exact) {
      assertSameRows(who + ": prune keeps exactly the complement of S", ex.complement(ex.s()), asSet(prunedKept),
          imp);
    } else {
      assertSubset(who + ": prune keeps every strictly less suspicious row", ex.mustKeep, asSet(prunedKept), imp);
    }

    // reweight: mean 1, suspicious rows get the smallest weights
    Samples weighted = TRAIN.reweight(imp);
    assertArrayEquals(ids, weighted.rowIds(), who + ": reweight keeps the rows and their order");
    assertTrue(weighted.hasWeights(), who + ": reweight declares a weight column");
    double[] w = weighted.doubles(Samples.SAMPLE_WEIGHT);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      assertTrue(Double.isFinite(w[i]) && w[i] >= 0, who + ": weight of row_id " + ids[i] + " is " + w[i]);
      sum += w[i];
    }
    assertEquals(1.0, sum / n, 1e-9, who + ": weights have mean 1");
    ex.assertMonotone(who, w);
    Set<Long> s = ex.exact ? ex.s() : removed;
    double maxIn = Double.NEGATIVE_INFINITY;
    double minOut = Double.POSITIVE_INFINITY;
    double sumOut = 0;
    int out = 0;
    long argMaxIn = -1;
    long argMinOut = -1;
    for (int i = 0; i < n; i++) {
      if (s.contains(ids[i])) {
        if (w[i] > maxIn) {
          maxIn = w[i];
          argMaxIn = ids[i];
        }
      } else {
        if (w[i] < minOut) {
          minOut = w[i];
          argMinOut = ids[i];
        }
        sumOut += w[i];
        out++;
      }
    }
    assertTrue(maxIn <= minOut, who + ": every row of S must weigh at most every row outside S, but row_id "
        + argMaxIn + " (in S) weighs " + maxIn + " and row_id " + argMinOut + " (outside) " + minOut);
    if (!ex.mustKeep.isEmpty() && out > 0) { // scores not constant below the boundary
      assertTrue(maxIn < sumOut / out, who + ": the heaviest row of S (" + maxIn + ") must weigh less than the "
          + "mean weight outside S (" + sumOut / out + ")");
    }
    if (!ex.exact && !ex.mustRemove.isEmpty()) { // with a tie block, also the strictly more suspicious part
      double maxStrict = Double.NEGATIVE_INFINITY;
      double sumRest = 0;
      for (int i = 0; i < n; i++) {
        if (ex.mustRemove.contains(ids[i])) {
          maxStrict = Math.max(maxStrict, w[i]);
        } else {
          sumRest += w[i];
        }
      }
      double meanRest = sumRest / (n - ex.mustRemove.size());
      assertTrue(maxStrict < meanRest, who + ": the heaviest strictly-more-suspicious row (" + maxStrict
          + ") must weigh less than the mean of the other rows (" + meanRest + ")");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deterministicEstimators")
  void weightByIsReweightOfTheEstimate(String label, ImportanceEstimator est) {
    Samples a = TRAIN.weightBy(est);
    Samples b = TRAIN.reweight(est.estimate(TRAIN));
    assertArrayEquals(TRAIN.rowIds(), a.rowIds(), est.name());
    assertArrayEquals(b.doubles(Samples.SAMPLE_WEIGHT), a.doubles(Samples.SAMPLE_WEIGHT), 0, est.name()
        + ": weightBy(estimator) == reweight(estimator.estimate(samples))");
    double[] w = a.doubles(Samples.SAMPLE_WEIGHT);
    assertTrue(Arrays.stream(w).distinct().count() > 1, est.name() + ": weights are not all equal");
  }

  static Stream<Arguments> deterministicEstimators() {
    // weightBy uses the default context (seed 7); el2n's settings override its DeepFM task with a cheap one
    return Stream.of(
        Arguments.of("el2n (seeded DJL training)", ((El2n) Estimators.named("el2n")).model(Models.logisticRegression())
            .epochs(1).batchSize(256).learningRate(0.01)),
        Arguments.of("cv-residual (Java LR)", (CrossValidatedResidual) Estimators.named("cv-residual")));
  }

  // ------------------------------------------------------------------ the independent expectation

  /**
   * The rows an action must treat as the most suspicious {@code round(fraction n)}, computed from the raw scores
   * (aligned to the samples by row id) and the expected meaning: HARDNESS suspects high scores, VALUE and WEIGHT
   * low ones. When the boundary cuts through a block of tied scores, only the strict parts are determined:
   * {@link #mustRemove} (strictly more suspicious than the boundary), {@link #block} (tied with it) and {@link
   * #mustKeep} (strictly less suspicious).
   */
  static final class Expected {
    final long[] ids;
    final double[] suspicion;
    final int k;
    final boolean exact;
    final Set<Long> mustRemove = new HashSet<>();
    final Set<Long> block = new HashSet<>();
    final Set<Long> mustKeep = new HashSet<>();

    private Expected(long[] ids, double[] suspicion, int k) {
      this.ids = ids;
      this.suspicion = suspicion;
      this.k = k;
      int n = ids.length;
      double[] sorted = suspicion.clone();
      Arrays.sort(sorted); // ascending: the k most suspicious are the last k
      if (k == 0) {
        for (long id : ids) {
          mustKeep.add(id);
        }
        exact = true;
        return;
      }
      double boundary = sorted[n - k];
      for (int i = 0; i < n; i++) {
        if (suspicion[i] > boundary) {
          mustRemove.add(ids[i]);
        } else if (suspicion[i] == boundary) {
          block.add(ids[i]);
        } else {
          mustKeep.add(ids[i]);
        }
      }
      exact = mustRemove.size() + block.size() == k;
    }

    static Expected of(Case c, Importance imp, Samples samples, Meaning meaning, double fraction) {
      long[] impIds = imp.rowIds();
      double[] scores = imp.scores();
      Map<Long, Double> byId = new HashMap<>(impIds.length * 2);
      for (int i = 0; i < impIds.length; i++) {
        byId.put(impIds[i], scores[i]);
      }
      long[] ids = samples.rowIds();
      assertEquals(ids.length, impIds.length, c.label() + ": one score per training row");
      double[] susp = new double[ids.length];
      for (int i = 0; i < ids.length; i++) {
        Double s = byId.get(ids[i]);
        if (s == null) {
          fail(c.label() + ": no score for row_id " + ids[i]);
        }
        // + 0.0 turns -0.0 into 0.0, so that tied zeros form one block
        susp[i] = (meaning == HARDNESS ? s : -s) + 0.0;
      }
      return new Expected(ids, susp, (int) Math.round(fraction * ids.length));
    }

    /** S, the most suspicious rows (only when {@link #exact}). */
    Set<Long> s() {
      Set<Long> s = new HashSet<>(mustRemove);
      s.addAll(block);
      return s;
    }

    Set<Long> complement(long[] kept) {
      return complement(asSet(kept));
    }

    Set<Long> complement(Set<Long> rows) {
      Set<Long> out = new HashSet<>();
      for (long id : ids) {
        if (!rows.contains(id)) {
          out.add(id);
        }
      }
      return out;
    }

    /** Weights never increase with suspicion, and tied scores get equal weights. */
    void assertMonotone(String who, double[] w) {
      Integer[] order = new Integer[ids.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(suspicion[b], suspicion[a])); // most suspicious first
      for (int j = 1; j < order.length; j++) {
        int p = order[j - 1];
        int q = order[j];
        if (suspicion[p] == suspicion[q]) {
          assertEquals(w[p], w[q], 0, who + ": tied rows row_id " + ids[p] + " and " + ids[q]
              + " must get equal weights");
        } else {
          assertTrue(w[p] <= w[q], who + ": row_id " + ids[p] + " is more suspicious than row_id " + ids[q]
              + " but weighs more: " + w[p] + " > " + w[q]);
        }
      }
    }

    String describe() {
      return exact ? "exact boundary (k=" + k + ")" : "tie at the boundary (k=" + k + ": " + mustRemove.size()
          + " strictly above, block of " + block.size() + ", " + mustKeep.size() + " strictly below)";
    }
  }

  // ------------------------------------------------------------------ assertion helpers

  static Set<Long> asSet(long[] ids) {
    Set<Long> s = new HashSet<>(ids.length * 2);
    for (long id : ids) {
      s.add(id);
    }
    return s;
  }

  /** {@code kept} must be a subsequence of the training rows (their order), with the rows' own labels. */
  static void assertInOrder(String who, long[] kept, float[] keptLabels) {
    long[] ids = TRAIN.rowIds();
    float[] y = TRAIN.labels();
    Map<Long, Integer> pos = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      pos.put(ids[i], i);
    }
    int last = -1;
    for (int j = 0; j < kept.length; j++) {
      Integer p = pos.get(kept[j]);
      assertTrue(p != null, who + ": unknown row_id " + kept[j]);
      assertTrue(p > last, who + ": rows out of order or repeated at row_id " + kept[j]);
      assertEquals(y[p], keptLabels[j], 0, who + ": row_id " + kept[j] + " lost its label");
      last = p;
    }
  }

  static void assertSameRows(String what, Set<Long> expected, Set<Long> actual, Importance imp) {
    if (!expected.equals(actual)) {
      Set<Long> missing = new TreeSet<>(expected);
      missing.removeAll(actual);
      Set<Long> extra = new TreeSet<>(actual);
      extra.removeAll(expected);
      fail(what + ": " + missing.size() + " expected rows missing " + sample(missing, imp) + ", " + extra.size()
          + " unexpected rows " + sample(extra, imp));
    }
  }

  static void assertSubset(String what, Set<Long> sub, Set<Long> sup, Importance imp) {
    Set<Long> outside = new TreeSet<>(sub);
    outside.removeAll(sup);
    if (!outside.isEmpty()) {
      fail(what + ": " + outside.size() + " rows violate it " + sample(outside, imp));
    }
  }

  /** A few row ids with their scores, for messages. */
  static String sample(Set<Long> rows, Importance imp) {
    Map<Long, Double> byId = new HashMap<>();
    long[] ids = imp.rowIds();
    double[] s = imp.scores();
    for (int i = 0; i < ids.length; i++) {
      byId.put(ids[i], s[i]);
    }
    return rows.stream().limit(5).map(id -> id + "=" + byId.get(id)).collect(Collectors.joining(", ", "[", 
        rows.size() > 5 ? ", ...]" : "]"));
  }
}
