package siebench.data.noise;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import siebench.data.Role;
import siebench.data.Samples;

/** Shared checks and messages of the injectors. */
final class Rates {
  private Rates() {}

  /** The rate, if it lies in (0, 0.5). */
  static double check(String name, double rate) {
    if (!(rate > 0 && rate < 0.5)) {
      throw new IllegalArgumentException(name + ": rate must lie in (0, 0.5), got " + rate);
    }
    return rate;
  }

  /** {@code round(rate * n)}, at least 1: a rate that rounds to no row at all is an error, not a no-op. */
  static int count(Noise noise, int n) {
    long k = Math.round(noise.rate() * n);
    if (k < 1) {
      throw new IllegalArgumentException(noise + " rounds to 0 corrupted rows of " + n + "; use more rows or a"
          + " higher rate");
    }
    return (int) k;
  }

  /** Two decimals when exact (0.10), else every digit (0.005). */
  static String format(double rate) {
    double pct = rate * 100;
    if (Math.abs(pct - Math.rint(pct)) < 1e-9) {
      return String.format(Locale.ROOT, "%.2f", rate);
    }
    return BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString();
  }

  /** The column of {@code role}, or a clear error naming the role and the samples. */
  static String role(Samples s, Role role, Noise noise, String declare) {
    Optional<String> c = s.schema().column(role);
    if (c.isEmpty()) {
      throw new IllegalArgumentException(noise + " needs the " + role + " role, but " + s.describe()
          + " declares none (roles " + s.schema().roles() + "); declare it with " + declare);
    }
    return c.get();
  }

  /** The 0/1 labels, or a clear error when the samples have no label column. */
  static float[] labels(Samples s, Noise noise) {
    if (s.schema().label() == null) {
      throw new IllegalArgumentException(noise + " needs the LABEL role, but " + s.describe()
          + " declares none; declare it with .label(\"click\")");
    }
    return s.labels();
  }
}
