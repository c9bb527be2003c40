package siebench.data.synthetic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import siebench.core.Progress;
import siebench.data.noise.Corruption;
import siebench.data.noise.Noise;

/**
 * Seeded generator of e-commerce search logs with known ground truth; an immutable builder (every setter
 * returns a new generator). Start from {@link Synthetic#ecommerce()}.
 *
 * <pre>{@code
 * SyntheticData data = Synthetic.ecommerce().rows(200_000).seed(7)
 *     .fakeClicks(0.05).flippedLabels(0.02).duplicates(0.01).covariateShift(0.5).generate();
 * Samples train = data.samples();   // label click; truth_* columns are ground truth, never features
 * Samples test = data.test();       // clean, from the shifted distribution
 * }</pre>
 *
 * <p>The model: users with latent taste vectors issue search sessions for a category (their intent); a
 * production ranker orders candidate items by a noisy estimate of their relevance and shows {@link
 * #listSize} of them; the user clicks a result with probability {@code examination(position) x relevance}, the
 * position-based click model (T. Joachims, A. Swaminathan, T. Schnabel, 2017, "Unbiased Learning-to-Rank with
 * Biased Feedback", WSDM; X. Wang, N. Golbandi, M. Bendersky, D. Metzler, M. Najork, 2018, "Position Bias
 * Estimation for Unbiased Learning to Rank in Personal Search", WSDM); clicked results are bought with a
 * probability of their own. Relevance is driven by interactions (see {@link EcommerceWorld}). Corruption knobs
 * are fractions of the training rows and are injected exactly (rounded to whole rows); the test samples are
 * never corrupted.
 *
 * <p>Every random stream (world, training sessions, clicks, corruption, test sessions) is derived from the
 * seed separately, so the same seed gives an identical table, and changing a corruption knob leaves the clean
 * sessions and clicks unchanged (up to the number of rows the duplicates take).
 *
 * <p>{@link #noise(Noise)} injects one more defect from {@link siebench.data.noise} (click fraud on a few
 * items or hours, accidental clicks at the top positions, duplicated sessions, ...) into the training samples
 * after the generator's own corruptions, with a seed derived from {@link #seed}.
 */
public final class EcommerceGenerator {
  /** Relevance intercept used when no positive rate is requested. */
  public static final double DEFAULT_INTERCEPT = -6.5;

  private int rows = 200_000;
  private int testRows = -1;
  private long seed = 7;
  private int users = 1_000;
  private int items = 2_000;
  private int categories = 40;
  private int brands = 150;
  private int dimension = 8;
  private int segments = 12;
  private int listSize = 10;
  private int candidates = -1;
  private double eta = 1.0;
  private PositionBias customBias;
  private double rankerNoise = 1.0;
  private double rankerPopularity = 3.0;
  private double sponsoredShare = 0;
  private double rankerSponsored = 0;
  private boolean randomizedRanking;
  private double positiveRate = Double.NaN;
  private double fakeClicks;
  private double fraudShare = 0.6;
  private double fraudActors = 0.02;
  private double flippedLabels;
  private double duplicates;
  private double nearDuplicates;
  private double covariateShift;
  private Noise noise;
  private boolean purchases = true;
  private boolean positionFeature;
  private int days = 28;
  private int testDays = 7;
  private Progress progress = Progress.silent();

  EcommerceGenerator() {}

  private EcommerceGenerator copy() {
    EcommerceGenerator g = new EcommerceGenerator();
    g.rows = rows;
    g.testRows = testRows;
    g.seed = seed;
    g.users = users;
    g.items = items;
    g.categories = categories;
    g.brands = brands;
    g.dimension = dimension;
    g.segments = segments;
    g.listSize = listSize;
    g.candidates = candidates;
    g.eta = eta;
    g.customBias = customBias;
    g.rankerNoise = rankerNoise;
    g.rankerPopularity = rankerPopularity;
    g.sponsoredShare = sponsoredShare;
    g.rankerSponsored = rankerSponsored;
    g.randomizedRanking = randomizedRanking;
    g.positiveRate = positiveRate;
    g.fakeClicks = fakeClicks;
    g.fraudShare = fraudShare;
    g.fraudActors = fraudActors;
    g.flippedLabels = flippedLabels;
    g.duplicates = duplicates;
    g.nearDuplicates = nearDuplicates;
    g.covariateShift = covariateShift;
    g.noise = noise;
    g.purchases = purchases;
    g.positionFeature = positionFeature;
    g.days = days;
    g.testDays = testDays;
    g.progress = progress;
    return g;
  }

