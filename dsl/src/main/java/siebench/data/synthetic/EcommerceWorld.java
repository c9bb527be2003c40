package siebench.data.synthetic;

import static siebench.core.Numerics.dot;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The hidden state of the synthetic shop: users with latent taste vectors, price sensitivity, activity and a
 * primary device; categories, brands and items with latent vectors, price and quality; and a set of fraud
 * users and items. This is the ground truth the generator draws from; models only see the observed columns.
 *
 * <p>The relevance of an item {@code i} (category {@code k_i}, brand {@code b_i}) to user {@code u} searching
 * for category {@code k_q} at hour {@code h} on device {@code d} is {@code sigmoid(intercept + logit)} with
 *
 * <pre>
 * logit = 1.5 u.v_i + 1.5 u.c_{k_i} + 2.0 [k_i = k_q] + 0.6 u.w_{b_i} + quality_i
 *       - s_u (1 + 0.5 [d = mobile]) (log price_i - mean log price of k_i)
 *       + 0.25 cos(2 pi (h - 20) / 24)
 * </pre>
 *
 * where {@code u}, {@code v}, {@code c}, {@code w} are the user, item, category and brand latent vectors
 * (each dot product has standard deviation about 1) and {@code s_u} the user's price sensitivity. A user's
 * vector is {@code 0.9 g + 0.44 e} with {@code g} the vector of the user's observed segment and {@code e} the
 * user's own taste, and an item's vector is {@code 0.75 c + 0.45 w + 0.5 e'} (its category's, its brand's and
 * its own), so most of the interaction signal is learnable from segment, category and brand embeddings. All but the
 * quality and hour terms are interactions between two observed categorical fields (user x item, user x
 * category, query category x category, user x brand, device x price), which factorization models (FM,
 * DeepFM) represent and a logistic regression on the same fields cannot.
 */
public final class EcommerceWorld {
  static final String[] DEVICES = {"mobile", "desktop", "app"};
  static final double[] DEVICE_SHARE = {0.6, 0.3, 0.1};
  static final int MOBILE = 0;

  static final double W_USER_ITEM = 1.5;
  static final double W_USER_CATEGORY = 1.5;
  static final double W_QUERY_MATCH = 2.0;
  static final double W_USER_BRAND = 0.6;
  static final double W_MOBILE_PRICE = 0.5;
  static final double W_HOUR = 0.25;
  /** Weight of the (observed) segment's vector in a user's taste vector; squares sum to 1 with OWN_SHARE. */
  static final double SEGMENT_SHARE = 0.9;
  static final double OWN_SHARE = 0.436;
  /** An item's vector mixes its category's, its brand's and its own (variances sum to about 1). */
  static final double ITEM_CATEGORY_SHARE = 0.75;
  static final double ITEM_BRAND_SHARE = 0.45;
  static final double ITEM_OWN_SHARE = 0.5;
  /** Sharpness of the user's category intent: P(k | u) proportional to pop_k exp(INTENT u.c_k). */
  static final double INTENT = 0.5;

  final int users;
  final int items;
  final int categories;
  final int brands;
  final int dim;

  final double[] userVec;
  final double[] userActivity;
  final double[] userPriceSensitivity;
  final int[] userDevice;
  final double[] userAffluence; // standardized -log price sensitivity
  final int segments;
  final int[] userSegment;
  final double[] segmentVec;

  final double[] categoryVec;
  final double[] categoryPopularity;
  final double[] categoryLogPrice;
  final double[] categoryPriceLevel; // standardized categoryLogPrice

  final double[] brandVec;
  final int[] brandHome;
  final double[] brandPremium;
  final double[] brandQuality;

  final double[] itemVec;
  final int[] itemCategory;
  final int[] itemBrand;
  final double[] itemPrice;
  final double[] itemRelativeLogPrice;
  final double[] itemQuality;
  final double[] itemPopularity; // observed log-popularity prior
  final double[] itemRating; // observed noisy quality, 1..5

  final boolean[] fraudUser;
  final boolean[] fraudItem;
  final boolean[] sponsoredItem;

