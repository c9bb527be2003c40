package siebench.data.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import siebench.core.Progress;
import siebench.data.Role;

/**
 * How {@link Loaders#read(java.nio.file.Path, CsvOptions)} reads a delimited text file. Immutable: every
 * setter returns a new options object.
 *
 * <pre>{@code
 * Samples s = Loaders.csv(path, CsvOptions.csv().label("click").ignore("purchase")
 *     .type("user_id", FieldType.STRING).missingTokens("", "NA").missing(MissingValues.INDICATOR));
 * }</pre>
 *
 * <p>Defaults: comma delimiter, a header row, UTF-8, types inferred (see {@link FieldType}), missing-value
 * tokens {@link #DEFAULT_MISSING_TOKENS} (matched exactly, without trimming), roles inferred by {@link
 * siebench.data.Samples#from} and overridden by the role setters here, missing values kept ({@link
 * MissingValues#KEEP}).
 */
public final class CsvOptions {
  /** The default missing-value tokens (a subset of pandas' defaults that cannot be a hashed id). */
  public static final Set<String> DEFAULT_MISSING_TOKENS = Collections.unmodifiableSet(new LinkedHashSet<>(
      List.of("", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "#N/A")));

  private char delimiter = ',';
  private boolean header = true;
  private List<String> names;
  private Map<String, FieldType> types = Map.of();
  private Set<String> missingTokens = DEFAULT_MISSING_TOKENS;
  private Charset charset = StandardCharsets.UTF_8;
  private String label;
  private List<String> categorical = List.of();
  private List<String> numeric = List.of();
  private List<String> ignored = List.of();
  private Map<Role, String> roles = Map.of();
  private MissingValues missing = MissingValues.KEEP;
  private Progress progress = Progress.silent();

  private CsvOptions() {}

  /** Comma-separated with a header row. */
  public static CsvOptions csv() {
    return new CsvOptions();
  }

  /** Tab-separated with a header row. */
  public static CsvOptions tsv() {
    return new CsvOptions().delimiter('\t');
  }

  private CsvOptions copy() {
    CsvOptions o = new CsvOptions();
    o.delimiter = delimiter;
    o.header = header;
    o.names = names;
    o.types = types;
    o.missingTokens = missingTokens;
    o.charset = charset;
    o.label = label;
    o.categorical = categorical;
    o.numeric = numeric;
    o.ignored = ignored;
    o.roles = roles;
    o.missing = missing;
    o.progress = progress;
    return o;
  }

  /** The field delimiter (',' for CSV, '\t' for TSV, ';', '|' ...). */
  public CsvOptions delimiter(char d) {
    if (d == '"' || d == '\n' || d == '\r') {
      throw new IllegalArgumentException("delimiter cannot be a quote or a line break");
    }
    CsvOptions o = copy();
    o.delimiter = d;
    return o;
  }

  /**
   * Whether the first line is a header. Without a header, give the column names with {@link #names}, or the
   * columns are called {@code column_1, column_2, ...}.
   */
  public CsvOptions header(boolean h) {
    CsvOptions o = copy();
    o.header = h;
    return o;
  }

  /**
   * The column names, in file order. Without a header they name the columns (every line must have this many
   * fields); with a header they replace the header's names (the header must have this many fields).
   */
  public CsvOptions names(String... columnNames) {
    List<String> list = List.of(columnNames);
    if (new LinkedHashSet<>(list).size() != list.size()) {
      throw new IllegalArgumentException("duplicate column names in " + list);
    }
    CsvOptions o = copy();
    o.names = list;
    return o;
  }

  /** Declares how one column is parsed, instead of inferring it. */
  public CsvOptions type(String column, FieldType type) {
    Map<String, FieldType> m = new LinkedHashMap<>(types);
    m.put(Objects.requireNonNull(column), Objects.requireNonNull(type));
    CsvOptions o = copy();
    o.types = Collections.unmodifiableMap(m);
    return o;
  }

