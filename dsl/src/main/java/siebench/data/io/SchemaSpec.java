package siebench.data.io;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import siebench.data.Role;
import siebench.data.Samples;
import siebench.data.Schema;
import tech.tablesaw.api.Table;

/**
 * A mutable description of the schema a loader wants, applied to a table through the public {@link Samples}
 * overrides so that the result is exactly this schema whatever {@link Samples#from} inferred.
 */
final class SchemaSpec {
  String label;
  final LinkedHashSet<String> categorical = new LinkedHashSet<>();
  final LinkedHashSet<String> numeric = new LinkedHashSet<>();
  final LinkedHashSet<String> ignored = new LinkedHashSet<>();
  final EnumMap<Role, String> roles = new EnumMap<>(Role.class);

  static SchemaSpec of(Schema s) {
    SchemaSpec spec = new SchemaSpec();
    spec.label = s.label();
    spec.categorical.addAll(s.categorical());
    spec.numeric.addAll(s.numeric());
    spec.ignored.addAll(s.ignored());
    spec.roles.putAll(s.roles());
    return spec;
  }

  SchemaSpec label(String c) {
    label = c;
    categorical.remove(c);
    numeric.remove(c);
    return this;
  }

  SchemaSpec categorical(String... cs) {
    for (String c : cs) {
      numeric.remove(c);
      ignored.remove(c);
      categorical.add(c);
    }
    return this;
  }

  SchemaSpec numeric(String... cs) {
    for (String c : cs) {
      categorical.remove(c);
      ignored.remove(c);
      numeric.add(c);
    }
    return this;
  }

  SchemaSpec ignore(String... cs) {
    for (String c : cs) {
      categorical.remove(c);
      numeric.remove(c);
      ignored.add(c);
    }
    return this;
  }

  SchemaSpec role(Role r, String c) {
    roles.put(r, c);
    if (r == Role.WEIGHT) {
      categorical.remove(c);
      numeric.remove(c);
    }
    return this;
  }

  boolean isFeature(String c) {
    return categorical.contains(c) || numeric.contains(c);
  }

  /** Every column named anywhere in this spec. */
  Set<String> columns() {
    Set<String> all = new LinkedHashSet<>();
    if (label != null) {
      all.add(label);
    }
    all.addAll(categorical);
    all.addAll(numeric);
    all.addAll(ignored);
    all.addAll(roles.values());
    return all;
  }

  /** Wraps {@code table} (which keeps its name as the origin) as samples with exactly this schema. */
  Samples apply(Table table) {
    Samples s = Samples.from(table);
    if (label != null) {
      s = s.label(label);
    }
    for (Role r : new ArrayList<>(s.schema().roles().keySet())) {
      if (!roles.containsKey(r)) {
        s = s.role(r, null);
      }
    }
    for (Map.Entry<Role, String> e : roles.entrySet()) {
      s = s.role(e.getKey(), e.getValue());
    }
    List<String> inferred = s.schema().features();
    if (!inferred.isEmpty()) {
      s = s.ignore(inferred.toArray(String[]::new));
    }
    if (!categorical.isEmpty()) {
      s = s.categorical(categorical.toArray(String[]::new));
    }
    if (!numeric.isEmpty()) {
      s = s.numeric(numeric.toArray(String[]::new));
    }
    List<String> ign = new ArrayList<>(ignored);
    ign.removeIf(c -> !table.columnNames().contains(c) || isFeature(c));
    if (!ign.isEmpty()) {
      s = s.ignore(ign.toArray(String[]::new));
    }
    return s;
  }
}
