package siebench.data.noise;

/**
 * What was done to a row, by the generator ({@code data.synthetic}) or by a noise injector ({@link Noise}), as
 * written to the ground-truth column {@value #TRUTH_CORRUPTION} (by {@link #label()}); {@value #TRUTH_CORRUPTED}
 * flags the corrupted rows (1) and {@value #TRUTH_SOURCE_ROW} names the row a duplicate copies.
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

  /** Ground truth: 1 for a corrupted row, 0 for a clean one. */
  public static final String TRUTH_CORRUPTED = "truth_corrupted";
  /** Ground truth: the {@link #label()} of what was done to the row. */
  public static final String TRUTH_CORRUPTION = "truth_corruption";
  /** Ground truth: for a (near-)duplicate, the row id of the row it copies; -1 otherwise. */
  public static final String TRUTH_SOURCE_ROW = "truth_source_row";

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
