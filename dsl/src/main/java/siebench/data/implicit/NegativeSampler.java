package siebench.data.implicit;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded negative sampling for positives-only logs: for every positive (user, item) pair, items the user did
 * not interact with are drawn as negatives, and the probability {@code q_j} with which the sampler proposes
 * item {@code j} is recorded so that the sampling bias can be corrected (the logQ correction of Yi et al. 2019,
 * "Sampling-Bias-Corrected Neural Modeling for Large Corpus Item Recommendations", and Bengio &amp; Senecal 2008).
 *
 * <ul>
 *   <li>{@link #uniform()}: {@code q_j = 1 / |I|} over the whole corpus (He et al. 2017; Rendle et al. 2009).
 *   <li>{@link #popularity(double)}: {@code q_j} proportional to {@code pop_j^alpha}, {@code pop_j} the item's
 *       training users (alpha 0.75 as word2vec's unigram^0.75, Mikolov et al. 2013).
 *   <li>{@link #inBatch(int)}: positives are shuffled into batches of {@code b}; a positive's negatives are the
 *       items of other positives of its batch, drawn uniformly over the batch's rows, so {@code q_j} is item
 *       {@code j}'s share of the batch (in expectation its share of the training interactions, Yi et al. 2019).
 * </ul>
 *
 * Items the user interacted with in training are rejected and redrawn (at most 1000 times; a positive whose
 * negatives cannot be found, e.g. a user who saw the whole batch, gets fewer). The recorded {@code q_j} is the
 * proposal probability, before rejection.
 */
public final class NegativeSampler {
  /** How negatives are proposed. */
  public enum Kind {
    UNIFORM, POPULARITY, IN_BATCH
  }

  /**
   * Negatives for positives {@code (user[p], item[p])}: {@code positive[k]} is the index of the positive the
   * k-th negative belongs to, {@code item[k]} the negative item and {@code q[k]} its proposal probability.
   */
  public record Drawn(int[] positive, int[] item, double[] q) {}

  private final Kind kind;
  private final double alpha;
  private final int batch;

  private NegativeSampler(Kind kind, double alpha, int batch) {
    this.kind = kind;
    this.alpha = alpha;
    this.batch = batch;
  }

  /** Uniform over the item corpus. */
  public static NegativeSampler uniform() {
    return new NegativeSampler(Kind.UNIFORM, 0, 0);
  }

  /** Proportional to training popularity to the power {@code alpha >= 0}. */
  public static NegativeSampler popularity(double alpha) {
    if (!(alpha >= 0)) {
      throw new IllegalArgumentException("popularity exponent must be >= 0, got " + alpha);
    }
    return new NegativeSampler(Kind.POPULARITY, alpha, 0);
  }

  /** From the other positives of the same batch of {@code batchSize >= 2} positives. */
  public static NegativeSampler inBatch(int batchSize) {
    if (batchSize < 2) {
      throw new IllegalArgumentException("in-batch sampling needs batches of at least 2 positives, got " + batchSize);
    }
    return new NegativeSampler(Kind.IN_BATCH, 0, batchSize);
  }

  /** Parses uniform, popularity (alpha 0.75), popularity:ALPHA, in-batch (1024) or in-batch:B. */
  public static NegativeSampler parse(String s) {
    String[] p = s.toLowerCase(java.util.Locale.ROOT).split(":", 2);
    try {
      return switch (p[0]) {
        case "uniform" -> uniform();
        case "popularity", "pop" -> popularity(p.length > 1 ? Double.parseDouble(p[1]) : 0.75);
        case "in-batch", "inbatch" -> inBatch(p.length > 1 ? Integer.parseInt(p[1]) : 1024);
        default -> throw new IllegalArgumentException("unknown negative sampler '" + s
            + "'; expected uniform, popularity[:ALPHA] or in-batch[:BATCH]");
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad negative sampler parameter in '" + s + "'", e);
    }
  }

  public Kind kind() {
    return kind;
  }

  /** Draws {@code perPositive} negatives for every positive, seeded. */
  public Drawn draw(int[] user, int[] item, int[][] seen, int corpus, int perPositive, long seed) {
    if (perPositive < 0) {
      throw new IllegalArgumentException("negatives per positive must be >= 0, got " + perPositive);
    }
    int n = user.length;
    Random rng = new Random(seed);
    int[] pos = new int[n * perPositive];
    int[] neg = new int[n * perPositive];
    double[] q = new double[n * perPositive];
    int m = 0;
    if (kind == Kind.IN_BATCH) {
      int[] perm = siebench.data.Samples.permutation(n, seed);
      for (int start = 0; start < n; start += batch) {
        int end = Math.min(n, start + batch);
        int b = end - start;
        int[] counts = new int[corpus];
        for (int k = start; k < end; k++) {
          counts[item[perm[k]]]++;
        }
        for (int k = start; k < end; k++) {
          int p = perm[k];
          for (int j = 0; j < perPositive; j++) {
            for (int attempt = 0; attempt < 1000; attempt++) {
              int c = item[perm[start + rng.nextInt(b)]];
              if (Arrays.binarySearch(seen[user[p]], c) < 0) {
                pos[m] = p;
                neg[m] = c;
                q[m++] = counts[c] / (double) b;
                break;
              }
            }
          }
        }
      }
    } else {
      double[] cdf = null;
      double[] prob = new double[corpus];
      if (kind == Kind.UNIFORM) {
        Arrays.fill(prob, 1.0 / corpus);
      } else {
        int[] pop = new int[corpus];
        for (int[] its : seen) {
          for (int i : its) {
            pop[i]++;
          }
        }
        double z = 0;
        for (int i = 0; i < corpus; i++) {
          prob[i] = pop[i] == 0 ? 0 : Math.pow(pop[i], alpha);
          z += prob[i];
        }
        cdf = new double[corpus];
        double acc = 0;
        for (int i = 0; i < corpus; i++) {
          prob[i] /= z;
          acc += prob[i];
          cdf[i] = acc;
        }
      }
      for (int p = 0; p < n; p++) {
        for (int j = 0; j < perPositive; j++) {
          for (int attempt = 0; attempt < 1000; attempt++) {
            int c;
            if (cdf == null) {
              c = rng.nextInt(corpus);
            } else {
              int at = Arrays.binarySearch(cdf, rng.nextDouble() * cdf[corpus - 1]);
              c = Math.min(corpus - 1, at >= 0 ? at : -at - 1);
              while (prob[c] == 0 && c + 1 < corpus) {
                c++;
              }
            }
            if (Arrays.binarySearch(seen[user[p]], c) < 0) {
              pos[m] = p;
              neg[m] = c;
              q[m++] = prob[c];
              break;
            }
          }
        }
      }
    }
    return new Drawn(Arrays.copyOf(pos, m), Arrays.copyOf(neg, m), Arrays.copyOf(q, m));
  }

  @Override
  public String toString() {
    return switch (kind) {
      case UNIFORM -> "uniform";
      case POPULARITY -> "popularity(alpha=" + alpha + ")";
      case IN_BATCH -> "in-batch(" + batch + ")";
    };
  }
}