  final int[][] categoryItems;
  final AliasSampler[] categoryItemSampler;
  final AliasSampler itemSampler;

  private EcommerceWorld(int users, int items, int categories, int brands, int dim, int segments,
      double fraudShare, double sponsoredShare, SplittableRandom r) {
    this.users = users;
    this.segments = segments;
    this.items = items;
    this.categories = categories;
    this.brands = brands;
    this.dim = dim;
    double unit = 1 / Math.sqrt(dim);

    categoryVec = gaussian(r, categories * dim, unit);
    categoryPopularity = new double[categories];
    categoryLogPrice = new double[categories];
    for (int k = 0; k < categories; k++) {
      categoryPopularity[k] = 1 / Math.pow(k + 1, 0.8);
      categoryLogPrice[k] = 3.5 + 0.8 * r.nextGaussian();
    }
    categoryPriceLevel = standardized(categoryLogPrice);

    brandVec = gaussian(r, brands * dim, unit);
    brandHome = new int[brands];
    brandPremium = new double[brands];
    brandQuality = new double[brands];
    AliasSampler categorySampler = new AliasSampler(categoryPopularity);
    for (int b = 0; b < brands; b++) {
      brandHome[b] = b < categories ? b : categorySampler.sample(r);
      brandPremium[b] = 0.3 * r.nextGaussian();
      brandQuality[b] = 0.4 * r.nextGaussian() + 0.5 * brandPremium[b];
    }
    int[][] homeBrands = groupBy(brandHome, categories);

    itemVec = new double[items * dim];
    itemCategory = new int[items];
    itemBrand = new int[items];
    itemPrice = new double[items];
    itemRelativeLogPrice = new double[items];
    itemQuality = new double[items];
    itemPopularity = new double[items];
    itemRating = new double[items];
    double[] itemWeight = new double[items];
    for (int i = 0; i < items; i++) {
      int k = i < categories ? i : categorySampler.sample(r);
      itemCategory[i] = k;
      int[] home = homeBrands[k];
      int b = home.length > 0 && r.nextDouble() < 0.8 ? home[r.nextInt(home.length)] : r.nextInt(brands);
      itemBrand[i] = b;
      for (int j = 0; j < dim; j++) {
        itemVec[i * dim + j] = ITEM_CATEGORY_SHARE * categoryVec[k * dim + j] + ITEM_BRAND_SHARE * brandVec[b * dim + j]
            + ITEM_OWN_SHARE * unit * r.nextGaussian();
      }
      double rel = brandPremium[b] + 0.4 * r.nextGaussian();
      itemRelativeLogPrice[i] = rel;
      itemPrice[i] = Math.round(Math.exp(categoryLogPrice[k] + rel) * 100) / 100.0;
      itemQuality[i] = brandQuality[b] + 0.3 * r.nextGaussian();
      double pop = 0.8 * itemQuality[i] + 0.8 * r.nextGaussian();
      itemWeight[i] = Math.exp(pop);
      itemPopularity[i] = Math.round(pop * 1000) / 1000.0;
      double rating = 3.6 + 0.8 * itemQuality[i] + 0.3 * r.nextGaussian();
      itemRating[i] = Math.round(Math.max(1, Math.min(5, rating)) * 10) / 10.0;
    }
    categoryItems = groupBy(itemCategory, categories);
    categoryItemSampler = new AliasSampler[categories];
    for (int k = 0; k < categories; k++) {
      double[] w = new double[categoryItems[k].length];
      for (int j = 0; j < w.length; j++) {
        w[j] = itemWeight[categoryItems[k][j]];
      }
      categoryItemSampler[k] = new AliasSampler(w);
    }
    itemSampler = new AliasSampler(itemWeight);

    segmentVec = gaussian(r, segments * dim, 1.0);
    userSegment = new int[users];
    userVec = new double[users * dim];
    for (int u = 0; u < users; u++) {
      int g = r.nextInt(segments);
      userSegment[u] = g;
      for (int j = 0; j < dim; j++) {
        userVec[u * dim + j] = SEGMENT_SHARE * segmentVec[g * dim + j] + OWN_SHARE * r.nextGaussian();
      }
    }
    userActivity = new double[users];
    userPriceSensitivity = new double[users];
    userDevice = new int[users];
    AliasSampler deviceSampler = new AliasSampler(DEVICE_SHARE);
    double[] logSensitivity = new double[users];
    for (int u = 0; u < users; u++) {
      userActivity[u] = Math.exp(r.nextGaussian());
      logSensitivity[u] = Math.log(0.8) + 0.5 * r.nextGaussian();
      userPriceSensitivity[u] = Math.exp(logSensitivity[u]);
      userDevice[u] = deviceSampler.sample(r);
    }
    userAffluence = standardized(logSensitivity);
    for (int u = 0; u < users; u++) {
      userAffluence[u] = -userAffluence[u];
    }

    fraudUser = pick(r, users, fraudShare);
    fraudItem = pick(r, items, fraudShare);
    // drawn last, so that a world without sponsored items is the same world as before the option existed
    sponsoredItem = pick(r, items, sponsoredShare);
  }