  /** Declares the same parse type for several columns. */
  public CsvOptions types(FieldType type, String... columns) {
    CsvOptions o = this;
    for (String c : columns) {
      o = o.type(c, type);
    }
    return o;
  }

  /** The exact field values that mean "missing" (replacing the defaults). */
  public CsvOptions missingTokens(String... tokens) {
    CsvOptions o = copy();
    o.missingTokens = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(tokens)));
    return o;
  }

  /** The text encoding (UTF-8 by default). */
  public CsvOptions charset(Charset cs) {
    CsvOptions o = copy();
    o.charset = Objects.requireNonNull(cs);
    return o;
  }

  /** The 0/1 label column (otherwise inferred from names like click, clk, label, purchase). */
  public CsvOptions label(String column) {
    CsvOptions o = copy();
    o.label = Objects.requireNonNull(column);
    return o;
  }

  /** Declares categorical feature columns. */
  public CsvOptions categorical(String... columns) {
    CsvOptions o = copy();
    o.categorical = concat(categorical, columns);
    return o;
  }

  /** Declares numeric feature columns. */
  public CsvOptions numeric(String... columns) {
    CsvOptions o = copy();
    o.numeric = concat(numeric, columns);
    return o;
  }

  /** Keeps columns in the table but not as features (e.g. a second label such as {@code purchase}). */
  public CsvOptions ignore(String... columns) {
    CsvOptions o = copy();
    o.ignored = concat(ignored, columns);
    return o;
  }

  /** Gives a column a structural role (user, item, query, position, timestamp, group, weight). */
  public CsvOptions role(Role role, String column) {
    if (role == Role.LABEL) {
      return label(column);
    }
    if (role == Role.CATEGORICAL || role == Role.NUMERIC || role == Role.IGNORED) {
      throw new IllegalArgumentException("use categorical(), numeric() or ignore() for " + role);
    }
    EnumMap<Role, String> m = new EnumMap<>(Role.class);
    m.putAll(roles);
    m.put(role, Objects.requireNonNull(column));
    CsvOptions o = copy();
    o.roles = Collections.unmodifiableMap(m);
    return o;
  }

  /** How missing values are handled (default {@link MissingValues#KEEP}). */
  public CsvOptions missing(MissingValues policy) {
    CsvOptions o = copy();
    o.missing = Objects.requireNonNull(policy);
    return o;
  }

  /**
   * Where to report reading progress (every {@value DelimitedReader#PROGRESS_EVERY} rows) and check for
   * cancellation; silent by default.
   */
  public CsvOptions progress(Progress p) {
    CsvOptions o = copy();
    o.progress = Objects.requireNonNull(p);
    return o;
  }

  private static List<String> concat(List<String> a, String[] b) {
    List<String> l = new ArrayList<>(a);
    for (String s : b) {
      l.add(Objects.requireNonNull(s));
    }
    return List.copyOf(l);
  }

  public char delimiter() {
    return delimiter;
  }

  public boolean header() {
    return header;
  }

  /** The given column names, or null. */
  public List<String> names() {
    return names;
  }

  public Map<String, FieldType> types() {
    return types;
  }

  public Set<String> missingTokens() {
    return missingTokens;
  }

  public Charset charset() {
    return charset;
  }

  /** The declared label, or null (inferred). */
  public String label() {
    return label;
  }

  public List<String> categorical() {
    return categorical;
  }

  public List<String> numeric() {
    return numeric;
  }

  public List<String> ignored() {
    return ignored;
  }

  public Map<Role, String> roles() {
    return roles;
  }

  public MissingValues missing() {
    return missing;
  }

  public Progress progress() {
    return progress;
  }

  @Override
  public String toString() {
    return "CsvOptions{delimiter=" + (delimiter == '\t' ? "\\t" : String.valueOf(delimiter)) + ", header=" + header
        + (names == null ? "" : ", names=" + names) + (types.isEmpty() ? "" : ", types=" + types)
        + (label == null ? "" : ", label=" + label) + ", missing=" + missing + "}";
  }
}
