package siebench.data.synthetic;

import java.util.Arrays;

/**
 * Column-major primitive storage for generated impressions, so that a million rows cost a few dozen arrays
 * rather than a million objects. Package-private: {@link SyntheticData} turns it into a Tablesaw table.
 */
final class RowBuffer {
  final int size;
  // observed
  final long[] session;
  final long[] timestamp;
  final int[] position;
  final int[] user;
  final int[] item;
  final int[] queryCategory;
  final int[] device;
  final int[] hour;
  final int[] click;
  final int[] purchase;
  final double[] price;
  final double[] popularity;
  final double[] rating;
  // hidden
  final double[] logit;
  final double[] purchaseLogit;
  final double[] relevance;
  final double[] propensity;
  final double[] clickProbability;
  final double[] purchaseProbability;
  final double[] densityRatio;
  final int[] cleanClick;
  final byte[] corruption;
  final int[] source; // index (in this buffer) of the row this one copies, -1 for originals

  RowBuffer(int n) {
    size = n;
    session = new long[n];
    timestamp = new long[n];
    position = new int[n];
    user = new int[n];
    item = new int[n];
    queryCategory = new int[n];
    device = new int[n];
    hour = new int[n];
    click = new int[n];
    purchase = new int[n];
    price = new double[n];
    popularity = new double[n];
    rating = new double[n];
    logit = new double[n];
    purchaseLogit = new double[n];
    relevance = new double[n];
    propensity = new double[n];
    clickProbability = new double[n];
    purchaseProbability = new double[n];
    densityRatio = new double[n];
    cleanClick = new int[n];
    corruption = new byte[n];
    source = new int[n];
    Arrays.fill(source, -1);
  }

  /** A new buffer whose row {@code j} is a copy of row {@code from[j]} of this one. */
  RowBuffer gather(int[] from) {
    RowBuffer b = new RowBuffer(from.length);
    for (int j = 0; j < from.length; j++) {
      int i = from[j];
      b.session[j] = session[i];
      b.timestamp[j] = timestamp[i];
      b.position[j] = position[i];
      b.user[j] = user[i];
      b.item[j] = item[i];
      b.queryCategory[j] = queryCategory[i];
      b.device[j] = device[i];
      b.hour[j] = hour[i];
      b.click[j] = click[i];
      b.purchase[j] = purchase[i];
      b.price[j] = price[i];
      b.popularity[j] = popularity[i];
      b.rating[j] = rating[i];
      b.logit[j] = logit[i];
      b.purchaseLogit[j] = purchaseLogit[i];
      b.relevance[j] = relevance[i];
      b.propensity[j] = propensity[i];
      b.clickProbability[j] = clickProbability[i];
      b.purchaseProbability[j] = purchaseProbability[i];
      b.densityRatio[j] = densityRatio[i];
      b.cleanClick[j] = cleanClick[i];
      b.corruption[j] = corruption[i];
    }
    return b;
  }
}
