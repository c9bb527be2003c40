package siebench.importance.correction;

import java.util.Arrays;
import java.util.Map;
import siebench.data.Role;
import siebench.data.Samples;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Examination propensities by display position (1 = top): {@code theta_k = P(examined | position k)} in the
 * position-based click model {@code P(click) = theta_k * P(relevant)} (Craswell, Zoeller, Taylor &amp; Ramsey
 * 2008, "An experimental comparison of click position-bias models", WSDM). Optionally with standard errors.
 * Immutable.
 */
public final class Propensities {
  private final double[] values; // index k - 1; NaN = unknown position
  private final double[] standardErrors; // same indexing, or null
  private final String source;

  private Propensities(double[] values, double[] standardErrors, String source) {
    for (int k = 0; k < values.length; k++) {
      if (!Double.isNaN(values[k]) && (!(values[k] > 0) || Double.isInfinite(values[k]))) {
        throw new IllegalArgumentException("propensity of position " + (k + 1) + " is " + values[k]
            + " (" + source + "); expected a finite value > 0");
      }
    }
    this.values = values;
    this.standardErrors = standardErrors;
    this.source = source;
  }

  /** Propensities of positions 1, 2, ..., each in (0, 1]. */
  public static Propensities of(double... byPosition) {
    if (byPosition.length == 0) {
      throw new IllegalArgumentException("no propensities given");
    }
    return new Propensities(checkAtMostOne(byPosition.clone()), null, "given");
  }

  /** Propensities from a map position to propensity; positions start at 1 and may have gaps. */
  public static Propensities of(Map<Integer, Double> byPosition) {
    int max = 0;
    for (Map.Entry<Integer, Double> e : byPosition.entrySet()) {
      if (e.getKey() == null || e.getKey() < 1) {
        throw new IllegalArgumentException("positions start at 1; got key " + e.getKey());
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException("propensity of position " + e.getKey() + " is null");
      }
      max = Math.max(max, e.getKey());
    }
    if (max == 0) {
      throw new IllegalArgumentException("no propensities given");
    }
    double[] v = new double[max];
    Arrays.fill(v, Double.NaN);
    byPosition.forEach((k, p) -> v[k - 1] = p);
    return new Propensities(checkAtMostOne(v), null, "given");
  }

  private static double[] checkAtMostOne(double[] v) {
    for (int k = 0; k < v.length; k++) {
      if (v[k] > 1) {
        throw new IllegalArgumentException("propensity of position " + (k + 1) + " is " + v[k]
            + "; a probability must be <= 1");
      }
    }
    return v;
  }

  /** The power-law examination model {@code theta_k = (1 / k)^eta} of Joachims et al. (2017), for k = 1..positions. */
  public static Propensities powerLaw(double eta, int positions) {
    double[] v = new double[positions];
    for (int k = 1; k <= positions; k++) {
      v[k - 1] = Math.pow(1.0 / k, eta);
    }
    return new Propensities(v, null, "power-law eta=" + eta);
  }

  static Propensities estimated(double[] values, double[] standardErrors, String source) {
    return new Propensities(values, standardErrors, source);
  }

  /** The propensity of {@code position}; fails for positions without one. */
  public double at(int position) {
    if (position < 1 || position > values.length || Double.isNaN(values[position - 1])) {
      throw new IllegalArgumentException("no propensity for position " + position + " (" + source + " covers "
          + known() + ")");
    }
    return values[position - 1];
  }

