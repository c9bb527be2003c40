package siebench.data.synthetic;

import java.util.Arrays;
import java.util.SplittableRandom;
import siebench.data.noise.Corruption;

/**
 * Injects the training-data defects whose ground truth the benchmark scores against: click fraud, label
 * flips, exact and near duplicates. Works on a clean buffer and returns a new one of exactly {@code
 * base + duplicates + nearDuplicates} rows in which every corrupted row is flagged.
 *
 * <p>Fake clicks turn {@code fakeClicks} clean non-clicks into clicks, drawn by weighted sampling without
 * replacement (P. S. Efraimidis, P. G. Spirakis, 2006, "Weighted random sampling with a reservoir", IPL 97(5))
 * so that an expected share {@code fraudShare} of them falls on rows of fraud users or fraud items. Flips
 * invert the label of {@code flips} rows drawn uniformly among the rest. Duplicates copy clean rows (drawn
 * uniformly with replacement) and are placed right after their source, as double logging would.
 */
final class Corruptor {
  private Corruptor() {}

  static RowBuffer apply(RowBuffer base, EcommerceWorld world, int fakeClicks, double fraudShare, int flips,
      int duplicates, int nearDuplicates, SplittableRandom rng) {
    int n = base.size;
    byte[] kind = new byte[n];
    // ---- fake clicks among clean non-clicks
    if (fakeClicks > 0) {
      int[] negatives = new int[n];
      int nn = 0;
      int fraudRows = 0;
      for (int i = 0; i < n; i++) {
        if (base.click[i] == 0) {
          negatives[nn++] = i;
          if (world.fraudUser[base.user[i]] || world.fraudItem[base.item[i]]) {
            fraudRows++;
          }
        }
      }
      if (fakeClicks > nn) {
        throw new IllegalArgumentException("cannot turn " + fakeClicks + " non-clicks into fake clicks: only " + nn
            + " of " + n + " clean rows are non-clicks; lower fakeClicks");
      }
      double pi = nn == 0 ? 0 : fraudRows / (double) nn;
      double weight = pi > 0 && pi < 1 ? fraudShare * (1 - pi) / (pi * (1 - fraudShare)) : 1;
      double[] key = new double[nn];
      for (int j = 0; j < nn; j++) {
        int i = negatives[j];
        boolean fraud = world.fraudUser[base.user[i]] || world.fraudItem[base.item[i]];
        double wj = fraud ? weight : 1;
        // Efraimidis-Spirakis key u^(1/w), compared on the log scale: log(u) / w; weight 0 never chosen
        double u = 1 - rng.nextDouble();
        key[j] = wj > 0 ? Math.log(u) / wj : Double.NEGATIVE_INFINITY;
      }
      double[] sorted = key.clone();
      Arrays.sort(sorted);
      double threshold = sorted[nn - fakeClicks];
      int chosen = 0;
      for (int j = 0; j < nn && chosen < fakeClicks; j++) {
        if (key[j] > threshold) {
          kind[negatives[j]] = (byte) Corruption.FAKE_CLICK.ordinal();
          chosen++;
        }
      }
      for (int j = 0; j < nn && chosen < fakeClicks; j++) {
        if (key[j] == threshold) {
          kind[negatives[j]] = (byte) Corruption.FAKE_CLICK.ordinal();
          chosen++;
        }
      }
    }
    // ---- flips, uniform among rows not yet corrupted
    int[] rest = new int[n];
    int nr = 0;
    for (int i = 0; i < n; i++) {
      if (kind[i] == 0) {
        rest[nr++] = i;
      }
    }
    if (flips > nr) {
      throw new IllegalArgumentException("cannot flip " + flips + " labels: only " + nr + " clean rows are left");
    }
    for (int j = 0; j < flips; j++) {
      int k = j + rng.nextInt(nr - j);
      int t = rest[j];
      rest[j] = rest[k];
      rest[k] = t;
      kind[rest[j]] = (byte) Corruption.FLIPPED.ordinal();
    }
    // ---- duplicate sources, uniform with replacement among clean rows
    int[] clean = new int[n];
    int nc = 0;
    for (int i = 0; i < n; i++) {
      if (kind[i] == 0) {
        clean[nc++] = i;
      }
    }
    int copies = duplicates + nearDuplicates;
    if (copies > 0 && nc == 0) {
      throw new IllegalArgumentException("no clean rows left to duplicate");
    }
    int[] copyCount = new int[n];
    int[] copySource = new int[copies];
    for (int c = 0; c < copies; c++) {
      copySource[c] = clean[rng.nextInt(nc)];
      copyCount[copySource[c]]++;
    }
    // which copies are near duplicates: a uniform subset of size nearDuplicates
    boolean[] near = new boolean[copies];
    int[] idx = new int[copies];
    for (int c = 0; c < copies; c++) {
      idx[c] = c;
    }
    for (int j = 0; j < nearDuplicates; j++) {
      int k = j + rng.nextInt(copies - j);
      int t = idx[j];
      idx[j] = idx[k];
      idx[k] = t;
      near[idx[j]] = true;
    }
    // queue the copies of each source in draw order
    int[] start = new int[n + 1];
    for (int i = 0; i < n; i++) {
      start[i + 1] = start[i] + copyCount[i];
    }
    int[] fill = Arrays.copyOf(start, n);
    int[] copiesBySource = new int[copies];
    for (int c = 0; c < copies; c++) {
      copiesBySource[fill[copySource[c]]++] = c;
    }
    // ---- layout: every base row followed by its copies
    int total = n + copies;
    int[] from = new int[total];
    byte[] finalKind = new byte[total];
    int[] finalSource = new int[total];
    int row = 0;
    for (int i = 0; i < n; i++) {
      int original = row;
      from[row] = i;
      finalKind[row] = kind[i];
      finalSource[row] = -1;
      row++;
      for (int q = start[i]; q < start[i + 1]; q++) {
        int c = copiesBySource[q];
        from[row] = i;
        finalKind[row] = (byte) (near[c] ? Corruption.NEAR_DUPLICATE : Corruption.DUPLICATE).ordinal();
        finalSource[row] = original;
        row++;
      }
    }
    RowBuffer out = base.gather(from);
    for (int j = 0; j < total; j++) {
      byte k = finalKind[j];
      out.corruption[j] = k;
      out.source[j] = finalSource[j];
      if (k == Corruption.FAKE_CLICK.ordinal()) {
        out.click[j] = 1;
        out.purchase[j] = 0;
      } else if (k == Corruption.FLIPPED.ordinal()) {
        out.click[j] = 1 - out.click[j];
        out.purchase[j] = 0;
      } else if (k == Corruption.NEAR_DUPLICATE.ordinal()) {
        perturb(out, j, rng);
      }
    }
    return out;
  }

  /** Small perturbations of a near duplicate: timestamp, price, popularity and sometimes the rating. */
  private static void perturb(RowBuffer b, int j, SplittableRandom rng) {
    long ts = b.timestamp[j] + 1 + rng.nextInt(120);
    b.timestamp[j] = ts;
    b.hour[j] = (int) (((ts - SessionSimulator.EPOCH) % SessionSimulator.DAY) / 3600);
    double price = Math.round(b.price[j] * Math.exp(0.02 * rng.nextGaussian()) * 100) / 100.0;
    b.price[j] = price == b.price[j] ? price + 0.01 : price;
    b.popularity[j] = Math.round((b.popularity[j] + 0.02 * rng.nextGaussian()) * 1000) / 1000.0;
    double u = rng.nextDouble();
    if (u < 0.3) {
      b.rating[j] = Math.max(1, Math.min(5, Math.round((b.rating[j] + (u < 0.15 ? 0.1 : -0.1)) * 10) / 10.0));
    }
  }
}
