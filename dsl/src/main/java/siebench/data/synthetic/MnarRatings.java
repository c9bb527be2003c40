package siebench.data.synthetic;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import siebench.data.RatingData;
import siebench.data.Samples;

/**
 * A seeded generator of explicit ratings missing not at random, with ground truth: every user rates every
 * item (the full matrix is kept), the user chooses which ratings to give with a probability that depends on
 * the rating and on the item's popularity, and a uniformly random sample of the full matrix is the
 * missing-at-random (MAR) test set.
 *
 * <ul>
 *   <li><b>Ratings</b> come from latent factors: {@code s_ui = b_u + b_i + p_u . q_i + eps} with Gaussian
 *       factors, biases and noise, cut at quantiles so that the ratings 1..5 have the marginal distribution
 *       {@link #ratingDistribution} (default: the MAR distribution of Yahoo! R3, {@code 0.52, 0.24, 0.14, 0.06,
 *       0.04}, as in the semi-synthetic setup of Schnabel, Swaminathan, Singh, Chandak &amp; Joachims 2016,
 *       "Recommendations as Treatments: Debiasing Learning and Evaluation", ICML, Sec. 6.1).
 *   <li><b>Observation</b>: {@code P(O_ui = 1) = min(1, k * alpha^max(0, 4 - r_ui) * pop_i)}: Schnabel et al.'s
 *       rating-dependent rule (ratings of 4 and 5 are observed with rate {@code k}, every step below 4 divides
 *       the rate by {@code 1 / alpha}; users rate what they like, Marlin &amp; Zemel 2009, "Collaborative
 *       prediction and ranking with non-random missing data", RecSys) times the item's popularity {@code pop_i
 *       ∝ rank_i^-s} (Zipf with exponent {@link #popularitySkew}, mean 1, ranks in random order); {@code k} is
 *       found by bisection so that the expected share of observed cells is {@link #density}. These true
 *       propensities are the train column {@value RatingData#PROPENSITY}.
 *   <li><b>MAR test</b>: every user rates {@link #testItemsPerUser} distinct items drawn uniformly (as in
 *       Yahoo! R3 and Coat).
 * </ul>
 *
 * <pre>{@code
 * MnarRatings.Generated g = MnarRatings.generator().users(300).items(300).seed(7).generate();
 * RatingData data = g.data();
 * }</pre>
 *
 * Immutable; every setter returns a new generator.
 */
public final class MnarRatings {
  private final int users;
  private final int items;
  private final int factors;
  private final double noise;
  private final double[] ratingDistribution;
  private final double alpha;
  private final double popularitySkew;
  private final double density;
  private final int testItemsPerUser;
  private final long seed;

