package siebench.metrics;

import java.util.Arrays;

/**
 * Scores as detectors of flagged rows (e.g. corrupted labels): AUROC, average precision, and precision /
 * recall / F1 among the top-k scored rows. Higher score = more suspicious. Ties in score count half for AUROC,
 * at their expectation under random order for the top-k figures, and pessimistically for AP and the
 * precision-recall levels (flagged rows after unflagged ones).
 */
public final class Detection {
  private Detection() {}

  /** AUROC of {@code suspicion} against {@code flags} (ties count half). */
  public static double auroc(boolean[] flags, double[] suspicion) {
    return Metrics.auc(toLabels(flags), suspicion);
  }

  /** Average precision: mean over flagged rows of the precision at their rank. */
  public static double averagePrecision(boolean[] flags, double[] suspicion) {
    int[] order = descending(flags, suspicion);
    double hits = 0;
    double sum = 0;
    for (int r = 0; r < order.length; r++) {
      if (flags[order[r]]) {
        hits++;
        sum += hits / (r + 1);
      }
    }
    return hits == 0 ? Double.NaN : sum / hits;
  }

  /**
   * {precision, recall, F1} when the {@code k} most suspicious rows are flagged. When the k-th place falls inside
   * a group of tied scores, the group's places left are filled at random: the hits count is its expectation
   * (the flagged share of the group times the places left), as AUROC counts ties half. Integer-valued scores
   * (e.g. forgetting counts) tie a lot, and a pessimistic order would report no hits at all.
   */
  public static double[] atK(boolean[] flags, double[] suspicion, int k) {
    int[] order = descending(flags, suspicion);
    int positives = 0;
    for (boolean f : flags) {
      positives += f ? 1 : 0;
    }
    double hits = 0;
    int kk = Math.min(k, order.length);
    int r = 0;
    while (r < kk) {
      int end = r;
      int flagged = 0;
      while (end < order.length && suspicion[order[end]] == suspicion[order[r]]) {
        flagged += flags[order[end]] ? 1 : 0;
        end++;
      }
      int taken = Math.min(end, kk) - r;
      hits += taken == end - r ? flagged : flagged * (double) taken / (end - r);
      r = end;
    }
    double p = k == 0 ? 0 : hits / k;
    double rc = positives == 0 ? 0 : hits / positives;
    double f1 = p + rc == 0 ? 0 : 2 * p * rc / (p + rc);
    return new double[] {p, rc, f1};
  }

  /** Precision at recall levels 0.1, 0.2, ..., 1.0 (interpolated: max precision at recall >= level). */
  public static double[] precisionAtRecallLevels(boolean[] flags, double[] suspicion) {
    int[] order = descending(flags, suspicion);
    int positives = 0;
    for (boolean f : flags) {
      positives += f ? 1 : 0;
    }
    double[] best = new double[10];
    int hits = 0;
    for (int r = 0; r < order.length && positives > 0; r++) {
      if (flags[order[r]]) {
        hits++;
        double recall = hits / (double) positives;
        double precision = hits / (double) (r + 1);
        for (int l = 0; l < 10; l++) {
          if (recall >= (l + 1) / 10.0 - 1e-12) {
            best[l] = Math.max(best[l], precision);
          }
        }
      }
    }
    // interpolation: precision at a level is the max precision at any higher recall
    for (int l = 8; l >= 0; l--) {
      best[l] = Math.max(best[l], best[l + 1]);
    }
    return best;
  }

  private static int[] descending(boolean[] flags, double[] s) {
    if (flags.length != s.length) {
      throw new IllegalArgumentException(flags.length + " flags but " + s.length + " scores");
    }
    Integer[] o = new Integer[s.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = i;
    }
    Arrays.sort(o, (a, b) -> {
      int c = Double.compare(s[b], s[a]);
      if (c != 0) {
        return c;
      }
      return Boolean.compare(flags[a], flags[b]); // unflagged first among ties: pessimistic
    });
    return Arrays.stream(o).mapToInt(Integer::intValue).toArray();
  }

  private static float[] toLabels(boolean[] flags) {
    float[] y = new float[flags.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = flags[i] ? 1 : 0;
    }
    return y;
  }
}
