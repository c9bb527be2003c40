package siebench.data.noise;

import java.util.List;
import java.util.Locale;
import siebench.data.Samples;

/**
 * A defect of e-commerce click logs that can be injected into clean samples with known ground truth: the
 * label-noise models of the learning-with-noisy-labels literature (D. Angluin, P. Laird, 1988, "Learning from
 * noisy examples", Machine Learning 2; B. Frénay, M. Verleysen, 2014, "Classification in the Presence of
 * Label Noise: A Survey", IEEE TNNLS 25(5)) specialized to the defects of click logs: fake clicks, flipped
 * labels, click fraud by bots, accidental clicks at the top of the page, and sessions logged twice.
 *
 * <pre>{@code
 * Samples noisy = Noise.clickFraud(0.05).on("hour").inject(clean, 7);
 * Samples twice = Noise.named("duplicated-sessions", 0.1).inject(clean, 7);
 * }</pre>
 *
 * <p>Every injector returns new samples with the same rows (plus copies, for duplicated sessions), the same
 * schema and the ground-truth columns {@code truth_corrupted} (1 when the row was corrupted by this or an
 * earlier injection; existing flags are kept) and {@code truth_corruption} (the {@link #corruptionLabel()} of
 * the rows this injection corrupted, {@code none} for clean rows, the existing label for rows corrupted
 * before). Label injectors only touch rows that are not yet flagged, so that every flagged row has exactly one
 * cause. When added, the two columns are declared ignored (ground truth, never features). The input is never
 * modified, and the same seed gives the same result. A rate that cannot be met throws an {@link
 * IllegalArgumentException} saying how many rows were needed and how many candidates there are; nothing is
 * silently dropped.
 */
public interface Noise {
  /** Fake clicks: non-clicks chosen uniformly at random become clicks. */
  static FakeClicks fakeClicks(double rate) {
    return new FakeClicks(rate);
  }

  /** Flipped labels: labels inverted uniformly at random, in both directions. */
  static FlippedLabels flippedLabels(double rate) {
    return new FlippedLabels(rate);
  }

  /** Click fraud: bots click a few randomly targeted items (or, with {@code .on(column)}, other values). */
  static ClickFraud clickFraud(double rate) {
    return new ClickFraud(rate, List.of(), ClickFraud.DEFAULT_CONCENTRATION);
  }

  /** Accidental clicks: non-clicks at the top positions (default the top 3) become clicks. */
  static AccidentalClicks accidentalClicks(double rate) {
    return new AccidentalClicks(rate, AccidentalClicks.DEFAULT_TOP_POSITIONS);
  }

  /** Duplicated sessions: whole sessions logged twice. */
  static DuplicatedSessions duplicatedSessions(double rate) {
    return new DuplicatedSessions(rate);
  }

  /**
   * The noise of the given {@link #name()} (case-insensitive, {@code _} accepted for {@code -}) at {@code rate},
   * with its default settings; {@code click-fraud:COLUMN[+COLUMN...]} targets other columns than the item
   * (e.g. {@code click-fraud:site_id}, {@code click-fraud:hour+device}). Fails listing the valid names.
   */
  static Noise named(String name, double rate) {
    String raw = name == null ? "" : name.trim();
    int colon = raw.indexOf(':');
    String n = (colon < 0 ? raw : raw.substring(0, colon)).toLowerCase(Locale.ROOT).replace('_', '-');
    if (colon >= 0) {
      if (!n.equals(ClickFraud.NAME) || colon == raw.length() - 1) {
        throw new IllegalArgumentException("'" + name + "': only click-fraud takes columns, as click-fraud:COLUMN"
            + " or click-fraud:COLUMN+COLUMN");
      }
      return clickFraud(rate).on(raw.substring(colon + 1).split("\\+"));
    }
    switch (n) {
      case FakeClicks.NAME:
        return fakeClicks(rate);
      case FlippedLabels.NAME:
        return flippedLabels(rate);
      case ClickFraud.NAME:
        return clickFraud(rate);
      case AccidentalClicks.NAME:
        return accidentalClicks(rate);
      case DuplicatedSessions.NAME:
        return duplicatedSessions(rate);
      default:
        throw new IllegalArgumentException("unknown noise '" + name + "'; valid names are " + String.join(", ",
            names()));
    }
  }

  /** The names {@link #named} accepts. */
  static List<String> names() {
    return List.of(FakeClicks.NAME, FlippedLabels.NAME, ClickFraud.NAME, AccidentalClicks.NAME,
        DuplicatedSessions.NAME);
  }

  /** The name, as {@link #named} parses it, e.g. {@code click-fraud}. */
  String name();

  /** The fraction of the resulting rows that this injection corrupts, in (0, 0.5). */
  double rate();

  /** The value this injection writes to {@code truth_corruption} for the rows it corrupts, e.g. {@code fake_click}. */
  String corruptionLabel();

  /**
   * New samples with this noise injected into {@code clean}, deterministic for a seed; {@code clean} is not
   * modified. Fails with an {@link IllegalArgumentException} when a required role is missing or the rate cannot
   * be met.
   */
  Samples inject(Samples clean, long seed);
}
