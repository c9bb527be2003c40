package siebench.data.synthetic;

import static siebench.core.Numerics.sigmoid;

import java.util.SplittableRandom;
import siebench.core.Numerics;
import siebench.core.Progress;

/**
 * Simulates search sessions: a user issues a query (a category intent), a production ranker scores candidate
 * items by a noisy version of their true relevance (plus a popularity boost) and shows the best {@code listSize} at positions 1..N
 * (or in random order in randomized-ranking mode), and the user clicks under the position-based model.
 */
final class SessionSimulator {
  static final long DAY = 86_400L;
  /** 2024-01-01T00:00:00Z, the start of the simulated log. */
  static final long EPOCH = 1_704_067_200L;
  /** Chance that a candidate comes from the whole catalogue instead of the query category. */
  static final double OFF_CATEGORY = 0.4;
  /** Chance that a session uses the user's primary device. */
  static final double PRIMARY_DEVICE = 0.85;

  private final EcommerceWorld world;
  private final int listSize;
  private final int candidates;
  private final double rankerNoise;
  private final double rankerPopularity;
  private final double rankerSponsored;
  private final boolean randomized;

  SessionSimulator(EcommerceWorld world, int listSize, int candidates, double rankerNoise, double rankerPopularity,
      double rankerSponsored, boolean randomized) {
    this.world = world;
    this.listSize = listSize;
    this.candidates = candidates;
    this.rankerNoise = rankerNoise;
    this.rankerPopularity = rankerPopularity;
    this.rankerSponsored = rankerSponsored;
    this.randomized = randomized;
  }

  /**
   * Generates {@code rows} impressions (whole sessions of {@code listSize} rows, the last one possibly cut)
   * with session ids from {@code firstSession} and days from {@code firstDay} to {@code firstDay + days - 1}.
   * Fills the observed columns, the relevance logits (without intercept) and the density ratio.
   */
  RowBuffer simulate(Traffic traffic, int rows, long firstSession, int firstDay, int days, SplittableRandom rng,
      Progress progress, String task) {
    EcommerceWorld w = world;
    int dim = w.dim;
    RowBuffer b = new RowBuffer(rows);
    double[] uc = new double[w.categories];
    double[] scratch = new double[w.categories];
    double[] logRatio = new double[1];
    int[] cand = new int[candidates];
    double[] candLogit = new double[candidates];
    double[] candBuy = new double[candidates];
    double[] candScore = new double[candidates];
    int[] order = new int[listSize];
    int sessions = (rows + listSize - 1) / listSize;
    int row = 0;
    for (int s = 0; s < sessions; s++) {
      if ((s & 4095) == 0) {
        progress.checkCancelled();
        progress.update(task, row, rows, "");
      }
      int u = traffic.userSampler.sample(rng);
      int device = rng.nextDouble() < PRIMARY_DEVICE ? w.userDevice[u] : rng.nextInt(EcommerceWorld.DEVICES.length);
      for (int k = 0; k < w.categories; k++) {
        uc[k] = Numerics.dot(w.userVec, u * dim, w.categoryVec, k * dim, dim);
      }
      int query = traffic.category(uc, rng, scratch, logRatio);
      int hour = traffic.hourSampler.sample(rng);
      int day = firstDay + rng.nextInt(days);
      long ts = EPOCH + day * DAY + hour * 3600L + rng.nextInt(3600);
      double ratio = Math.exp(traffic.userLogRatio[u] + logRatio[0] + traffic.hourLogRatio[hour]);

      int m = 0;
      int[] pool = w.categoryItems[query];
      int attempts = 0;
      while (m < candidates) {
        int it = rng.nextDouble() < OFF_CATEGORY ? w.itemSampler.sample(rng)
            : pool[w.categoryItemSampler[query].sample(rng)];
        boolean seen = false;
        for (int j = 0; j < m && attempts < 50 * candidates; j++) {
          if (cand[j] == it) {
            seen = true;
            break;
          }
        }
        attempts++;
        if (seen) {
          continue;
        }
        cand[m] = it;
        candLogit[m] = w.logit(u, it, query, hour, device, uc[w.itemCategory[it]]);
        candBuy[m] = purchaseLogit(u, it);
        candScore[m] = candLogit[m] + rankerPopularity * w.itemPopularity[it] + rankerNoise * rng.nextGaussian()
            + (w.sponsoredItem[it] ? rankerSponsored : 0);
        m++;
      }
      // top listSize by ranker score (partial selection sort)
      for (int p = 0; p < listSize; p++) {
        int best = p;
        for (int j = p + 1; j < m; j++) {
          if (candScore[j] > candScore[best]) {
            best = j;
          }
        }
        swap(cand, candLogit, candBuy, candScore, p, best);
        order[p] = p;
      }
      if (randomized) {
        for (int p = listSize - 1; p > 0; p--) {
          int j = rng.nextInt(p + 1);
          int t = order[p];
          order[p] = order[j];
          order[j] = t;
        }
      }
      for (int p = 0; p < listSize && row < rows; p++, row++) {
        int c = order[p];
        int it = cand[c];
        b.session[row] = firstSession + s;
        b.timestamp[row] = ts;
        b.position[row] = p + 1;
        b.user[row] = u;
        b.item[row] = it;
        b.queryCategory[row] = query;
        b.device[row] = device;
        b.hour[row] = hour;
        b.price[row] = w.itemPrice[it];
        b.popularity[row] = w.itemPopularity[it];
        b.rating[row] = w.itemRating[it];
        b.logit[row] = candLogit[c];
        b.purchaseLogit[row] = candBuy[c];
        b.densityRatio[row] = ratio;
      }
    }
    progress.update(task, rows, rows, "");
    return b;
  }