  private static int positive(String what, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(what + " must be >= 1, got " + v);
    }
    return v;
  }

  private static double fraction(String what, double v) {
    if (!(v >= 0 && v < 1)) {
      throw new IllegalArgumentException(what + " must be a fraction in [0, 1), got " + v);
    }
    return v;
  }

  /** Number of training rows (impressions), default 200,000. */
  public EcommerceGenerator rows(int n) {
    EcommerceGenerator g = copy();
    g.rows = positive("rows", n);
    return g;
  }

  /** Number of clean test rows (0 for none); default a quarter of {@link #rows}. */
  public EcommerceGenerator testRows(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("testRows must be >= 0, got " + n);
    }
    EcommerceGenerator g = copy();
    g.testRows = n;
    return g;
  }

  /** The seed of every random choice, default 7. */
  public EcommerceGenerator seed(long s) {
    EcommerceGenerator g = copy();
    g.seed = s;
    return g;
  }

  /** Number of users, default 1,000. */
  public EcommerceGenerator users(int n) {
    EcommerceGenerator g = copy();
    g.users = positive("users", n);
    return g;
  }

  /** Number of items, default 2,000 (at least the number of categories: every category gets an item). */
  public EcommerceGenerator items(int n) {
    EcommerceGenerator g = copy();
    g.items = positive("items", n);
    return g;
  }

  /** Number of categories (query intents), default 40. */
  public EcommerceGenerator categories(int n) {
    EcommerceGenerator g = copy();
    g.categories = positive("categories", n);
    return g;
  }

  /** Number of brands, default 150. */
  public EcommerceGenerator brands(int n) {
    EcommerceGenerator g = copy();
    g.brands = positive("brands", n);
    return g;
  }

  /** Number of observed user segments (column {@code user_segment}), default 12. */
  public EcommerceGenerator segments(int n) {
    EcommerceGenerator g = copy();
    g.segments = positive("segments", n);
    return g;
  }

  /** Dimension of the hidden latent vectors, default 8. */
  public EcommerceGenerator dimension(int d) {
    EcommerceGenerator g = copy();
    g.dimension = positive("dimension", d);
    return g;
  }

  /** Results shown per search (display positions 1..n), default 10. */
  public EcommerceGenerator listSize(int n) {
    EcommerceGenerator g = copy();
    g.listSize = positive("listSize", n);
    return g;
  }

  /** Candidates the ranker scores per search (at least listSize), default 2.5 x listSize. */
  public EcommerceGenerator candidates(int n) {
    EcommerceGenerator g = copy();
    g.candidates = positive("candidates", n);
    return g;
  }

  /** Position bias {@code (1 / position)^eta}, default eta = 1; 0 means no position bias. */
  public EcommerceGenerator positionBias(double eta) {
    PositionBias.powerLaw(eta, 1); // validates
    EcommerceGenerator g = copy();
    g.eta = eta;
    g.customBias = null;
    return g;
  }

  /** An explicit examination curve covering at least {@link #listSize} positions. */
  public EcommerceGenerator positionBias(PositionBias bias) {
    EcommerceGenerator g = copy();
    g.customBias = Objects.requireNonNull(bias, "bias");
    return g;
  }

  /** Standard deviation of the production ranker's error on the relevance logit, default 1. */
  public EcommerceGenerator rankerNoise(double sd) {
    if (!(sd >= 0) || Double.isInfinite(sd)) {
      throw new IllegalArgumentException("rankerNoise must be finite and >= 0, got " + sd);
    }
    EcommerceGenerator g = copy();
    g.rankerNoise = sd;
    return g;
  }

  /**
   * How strongly the production ranker boosts popular items: its score is the relevance logit plus {@code
   * weight} times the item's observed log-popularity, plus its error. Production rankers blend relevance with
   * popularity (best-seller boosts), so popular items are shown higher than their relevance earns, collect the
   * examination of the top positions and look more clickable than they are to a model trained on the clicks.
   * Default 3: the observed log-popularity has a standard deviation of about 1, so the boost weighs about as
   * much as the relevance logit; 0 ranks by (noisy) relevance alone, under which position bias barely changes
   * which results a click model ranks first.
   */
  public EcommerceGenerator rankerPopularity(double weight) {
    if (!Double.isFinite(weight)) {
      throw new IllegalArgumentException("rankerPopularity must be finite, got " + weight);
    }
    EcommerceGenerator g = copy();
    g.rankerPopularity = weight;
    return g;
  }

  /**
   * Sponsored listings: a {@code share} of the items is sponsored, visible to models as the 0/1 feature {@value
   * SyntheticData#SPONSORED}, and the production ranker adds {@code boost} to their score, so they take the top
   * positions. Sponsorship does not change relevance: a click model trained naively on the logged clicks credits
   * the feature with the examination its positions bought, which is the confounding that position-bias
   * correction removes (sponsored results fill the first slots of most e-commerce search pages). Default: none
   * (no column). Drawn after the rest of the world, so the other items, users and sessions do not change.
   */
  public EcommerceGenerator sponsored(double share, double boost) {
    if (!(share >= 0 && share < 1) || !Double.isFinite(boost)) {
      throw new IllegalArgumentException("sponsored share must be in [0, 1) and the boost finite, got share "
          + share + ", boost " + boost);
    }
    EcommerceGenerator g = copy();
    g.sponsoredShare = share;
    g.rankerSponsored = boost;
    return g;
  }

  /**
   * Shows each result list in uniformly random order (a RandTop-N intervention), so that the click rate per
   * position is proportional to the examination propensity; default false.
   */
  public EcommerceGenerator randomizedRanking(boolean on) {
    EcommerceGenerator g = copy();
    g.randomizedRanking = on;
    return g;
  }

  /**
   * Calibrates the relevance intercept so that the expected clean click rate (before fake clicks and flips,
   * which change the observed rate) equals {@code rate}; it must be below the mean examination probability.
   * Default: the natural rate of {@link #DEFAULT_INTERCEPT} (about 9% with the default settings).
   */
  public EcommerceGenerator positiveRate(double rate) {
    if (!(rate > 0 && rate < 1)) {
      throw new IllegalArgumentException("positiveRate must lie in (0, 1), got " + rate);
    }
    EcommerceGenerator g = copy();
    g.positiveRate = rate;
    return g;
  }

  /** Class imbalance as negatives per positive: the same as {@code positiveRate(1 / (1 + ratio))}. */
  public EcommerceGenerator imbalance(double negativesPerPositive) {
    if (!(negativesPerPositive > 0) || Double.isInfinite(negativesPerPositive)) {
      throw new IllegalArgumentException("imbalance must be a finite ratio > 0, got " + negativesPerPositive);
    }
    return positiveRate(1 / (1 + negativesPerPositive));
  }

  /** Fraction of training rows that are fake clicks (clean non-clicks turned into clicks), default 0. */
  public EcommerceGenerator fakeClicks(double f) {
    EcommerceGenerator g = copy();
    g.fakeClicks = fraction("fakeClicks", f);
    return g;
  }

  /**
   * Expected share of fake clicks that fall on non-click rows of fraud users or fraud items, default 0.6; the
   * rest hit random non-clicks. Fraud rows are made proportionally more likely to be chosen; when there are
   * fewer of them than {@code fraudShare x fake clicks}, nearly all of them are used and the share is lower
   * (raise {@link #fraudActors} for more fraud traffic).
   */
  public EcommerceGenerator fraudShare(double share) {
    EcommerceGenerator g = copy();
    g.fraudShare = fraction("fraudShare", share);
    return g;
  }

  /** Fraction of users and of items that are fraud actors, default 0.02. */
  public EcommerceGenerator fraudActors(double f) {
    EcommerceGenerator g = copy();
    g.fraudActors = fraction("fraudActors", f);
    return g;
  }

  /** Fraction of training rows whose click label is inverted (both directions), default 0. */
  public EcommerceGenerator flippedLabels(double f) {
    EcommerceGenerator g = copy();
    g.flippedLabels = fraction("flippedLabels", f);
    return g;
  }

  /** Fraction of training rows that are exact copies of another row, default 0. */
  public EcommerceGenerator duplicates(double f) {
    EcommerceGenerator g = copy();
    g.duplicates = fraction("duplicates", f);
    return g;
  }

  /** Fraction of training rows that are copies with slightly perturbed time and numeric features, default 0. */
  public EcommerceGenerator nearDuplicates(double f) {
    EcommerceGenerator g = copy();
    g.nearDuplicates = fraction("nearDuplicates", f);
    return g;
  }

  /**
   * Strength {@code s} of the covariate shift of the test distribution (0 = none, 1 = one standard deviation
   * of tilt): test traffic comes from more affluent users, pricier categories and morning hours, by exponential
   * tilting of the training distribution (see {@code truth_density_ratio} for the exact ratio). Default 0.
   */
  public EcommerceGenerator covariateShift(double s) {
    if (!Double.isFinite(s)) {
      throw new IllegalArgumentException("covariateShift must be finite, got " + s);
    }
    EcommerceGenerator g = copy();
    g.covariateShift = s;
    return g;
  }

  /**
   * Noise injected into the training samples after the generator's own corruptions (which stay as set by
   * {@link #fakeClicks}, {@link #flippedLabels}, {@link #duplicates} and {@link #nearDuplicates}), with a seed
   * derived from {@link #seed}; {@code null} for none (the default). The noise only touches rows that are still
   * clean, writes its own {@code truth_corruption} label, and {@link SyntheticData#corruptionCounts()} and
   * {@link SyntheticData#corruptionRate()} include it; it fails at {@link #generate()} when its rate cannot be
   * met. The test samples stay clean.
   *
   * <pre>{@code
   * Synthetic.ecommerce().rows(50_000).noise(Noise.clickFraud(0.05).on("hour")).generate();
   * }</pre>
   */
  public EcommerceGenerator noise(Noise n) {
    EcommerceGenerator g = copy();
    g.noise = n;
    return g;
  }

  /** Whether to simulate purchases after clicks (a {@code purchase} column), default true. */
  public EcommerceGenerator purchases(boolean on) {
    EcommerceGenerator g = copy();
    g.purchases = on;
    return g;
  }

  /** Also declares the display position a categorical feature (it always is the POSITION role); default false. */
  public EcommerceGenerator positionFeature(boolean on) {
    EcommerceGenerator g = copy();
    g.positionFeature = on;
    return g;
  }

  /** Days spanned by the training log (test sessions follow them), default 28. */
  public EcommerceGenerator days(int n) {
    EcommerceGenerator g = copy();
    g.days = positive("days", n);
    return g;
  }

  /** Days spanned by the test log, default 7. */
  public EcommerceGenerator testDays(int n) {
    EcommerceGenerator g = copy();
    g.testDays = positive("testDays", n);
    return g;
  }

  /** Where to report progress (and check for cancellation); default silent. */
  public EcommerceGenerator progress(Progress p) {
    EcommerceGenerator g = copy();
    g.progress = Objects.requireNonNull(p, "progress");
    return g;
  }

  /** The settings, for reports. */
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", rows);
    m.put("testRows", effectiveTestRows());
    m.put("seed", seed);
    m.put("users", users);
    m.put("items", items);
    m.put("categories", categories);
    m.put("brands", brands);
    m.put("segments", segments);
    m.put("dimension", dimension);
    m.put("listSize", listSize);
    m.put("candidates", effectiveCandidates());
    m.put("positionBias", customBias != null ? customBias.toString() : "powerLaw(eta=" + eta + ")");
    m.put("rankerNoise", rankerNoise);
    m.put("rankerPopularity", rankerPopularity);
    if (sponsoredShare > 0) {
      m.put("sponsored", sponsoredShare + " of items, ranker boost " + rankerSponsored);
    }
    m.put("randomizedRanking", randomizedRanking);
    m.put("positiveRate", Double.isNaN(positiveRate) ? "natural" : positiveRate);
    m.put("fakeClicks", fakeClicks);
    m.put("fraudShare", fraudShare);
    m.put("fraudActors", fraudActors);
    m.put("flippedLabels", flippedLabels);
    m.put("duplicates", duplicates);
    m.put("nearDuplicates", nearDuplicates);
    m.put("covariateShift", covariateShift);
    m.put("noise", noise == null ? "none" : noise.toString());
    m.put("purchases", purchases);
    m.put("positionFeature", positionFeature);
    m.put("days", days);
    m.put("testDays", testDays);
    return m;
  }

  private int effectiveTestRows() {
    return testRows >= 0 ? testRows : Math.max(1, rows / 4);
  }

  private int effectiveCandidates() {
    return candidates > 0 ? candidates : (int) Math.ceil(2.5 * listSize);
  }

  /** Generates the data; fails with a clear message on inconsistent settings. */
  public SyntheticData generate() {
    long start = System.nanoTime();
    int cand = effectiveCandidates();
    if (cand < listSize) {
      throw new IllegalArgumentException("candidates (" + cand + ") must be >= listSize (" + listSize + ")");
    }
    if (items < categories) {
      throw new IllegalArgumentException("items (" + items + ") must be >= categories (" + categories
          + ") so that every category has an item");
    }
    if (items < cand) {
      throw new IllegalArgumentException("items (" + items + ") must be >= candidates per search (" + cand + ")");
    }
    PositionBias bias = customBias != null ? customBias : PositionBias.powerLaw(eta, listSize);
    if (bias.positions() < listSize) {
      throw new IllegalArgumentException("the examination curve covers " + bias.positions()
          + " positions but listSize is " + listSize);
    }
    double corrupt = fakeClicks + flippedLabels + duplicates + nearDuplicates;
    if (corrupt >= 0.9) {
      throw new IllegalArgumentException(String.format("fakeClicks + flippedLabels + duplicates + nearDuplicates "
          + "= %.3f; at most 0.9 of the rows may be corrupted", corrupt));
    }
    int nDup = (int) Math.round(duplicates * rows);
    int nNear = (int) Math.round(nearDuplicates * rows);
    int nFake = (int) Math.round(fakeClicks * rows);
    int nFlip = (int) Math.round(flippedLabels * rows);
    int base = rows - nDup - nNear;
    if (base < 1) {
      throw new IllegalArgumentException("rows (" + rows + ") leave no original row besides the " + (nDup + nNear)
          + " duplicates; generate more rows or fewer duplicates");
    }

    EcommerceWorld world = EcommerceWorld.sample(users, items, categories, brands, dimension, segments, fraudActors,
        sponsoredShare, stream(1));
    SessionSimulator sim = new SessionSimulator(world, listSize, cand, rankerNoise, rankerPopularity, rankerSponsored,
        randomizedRanking);
    progress.checkCancelled();
    RowBuffer clean = sim.simulate(new Traffic(world, covariateShift, false), base, 0, 0, days,
        new SplittableRandom(stream(2)), progress, "synthetic train sessions");
    double intercept = Double.isNaN(positiveRate) ? DEFAULT_INTERCEPT
        : SessionSimulator.calibrate(clean, bias, positiveRate);
    SessionSimulator.realize(clean, intercept, bias, purchases, new SplittableRandom(stream(3)));
    progress.checkCancelled();
    RowBuffer train = Corruptor.apply(clean, world, nFake, fraudShare, nFlip, nDup, nNear,
        new SplittableRandom(stream(4)));
    RowBuffer test = null;
    int nTest = effectiveTestRows();
    if (nTest > 0) {
      long firstSession = clean.size == 0 ? 0 : clean.session[clean.size - 1] + 1;
      test = sim.simulate(new Traffic(world, covariateShift, true), nTest, firstSession, days, testDays,
          new SplittableRandom(stream(5)), progress, "synthetic test sessions");
      SessionSimulator.realize(test, intercept, bias, purchases, new SplittableRandom(stream(6)));
    }
    // the generation time is taken at the end of the constructor: it includes the tables and the noise
    return new SyntheticData(world, bias, intercept, train, test, purchases, positionFeature, parameters(),
        start, noise, stream(7));
  }

  /** A seed for one independent random stream, mixed from the user's seed (SplitMix64 finalizer). */
  private long stream(int id) {
    long z = seed + id * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public String toString() {
    return "EcommerceGenerator" + parameters();
  }
}
