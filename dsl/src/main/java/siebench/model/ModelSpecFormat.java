package siebench.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * How a {@link ModelSpec} is written to and read back from a saved model: as its {@link ModelSpec#name()} plus
 * its {@link ModelSpec#parameters()} rendered as strings. Reading goes through a registry keyed by the spec's
 * name, so a new model type only has to {@link #register} a reader (the built-in ones cover lr, fm, deepfm,
 * dcnv2, mlp, din, bst, gmf, neumf and two-tower). A reader must rebuild a spec whose {@link ModelSpec#build} gives a block with the
 * same parameters (names and shapes) as the spec that was written.
 */
public final class ModelSpecFormat {
  private static final Map<String, Function<Map<String, String>, ModelSpec>> READERS = new ConcurrentHashMap<>();

  static {
    for (String n : new String[] {"lr", "fm", "deepfm", "dcnv2", "mlp"}) {
      register(n, p -> network(n, p));
    }
    register("din", p -> sequence(Models.din(), p));
    register("bst", p -> sequence(Models.bst(), p));
    register("gmf", p -> new Ncf(NcfNetwork.Kind.GMF, integer(p, "factors"), 0));
    register("neumf", p -> new Ncf(NcfNetwork.Kind.NEUMF, integer(p, "factors"), integer(p, "mlpLayers")));
    register("two-tower", p -> new TwoTowerSpec(integer(p, "embeddingDim"), integer(p, "hidden"),
        integer(p, "outputDim"), java.util.Set.of(names(p.get("userFields")))));
  }

  private ModelSpecFormat() {}

  /** Registers (or replaces) the reader of specs named {@code name}. */
  public static void register(String name, Function<Map<String, String>, ModelSpec> reader) {
    READERS.put(name.toLowerCase(Locale.ROOT), Objects.requireNonNull(reader, "reader"));
  }

  /** The spec's parameters as strings (int arrays as {@code [256, 128]}), in the spec's order. */
  public static Map<String, String> write(ModelSpec spec) {
    Map<String, String> out = new LinkedHashMap<>();
    spec.parameters().forEach((k, v) -> out.put(k, v instanceof int[] a ? Arrays.toString(a) : String.valueOf(v)));
    return out;
  }

  /** Rebuilds the spec named {@code name} from parameters written by {@link #write}. */
  public static ModelSpec read(String name, Map<String, String> parameters) {
    Function<Map<String, String>, ModelSpec> r = READERS.get(name.toLowerCase(Locale.ROOT));
    if (r == null) {
      throw new IllegalArgumentException("no reader registered for model '" + name + "'; known: "
          + READERS.keySet().stream().sorted().toList() + " (register one with ModelSpecFormat.register)");
    }
    return r.apply(parameters);
  }

  private static ModelSpec network(String name, Map<String, String> p) {
    NetworkSpec s = (NetworkSpec) Models.named(name);
    if (p.containsKey("embeddingDim")) {
      s = s.embeddingDim(integer(p, "embeddingDim"));
    }
    if (p.containsKey("hidden")) {
      s = s.hidden(widths(p.get("hidden")));
    }
    if (p.containsKey("crossLayers")) {
      s = s.crossLayers(integer(p, "crossLayers"));
    }
    return s;
  }

  private static ModelSpec sequence(SequenceSpec s, Map<String, String> p) {
    s = s.embeddingDim(integer(p, "embeddingDim")).hidden(widths(p.get("hidden")));
    if (p.containsKey("heads")) {
      s = s.heads(integer(p, "heads"));
    }
    if (p.containsKey("depth")) {
      s = s.depth(integer(p, "depth"));
    }
    if (p.containsKey("attentionHidden")) {
      s = s.attentionHidden(integer(p, "attentionHidden"));
    }
    return s;
  }

  private static int integer(Map<String, String> p, String key) {
    String v = p.get(key);
    if (v == null) {
      throw new IllegalArgumentException("model parameter '" + key + "' missing; have " + p.keySet());
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("model parameter '" + key + "' must be an integer, got '" + v + "'");
    }
  }

  /** Parses a list of field names written as {@code [user_id, age]}. */
  private static String[] names(String v) {
    if (v == null || !v.trim().startsWith("[") || !v.trim().endsWith("]")) {
      throw new IllegalArgumentException("model parameter 'userFields' must look like [user_id], got '" + v + "'");
    }
    String s = v.trim().substring(1, v.trim().length() - 1).trim();
    return s.isEmpty() ? new String[0] : Arrays.stream(s.split(",")).map(String::trim).toArray(String[]::new);
  }

  /** Parses {@code [256, 128]} (or {@code []}). */
  static int[] widths(String v) {
    if (v == null) {
      throw new IllegalArgumentException("model parameter 'hidden' missing");
    }
    String s = v.trim();
    if (!s.startsWith("[") || !s.endsWith("]")) {
      throw new IllegalArgumentException("model parameter 'hidden' must look like [256, 128], got '" + v + "'");
    }
    s = s.substring(1, s.length() - 1).trim();
    if (s.isEmpty()) {
      return new int[0];
    }
    try {
      return Arrays.stream(s.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("model parameter 'hidden' must look like [256, 128], got '" + v + "'");
    }
  }
}
