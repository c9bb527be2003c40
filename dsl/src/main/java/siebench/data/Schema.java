package siebench.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which column of a table plays which {@link Role}. Immutable: every {@code with...} method returns a new
 * schema.
 *
 * <p>A column may hold one structural role (user, item, ...) and at the same time be a feature, e.g. the
 * user id is both the GAUC group and a categorical feature.
 */
public final class Schema {
  private final String label;
  private final List<String> categorical;
  private final List<String> numeric;
  private final Map<Role, String> roles;
  private final Set<String> ignored;

  Schema(String label, List<String> categorical, List<String> numeric, Map<Role, String> roles,
      Set<String> ignored) {
    this.label = label;
    this.categorical = List.copyOf(categorical);
    this.numeric = List.copyOf(numeric);
    EnumMap<Role, String> copy = new EnumMap<>(Role.class);
    copy.putAll(roles);
    this.roles = Collections.unmodifiableMap(copy);
    this.ignored = Collections.unmodifiableSet(new LinkedHashSet<>(ignored));
  }

  /** The label column. */
  public String label() {
    return label;
  }

  /** Categorical feature columns, in model order. */
  public List<String> categorical() {
    return categorical;
  }

  /** Numeric feature columns, in model order. */
  public List<String> numeric() {
    return numeric;
  }

  /** Columns excluded from the features (ground truth, bookkeeping). */
  public Set<String> ignored() {
    return ignored;
  }

  /** The column holding a structural role (USER, ITEM, QUERY, POSITION, TIMESTAMP, GROUP, WEIGHT, PROPENSITY). */
  public Optional<String> column(Role role) {
    if (role == Role.LABEL) {
      return Optional.ofNullable(label);
    }
    return Optional.ofNullable(roles.get(role));
  }

  /** All structural roles that are set. */
  public Map<Role, String> roles() {
    return roles;
  }

  /** The group column for per-group metrics: GROUP if set, else QUERY, else USER. */
  public Optional<String> groupColumn() {
    for (Role r : new Role[] {Role.GROUP, Role.QUERY, Role.USER}) {
      if (roles.containsKey(r)) {
        return Optional.of(roles.get(r));
      }
    }
    return Optional.empty();
  }

  /** All feature columns: categorical first, then numeric. */
  public List<String> features() {
    List<String> all = new ArrayList<>(categorical);
    all.addAll(numeric);
    return all;
  }

  Schema withLabel(String column) {
    return new Schema(column, without(categorical, column), without(numeric, column), roles, ignored);
  }

  Schema withCategorical(List<String> columns) {
    List<String> cat = new ArrayList<>(categorical);
    List<String> num = new ArrayList<>(numeric);
    Set<String> ign = new LinkedHashSet<>(ignored);
    for (String c : columns) {
      num.remove(c);
      ign.remove(c);
      if (!cat.contains(c)) {
        cat.add(c);
      }
    }
    return new Schema(label, cat, num, roles, ign);
  }

  Schema withNumeric(List<String> columns) {
    List<String> cat = new ArrayList<>(categorical);
    List<String> num = new ArrayList<>(numeric);
    Set<String> ign = new LinkedHashSet<>(ignored);
    for (String c : columns) {
      cat.remove(c);
      ign.remove(c);
      if (!num.contains(c)) {
        num.add(c);
      }
    }
    return new Schema(label, cat, num, roles, ign);
  }

  Schema withIgnored(List<String> columns) {
    List<String> cat = new ArrayList<>(categorical);
    List<String> num = new ArrayList<>(numeric);
    Set<String> ign = new LinkedHashSet<>(ignored);
    for (String c : columns) {
      cat.remove(c);
      num.remove(c);
      ign.add(c);
    }
    return new Schema(label, cat, num, roles, ign);
  }

  Schema withRole(Role role, String column) {
    if (role == Role.LABEL) {
      return withLabel(column);
    }
    if (role == Role.CATEGORICAL || role == Role.NUMERIC || role == Role.IGNORED) {
      throw new IllegalArgumentException("use categorical(), numeric() or ignore() for role " + role);
    }
    EnumMap<Role, String> r = new EnumMap<>(Role.class);
    r.putAll(roles);
    if (column == null) {
      r.remove(role);
    } else {
      r.put(role, column);
    }
    // weight, propensity and history columns are never plain features
    if ((role == Role.WEIGHT || role == Role.HISTORY || role == Role.PROPENSITY) && column != null) {
      return new Schema(label, without(categorical, column), without(numeric, column), r, ignored);
    }
    return new Schema(label, categorical, numeric, r, ignored);
  }

  private static List<String> without(List<String> list, String column) {
    List<String> copy = new ArrayList<>(list);
    copy.remove(column);
    return copy;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Schema{label=").append(label);
    sb.append(", categorical=").append(categorical).append(", numeric=").append(numeric);
    roles.forEach((k, v) -> sb.append(", ").append(k.name().toLowerCase()).append('=').append(v));
    if (!ignored.isEmpty()) {
      sb.append(", ignored=").append(ignored);
    }
    return sb.append('}').toString();
  }
}
