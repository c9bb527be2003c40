package siebench.data.noise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import siebench.data.Samples;
import siebench.data.noise.Corruption;
import siebench.data.synthetic.SyntheticData;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The ground-truth columns {@code truth_corrupted} and {@code truth_corruption} of some samples, read (or
 * started clean when absent), updated row by row and written to the injector's result.
 */
final class Truth {
  static final String CORRUPTED = Corruption.TRUTH_CORRUPTED;
  static final String CORRUPTION = Corruption.TRUTH_CORRUPTION;
  static final String CLEAN = Corruption.NONE.label();
  /** Written to truth_corruption for rows flagged before without a label (only truth_corrupted given). */
  static final String UNKNOWN = "corrupted";

  private final int[] flags;
  private final String[] kinds;

  private Truth(int[] flags, String[] kinds) {
    this.flags = flags;
    this.kinds = kinds;
  }

  /**
   * The flags of {@code s}: a row counts as corrupted when {@code truth_corrupted} is non-zero or, without
   * that column, when {@code truth_corruption} is set and not {@code none}. Existing labels are kept as they
   * are; missing ones become {@code none}, or {@value #UNKNOWN} for flagged rows.
   */
  static Truth of(Samples s) {
    int n = s.size();
    List<String> cols = s.table().columnNames();
    boolean hasFlags = cols.contains(CORRUPTED);
    boolean hasKinds = cols.contains(CORRUPTION);
    int[] flags = new int[n];
    String[] kinds = new String[n];
    double[] f = hasFlags ? s.doubles(CORRUPTED) : null;
    String[] k = hasKinds ? s.strings(CORRUPTION) : null;
    for (int i = 0; i < n; i++) {
      boolean labelled = k != null && k[i] != null && !k[i].isEmpty() && !k[i].equals(CLEAN);
      boolean flagged = f != null ? !Double.isNaN(f[i]) && f[i] != 0 : labelled;
      flags[i] = flagged ? 1 : 0;
      kinds[i] = k != null && k[i] != null ? k[i] : flagged ? UNKNOWN : CLEAN;
    }
    return new Truth(flags, kinds);
  }

  int size() {
    return flags.length;
  }

  boolean corrupted(int row) {
    return flags[row] != 0;
  }

  /** Flags a row as corrupted by {@code label}. */
  void mark(int row, String label) {
    flags[row] = 1;
    kinds[row] = label;
  }

  /** The truth of the rows at {@code positions}, in that order (a position may repeat). */
  Truth gather(int[] positions) {
    int[] f = new int[positions.length];
    String[] k = new String[positions.length];
    for (int j = 0; j < positions.length; j++) {
      f[j] = flags[positions[j]];
      k[j] = kinds[positions[j]];
    }
    return new Truth(f, k);
  }

  /**
   * {@code fresh} with these flags: existing truth columns are replaced in place (same position), missing
   * ones are appended and declared ignored. {@code fresh} must be a result of {@code rows()}, {@code
   * withLabels()} or {@code withColumns()} on the injector's input, whose table is a new table object: only
   * that table's column list is changed, never a column of the input.
   */
  Samples writeTo(Samples fresh, Samples input) {
    if (fresh.size() != flags.length) {
      throw new IllegalStateException("truth of " + flags.length + " rows for " + fresh.size() + " rows");
    }
    return put(fresh, input, IntColumn.create(CORRUPTED, Arrays.copyOf(flags, flags.length)),
        StringColumn.create(CORRUPTION, kinds));
  }

  /** Replaces (in place) or appends-and-ignores the given columns of {@code fresh}. */
  static Samples put(Samples fresh, Samples input, Column<?>... columns) {
    Table t = fresh.table();
    if (t == input.table()) {
      throw new IllegalStateException("refusing to modify the input table of " + input.describe());
    }
    List<Column<?>> added = new ArrayList<>();
    for (Column<?> c : columns) {
      if (t.columnNames().contains(c.name())) {
        t.replaceColumn(c.name(), c);
      } else {
        added.add(c);
      }
    }
    if (added.isEmpty()) {
      return fresh;
    }
    return fresh.withColumns(added.toArray(new Column<?>[0]))
        .ignore(added.stream().map(Column::name).toArray(String[]::new));
  }
}
