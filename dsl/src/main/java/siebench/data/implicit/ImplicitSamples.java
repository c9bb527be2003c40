package siebench.data.implicit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import siebench.data.Samples;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Turns a positives-only training log into pointwise training {@link Samples} for the CTR training loop, the
 * setting of He et al. 2017 ("Neural Collaborative Filtering", Sec. 3.1.1: BCE on observed interactions and
 * sampled negatives) and Wang et al. 2021 ("Denoising Implicit Feedback for Recommendation"): one positive row
 * per distinct (user, item) pair, plus {@code negatives} sampled rows per positive from a seeded
 * {@link NegativeSampler}.
 *
 * <p>Columns: {@code user_id}, {@code item_id} (the two categorical features), {@code label} (1 / 0), {@code
 * sampling_prob} (the sampler's proposal probability of the row's item, for logQ correction; ignored as a
 * feature), {@code behaviour} (the pair's strongest behaviour, {@code negative} for sampled rows), {@code
 * sample_weight} (only with {@link #behaviourWeights}: the largest weight of the pair's behaviours; negatives
 * 1), and the ground truth {@code truth_corrupted} / {@code truth_corruption}: a positive is corrupted when its
 * behaviour was injected as noise (a behaviour starting with {@code noise}, see {@link ImplicitNoise}) or, with
 * {@link #cleanPositives}, when the pair is not among the clean pairs (e.g. a click without purchase, the
 * natural noise of Wang et al. 2021). With {@link #groupedByPositive()} a further column {@code positive_group}
 * (the index of the positive row a row belongs to: itself for a positive, the positive it was drawn for for a
 * negative) is the samples' group, which turns the pairwise {@code Objective.bpr()} into the (user, positive,
 * negative) triples of Rendle et al. 2009 ("BPR: Bayesian Personalized Ranking from Implicit Feedback").
 * Immutable builder.
 */
public final class ImplicitSamples {
  public static final String USER = "user_id";
  public static final String ITEM = "item_id";
  public static final String LABEL = "label";
  public static final String SAMPLING_PROB = "sampling_prob";
  public static final String BEHAVIOUR = "behaviour";
  public static final String NEGATIVE = "negative";
  /** Behaviours starting with this prefix are injected noise. */
  public static final String NOISE_PREFIX = "noise";
  /** The group column of {@link #groupedByPositive()}. */
  public static final String POSITIVE_GROUP = "positive_group";

  private final NegativeSampler sampler;
  private final int negatives;
  private final long seed;
  private final Map<String, Double> weights;
  private final Set<Long> clean;
  private final String cleanName;
  private final boolean grouped;

  private ImplicitSamples(NegativeSampler sampler, int negatives, long seed, Map<String, Double> weights,
      Set<Long> clean, String cleanName) {
    this(sampler, negatives, seed, weights, clean, cleanName, false);
  }

  private ImplicitSamples(NegativeSampler sampler, int negatives, long seed, Map<String, Double> weights,
      Set<Long> clean, String cleanName, boolean grouped) {
    this.grouped = grouped;
    this.sampler = sampler;
    this.negatives = negatives;
    this.seed = seed;
    this.weights = weights;
    this.clean = clean;
    this.cleanName = cleanName;
  }

  /** One uniform negative per positive (He et al. 2017 use 4, Wang et al. 2021 use 1), seed 7, no weights. */
  public static ImplicitSamples defaults() {
    return new ImplicitSamples(NegativeSampler.uniform(), 1, 7, null, null, null);
  }

  /**
   * The default samples of a whole log for {@code --data implicit:PATH}: one uniform negative per positive,
   * seeded, and, when the log has {@code buy} events, clicks without purchase marked as the noisy positives.
   */
  public static Samples of(Interactions log, long seed) {
    ImplicitSamples s = defaults().seed(seed);
    return (log.behaviourCounts().containsKey("buy") ? s.cleanPositives(log, "buy") : s).build(log);
  }

  public ImplicitSamples negatives(NegativeSampler s, int perPositive) {
    if (perPositive < 0) {
      throw new IllegalArgumentException("negatives per positive must be >= 0, got " + perPositive);
    }
    return new ImplicitSamples(s, perPositive, seed, weights, clean, cleanName, grouped);
  }

  public ImplicitSamples seed(long s) {
    return new ImplicitSamples(sampler, negatives, s, weights, clean, cleanName, grouped);
  }

  /**
   * Weights per behaviour (e.g. {@code pv=1, cart=2, fav=2, buy=4}); a positive pair gets its largest
   * behaviour's weight, written to {@code sample_weight}. Every behaviour of the log must be listed.
   */
  public ImplicitSamples behaviourWeights(Map<String, Double> w) {
    for (Map.Entry<String, Double> e : w.entrySet()) {
      if (!(e.getValue() >= 0)) {
        throw new IllegalArgumentException("behaviour weight of '" + e.getKey() + "' must be >= 0, got "
            + e.getValue());
      }
    }
    return new ImplicitSamples(sampler, negatives, seed, Map.copyOf(w), clean, cleanName, grouped);
  }

  /**
   * Marks positives as noisy ({@code truth_corrupted = 1}, kind {@code not-<behaviour>}) unless their pair has
   * event {@code behaviour} in {@code log} (e.g. {@code buy}: clicks that did not convert are the noisy
   * positives).
   */
  public ImplicitSamples cleanPositives(Interactions log, String behaviour) {
    Set<Long> pairs = new java.util.HashSet<>();
    for (int r = 0; r < log.size(); r++) {
      if (log.behaviour(r).equals(behaviour)) {
        pairs.add(pair(log.user(r), log.item(r)));
      }
    }
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("no '" + behaviour + "' events in " + log.name() + " to mark clean positives;"
          + " behaviours are " + log.behaviourCounts().keySet());
    }
    return new ImplicitSamples(sampler, negatives, seed, weights, pairs, "not-" + behaviour, grouped);
  }

  /**
   * Adds the {@value #POSITIVE_GROUP} column, declared as the samples' group: each positive row with the
   * negatives drawn for it, the groups over which {@code Objective.bpr()} forms its (positive, negative) pairs.
   */
  public ImplicitSamples groupedByPositive() {
    return new ImplicitSamples(sampler, negatives, seed, weights, clean, cleanName, true);
  }

  static long pair(int user, int item) {
    return ((long) user << 32) | (item & 0xffffffffL);
  }

  /** The distinct positive pairs of {@code train}, in order of first event, with their strongest behaviour. */
  public record Positives(int[] user, int[] item, String[] behaviour) {}

  /** The distinct (user, item) pairs of {@code train}; a pair's behaviour is the one with the largest weight. */
  public Positives positives(Interactions train) {
    Map<Long, Integer> index = new LinkedHashMap<>();
    Map<Long, String> best = new HashMap<>();
    for (int r = 0; r < train.size(); r++) {
      long k = pair(train.user(r), train.item(r));
      index.putIfAbsent(k, index.size());
      String b = train.behaviour(r);
      String cur = best.get(k);
      if (cur == null || rank(b) > rank(cur)) {
        best.put(k, b);
      }
    }
    int n = index.size();
    int[] u = new int[n];
    int[] i = new int[n];
    String[] b = new String[n];
    for (Map.Entry<Long, Integer> e : index.entrySet()) {
      int p = e.getValue();
      u[p] = (int) (e.getKey() >>> 32);
      i[p] = (int) (long) e.getKey();
      b[p] = best.get(e.getKey());
    }
    return new Positives(u, i, b);
  }

  private double rank(String behaviour) {
    if (behaviour.startsWith(NOISE_PREFIX)) {
      return -1;
    }
    if (weights != null) {
      Double w = weights.get(behaviour);
      if (w == null) {
        throw new IllegalArgumentException("no weight given for behaviour '" + behaviour + "'; weights are " + weights);
      }
      return w;
    }
    return switch (behaviour) {
      case "buy" -> 4;
      case "cart" -> 3;
      case "fav" -> 2;
      default -> 1;
    };
  }

  /** The training samples: positives of {@code train} and their sampled negatives. */
  public Samples build(Interactions train) {
    Positives p = positives(train);
    int[][] seen = train.itemsByUser();
    NegativeSampler.Drawn d = sampler.draw(p.user, p.item, seen, train.items(), negatives, seed);
    int[] pop = train.itemPopularity();
    double popSum = 0;
    for (int c : pop) {
      popSum += c;
    }
    int n = p.user.length;
    int rows = n + d.item().length;
    StringColumn users = StringColumn.create(USER);
    StringColumn items = StringColumn.create(ITEM);
    IntColumn label = IntColumn.create(LABEL, rows);
    DoubleColumn q = DoubleColumn.create(SAMPLING_PROB, rows);
    StringColumn behaviour = StringColumn.create(BEHAVIOUR);
    IntColumn corrupted = IntColumn.create(Samples.TRUTH_PREFIX + "corrupted", rows);
    StringColumn kind = StringColumn.create(Samples.TRUTH_PREFIX + "corruption");
    DoubleColumn weight = weights == null ? null : DoubleColumn.create(Samples.SAMPLE_WEIGHT, rows);
    StringColumn group = grouped ? StringColumn.create(POSITIVE_GROUP) : null;
    for (int r = 0; r < n; r++) {
      users.append(train.userIds().get(p.user[r]));
      items.append(train.itemIds().get(p.item[r]));
      label.set(r, 1);
      // a positive's own q: its share of training popularity (what in-batch sampling proposes it with)
      q.set(r, pop[p.item[r]] / popSum);
      behaviour.append(p.behaviour[r]);
      boolean injected = p.behaviour[r].startsWith(NOISE_PREFIX);
      boolean notClean = !injected && clean != null && !clean.contains(pair(p.user[r], p.item[r]));
      corrupted.set(r, injected || notClean ? 1 : 0);
      kind.append(injected ? p.behaviour[r] : notClean ? cleanName : "none");
      if (weight != null) {
        weight.set(r, injected ? 1.0 : rank(p.behaviour[r]));
      }
      if (group != null) {
        group.append(Integer.toString(r));
      }
    }
    for (int k = 0; k < d.item().length; k++) {
      int r = n + k;
      users.append(train.userIds().get(p.user[d.positive()[k]]));
      items.append(train.itemIds().get(d.item()[k]));
      label.set(r, 0);
      q.set(r, d.q()[k]);
      behaviour.append(NEGATIVE);
      corrupted.set(r, 0);
      kind.append("none");
      if (weight != null) {
        weight.set(r, 1.0);
      }
      if (group != null) {
        group.append(Integer.toString(d.positive()[k]));
      }
    }
    Table t = Table.create(train.name() + " implicit(" + sampler + " x" + negatives + ", seed " + seed + ")", users,
        items, label, q, behaviour, corrupted, kind);
    if (weight != null) {
      t.addColumns(weight);
    }
    if (group != null) {
      t.addColumns(group);
    }
    Samples s = Samples.from(t).label(LABEL).user(USER).item(ITEM).categorical(USER, ITEM)
        .features(USER, ITEM);
    if (group != null) {
      s = s.group(POSITIVE_GROUP);
    }
    return weight != null ? s.weight(Samples.SAMPLE_WEIGHT) : s;
  }
}
