package siebench.data.noise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import siebench.data.Role;
import siebench.data.Samples;

/**
 * Click fraud: bots that fake clicks on a few targets, such as a seller boosting its own items or a click farm
 * active at some hours on some devices. Unlike {@link FakeClicks} this is feature-dependent noise (A. K. Menon,
 * B. van Rooyen, N. Natarajan, 2018, "Learning from binary labels with instance-dependent noise", Machine
 * Learning 107): the targeted values look more clickable, which changes the ranking a model learns, as push
 * attacks on recommenders do (S. K. Lam, J. Riedl, 2004, "Shilling recommender systems for fun and profit",
 * WWW).
 *
 * <p>The targets are values of one or more columns: the ITEM role by default, or the columns given to {@link
 * #on}; with several columns a target is a combination of values (e.g. hour and device). Let {@code k =
 * round(rate * n)}. Target values are drawn at random without replacement, each with probability proportional
 * to its number of candidate rows (unflagged non-clicks; so busy items and hours are likelier targets: it is
 * the value of a random candidate row), until the targets hold at least {@code k / concentration} candidates
 * (or all of them); then {@code k} of the targeted candidates, chosen uniformly, become clicks, labelled {@code
 * click_fraud}. With the default concentration 0.5 about half of the targeted non-clicks become fake clicks.
 * Rows with a missing target value are never chosen.
 */
public final class ClickFraud extends LabelNoise {
  /** The name {@link Noise#named} parses. */
  public static final String NAME = "click-fraud";
  /** The {@code truth_corruption} label. */
  public static final String LABEL = "click_fraud";
  /** Default share of the targeted non-clicks that become fake clicks. */
  public static final double DEFAULT_CONCENTRATION = 0.5;

  private final List<String> columns;
  private final double concentration;

  ClickFraud(double rate, List<String> columns, double concentration) {
    super(NAME, LABEL, false, rate);
    if (!(concentration > 0 && concentration <= 1)) {
      throw new IllegalArgumentException(NAME + ": concentration must lie in (0, 1], got " + concentration);
    }
    for (String c : columns) {
      Objects.requireNonNull(c, "column");
    }
    this.columns = List.copyOf(columns);
    this.concentration = concentration;
  }

  /**
   * The same noise targeting values of other columns (e.g. {@code "hour"}, {@code "device"}, {@code "brand"}
   * or a seller column) instead of the item role; several columns target combinations of their values.
   */
  public ClickFraud on(String... columns) {
    if (columns.length == 0) {
      throw new IllegalArgumentException(NAME + ".on() needs at least one column");
    }
    return new ClickFraud(rate(), Arrays.asList(columns), concentration);
  }

  /**
   * The same noise with another concentration in (0, 1]: the share of the targeted non-clicks that become fake
   * clicks (higher = fewer targets), default {@value #DEFAULT_CONCENTRATION}.
   */
  public ClickFraud concentration(double c) {
    return new ClickFraud(rate(), columns, c);
  }

  /** The targeted columns; empty for the ITEM role of the samples. */
  public List<String> columns() {
    return columns;
  }

  /** The share of the targeted non-clicks that become fake clicks. */
  public double concentration() {
    return concentration;
  }

  /** The targeted columns of {@code s}: the given ones or the ITEM role. */
  List<String> targetColumns(Samples s) {
    return columns.isEmpty() ? List.of(Rates.role(s, Role.ITEM, this, ".item(\"col\") or use clickFraud(rate)"
        + ".on(\"col\")")) : columns;
  }

  /** The target key of every row (the values of the targeted columns), null when one is missing. */
  String[] keys(Samples s) {
    List<String> cols = targetColumns(s);
    String[] keys = s.strings(cols.get(0));
    for (int c = 1; c < cols.size(); c++) {
      String[] more = s.strings(cols.get(c));
      for (int i = 0; i < keys.length; i++) {
        keys[i] = keys[i] == null || more[i] == null ? null : keys[i] + '\u001f' + more[i];
      }
    }
    return keys;
  }

  @Override
  int[] choose(Samples s, float[] y, Truth truth, int k, SplittableRandom rng) {
    String[] keys = keys(s);
    Map<String, List<Integer>> byValue = new LinkedHashMap<>();
    int total = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] == 0 && !truth.corrupted(i) && keys[i] != null) {
        byValue.computeIfAbsent(keys[i], v -> new ArrayList<>()).add(i);
        total++;
      }
    }
    requireCandidates(k, total, "unflagged non-clicks with a value of " + String.join(", ", targetColumns(s)),
        s);
    // successive size-biased draws without replacement = Efraimidis-Spirakis keys log(u) / weight, largest first
    List<List<Integer>> groups = new ArrayList<>(byValue.values());
    double[] order = new double[groups.size()];
    Integer[] idx = new Integer[groups.size()];
    for (int g = 0; g < order.length; g++) {
      order[g] = Math.log(1 - rng.nextDouble()) / groups.get(g).size();
      idx[g] = g;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(order[b], order[a]));
    double need = Math.min(total, Math.ceil(k / concentration - 1e-9));
    int[] pool = new int[total];
    int m = 0;
    for (int j = 0; j < idx.length && m < need; j++) {
      for (int row : groups.get(idx[j])) {
        pool[m++] = row;
      }
    }
    return sample(Arrays.copyOf(pool, m), k, rng);
  }

  @Override
  public String toString() {
    String on = columns.isEmpty() ? "item role" : String.join("+", columns);
    String c = concentration == DEFAULT_CONCENTRATION ? ""
        : String.format(Locale.ROOT, ", concentration %s", Rates.format(concentration));
    return NAME + "(" + Rates.format(rate()) + " on " + on + c + ")";
  }
}
