package siebench.cvr;

import siebench.data.Samples;

/**
 * Impressions with the two labels of post-click conversion modelling (Ma et al. 2018, "Entire Space Multi-Task
 * Model", SIGIR): the click {@code o} and the conversion {@code r}, observed only after a click (so {@code r = 1}
 * implies {@code o = 1}); and, for simulated data, the oracle: the true conversion probability {@code P(r = 1 |
 * click, x)} of every impression, clicked or not, which measures CVR estimation over the entire impression
 * space; and the true click probability of every impression (the propensity; simulated data only). The samples
 * keep their features and schema (the click is their label).
 *
 * @param samples the impressions (features, row ids)
 * @param clicks 0/1 per row
 * @param purchases 0/1 per row, 0 wherever the row was not clicked
 * @param trueCvr the true conversion probability of every row, or null when unknown (real data)
 * @param truePropensity the true click probability of every row, or null when unknown (real data)
 */
public record ConversionData(Samples samples, float[] clicks, float[] purchases, double[] trueCvr,
    double[] truePropensity) {
  public ConversionData {
    int n = samples.size();
    if (clicks.length != n || purchases.length != n || (trueCvr != null && trueCvr.length != n)
        || (truePropensity != null && truePropensity.length != n)) {
      throw new IllegalArgumentException("label arrays do not match the " + n + " rows of " + samples.describe());
    }
  }

  /**
   * The samples with their click column {@code click} and conversion column {@code purchase}. Fails naming
   * the row id when a value is not 0/1 or a row converts without a click.
   */
  public static ConversionData of(Samples samples, String click, String purchase) {
    float[] o = binary(samples, click);
    float[] r = binary(samples, purchase);
    for (int i = 0; i < o.length; i++) {
      if (r[i] == 1f && o[i] == 0f) {
        throw new IllegalArgumentException("row_id " + samples.rowIds()[i] + " of " + samples.describe() + " has "
            + purchase + " = 1 but " + click + " = 0; conversions are observed only after clicks");
      }
    }
    return new ConversionData(samples.label(click), o, r, null, null);
  }

  /** The same data with the true conversion probabilities read from {@code column} (checked to lie in [0, 1]). */
  public ConversionData withOracle(String column) {
    return new ConversionData(samples, clicks, purchases, probabilities(column), truePropensity);
  }

  /** The same data with the true click probabilities read from {@code column} (checked to lie in [0, 1]). */
  public ConversionData withPropensities(String column) {
    return new ConversionData(samples, clicks, purchases, trueCvr, probabilities(column));
  }

  private double[] probabilities(String column) {
    double[] q = samples.doubles(column);
    for (int i = 0; i < q.length; i++) {
      if (!(q[i] >= 0 && q[i] <= 1)) {
        throw new IllegalArgumentException("column '" + column + "' of " + samples.describe()
            + " must hold probabilities, but row_id " + samples.rowIds()[i] + " has " + q[i]);
      }
    }
    return q;
  }

  private static float[] binary(Samples s, String column) {
    double[] v = s.doubles(column);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      if (v[i] != 0 && v[i] != 1) {
        throw new IllegalArgumentException("column '" + column + "' of " + s.describe() + " must be 0/1, but row_id "
            + s.rowIds()[i] + " has " + v[i]);
      }
      out[i] = (float) v[i];
    }
    return out;
  }

  /** Number of impressions. */
  public int size() {
    return clicks.length;
  }

  /** True when the true conversion probabilities are known. */
  public boolean hasOracle() {
    return trueCvr != null;
  }

  /** Number of clicks. */
  public int clickCount() {
    int c = 0;
    for (float v : clicks) {
      c += (int) v;
    }
    return c;
  }

  /** Number of conversions. */
  public int purchaseCount() {
    int c = 0;
    for (float v : purchases) {
      c += (int) v;
    }
    return c;
  }

  /** One line: rows, clicks, conversions and whether the oracle is known. */
  public String describe() {
    return String.format("%,d impressions, %,d clicks (CTR %.4f), %,d conversions (CVR of clicks %.4f)%s", size(),
        clickCount(), size() == 0 ? 0.0 : clickCount() / (double) size(), purchaseCount(),
        clickCount() == 0 ? 0.0 : purchaseCount() / (double) clickCount(), hasOracle() ? ", oracle CVR known" : "");
  }

  @Override
  public String toString() {
    return describe();
  }
}