  /** Log-odds of a purchase given a click: quality, taste and price drive conversion. */
  private double purchaseLogit(int u, int it) {
    EcommerceWorld w = world;
    double uv = Numerics.dot(w.userVec, u * w.dim, w.itemVec, it * w.dim, w.dim);
    return -1.0 + 0.8 * w.itemQuality[it] + 0.5 * uv - 0.8 * w.userPriceSensitivity[u] * w.itemRelativeLogPrice[it];
  }

  private static void swap(int[] a, double[] b, double[] c, double[] d, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
    double x = b[i];
    b[i] = b[j];
    b[j] = x;
    x = c[i];
    c[i] = c[j];
    c[j] = x;
    x = d[i];
    d[i] = d[j];
    d[j] = x;
  }

  /**
   * Draws clicks and purchases for every row: relevance {@code sigmoid(logit + intercept)}, examination from
   * {@code bias}, click with probability their product, purchase with probability {@code sigmoid(purchase
   * logit)} given a click.
   */
  static void realize(RowBuffer b, double intercept, PositionBias bias, boolean purchases, SplittableRandom rng) {
    for (int i = 0; i < b.size; i++) {
      double rel = sigmoid(b.logit[i] + intercept);
      double prop = bias.propensity(b.position[i]);
      double p = rel * prop;
      b.relevance[i] = rel;
      b.propensity[i] = prop;
      b.clickProbability[i] = p;
      int c = rng.nextDouble() < p ? 1 : 0;
      b.click[i] = c;
      b.cleanClick[i] = c;
      double buy = sigmoid(b.purchaseLogit[i]);
      b.purchaseProbability[i] = buy;
      double draw = rng.nextDouble(); // drawn for every row so purchases do not change the click stream
      b.purchase[i] = purchases && c == 1 && draw < buy ? 1 : 0;
    }
  }

  /**
   * The intercept at which the expected click rate {@code mean(propensity * sigmoid(logit + b))} equals
   * {@code target}: Newton's method safeguarded by bisection (the rate is increasing in b).
   */
  static double calibrate(RowBuffer b, PositionBias bias, double target) {
    double max = 0;
    for (int i = 0; i < b.size; i++) {
      max += bias.propensity(b.position[i]);
    }
    max /= b.size;
    if (!(target > 0 && target < max)) {
      throw new IllegalArgumentException(String.format(
          "positive rate %.4f is unreachable: with this position bias the click rate must lie in (0, %.4f), "
              + "the mean examination probability; lower positionBias eta or the target", target, max));
    }
    double lo = -60;
    double hi = 60;
    double x = 0;
    for (int iter = 0; iter < 100; iter++) {
      double f = 0;
      double df = 0;
      for (int i = 0; i < b.size; i++) {
        double e = bias.propensity(b.position[i]);
        double s = sigmoid(b.logit[i] + x);
        f += e * s;
        df += e * s * (1 - s);
      }
      f = f / b.size - target;
      df /= b.size;
      if (Math.abs(f) < 1e-10 * target) {
        return x;
      }
      if (f > 0) {
        hi = x;
      } else {
        lo = x;
      }
      double next = df > 0 ? x - f / df : Double.NaN;
      x = next > lo && next < hi ? next : (lo + hi) / 2;
      if (hi - lo < 1e-12) {
        break;
      }
    }
    return x;
  }
}
