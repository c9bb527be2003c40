package siebench.data.io;

import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.IntColumn;

/** Avazu CTR layout; see {@link Loaders#readAvazu}. */
final class AvazuLoader {
  private AvazuLoader() {}

  static Loaded read(Path file, MissingValues missing) {
    LoadReport.Builder r = new LoadReport.Builder(file, "Avazu");
    List<String> header = DelimitedReader.firstRecord(file, CsvOptions.csv());
    for (String required : List.of("id", "hour", "banner_pos")) {
      if (!header.contains(required)) {
        throw new LoadException(file, 1, 0, required, "not an Avazu file: the header lacks column '" + required
            + "'; it has " + header);
      }
    }
    boolean labeled = header.contains("click");
    CsvOptions o = CsvOptions.csv().missingTokens("");
    SchemaSpec spec = new SchemaSpec();
    for (String c : header) {
      switch (c) {
        case "id" -> {
          o = o.type(c, FieldType.STRING);
          spec.ignore(c);
        }
        case "click" -> {
          o = o.type(c, FieldType.INTEGER);
          spec.label(c);
        }
        case "hour" -> {
          o = o.type(c, FieldType.INTEGER);
          spec.role(siebench.data.Role.TIMESTAMP, c);
        }
        case "banner_pos" -> {
          o = o.type(c, FieldType.INTEGER);
          spec.role(siebench.data.Role.POSITION, c).categorical(c);
        }
        default -> {
          o = o.type(c, FieldType.STRING);
          spec.categorical(c);
        }
      }
    }
    DelimitedReader.Parsed p = DelimitedReader.read(file, o);
    IntColumn hour = (IntColumn) p.table.column("hour");
    for (int i = 0; i < hour.size(); i++) {
      if (hour.isMissing(i)) {
        throw p.error(i, "hour", "expected an hour as YYMMDDHH, got an empty field");
      }
      int h = hour.getInt(i);
      int hh = h % 100;
      int dd = h / 100 % 100;
      int mm = h / 10_000 % 100;
      if (h < 0 || h > 99_999_999 || hh > 23 || dd < 1 || dd > 31 || mm < 1 || mm > 12) {
        throw p.error(i, "hour", "expected an hour as YYMMDDHH, got '" + h + "'");
      }
    }
    r.description = "Avazu" + (labeled ? "" : " (no label)")
        + ", timestamp = hour (YYMMDDHH), position = banner_pos";
    return Assembly.finish(p, p.table, spec, missing, r, true);
  }
}
