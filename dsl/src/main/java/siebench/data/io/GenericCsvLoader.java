package siebench.data.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import siebench.data.Role;
import siebench.data.Samples;

/** The generic delimited-file loader behind {@link Loaders#read(Path, CsvOptions)}. */
final class GenericCsvLoader {
  private GenericCsvLoader() {}

  static Loaded read(Path file, CsvOptions o) {
    LoadReport.Builder r = new LoadReport.Builder(file, "");
    DelimitedReader.Parsed p = DelimitedReader.read(file, o);
    if (o.label() != null) {
      p.requireColumns("label", List.of(o.label()));
    }
    p.requireColumns("categorical", o.categorical());
    p.requireColumns("numeric", o.numeric());
    p.requireColumns("ignored", o.ignored());
    p.requireColumns("role", List.copyOf(o.roles().values()));
    SchemaSpec spec = SchemaSpec.of(Samples.from(p.table).schema());
    for (Map.Entry<Role, String> e : o.roles().entrySet()) {
      spec.role(e.getKey(), e.getValue());
    }
    // date-times are structure, not features, unless declared
    for (Map.Entry<String, FieldType> e : p.types.entrySet()) {
      String c = e.getKey();
      if (e.getValue() == FieldType.DATETIME && !o.categorical().contains(c) && !o.numeric().contains(c)) {
        spec.categorical.remove(c);
        spec.numeric.remove(c);
        if (!spec.roles.containsKey(Role.TIMESTAMP)) {
          spec.role(Role.TIMESTAMP, c);
          r.note("date-time column '" + c + "' (epoch milliseconds, UTC) is the timestamp");
        } else if (!spec.roles.containsValue(c)) {
          spec.ignore(c);
        }
      }
    }
    if (o.label() != null) {
      spec.label(o.label());
    }
    spec.categorical(o.categorical().toArray(String[]::new));
    spec.numeric(o.numeric().toArray(String[]::new));
    spec.ignore(o.ignored().toArray(String[]::new));
    if (spec.label != null) {
      spec.categorical.remove(spec.label);
      spec.numeric.remove(spec.label);
    }
    r.description = (o.delimiter() == '\t' ? "TSV" : "CSV") + (spec.label == null ? ", no label column"
        : ", label = " + spec.label);
    try {
      return Assembly.finish(p, p.table, spec, o.missing(), r, true);
    } catch (LoadException e) {
      if (o.label() == null && spec.label != null && spec.label.equals(e.columnName())) {
        String m = e.getMessage();
        throw new LoadException(e.file(), e.line(), e.column(), e.columnName(), m.substring(m.indexOf(": ") + 2)
            + " (the column was taken as the label because of its name; name the label with CsvOptions.label)", e);
      }
      throw e;
    }
  }
}