  private MnarRatings(int users, int items, int factors, double noise, double[] ratingDistribution, double alpha,
      double popularitySkew, double density, int testItemsPerUser, long seed) {
    if (users < 2 || items < 2) {
      throw new IllegalArgumentException("need at least 2 users and 2 items, got " + users + " x " + items);
    }
    if (factors < 1) {
      throw new IllegalArgumentException("factors must be >= 1, got " + factors);
    }
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("noise must be finite and >= 0, got " + noise);
    }
    if (ratingDistribution.length != 5) {
      throw new IllegalArgumentException("the rating distribution needs 5 probabilities (ratings 1..5), got "
          + ratingDistribution.length);
    }
    double sum = 0;
    for (double p : ratingDistribution) {
      if (!(p > 0)) {
        throw new IllegalArgumentException("every rating needs a probability > 0, got "
            + Arrays.toString(ratingDistribution));
      }
      sum += p;
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new IllegalArgumentException("the rating distribution must sum to 1, got " + sum);
    }
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1] (1 = missing at random), got " + alpha);
    }
    if (!(popularitySkew >= 0) || Double.isInfinite(popularitySkew)) {
      throw new IllegalArgumentException("popularity skew must be finite and >= 0, got " + popularitySkew);
    }
    if (!(density > 0 && density < 1)) {
      throw new IllegalArgumentException("density must be in (0, 1), got " + density);
    }
    if (testItemsPerUser < 1 || testItemsPerUser > items) {
      throw new IllegalArgumentException("test items per user must be in 1.." + items + ", got " + testItemsPerUser);
    }
    this.users = users;
    this.items = items;
    this.factors = factors;
    this.noise = noise;
    this.ratingDistribution = ratingDistribution.clone();
    this.alpha = alpha;
    this.popularitySkew = popularitySkew;
    this.density = density;
    this.testItemsPerUser = testItemsPerUser;
    this.seed = seed;
  }

  /**
   * 300 users, 300 items, 4 latent factors, noise 0.5, the Yahoo! R3 MAR rating distribution, {@code alpha =
   * 0.25} (Schnabel et al.), popularity skew 0.5, density 5%, 10 MAR test items per user, seed 7.
   */
  public static MnarRatings generator() {
    return new MnarRatings(300, 300, 4, 0.5, new double[] {0.52, 0.24, 0.14, 0.06, 0.04}, 0.25, 0.5, 0.05, 10, 7);
  }

  public MnarRatings users(int n) {
    return new MnarRatings(n, items, factors, noise, ratingDistribution, alpha, popularitySkew, density,
        testItemsPerUser, seed);
  }

  public MnarRatings items(int n) {
    return new MnarRatings(users, n, factors, noise, ratingDistribution, alpha, popularitySkew, density,
        Math.min(testItemsPerUser, n), seed);
  }

  /** Dimension of the latent user and item factors. */
  public MnarRatings factors(int k) {
    return new MnarRatings(users, items, k, noise, ratingDistribution, alpha, popularitySkew, density,
        testItemsPerUser, seed);
  }

  /** Standard deviation of the Gaussian noise added to the latent score before it is cut into ratings. */
  public MnarRatings noise(double sd) {
    return new MnarRatings(users, items, factors, sd, ratingDistribution, alpha, popularitySkew, density,
        testItemsPerUser, seed);
  }

  /** The marginal distribution of the true ratings 1..5 (five probabilities summing to 1). */
  public MnarRatings ratingDistribution(double... p) {
    return new MnarRatings(users, items, factors, noise, p, alpha, popularitySkew, density, testItemsPerUser, seed);
  }

  /**
   * How strongly the observation depends on the rating: each step below 4 multiplies the observation rate by
   * {@code alpha} (Schnabel et al. 2016 use 0.25); 1 makes the rating irrelevant to observation.
   */
  public MnarRatings alpha(double a) {
    return new MnarRatings(users, items, factors, noise, ratingDistribution, a, popularitySkew, density,
        testItemsPerUser, seed);
  }

  /** Zipf exponent of the item popularity factor of the observation probability; 0 = no popularity effect. */
  public MnarRatings popularitySkew(double s) {
    return new MnarRatings(users, items, factors, noise, ratingDistribution, alpha, s, density, testItemsPerUser,
        seed);
  }

  /** Expected share of observed cells in the training matrix. */
  public MnarRatings density(double d) {
    return new MnarRatings(users, items, factors, noise, ratingDistribution, alpha, popularitySkew, d,
        testItemsPerUser, seed);
  }

  /** Number of uniformly drawn items every user rates in the MAR test set. */
  public MnarRatings testItemsPerUser(int n) {
    return new MnarRatings(users, items, factors, noise, ratingDistribution, alpha, popularitySkew, density, n, seed);
  }

  public MnarRatings seed(long s) {
    return new MnarRatings(users, items, factors, noise, ratingDistribution, alpha, popularitySkew, density,
        testItemsPerUser, s);
  }

  /**
   * What {@link #generate()} returns: the data (train with the true propensities, MAR test) and the ground
   * truth, the full rating matrix, the observation probability of every cell and the item popularity factors.
   *
   * @param data the observed ratings and the MAR test set
   * @param ratings the full true rating matrix, {@code ratings[u][i]} in 1..5
   * @param propensities the true observation probability of every cell
   * @param popularity the popularity factor {@code pop_i} of every item (mean 1)
   */
  public record Generated(RatingData data, int[][] ratings, double[][] propensities, double[] popularity) {}

  /** The settings without the seed, for reports. */
  @Override
  public String toString() {
    return String.format("synthetic MNAR ratings (%d users x %d items, %d factors, noise %s, alpha %s, popularity skew"
        + " %s, density %s, %d MAR test items per user)", users, items, factors, noise, alpha, popularitySkew, density,
        testItemsPerUser);
  }

  /** Generates the ratings, observations and MAR test set. Deterministic for a seed. */
  public Generated generate() {
    SplittableRandom rnd = new SplittableRandom(seed);
    double scale = 1 / Math.sqrt(Math.sqrt(factors)); // p . q has variance 1
    double[][] p = gaussian(rnd, users, factors, scale);
    double[][] q = gaussian(rnd, items, factors, scale);
    double[] bu = gaussian(rnd, 1, users, 0.5)[0];
    double[] bi = gaussian(rnd, 1, items, 0.5)[0];
    double[] score = new double[users * items];
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        double s = bu[u] + bi[i] + noise * rnd.nextGaussian();
        for (int f = 0; f < factors; f++) {
          s += p[u][f] * q[i][f];
        }
        score[u * items + i] = s;
      }
    }
    double[] cuts = cuts(score);
    int[][] r = new int[users][items];
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        double s = score[u * items + i];
        int rating = 1;
        while (rating < 5 && s > cuts[rating - 1]) {
          rating++;
        }
        r[u][i] = rating;
      }
    }
    double[] pop = popularity(rnd);
    double k = calibrate(r, pop);
    double[][] prop = new double[users][items];
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        prop[u][i] = observation(k, r[u][i], pop[i]);
      }
    }
    Samples train = observe(rnd, r, prop);
    Samples test = marTest(rnd, r);
    String name = String.format("synthetic MNAR ratings (%d x %d, seed %d, alpha %s, popularity skew %s, density %s)",
        users, items, seed, alpha, popularitySkew, density);
    return new Generated(new RatingData(train, test, users, items, name), r, prop, pop);
  }

  private static double[][] gaussian(SplittableRandom rnd, int rows, int cols, double sd) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int c = 0; c < cols; c++) {
        row[c] = sd * rnd.nextGaussian();
      }
    }
    return m;
  }

  /** Score thresholds between ratings 1|2, 2|3, 3|4, 4|5 at the quantiles of the rating distribution. */
  private double[] cuts(double[] score) {
    double[] sorted = score.clone();
    Arrays.sort(sorted);
    double[] c = new double[4];
    double cum = 0;
    for (int k = 0; k < 4; k++) {
      cum += ratingDistribution[k];
      c[k] = sorted[(int) Math.min(sorted.length - 1, Math.round(cum * sorted.length) - 1)];
    }
    return c;
  }

  private double[] popularity(SplittableRandom rnd) {
    int[] rank = Samples.permutation(items, rnd.nextLong());
    double[] pop = new double[items];
    double sum = 0;
    for (int i = 0; i < items; i++) {
      pop[i] = Math.pow(rank[i] + 1, -popularitySkew);
      sum += pop[i];
    }
    for (int i = 0; i < items; i++) {
      pop[i] *= items / sum;
    }
    return pop;
  }

  private double observation(double k, int rating, double pop) {
    return Math.min(1, k * Math.pow(alpha, Math.max(0, 4 - rating)) * pop);
  }

  /** The rate {@code k} whose expected observed share equals the density (bisection; the share grows with k). */
  private double calibrate(int[][] r, double[] pop) {
    double lo = 0;
    double hi = 1;
    while (meanObservation(hi, r, pop) < density) {
      hi *= 2;
    }
    for (int it = 0; it < 100; it++) {
      double mid = (lo + hi) / 2;
      if (meanObservation(mid, r, pop) < density) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  private double meanObservation(double k, int[][] r, double[] pop) {
    double s = 0;
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        s += observation(k, r[u][i], pop[i]);
      }
    }
    return s / ((double) users * items);
  }

  private Samples observe(SplittableRandom rnd, int[][] r, double[][] prop) {
    int n = 0;
    int[] us = new int[users * items];
    int[] is = new int[users * items];
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        if (rnd.nextDouble() < prop[u][i]) {
          us[n] = u;
          is[n] = i;
          n++;
        }
      }
    }
    int[] ru = Arrays.copyOf(us, n);
    int[] ri = Arrays.copyOf(is, n);
    int[] rating = new int[n];
    double[] pr = new double[n];
    for (int j = 0; j < n; j++) {
      rating[j] = r[ru[j]][ri[j]];
      pr[j] = prop[ru[j]][ri[j]];
    }
    return RatingData.samples("synthetic MNAR ratings (observed)", ru, ri, rating, pr, List.of());
  }

  private Samples marTest(SplittableRandom rnd, int[][] r) {
    int n = users * testItemsPerUser;
    int[] us = new int[n];
    int[] is = new int[n];
    int[] rating = new int[n];
    int j = 0;
    for (int u = 0; u < users; u++) {
      int[] perm = Samples.permutation(items, rnd.nextLong());
      int[] chosen = Arrays.copyOf(perm, testItemsPerUser);
      Arrays.sort(chosen);
      for (int i : chosen) {
        us[j] = u;
        is[j] = i;
        rating[j] = r[u][i];
        j++;
      }
    }
    return RatingData.samples("synthetic MNAR ratings (MAR test)", us, is, rating, null, List.of());
  }
}
