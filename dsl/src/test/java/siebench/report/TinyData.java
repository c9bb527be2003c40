package siebench.report;

import java.util.Random;
import siebench.data.Samples;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Test data: a small synthetic click log whose label depends on the item and the price. */
final class TinyData {
  private TinyData() {}

  static Samples clicks(int n, long seed) {
    Random rnd = new Random(seed);
    StringColumn user = StringColumn.create("user_id");
    StringColumn item = StringColumn.create("item_id");
    DoubleColumn price = DoubleColumn.create("price");
    IntColumn click = IntColumn.create("click");
    for (int i = 0; i < n; i++) {
      int it = rnd.nextInt(8);
      double p = rnd.nextDouble() * 10;
      user.append("u" + rnd.nextInt(20));
      item.append("i" + it);
      price.append(p);
      double logit = (it < 3 ? 1.5 : -1.0) - 0.1 * p;
      click.append(rnd.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0);
    }
    return Samples.from(Table.create("tiny_clicks", user, item, price, click));
  }
}
