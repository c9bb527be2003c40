package siebench.mnar;

import java.util.Locale;

/**
 * The training objectives for ratings missing not at random: each is the matching estimator of {@link
 * PerformanceEstimators} of the squared error over all user-item cells, minimized by minibatch Adam.
 *
 * <ul>
 *   <li>{@link #NAIVE}: the mean squared error over the observed ratings.
 *   <li>{@link #IPS}: {@code sum_O (r_hat - r)^2 / P / N} (Schnabel et al. 2016, "Recommendations as
 *       Treatments", ICML, Eq. 10).
 *   <li>{@link #SNIPS}: the IPS sum normalized by {@code sum_O 1 / P} instead of {@code N} (Schnabel et al.
 *       2016, Sec. 3.4). The normalizer is the same for every parameter value, so SNIPS has the same minimizer
 *       as IPS but another effective L2 strength; with naive-Bayes propensities without smoothing {@code sum_O
 *       1 / P = N} and the two are identical.
 *   <li>{@link #DOUBLY_ROBUST}: doubly robust joint learning (Wang, Zhang, Sun &amp; Qi 2019, "Doubly Robust
 *       Joint Learning for Recommendation on Data Missing Not at Random", ICML, Alg. 1): an imputation model
 *       {@code r_tilde} gives the imputed error {@code e_hat = (r_hat - r_tilde)^2} of every cell; the
 *       prediction model minimizes the DR estimate {@code (sum_all e_hat + sum_O (e - e_hat) / P) / N} and the
 *       imputation model {@code sum_O (e_hat - e)^2 / P}, alternately on every minibatch.
 * </ul>
 */
public enum RatingObjective {
  NAIVE("naive"),
  IPS("ips"),
  SNIPS("snips"),
  DOUBLY_ROBUST("dr");

  private final String shortName;

  RatingObjective(String shortName) {
    this.shortName = shortName;
  }

  /** naive, ips, snips, dr. */
  public String shortName() {
    return shortName;
  }

  /** True when the objective divides by propensities. */
  public boolean needsPropensities() {
    return this != NAIVE;
  }

  /** Parses naive, ips, snips, dr / doubly-robust (case-insensitive). */
  public static RatingObjective parse(String s) {
    return switch (s.toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "naive" -> NAIVE;
      case "ips" -> IPS;
      case "snips" -> SNIPS;
      case "dr", "doubly-robust", "dr-jl" -> DOUBLY_ROBUST;
      default -> throw new IllegalArgumentException("unknown objective '" + s + "'; expected naive, ips, snips or dr");
    };
  }
}
