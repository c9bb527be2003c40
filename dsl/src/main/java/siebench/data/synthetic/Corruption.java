package siebench.data.synthetic;

/**
 * What the generator did to a row, as written to the {@code truth_corruption} column (by {@link #label()}).
 */
public enum Corruption {
  /** A clean row: label drawn from the click model. */
  NONE("none"),
  /** Click fraud: a non-click turned into a click (concentrated on fraud users and items). */
  FAKE_CLICK("fake_click"),
  /** Label noise: the click label inverted (0 to 1 or 1 to 0). */
  FLIPPED("flipped"),
  /** An exact copy of another row (double logging); only the row id differs. */
  DUPLICATE("duplicate"),
  /**
   * A copy of another row with slightly perturbed timestamp (1..120 s later, the hour recomputed), price,
   * popularity and sometimes rating; same ids and label. Its {@code truth_*} values are those of the source.
   */
  NEAR_DUPLICATE("near_duplicate");

  private final String label;

  Corruption(String label) {
    this.label = label;
  }

  /** The value written to {@code truth_corruption}. */
  public String label() {
    return label;
  }

  /** Parses a {@link #label()}; fails naming the accepted values. */
  public static Corruption fromLabel(String label) {
    for (Corruption c : values()) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown corruption '" + label
        + "'; expected none, fake_click, flipped, duplicate or near_duplicate");
  }
}
