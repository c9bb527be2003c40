package siebench.data.synthetic;

import java.util.SplittableRandom;

/**
 * Who searches for what and when: the distribution of (user, query category, hour) of a search session,
 * either the training distribution P or an exponentially tilted test distribution Q for covariate shift.
 *
 * <p>P(u) is proportional to the user's activity, P(k | u) to {@code pop_k exp(0.5 u . c_k)} and P(h) to a diurnal
 * profile peaking at 20:00. The tilt of strength {@code s} multiplies each factor by an exponential of a
 * standardized attribute: {@code Q(u) ~ P(u) exp(s a_u)} with {@code a_u} the user's affluence (low price
 * sensitivity), {@code Q(k | u) ~ P(k | u) exp(s t_k)} with {@code t_k} the category's price level, and {@code
 * Q(h) ~ P(h) exp(s cos(2 pi (h - 9) / 24))} (morning traffic). Device, result list and clicks follow the same
 * conditional laws under P and Q, so the density ratio of a whole row is exactly {@code Q(u) Q(k|u) Q(h) /
 * (P(u) P(k|u) P(h))}.
 */
final class Traffic {
  private static final double[] HOUR_WEIGHT = new double[24];

  static {
    for (int h = 0; h < 24; h++) {
      HOUR_WEIGHT[h] = Math.exp(0.9 * Math.cos(2 * Math.PI * (h - 20) / 24.0));
    }
  }

  final EcommerceWorld world;
  final double shift;
  final boolean shifted;
  final AliasSampler userSampler;
  final AliasSampler hourSampler;
  /** log Q(u)/P(u) for every user. */
  final double[] userLogRatio;
  /** log Q(h)/P(h) for every hour. */
  final double[] hourLogRatio = new double[24];

  /**
   * @param shift tilt strength s (0 = no shift)
   * @param shifted true to sample from Q, false to sample from P (the density ratio is Q/P either way)
   */
  Traffic(EcommerceWorld world, double shift, boolean shifted) {
    this.world = world;
    this.shift = shift;
    this.shifted = shifted;
    int n = world.users;
    double[] p = world.userActivity;
    double[] q = new double[n];
    double total = 0;
    double tilted = 0;
    for (int u = 0; u < n; u++) {
      q[u] = p[u] * Math.exp(shift * world.userAffluence[u]);
      total += p[u];
      tilted += q[u];
    }
    userLogRatio = new double[n];
    for (int u = 0; u < n; u++) {
      userLogRatio[u] = shift * world.userAffluence[u] - Math.log(tilted / total);
    }
    userSampler = new AliasSampler(shifted ? q : p);
    double[] qh = new double[24];
    double ph = 0;
    double qhTotal = 0;
    for (int h = 0; h < 24; h++) {
      qh[h] = HOUR_WEIGHT[h] * Math.exp(shift * hourTilt(h));
      ph += HOUR_WEIGHT[h];
      qhTotal += qh[h];
    }
    for (int h = 0; h < 24; h++) {
      hourLogRatio[h] = shift * hourTilt(h) - Math.log(qhTotal / ph);
    }
    hourSampler = new AliasSampler(shifted ? qh : HOUR_WEIGHT);
  }

  static double hourTilt(int h) {
    return Math.cos(2 * Math.PI * (h - 9) / 24.0);
  }

  /**
   * Draws the query category of user {@code u}, given the user's category dot products {@code uc}; writes
   * log Q(k|u)/P(k|u) of the drawn category into {@code logRatio[0]}. {@code scratch} has one slot per
   * category.
   */
  int category(double[] uc, SplittableRandom rng, double[] scratch, double[] logRatio) {
    int k = uc.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      double l = Math.log(world.categoryPopularity[c]) + EcommerceWorld.INTENT * uc[c];
      scratch[c] = l;
      max = Math.max(max, l);
    }
    double zp = 0;
    double zq = 0;
    for (int c = 0; c < k; c++) {
      double e = Math.exp(scratch[c] - max);
      double t = e * Math.exp(shift * world.categoryPriceLevel[c]);
      zp += e;
      zq += t;
      scratch[c] = shifted ? t : e;
    }
    double x = rng.nextDouble() * (shifted ? zq : zp);
    int chosen = k - 1;
    double acc = 0;
    for (int c = 0; c < k; c++) {
      acc += scratch[c];
      if (x < acc) {
        chosen = c;
        break;
      }
    }
    logRatio[0] = shift * world.categoryPriceLevel[chosen] - Math.log(zq / zp);
    return chosen;
  }
}
