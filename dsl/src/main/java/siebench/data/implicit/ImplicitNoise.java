package siebench.data.implicit;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Injected noise with ground truth for positives-only logs: events appended to a training log with a behaviour
 * starting with {@link ImplicitSamples#NOISE_PREFIX}, which {@link ImplicitSamples} marks as corrupted
 * positives. Two kinds:
 *
 * <ul>
 *   <li>{@link #randomInteractions}: uniformly random (user, item) pairs the user never interacted with
 *       (accidental clicks; the "random noise" of Wang et al. 2021, Sec. 5.4 robustness study, and of Gao et al.
 *       2022 "Self-Guided Learning to Denoise for Robust Recommendation").
 *   <li>{@link #botBursts}: a few target items each receive clicks from many random users at once (a bot or
 *       click-farm burst promoting those items, Lam &amp; Riedl 2004 "Shilling Recommender Systems for Fun and
 *       Profit"; here without profiles, only the burst).
 * </ul>
 * Seeded; the events are new pairs, so every injected positive row is exactly one injected event.
 */
public final class ImplicitNoise {
  public static final String RANDOM = ImplicitSamples.NOISE_PREFIX + "-random";
  public static final String BURST = ImplicitSamples.NOISE_PREFIX + "-burst";

  private ImplicitNoise() {}

  /** Appends {@code round(fraction * distinct pairs)} random unseen pairs. */
  public static Interactions randomInteractions(Interactions train, double fraction, long seed) {
    int n = count(train, fraction);
    Random rng = new Random(seed);
    Set<Long> pairs = pairs(train);
    int[] u = new int[n];
    int[] i = new int[n];
    int[] activeUsers = Arrays.stream(train.itemsByUser()).mapToInt(a -> a.length).toArray();
    int m = 0;
    while (m < n) {
      int user = rng.nextInt(train.users());
      int item = rng.nextInt(train.items());
      if (activeUsers[user] > 0 && pairs.add(ImplicitSamples.pair(user, item))) {
        u[m] = user;
        i[m++] = item;
      }
    }
    return append(train, u, i, RANDOM);
  }

  /**
   * Appends {@code round(fraction * distinct pairs)} clicks on {@code targets} randomly chosen target items
   * (spread evenly over them), each from a random user who had not interacted with it.
   */
  public static Interactions botBursts(Interactions train, double fraction, int targets, long seed) {
    if (targets < 1 || targets > train.items()) {
      throw new IllegalArgumentException("targets must be in [1, " + train.items() + "], got " + targets);
    }
    int n = count(train, fraction);
    Random rng = new Random(seed);
    int[] target = Arrays.copyOf(siebench.data.Samples.permutation(train.items(), seed), targets);
    Set<Long> pairs = pairs(train);
    int[] activeUsers = Arrays.stream(train.itemsByUser()).mapToInt(a -> a.length).toArray();
    long active = Arrays.stream(activeUsers).filter(a -> a > 0).count();
    if (n > (long) targets * active / 2) {
      throw new IllegalArgumentException("cannot inject " + n + " burst clicks on " + targets
          + " items with " + active + " users; use more targets or a smaller fraction");
    }
    int[] u = new int[n];
    int[] i = new int[n];
    int m = 0;
    while (m < n) {
      int item = target[m % targets];
      int user = rng.nextInt(train.users());
      if (activeUsers[user] > 0 && pairs.add(ImplicitSamples.pair(user, item))) {
        u[m] = user;
        i[m++] = item;
      }
    }
    return append(train, u, i, BURST);
  }

  private static int count(Interactions train, double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("noise fraction must be in (0, 1), got " + fraction);
    }
    return (int) Math.round(fraction * pairs(train).size());
  }

  private static Set<Long> pairs(Interactions log) {
    Set<Long> s = new HashSet<>();
    for (int r = 0; r < log.size(); r++) {
      s.add(ImplicitSamples.pair(log.user(r), log.item(r)));
    }
    return s;
  }

  private static Interactions append(Interactions train, int[] u, int[] i, String behaviour) {
    long last = 0;
    for (int r = 0; r < train.size(); r++) {
      last = Math.max(last, train.time(r));
    }
    long[] t = new long[u.length];
    Arrays.fill(t, last);
    String[] b = new String[u.length];
    Arrays.fill(b, behaviour);
    return train.concat(new Interactions(train.name(), train.userIds(), train.itemIds(), u, i, t, b));
  }
}
