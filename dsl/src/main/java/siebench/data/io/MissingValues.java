package siebench.data.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * What a loader does with missing values in feature columns. Whatever the policy, the number of missing values
 * per column (before the policy) is always in the {@link LoadReport}.
 *
 * <ul>
 *   <li>{@link #KEEP} (default): leave them missing. The {@link siebench.features.FeatureEncoder} then puts
 *       missing categorical values in their own bucket and fills missing numbers with the TRAINING-split mean,
 *       which is the leakage-free choice for benchmarks.
 *   <li>{@link #FILL}: numeric columns get a given value ({@link #fillWith}) or else the column mean of the
 *       loaded file (a filled numeric column is stored as decimals); categorical
 *       columns get the token {@value #DEFAULT_TOKEN} (see {@link #token}). Note that a file-wide mean uses
 *       rows that may later be test rows.
 *   <li>{@link #INDICATOR}: as FILL, and adds a numeric 0/1 feature {@code <column>_missing} for every column in
 *       scope that has at least one missing value (the "missing-only" rule of scikit-learn's {@code
 *       MissingIndicator}); name the columns with {@link #columns} to get the same indicators for every file.
 *   <li>{@link #DROP}: drops every row with a missing value in a column in scope; the report counts them.
 * </ul>
 *
 * <p>The scope is every feature column, or the columns given with {@link #columns}. Label, structure and
 * ignored columns are never filled; a missing label is an error (or a dropped row under DROP).
 */
public final class MissingValues {
  /** The token that FILL and INDICATOR write into categorical columns. */
  public static final String DEFAULT_TOKEN = "<missing>";

  /** The kinds of policy. */
  public enum Policy {
    KEEP, FILL, INDICATOR, DROP
  }

  /** Leave missing values missing (the encoder handles them). */
  public static final MissingValues KEEP = new MissingValues(Policy.KEEP, null, DEFAULT_TOKEN, null);
  /** Fill numeric columns with their mean and categorical columns with {@value #DEFAULT_TOKEN}. */
  public static final MissingValues FILL = new MissingValues(Policy.FILL, null, DEFAULT_TOKEN, null);
  /** FILL plus a {@code <column>_missing} 0/1 numeric feature per column with missing values. */
  public static final MissingValues INDICATOR = new MissingValues(Policy.INDICATOR, null, DEFAULT_TOKEN, null);
  /** Drop rows with a missing value in any column in scope. */
  public static final MissingValues DROP = new MissingValues(Policy.DROP, null, DEFAULT_TOKEN, null);

  /** Suffix of indicator columns. */
  public static final String INDICATOR_SUFFIX = "_missing";

  private final Policy policy;
  private final Double fill;
  private final String token;
  private final List<String> columns;

  private MissingValues(Policy policy, Double fill, String token, List<String> columns) {
    this.policy = policy;
    this.fill = fill;
    this.token = token;
    this.columns = columns;
  }

  /** Numeric columns are filled with {@code value} instead of the column mean (FILL and INDICATOR). */
  public MissingValues fillWith(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("fill value must be finite, got " + value);
    }
    return new MissingValues(policy, value, token, columns);
  }

  /** Categorical columns are filled with {@code missingToken} (FILL and INDICATOR). */
  public MissingValues token(String missingToken) {
    return new MissingValues(policy, fill, Objects.requireNonNull(missingToken), columns);
  }

  /** Applies the policy to these columns only (instead of all feature columns). */
  public MissingValues columns(String... names) {
    return new MissingValues(policy, fill, token, List.of(names));
  }

  public Policy policy() {
    return policy;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(policy.name().toLowerCase(Locale.ROOT));
    if (policy == Policy.FILL || policy == Policy.INDICATOR) {
      sb.append("(numeric=").append(fill == null ? "mean" : fill).append(", categorical='").append(token)
          .append("')");
    }
    if (columns != null) {
      sb.append(" on ").append(columns);
    }
    return sb.toString();
  }

  /** Applies the policy to {@code t} (columns in scope taken from {@code spec}), noting what it did in {@code r}. */
  Table apply(Table t, SchemaSpec spec, LoadReport.Builder r) {
    if (policy == Policy.KEEP) {
      return t;
    }
    List<String> scope = new ArrayList<>();
    if (columns != null) {
      for (String c : columns) {
        if (!t.columnNames().contains(c)) {
          throw new IllegalArgumentException("missing-value policy names column '" + c + "', which is not in "
              + t.name() + "; columns are " + t.columnNames());
        }
        scope.add(c);
      }
    } else {
      scope.addAll(spec.categorical);
      scope.addAll(spec.numeric);
    }
    if (policy == Policy.DROP) {
      return drop(t, scope, r);
    }
    Map<String, Column<?>> replaced = new LinkedHashMap<>();
    List<IntColumn> indicators = new ArrayList<>();
    for (String name : scope) {
      Column<?> c = t.column(name);
      int missing = c.countMissing();
      if (policy == Policy.INDICATOR && (missing > 0 || columns != null)) {
        String ind = name + INDICATOR_SUFFIX;
        if (t.columnNames().contains(ind)) {
          throw new IllegalArgumentException("cannot add indicator column '" + ind + "': " + t.name()
              + " already has a column of that name");
        }
        IntColumn flag = IntColumn.create(ind, c.size());
        for (int i = 0; i < c.size(); i++) {
          flag.set(i, c.isMissing(i) ? 1 : 0);
        }
        indicators.add(flag);
      }
      if (missing == 0) {
        continue;
      }
      boolean categorical = spec.categorical.contains(name) || !(c instanceof NumericColumn<?>);
      if (categorical) {
        StringColumn s = StringColumn.create(name, c.size());
        for (int i = 0; i < c.size(); i++) {
          s.set(i, c.isMissing(i) ? token : c.getString(i));
        }
        replaced.put(name, s);
        r.note(name + ": " + missing + " missing value(s) filled with '" + token + "'");
      } else {
        NumericColumn<?> n = (NumericColumn<?>) c;
        double value;
        if (fill != null) {
          value = fill;
        } else {
          double sum = 0;
          int k = 0;
          for (int i = 0; i < n.size(); i++) {
            if (!n.isMissing(i)) {
              sum += n.getDouble(i);
              k++;
            }
          }
          if (k == 0) {
            throw new IllegalArgumentException("cannot fill column '" + name + "' of " + t.name()
                + " with its mean: every value is missing; give a value with MissingValues.fillWith(x)");
          }
          value = sum / k;
        }
        DoubleColumn d = DoubleColumn.create(name, n.size());
        for (int i = 0; i < n.size(); i++) {
          d.set(i, n.isMissing(i) ? value : n.getDouble(i));
        }
        replaced.put(name, d);
        r.note(name + ": " + missing + " missing value(s) filled with " + (fill == null ? "the column mean " : "")
            + value);
      }
    }
    Table out = t.copy();
    for (Map.Entry<String, Column<?>> e : replaced.entrySet()) {
      out.replaceColumn(e.getKey(), e.getValue());
    }
    for (IntColumn flag : indicators) {
      out.addColumns(flag);
      spec.numeric(flag.name());
      r.note("added indicator " + flag.name() + " (" + (int) flag.sum() + " ones)");
    }
    return out;
  }

  private Table drop(Table t, List<String> scope, LoadReport.Builder r) {
    int n = t.rowCount();
    List<Column<?>> cols = new ArrayList<>();
    for (String c : scope) {
      cols.add(t.column(c));
    }
    int[] keep = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      boolean ok = true;
      for (Column<?> c : cols) {
        if (c.isMissing(i)) {
          ok = false;
          break;
        }
      }
      if (ok) {
        keep[k++] = i;
      }
    }
    if (k == n) {
      return t;
    }
    r.dropped("missing value in " + (columns == null ? "a feature column" : "one of " + columns), n - k);
    return t.rows(java.util.Arrays.copyOf(keep, k));
  }
}
