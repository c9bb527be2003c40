package siebench.cvr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Static factories for the conversion objectives, meant for static import: {@code cvr().objective(esmm())}.
 * Naive (clicked rows only), ESMM (Ma et al. 2018, SIGIR), Multi-IPS and Multi-DR (Zhang et al. 2020, WWW).
 */
public final class CvrObjectives {
  private CvrObjectives() {}

  /** The CVR tower trained on clicked impressions only: the biased baseline. */
  public static NaiveCvr naive() {
    return new NaiveCvr();
  }

  /** ESMM: CTR and CTCVR losses over all impressions. */
  public static Esmm esmm() {
    return new Esmm();
  }

  /** Multi-IPS with the propensity floor {@link MultiIps#DEFAULT_CLIP}. */
  public static MultiIps ips() {
    return new MultiIps(MultiIps.DEFAULT_CLIP, PropensitySource.ESTIMATED);
  }

  /** Multi-IPS with propensities floored at {@code clip}. */
  public static MultiIps ips(double clip) {
    return new MultiIps(clip, PropensitySource.ESTIMATED);
  }

  /** Multi-DR with the propensity floor {@link MultiIps#DEFAULT_CLIP}. */
  public static MultiDr dr() {
    return new MultiDr(MultiIps.DEFAULT_CLIP, PropensitySource.ESTIMATED);
  }

  /** Multi-DR with propensities floored at {@code clip}. */
  public static MultiDr dr(double clip) {
    return new MultiDr(clip, PropensitySource.ESTIMATED);
  }

  /**
   * By name (naive, esmm, ips, dr; ips-true and dr-true use the true click probabilities, which only simulated
   * data has), IPS and DR with propensities floored at {@code clip}.
   */
  public static CvrObjective named(String name, double clip) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "naive" -> naive();
      case "esmm" -> esmm();
      case "ips", "multi-ips" -> ips(clip);
      case "dr", "multi-dr" -> dr(clip);
      case "ips-true" -> ips(clip).knownPropensities();
      case "dr-true" -> dr(clip).knownPropensities();
      default -> throw new IllegalArgumentException("unknown CVR objective '" + name
          + "'; expected naive, esmm, ips, dr, or ips-true / dr-true (true propensities, simulated data only)");
    };
  }

  /** A comma-separated list of names, e.g. {@code "naive,esmm,ips,dr"}. */
  public static List<CvrObjective> parse(String names, double clip) {
    List<CvrObjective> out = new ArrayList<>();
    for (String n : names.split(",")) {
      if (!n.isBlank()) {
        out.add(named(n, clip));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no CVR objective in '" + names + "'");
    }
    return out;
  }
}
