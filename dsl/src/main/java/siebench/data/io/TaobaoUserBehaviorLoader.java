package siebench.data.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import siebench.data.Role;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Taobao UserBehavior layout; see {@link Loaders#readTaobaoUserBehavior}. */
final class TaobaoUserBehaviorLoader {
  private TaobaoUserBehaviorLoader() {}

  /** The behaviours of the dataset: page view, buy, add to cart, favourite. */
  static final List<String> BEHAVIORS = List.of("pv", "buy", "cart", "fav");

  static Loaded read(Path file, Set<String> positives, MissingValues missing) {
    if (positives == null || positives.isEmpty()) {
      throw new IllegalArgumentException("give at least one positive behaviour of " + BEHAVIORS);
    }
    for (String b : positives) {
      if (!BEHAVIORS.contains(b)) {
        throw new IllegalArgumentException("unknown behaviour '" + b + "'; the behaviours are " + BEHAVIORS);
      }
    }
    LoadReport.Builder r = new LoadReport.Builder(file, "Taobao UserBehavior, label = behavior_type in "
        + new TreeSet<>(positives));
    CsvOptions o = CsvOptions.csv().header(false)
        .names("user_id", "item_id", "category_id", "behavior_type", "timestamp").missingTokens("")
        .types(FieldType.INTEGER, "user_id", "item_id", "category_id", "timestamp")
        .type("behavior_type", FieldType.STRING);
    DelimitedReader.Parsed p = DelimitedReader.read(file, o);
    StringColumn behavior = (StringColumn) p.table.column("behavior_type");
    int n = behavior.size();
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      String b = behavior.isMissing(i) ? null : behavior.get(i);
      if (b == null || !BEHAVIORS.contains(b)) {
        throw p.error(i, "behavior_type", "expected one of " + BEHAVIORS + ", got "
            + (b == null ? "an empty field" : "'" + b + "'"));
      }
      y[i] = positives.contains(b) ? 1 : 0;
    }
    Table t = p.table.copy();
    t.addColumns(IntColumn.create("label", y));
    SchemaSpec spec = new SchemaSpec().label("label").categorical("user_id", "item_id", "category_id")
        .ignore("behavior_type").role(Role.USER, "user_id").role(Role.ITEM, "item_id")
        .role(Role.TIMESTAMP, "timestamp");
    return Assembly.finish(p, t, spec, missing, r, false);
  }
}
