package siebench.data.synthetic;

import java.util.SplittableRandom;

/**
 * Constant-time sampling from a fixed discrete distribution by the alias method (A. J. Walker, 1977, "An
 * Efficient Method for Generating Discrete Random Variables with General Distributions", ACM TOMS 3(3);
 * table construction after M. D. Vose, 1991, "A Linear Algorithm for Generating Random Numbers with a Given
 * Distribution", IEEE TSE 17(9)).
 */
final class AliasSampler {
  private final double[] probability;
  private final int[] alias;
  private final double[] normalized;

  /** Builds the table for weights proportional to {@code weights} (non-negative, finite, not all zero). */
  AliasSampler(double[] weights) {
    int n = weights.length;
    if (n == 0) {
      throw new IllegalArgumentException("alias sampler needs at least one weight");
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("weight " + i + " is " + weights[i] + "; weights must be finite and >= 0");
      }
      total += weights[i];
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("all " + n + " weights are zero");
    }
    normalized = new double[n];
    probability = new double[n];
    alias = new int[n];
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int ns = 0;
    int nl = 0;
    for (int i = 0; i < n; i++) {
      normalized[i] = weights[i] / total;
      scaled[i] = normalized[i] * n;
      if (scaled[i] < 1) {
        small[ns++] = i;
      } else {
        large[nl++] = i;
      }
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[--nl];
      probability[s] = scaled[s];
      alias[s] = l;
      scaled[l] = (scaled[l] + scaled[s]) - 1;
      if (scaled[l] < 1) {
        small[ns++] = l;
      } else {
        large[nl++] = l;
      }
    }
    while (nl > 0) {
      probability[large[--nl]] = 1;
    }
    while (ns > 0) {
      probability[small[--ns]] = 1; // numerical leftovers
    }
  }

  /** Draws one index. */
  int sample(SplittableRandom rng) {
    int i = rng.nextInt(probability.length);
    return rng.nextDouble() < probability[i] ? i : alias[i];
  }

  /** The probability of index {@code i}. */
  double probability(int i) {
    return normalized[i];
  }

  int size() {
    return probability.length;
  }
}
