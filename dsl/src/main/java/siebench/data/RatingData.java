package siebench.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Explicit ratings missing not at random (MNAR), in the layout of the standard MNAR benchmarks (Coat, Schnabel,
 * Swaminathan, Singh, Chandak &amp; Joachims 2016, "Recommendations as Treatments: Debiasing Learning and
 * Evaluation", ICML; Yahoo! R3, Marlin &amp; Zemel 2009, "Collaborative prediction and ranking with non-random
 * missing data", RecSys): a training set of ratings the users chose to give, and a test set of ratings of
 * uniformly random items (missing at random, MAR).
 *
 * <p>Both sides are {@link Samples} with the columns {@value #USER} (0-based user index, the user role and a
 * categorical feature), {@value #ITEM} (0-based item index, the item role and a categorical feature), {@value
 * #RATING} (1..5, ignored as a feature: it is the target), {@value #LABEL} ({@code rating >= }{@value
 * #POSITIVE_RATING}, the label, so that the CTR metrics apply), {@value #PROPENSITY} when the observation
 * probability of the row is known (ignored as a feature), and the user and item feature columns named {@code
 * user_<group>} and {@code item_<group>} (categorical).
 *
 * @param train the observed (MNAR) ratings
 * @param test the missing-at-random ratings
 * @param users number of users (user indices are 0..users-1)
 * @param items number of items (item indices are 0..items-1)
 * @param source where the data came from, for reports
 */
public record RatingData(Samples train, Samples test, int users, int items, String source) {
  /** The user-index column. */
  public static final String USER = "user_id";
  /** The item-index column. */
  public static final String ITEM = "item_id";
  /** The rating column (1..5). */
  public static final String RATING = "rating";
  /** The 0/1 label column: rating >= {@value #POSITIVE_RATING}. */
  public static final String LABEL = "label";
  /** The column of known observation propensities P(O = 1 | user, item). */
  public static final String PROPENSITY = "propensity";
  /** Prefix of user feature columns. */
  public static final String USER_FEATURE_PREFIX = "user_";
  /** Prefix of item feature columns. */
  public static final String ITEM_FEATURE_PREFIX = "item_";
  /** A rating at least this high is a positive label (the convention of the MNAR literature for AUC). */
  public static final int POSITIVE_RATING = 4;

  public RatingData {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    if (users < 1 || items < 1) {
      throw new IllegalArgumentException("need at least one user and one item, got " + users + " x " + items);
    }
  }

  /** Number of user-item cells, {@code users * items}. */
  public long cells() {
    return (long) users * items;
  }

  /** The user indices of {@code samples}' rows. */
  public static int[] users(Samples samples) {
    return ints(samples, USER);
  }

  /** The item indices of {@code samples}' rows. */
  public static int[] items(Samples samples) {
    return ints(samples, ITEM);
  }

  /** The ratings of {@code samples}' rows. */
  public static double[] ratings(Samples samples) {
    return samples.doubles(RATING);
  }

  /** True when the rows carry known propensities. */
  public static boolean hasPropensities(Samples samples) {
    return samples.table().columnNames().contains(PROPENSITY);
  }

  /** The known propensities of {@code samples}' rows; fails when there are none. */
  public static double[] propensities(Samples samples) {
    if (!hasPropensities(samples)) {
      throw new IllegalStateException(samples.describe() + " has no '" + PROPENSITY + "' column: the propensities"
          + " are unknown; estimate them (siebench.mnar.PropensityEstimators)");
    }
    return samples.doubles(PROPENSITY);
  }

  /**
   * The mean of {@code values} (one per row of {@code samples}) over the rows of each rating 1..5: index
   * {@code r - 1} holds the mean for rating {@code r}, NaN when no row has that rating. For example the mean
   * known propensity of the observed ratings of each level, {@code meanByRating(train, propensities(train))}.
   */
  public static double[] meanByRating(Samples samples, double[] values) {
    double[] r = ratings(samples);
    if (values.length != r.length) {
      throw new IllegalArgumentException("expected one value per row: " + r.length + " rows, got " + values.length
          + " values");
    }
    double[] sum = new double[5];
    int[] count = new int[5];
    for (int i = 0; i < r.length; i++) {
      if (r[i] < 1 || r[i] > 5 || r[i] != Math.rint(r[i])) {
        throw new IllegalArgumentException("rating at row " + i + " is " + r[i] + "; expected integers 1..5");
      }
      sum[(int) r[i] - 1] += values[i];
      count[(int) r[i] - 1]++;
    }
    for (int k = 0; k < 5; k++) {
      sum[k] = count[k] == 0 ? Double.NaN : sum[k] / count[k];
    }
    return sum;
  }

  /** The user and item feature columns (categorical, {@code user_*} / {@code item_*}) of {@code samples}. */
  public static List<String> featureColumns(Samples samples) {
    return samples.schema().categorical().stream().filter(c -> !c.equals(USER) && !c.equals(ITEM))
        .filter(c -> c.startsWith(USER_FEATURE_PREFIX) || c.startsWith(ITEM_FEATURE_PREFIX)).toList();
  }

  private static int[] ints(Samples samples, String column) {
    return Arrays.stream(samples.doubles(column)).mapToInt(v -> (int) v).toArray();
  }

  /**
   * Builds rating samples from parallel arrays: {@code propensities} may be null (unknown); {@code features}
   * are extra categorical columns, each as long as the ratings. Ratings must be integers in 1..5.
   */
  public static Samples samples(String name, int[] users, int[] items, int[] ratings, double[] propensities,
      List<StringColumn> features) {
    int n = users.length;
    if (items.length != n || ratings.length != n || (propensities != null && propensities.length != n)) {
      throw new IllegalArgumentException("users, items, ratings and propensities must have the same length");
    }
    int[] label = new int[n];
    for (int i = 0; i < n; i++) {
      if (ratings[i] < 1 || ratings[i] > 5) {
        throw new IllegalArgumentException("rating at row " + i + " is " + ratings[i] + "; expected 1..5");
      }
      label[i] = ratings[i] >= POSITIVE_RATING ? 1 : 0;
    }
    Table t = Table.create(name, IntColumn.create(USER, users), IntColumn.create(ITEM, items),
        IntColumn.create(RATING, ratings), IntColumn.create(LABEL, label));
    if (propensities != null) {
      t.addColumns(DoubleColumn.create(PROPENSITY, propensities));
    }
    String[] cat = new String[2 + features.size()];
    cat[0] = USER;
    cat[1] = ITEM;
    for (int f = 0; f < features.size(); f++) {
      t.addColumns(features.get(f));
      cat[2 + f] = features.get(f).name();
    }
    Samples s = Samples.from(t).label(LABEL).user(USER).item(ITEM).categorical(cat).ignore(RATING);
    return propensities == null ? s : s.ignore(PROPENSITY);
  }
}