  static EcommerceWorld sample(int users, int items, int categories, int brands, int dim, int segments,
      double fraudShare, double sponsoredShare, long seed) {
    return new EcommerceWorld(users, items, categories, brands, dim, segments, fraudShare, sponsoredShare,
        new SplittableRandom(seed));
  }

  private static double[] gaussian(SplittableRandom r, int n, double scale) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = scale * r.nextGaussian();
    }
    return x;
  }

  private static double[] standardized(double[] x) {
    double m = 0;
    for (double v : x) {
      m += v;
    }
    m /= x.length;
    double var = 0;
    for (double v : x) {
      var += (v - m) * (v - m);
    }
    double sd = x.length > 1 && var > 0 ? Math.sqrt(var / x.length) : 1;
    double[] z = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      z[i] = (x[i] - m) / sd;
    }
    return z;
  }

  private static int[][] groupBy(int[] key, int groups) {
    int[] count = new int[groups];
    for (int k : key) {
      count[k]++;
    }
    int[][] out = new int[groups][];
    for (int g = 0; g < groups; g++) {
      out[g] = new int[count[g]];
    }
    int[] fill = new int[groups];
    for (int i = 0; i < key.length; i++) {
      out[key[i]][fill[key[i]]++] = i;
    }
    return out;
  }

  private static boolean[] pick(SplittableRandom r, int n, double share) {
    boolean[] f = new boolean[n];
    int k = share <= 0 ? 0 : Math.max(1, (int) Math.round(share * n));
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + r.nextInt(n - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
      f[perm[i]] = true;
    }
    return f;
  }

  // ---------------------------------------------------------------- relevance

  /** The relevance logit before the intercept, given the user-category dot products of this user. */
  double logit(int user, int item, int queryCategory, int hour, int device) {
    int k = itemCategory[item];
    double uc = dot(userVec, user * dim, categoryVec, k * dim, dim);
    return logit(user, item, queryCategory, hour, device, uc);
  }

  double logit(int user, int item, int queryCategory, int hour, int device, double userCategoryDot) {
    int k = itemCategory[item];
    int b = itemBrand[item];
    int uo = user * dim;
    double z = W_USER_ITEM * dot(userVec, uo, itemVec, item * dim, dim)
        + W_USER_CATEGORY * userCategoryDot
        + (k == queryCategory ? W_QUERY_MATCH : 0)
        + W_USER_BRAND * dot(userVec, uo, brandVec, b * dim, dim)
        + itemQuality[item]
        - userPriceSensitivity[user] * (1 + (device == MOBILE ? W_MOBILE_PRICE : 0)) * itemRelativeLogPrice[item]
        + W_HOUR * hourEffect(hour);
    return z;
  }

  static double hourEffect(int hour) {
    return Math.cos(2 * Math.PI * (hour - 20) / 24.0);
  }

  // ---------------------------------------------------------------- public ground truth

  /** Number of users (ids 0..users-1). */
  public int users() {
    return users;
  }

  /** Number of items (ids 0..items-1). */
  public int items() {
    return items;
  }

  /** Number of categories (ids 0..categories-1). */
  public int categories() {
    return categories;
  }

  /** Number of brands (ids 0..brands-1). */
  public int brands() {
    return brands;
  }

  /** Dimension of the latent vectors. */
  public int dimension() {
    return dim;
  }

  /** The latent taste vector of a user (a copy). */
  public double[] userVector(int user) {
    return Arrays.copyOfRange(userVec, user * dim, (user + 1) * dim);
  }

  /** The latent vector of an item (a copy). */
  public double[] itemVector(int item) {
    return Arrays.copyOfRange(itemVec, item * dim, (item + 1) * dim);
  }

  /** The latent vector of a category (a copy). */
  public double[] categoryVector(int category) {
    return Arrays.copyOfRange(categoryVec, category * dim, (category + 1) * dim);
  }

  /** The latent vector of a brand (a copy). */
  public double[] brandVector(int brand) {
    return Arrays.copyOfRange(brandVec, brand * dim, (brand + 1) * dim);
  }

  /** Number of user segments (ids 0..segments-1). */
  public int segments() {
    return segments;
  }

  /** The observed segment (demographic group) of a user; users of a segment share most of their taste. */
  public int userSegment(int user) {
    return userSegment[user];
  }

  /** The category of an item. */
  public int itemCategory(int item) {
    return itemCategory[item];
  }

  /** The brand of an item. */
  public int itemBrand(int item) {
    return itemBrand[item];
  }

  /** The price of an item. */
  public double itemPrice(int item) {
    return itemPrice[item];
  }

  /**
   * The item's log price relative to its category's typical log price (before rounding the price to cents),
   * the quantity users are price-sensitive to.
   */
  public double itemRelativeLogPrice(int item) {
    return itemRelativeLogPrice[item];
  }

  /** The typical log price of a category. */
  public double categoryLogPrice(int category) {
    return categoryLogPrice[category];
  }

  /** The hidden quality of an item (its additive relevance logit). */
  public double itemQuality(int item) {
    return itemQuality[item];
  }

  /** The price sensitivity of a user. */
  public double userPriceSensitivity(int user) {
    return userPriceSensitivity[user];
  }

  /** The relative activity of a user (proportional to the user's share of training sessions). */
  public double userActivity(int user) {
    return userActivity[user];
  }

  /** The primary device of a user: mobile, desktop or app. */
  public String userDevice(int user) {
    return DEVICES[userDevice[user]];
  }

  /** True for the users that produce most fake clicks. */
  public boolean isFraudUser(int user) {
    return fraudUser[user];
  }

  /** True for the sponsored items, which the production ranker boosts (no effect on relevance). */
  public boolean isSponsoredItem(int item) {
    return sponsoredItem[item];
  }

  /** True for the (promoted) items that receive most fake clicks. */
  public boolean isFraudItem(int item) {
    return fraudItem[item];
  }

  /**
   * The relevance logit without the intercept (see the class comment); {@code device} is mobile, desktop or
   * app. The relevance is {@code sigmoid(intercept + logit)} with the intercept of {@link
   * SyntheticData#intercept()}.
   */
  public double relevanceLogit(int user, int item, int queryCategory, int hour, String device) {
    int d = Arrays.asList(DEVICES).indexOf(device);
    if (d < 0) {
      throw new IllegalArgumentException("unknown device '" + device + "'; expected mobile, desktop or app");
    }
    if (user < 0 || user >= users || item < 0 || item >= items || queryCategory < 0 || queryCategory >= categories
        || hour < 0 || hour > 23) {
      throw new IllegalArgumentException("out of range: user " + user + " (0.." + (users - 1) + "), item " + item
          + " (0.." + (items - 1) + "), query category " + queryCategory + " (0.." + (categories - 1)
          + "), hour " + hour + " (0..23)");
    }
    return logit(user, item, queryCategory, hour, d);
  }
}
