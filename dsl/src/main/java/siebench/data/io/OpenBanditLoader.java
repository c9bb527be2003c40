package siebench.data.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import siebench.data.Role;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Open Bandit Dataset layout; see {@link Loaders#readOpenBandit}. */
final class OpenBanditLoader {
  private OpenBanditLoader() {}

  /** The name given to {@code propensity_score}. */
  static final String PROPENSITY = "propensity";

  static Loaded read(Path file, Path itemContext, MissingValues missing) {
    String description = "Open Bandit Dataset, position = position, propensity kept";
    LoadReport.Builder r = new LoadReport.Builder(file, description);
    List<String> header = DelimitedReader.firstRecord(file, CsvOptions.csv());
    for (String c : List.of("timestamp", "item_id", "position", "click", "propensity_score")) {
      if (!header.contains(c)) {
        throw new LoadException(file, 1, 0, c, "not an Open Bandit Dataset file: the header lacks '" + c
            + "'; it has " + header);
      }
    }
    List<String> names = new ArrayList<>();
    CsvOptions o = CsvOptions.csv().missingTokens("");
    SchemaSpec spec = new SchemaSpec().label("click").role(Role.POSITION, "position")
        .role(Role.TIMESTAMP, "timestamp").role(Role.ITEM, "item_id").categorical("item_id");
    List<String> notes = new ArrayList<>();
    for (int j = 0; j < header.size(); j++) {
      String h = header.get(j);
      String n = h;
      if (h.isEmpty() && j == 0) {
        n = "index";
        notes.add("the unnamed first column (row index) is read as 'index'");
      } else if (h.equals("propensity_score")) {
        n = PROPENSITY;
        notes.add("propensity_score is read as '" + PROPENSITY + "' (not a feature)");
      }
      names.add(n);
    }
    o = o.names(names.toArray(String[]::new));
    for (String n : names) {
      FieldType type;
      switch (n) {
        case "index", "item_id", "position", "click" -> type = FieldType.INTEGER;
        case "timestamp" -> type = FieldType.DATETIME;
        case PROPENSITY -> type = FieldType.DOUBLE;
        default -> {
          if (n.startsWith("user_feature_")) {
            type = FieldType.STRING;
            spec.categorical(n);
          } else if (n.startsWith("user-item_affinity_")) {
            type = FieldType.DOUBLE;
            spec.numeric(n);
          } else {
            type = null; // an unknown extra column: inferred, not a feature
            spec.ignore(n);
          }
        }
      }
      if (type != null) {
        o = o.type(n, type);
      }
    }
    if (names.contains("index")) {
      spec.ignore("index");
    }
    spec.ignore(PROPENSITY);
    DelimitedReader.Parsed p = DelimitedReader.read(file, o);
    p.notes.addAll(0, notes);
    DoubleColumn prop = (DoubleColumn) p.table.column(PROPENSITY);
    IntColumn pos = (IntColumn) p.table.column("position");
    for (int i = 0; i < prop.size(); i++) {
      double v = prop.getDouble(i);
      if (!(v > 0 && v <= 1)) {
        throw p.error(i, PROPENSITY, "expected a propensity in (0, 1], got "
            + (prop.isMissing(i) ? "an empty field" : "'" + v + "'"));
      }
      if (pos.isMissing(i) || pos.getInt(i) < 1) {
        throw p.error(i, "position", "expected a position >= 1, got "
            + (pos.isMissing(i) ? "an empty field" : "'" + pos.getInt(i) + "'"));
      }
    }
    Table t = p.table;
    if (itemContext != null) {
      t = joinItemContext(t, itemContext, spec, r);
      r.description = description + ", item context joined";
    }
    return Assembly.finish(p, t, spec, missing, r, true);
  }

  private static Table joinItemContext(Table t, Path itemContext, SchemaSpec spec, LoadReport.Builder r) {
    DelimitedReader.Parsed c = DelimitedReader.read(itemContext, CsvOptions.csv().missingTokens("")
        .type("item_id", FieldType.INTEGER));
    c.requireColumns("item context", List.of("item_id"));
    IntColumn ids = (IntColumn) c.table.column("item_id");
    Map<Integer, Integer> rowOf = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      if (ids.isMissing(i)) {
        throw c.error(i, "item_id", "expected an item id, got an empty field");
      }
      if (rowOf.put(ids.getInt(i), i) != null) {
        throw c.error(i, "item_id", "duplicate item id " + ids.getInt(i));
      }
    }
    IntColumn item = (IntColumn) t.column("item_id");
    int n = t.rowCount();
    int[] ctxRow = new int[n];
    int unmatched = 0;
    for (int i = 0; i < n; i++) {
      Integer k = item.isMissing(i) ? null : rowOf.get(item.getInt(i));
      ctxRow[i] = k == null ? -1 : k;
      unmatched += k == null ? 1 : 0;
    }
    Table out = t.copy();
    List<String> added = new ArrayList<>();
    for (Column<?> col : c.table.columns()) {
      String name = col.name();
      if (name.equals("item_id") || !name.startsWith("item_feature_")) {
        continue; // the index column and anything unexpected stay out
      }
      if (out.columnNames().contains(name)) {
        throw c.error(name + " is already a column of " + t.name());
      }
      if (col instanceof tech.tablesaw.api.NumericColumn<?> num && !(col instanceof IntColumn)) {
        DoubleColumn d = DoubleColumn.create(name, n);
        for (int i = 0; i < n; i++) {
          if (ctxRow[i] < 0 || num.isMissing(ctxRow[i])) {
            d.setMissing(i);
          } else {
            d.set(i, num.getDouble(ctxRow[i]));
          }
        }
        out.addColumns(d);
        spec.numeric(name);
      } else {
        StringColumn s = StringColumn.create(name, n);
        for (int i = 0; i < n; i++) {
          if (ctxRow[i] < 0 || col.isMissing(ctxRow[i])) {
            s.setMissing(i);
          } else {
            s.set(i, col.getString(ctxRow[i]));
          }
        }
        out.addColumns(s);
        spec.categorical(name);
      }
      added.add(name);
    }
    r.note("joined " + added + " from " + itemContext.getFileName() + " on item_id (" + rowOf.size() + " items; "
        + unmatched + " row(s) without item context)");
    return out;
  }
}
