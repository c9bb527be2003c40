package siebench.data.noise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import siebench.data.Role;
import siebench.data.Samples;
import siebench.data.synthetic.SyntheticData;
import tech.tablesaw.api.LongColumn;

/**
 * Duplicated sessions: whole sessions logged twice, as at-least-once delivery and client retries do in
 * logging pipelines. Duplicates over-weight some examples and leak between random train/test splits (K. Lee,
 * D. Ippolito, A. Nystrom, C. Zhang, D. Eck, C. Callison-Burch, N. Carlini, 2022, "Deduplicating Training Data
 * Makes Language Models Better", ACL).
 *
 * <p>The session key is the QUERY role column if declared, else the GROUP role, else the USER role. Sessions
 * (distinct key values; rows with a missing key are never copied) are drawn uniformly without replacement
 * until the copies reach {@code rate * (n + copies)} rows, i.e. {@code rate} is the share of copies among the
 * resulting rows; the last session is kept only if that brings the count closer to the target, so the
 * achieved share is off by at most half a session. Each copy is an exact copy of its row (label and every
 * other column) except for a fresh row id ({@code max id + 1, + 2, ...} in result order), {@code
 * truth_corrupted = 1}, {@code truth_corruption = duplicated_session} and {@code truth_source_row} (the row
 * id of the copied row; -1 for the other rows, written when the column is missing, overwritten for the copies
 * when present). A copy is labelled {@code duplicated_session} even when its source row was corrupted before
 * (the source keeps its flag and label). The copies of a session follow the session's last row, in the
 * session's row order; the original rows keep their order and values.
 */
public final class DuplicatedSessions implements Noise {
  /** The name {@link Noise#named} parses. */
  public static final String NAME = "duplicated-sessions";
  /** The {@code truth_corruption} label. */
  public static final String LABEL = "duplicated_session";
  /** The column linking each copy to its source row (the generator's {@code truth_source_row}). */
  public static final String SOURCE_ROW = Corruption.TRUTH_SOURCE_ROW;

  private final double rate;

  DuplicatedSessions(double rate) {
    this.rate = Rates.check(NAME, rate);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public double rate() {
    return rate;
  }

  @Override
  public String corruptionLabel() {
    return LABEL;
  }

  /** The session-key column of {@code s}: the QUERY, else the GROUP, else the USER role. */
  String sessionColumn(Samples s) {
    for (Role r : new Role[] {Role.QUERY, Role.GROUP, Role.USER}) {
      Optional<String> c = s.schema().column(r);
      if (c.isPresent()) {
        return c.get();
      }
    }
    throw new IllegalArgumentException(this + " needs a session key: the QUERY, GROUP or USER role, but "
        + s.describe() + " declares none (roles " + s.schema().roles() + "); declare one with .query(\"col\")");
  }

  @Override
  public Samples inject(Samples clean, long seed) {
    Objects.requireNonNull(clean, "clean");
    int n = clean.size();
    String[] keys = clean.strings(sessionColumn(clean));
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    int keyed = 0;
    for (int i = 0; i < n; i++) {
      if (keys[i] != null) {
        byKey.computeIfAbsent(keys[i], k -> new ArrayList<>()).add(i);
        keyed++;
      }
    }
    List<List<Integer>> sessions = new ArrayList<>(byKey.values());
    double target = rate * n / (1 - rate);
    if (Math.round(target) < 1) {
      throw new IllegalArgumentException(this + " rounds to 0 copied rows of " + n + "; use more rows or a"
          + " higher rate");
    }
    if (keyed < target - 0.5) {
      throw new IllegalArgumentException(this + " needs about " + Math.round(target) + " copied rows but the "
          + "sessions of " + clean.describe() + " hold only " + keyed + " rows with a session key; lower the rate");
    }
    // sessions in a seeded uniform order, taken until the copies reach the target
    SplittableRandom rng = new SplittableRandom(seed);
    int[] perm = new int[sessions.size()];
    for (int j = 0; j < perm.length; j++) {
      int r = rng.nextInt(j + 1);
      perm[j] = perm[r];
      perm[r] = j;
    }
    boolean[] chosen = new boolean[sessions.size()];
    int copies = 0;
    int last = -1;
    for (int j = 0; j < perm.length && copies < target; j++) {
      last = perm[j];
      chosen[last] = true;
      copies += sessions.get(last).size();
    }
    int without = copies - sessions.get(last).size();
    if (without > 0 && copies - target > target - without) {
      chosen[last] = false;
      copies = without;
    }
    // layout: every row, and after the last row of a chosen session a copy of the whole session
    int[] copyAfter = new int[n];
    Arrays.fill(copyAfter, -1);
    for (int g = 0; g < chosen.length; g++) {
      if (chosen[g]) {
        List<Integer> rows = sessions.get(g);
        copyAfter[rows.get(rows.size() - 1)] = g;
      }
    }
    int total = n + copies;
    int[] from = new int[total];
    boolean[] isCopy = new boolean[total];
    int at = 0;
    for (int i = 0; i < n; i++) {
      from[at++] = i;
      if (copyAfter[i] >= 0) {
        for (int row : sessions.get(copyAfter[i])) {
          from[at] = row;
          isCopy[at++] = true;
        }
      }
    }
    long[] ids = clean.rowIds();
    long next = n == 0 ? 0 : Arrays.stream(ids).max().getAsLong() + 1;
    long[] newIds = new long[total];
    long[] source = clean.table().columnNames().contains(SOURCE_ROW)
        ? Arrays.stream(clean.doubles(SOURCE_ROW)).mapToLong(v -> Double.isNaN(v) ? -1 : (long) v).toArray() : null;
    long[] newSource = new long[total];
    Truth truth = Truth.of(clean).gather(from);
    for (int j = 0; j < total; j++) {
      if (isCopy[j]) {
        newIds[j] = next++;
        newSource[j] = ids[from[j]];
        truth.mark(j, LABEL);
      } else {
        newIds[j] = ids[from[j]];
        newSource[j] = source == null ? -1 : source[from[j]];
      }
    }
    Samples out = clean.rows(from);
    out = Truth.put(out, clean, LongColumn.create(Samples.ROW_ID, newIds));
    out = Truth.put(out, clean, LongColumn.create(SOURCE_ROW, newSource));
    return truth.writeTo(out, clean);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DuplicatedSessions d && d.rate == rate;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(rate);
  }

  @Override
  public String toString() {
    return NAME + "(" + Rates.format(rate) + ")";
  }
}
