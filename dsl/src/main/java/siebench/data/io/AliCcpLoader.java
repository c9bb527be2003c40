package siebench.data.io;

import java.nio.file.Path;
import java.util.List;
import siebench.data.Role;
import tech.tablesaw.api.IntColumn;

/**
 * The Ali-CCP layout (Alibaba Click and Conversion Prediction, the data of ESMM, Ma et al. 2018, SIGIR) as
 * preprocessed by torch-rechub; see {@link Loaders#readAliCcp}.
 */
final class AliCcpLoader {
  /** The click column, the label. */
  static final String CLICK = "click";
  /** The conversion column, kept but not a feature. */
  static final String PURCHASE = "purchase";
  /** The display position field. */
  static final String POSITION = "301";

  private AliCcpLoader() {}

  static Loaded read(Path file, MissingValues missing) {
    LoadReport.Builder r = new LoadReport.Builder(file, "Ali-CCP");
    List<String> header = DelimitedReader.firstRecord(file, CsvOptions.csv());
    for (String required : List.of(CLICK, PURCHASE)) {
      if (!header.contains(required)) {
        throw new LoadException(file, 1, 0, required, "not an Ali-CCP file: the header lacks column '" + required
            + "'; it has " + header);
      }
    }
    CsvOptions o = CsvOptions.csv().missingTokens("");
    SchemaSpec spec = new SchemaSpec();
    for (String c : header) {
      if (c.equals(CLICK)) {
        o = o.type(c, FieldType.INTEGER);
        spec.label(c);
      } else if (c.equals(PURCHASE)) {
        o = o.type(c, FieldType.INTEGER);
        spec.ignore(c);
      } else if (c.equals(POSITION)) {
        o = o.type(c, FieldType.INTEGER);
        spec.role(Role.POSITION, c).categorical(c);
      } else if (c.startsWith("D")) {
        o = o.type(c, FieldType.DOUBLE);
        spec.numeric(c);
      } else {
        o = o.type(c, FieldType.STRING);
        spec.categorical(c);
      }
    }
    DelimitedReader.Parsed p = DelimitedReader.read(file, o);
    IntColumn click = (IntColumn) p.table.column(CLICK);
    IntColumn purchase = (IntColumn) p.table.column(PURCHASE);
    for (int i = 0; i < purchase.size(); i++) {
      if (purchase.isMissing(i) || (purchase.getInt(i) != 0 && purchase.getInt(i) != 1)) {
        throw p.error(i, PURCHASE, "expected 0 or 1, got '" + (purchase.isMissing(i) ? "" : purchase.getInt(i))
            + "'");
      }
      if (purchase.getInt(i) == 1 && !click.isMissing(i) && click.getInt(i) == 0) {
        throw p.error(i, PURCHASE, "a purchase without a click (click = 0); conversions are observed only "
            + "after clicks");
      }
    }
    r.description = "Ali-CCP, label = click, purchase kept (not a feature), position = field 301";
    return Assembly.finish(p, p.table, spec, missing, r, true);
  }
}
