package siebench.importance.correction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Logged bandit feedback in the Open Bandit Dataset layout (Saito, Aihara, Matsutani &amp; Narita 2021, "Open
 * Bandit Dataset and Pipeline", NeurIPS Datasets and Benchmarks): one impression per row with the chosen
 * {@code item_id}, its display {@code position}, the {@code click} and the logging policy's
 * {@code propensity_score}, with the context a reward model may use ({@link BanditContext}: the
 * {@code user_feature_*} columns and the {@code user-item_affinity_<item>} columns). Other columns are skipped.
 *
 * <p>A minimal reader for unquoted comma-separated files; errors name the file, line and column.
 *
 * @param file where the rows came from
 * @param item item id per row
 * @param position display position per row (1 = first slot)
 * @param click 0/1 reward per row
 * @param propensity logging propensity per row, in (0, 1]
 * @param context user features and user-item affinities per row (empty when the file has none)
 */
public record BanditLog(Path file, int[] item, int[] position, double[] click, double[] propensity,
    BanditContext context) {

  public BanditLog {
    int n = click.length;
    if (item.length != n || position.length != n || propensity.length != n || context.rows() != n) {
      throw new IllegalArgumentException("lengths differ: " + item.length + " items, " + position.length
          + " positions, " + n + " clicks, " + propensity.length + " propensities, " + context.rows()
          + " context rows");
    }
  }

  /** A log without context (e.g. simulated rows). */
  public BanditLog(Path file, int[] item, int[] position, double[] click, double[] propensity) {
    this(file, item, position, click, propensity, BanditContext.none(click.length));
  }

  public int size() {
    return click.length;
  }

  /** Number of distinct item ids. */
  public int items() {
    return (int) java.util.Arrays.stream(item).distinct().count();
  }

  /** The clicks as rewards. */
  public double[] rewards() {
    return click.clone();
  }

  /** Reads {@code file}; fails naming the file, line and column of the first bad value. */
  public static BanditLog read(Path file) {
    List<int[]> ip = new ArrayList<>();
    List<double[]> cp = new ArrayList<>();
    BanditContext context;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) {
        throw new IllegalArgumentException(file + ": empty file, expected a header line");
      }
      String[] names = header.split(",", -1);
      int cItem = column(names, "item_id", file);
      int cPos = column(names, "position", file);
      int cClick = column(names, "click", file);
      int cProp = column(names, "propensity_score", file);
      BanditContext.Reader ctx = new BanditContext.Reader(file, names);
      String line;
      int ln = 1;
      while ((line = in.readLine()) != null) {
        ln++;
        if (line.isBlank()) {
          continue;
        }
        if (line.indexOf('"') >= 0) {
          throw new IllegalArgumentException(file + ":" + ln + ": quoted fields are not supported by this reader");
        }
        String[] f = line.split(",", -1);
        if (f.length != names.length) {
          throw new IllegalArgumentException(file + ":" + ln + ": expected " + names.length + " fields, got " + f.length);
        }
        int item = (int) number(f, cItem, names, file, ln);
        double pos = number(f, cPos, names, file, ln);
        double click = number(f, cClick, names, file, ln);
        double prop = number(f, cProp, names, file, ln);
        if (item != Double.parseDouble(f[cItem].trim()) || item < 0) {
          throw bad(file, ln, cItem, names, f[cItem], "a non-negative integer item id");
        }
        if (pos < 1 || pos != Math.rint(pos)) {
          throw bad(file, ln, cPos, names, f[cPos], "an integer position >= 1");
        }
        if (click != 0 && click != 1) {
          throw bad(file, ln, cClick, names, f[cClick], "0 or 1");
        }
        if (!(prop > 0 && prop <= 1)) {
          throw bad(file, ln, cProp, names, f[cProp], "a propensity in (0, 1]");
        }
        ctx.add(f, ln);
        ip.add(new int[] {item, (int) pos});
        cp.add(new double[] {click, prop});
      }
      context = ctx.build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    int n = ip.size();
    int[] item = new int[n];
    int[] pos = new int[n];
    double[] click = new double[n];
    double[] prop = new double[n];
    for (int i = 0; i < n; i++) {
      item[i] = ip.get(i)[0];
      pos[i] = ip.get(i)[1];
      click[i] = cp.get(i)[0];
      prop[i] = cp.get(i)[1];
    }
    return new BanditLog(file, item, pos, click, prop, context);
  }

  private static int column(String[] names, String name, Path file) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].trim().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(file + ":1: no column '" + name + "' in the header " + String.join(",", names));
  }

  static double number(String[] f, int c, String[] names, Path file, int ln) {
    try {
      return Double.parseDouble(f[c].trim());
    } catch (NumberFormatException e) {
      throw bad(file, ln, c, names, f[c], "a number");
    }
  }

  static IllegalArgumentException bad(Path file, int ln, int c, String[] names, String value, String expected) {
    return new IllegalArgumentException(file + ":" + ln + ":" + (c + 1) + " (" + names[c].trim() + "): expected "
        + expected + ", got '" + value + "'");
  }
}