  private String known() {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < values.length; k++) {
      if (!Double.isNaN(values[k])) {
        sb.append(sb.length() == 0 ? "" : ",").append(k + 1);
      }
    }
    return "positions " + sb;
  }

  /** True when {@code position} has a propensity. */
  public boolean covers(int position) {
    return position >= 1 && position <= values.length && !Double.isNaN(values[position - 1]);
  }

  /** The standard error of position {@code position}'s estimate, or NaN when not known. */
  public double standardError(int position) {
    return standardErrors == null || position < 1 || position > values.length ? Double.NaN
        : standardErrors[position - 1];
  }

  /** The largest position (some positions below it may be unknown). */
  public int positions() {
    return values.length;
  }

  /** Propensities of positions 1..{@link #positions()} (NaN where unknown). */
  public double[] values() {
    return values.clone();
  }

  /** Where the values came from (given, power-law, regression-em, result-randomization...). */
  public String source() {
    return source;
  }

  /**
   * Propensities divided by that of position 1 ({@code theta_k / theta_1}): the identifiable part in the
   * position-based model, where {@code theta} and relevance can trade a common factor.
   */
  public Propensities relative() {
    double base = at(1);
    double[] v = new double[values.length];
    double[] se = standardErrors == null ? null : new double[values.length];
    for (int k = 0; k < v.length; k++) {
      v[k] = values[k] / base;
      if (se != null) {
        se[k] = standardErrors[k] / base;
      }
    }
    return new Propensities(v, se, source.startsWith("relative") ? source : "relative " + source);
  }

  /**
   * Absolute propensities from relative ones: every value times {@code top / value(1)}, so that position 1 is
   * examined with probability {@code top} (in (0, 1]). Estimates that then exceed 1 (a lower position estimated
   * above the top one) are capped at 1, and the source names the capped positions.
   */
  public Propensities scaledTo(double top) {
    if (!(top > 0 && top <= 1)) {
      throw new IllegalArgumentException("the top position's propensity must lie in (0, 1], got " + top);
    }
    double f = top / at(1);
    double[] v = new double[values.length];
    double[] se = standardErrors == null ? null : new double[values.length];
    StringBuilder capped = new StringBuilder();
    for (int k = 0; k < v.length; k++) {
      v[k] = values[k] * f;
      if (v[k] > 1) {
        capped.append(capped.length() == 0 ? "" : ",").append(k + 1);
        v[k] = 1;
      }
      if (se != null) {
        se[k] = standardErrors[k] * f;
      }
    }
    String base = source.startsWith("relative ") ? source.substring("relative ".length()) : source;
    return new Propensities(v, se, base + (top == 1 ? "" : ", top=" + top)
        + (capped.length() == 0 ? "" : ", capped at 1 at positions " + capped));
  }

  /** The mean over rows of {@code |estimate_i - truth_i| / truth_i}: how far per-row propensities are off. */
  public static double meanRelativeError(double[] estimate, double[] truth) {
    if (estimate.length != truth.length) {
      throw new IllegalArgumentException(estimate.length + " estimates for " + truth.length + " true propensities");
    }
    double s = 0;
    for (int i = 0; i < truth.length; i++) {
      s += Math.abs(estimate[i] - truth[i]) / truth[i];
    }
    return s / truth.length;
  }

  /** Per position, {@code |this_k - truth_k| / truth_k}, over the positions both cover. */
  public double[] relativeErrors(Propensities truth) {
    int n = Math.min(values.length, truth.values.length);
    double[] e = new double[n];
    for (int k = 0; k < n; k++) {
      e[k] = Math.abs(values[k] - truth.values[k]) / truth.values[k];
    }
    return e;
  }

  /** Columns position, propensity and (when known) standard_error. */
  public Table table() {
    IntColumn pos = IntColumn.create("position");
    DoubleColumn p = DoubleColumn.create("propensity");
    DoubleColumn se = DoubleColumn.create("standard_error");
    for (int k = 0; k < values.length; k++) {
      if (!Double.isNaN(values[k])) {
        pos.append(k + 1);
        p.append(values[k]);
        se.append(standardErrors == null ? Double.NaN : standardErrors[k]);
      }
    }
    Table t = Table.create("propensities (" + source + ")", pos, p);
    if (standardErrors != null) {
      t.addColumns(se);
    }
    return t;
  }

  /** The display position of every row of {@code samples} (from its position role); fails naming the row id. */
  static int[] positions(Samples samples) {
    String col = samples.schema().column(Role.POSITION).orElseThrow(() -> new IllegalStateException(
        "position-bias correction needs a display-position column in " + samples.describe()
            + "; declare one with .position(\"col\")"));
    double[] x = samples.doubles(col);
    int[] out = new int[x.length];
    long[] ids = null;
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] >= 1) || x[i] != Math.rint(x[i]) || x[i] > 1_000_000) {
        ids = ids == null ? samples.rowIds() : ids;
        throw new IllegalArgumentException("position column '" + col + "' of " + samples.describe()
            + " must hold integers >= 1, but row_id " + ids[i] + " has " + x[i]);
      }
      out[i] = (int) x[i];
    }
    return out;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Propensities[").append(source).append(':');
    for (int k = 0; k < values.length; k++) {
      if (!Double.isNaN(values[k])) {
        sb.append(String.format(" %d=%.4f", k + 1, values[k]));
      }
    }
    return sb.append(']').toString();
  }
}
