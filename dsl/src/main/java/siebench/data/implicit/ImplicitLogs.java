package siebench.data.implicit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loaders of the implicit-feedback logs in {@code shared/data} into {@link Interactions}, and {@link #load}
 * that recognises them by file name (what {@code --data implicit:PATH} uses).
 *
 * <ul>
 *   <li>Amazon Beauty, S3-Rec preprocessing (Zhou et al. 2020): {@code Beauty.txt}, one line {@code user item
 *       item ...} per user in time order; behaviour {@code review}, time = position in the line.
 *   <li>Taobao UserBehavior (Zhu et al. 2018, Tianchi 649): {@code user,item,category,behaviour,timestamp}
 *       without header; behaviours {@code pv}, {@code cart}, {@code fav}, {@code buy}.
 *   <li>Diginetica (CIKM Cup 2016): product views {@code session_id;user_id;item_id;timeframe;eventdate} and
 *       purchases {@code sessionId;userId;timeframe;eventdate;ordernumber;itemId}; the session is the user,
 *       behaviours {@code view} and {@code buy}, time = day of {@code eventdate} then {@code timeframe}.
 *   <li>YOOCHOOSE clicks (RecSys Challenge 2015): {@code session,ISO timestamp,item,category}; the session is
 *       the user, behaviour {@code click}.
 * </ul>
 */
public final class ImplicitLogs {
  private ImplicitLogs() {}

  /**
   * Loads {@code path}: a directory holding one of the files above (Diginetica: both files when present), or
   * the file itself.
   */
  public static Interactions load(Path path) {
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("implicit-feedback data not found: " + path);
    }
    if (Files.isDirectory(path)) {
      for (String f : new String[] {"Beauty.txt", "UserBehavior_head.csv", "UserBehavior.csv",
          "sample_train-item-views.csv", "train-item-views.csv", "yoochoose-clicks-sample.dat",
          "yoochoose-clicks.dat"}) {
        if (Files.exists(path.resolve(f))) {
          return load(path.resolve(f));
        }
      }
      throw new IllegalArgumentException("no implicit-feedback log recognised in " + path + "; expected Beauty.txt, "
          + "UserBehavior*.csv, *train-item-views.csv or yoochoose-clicks*.dat");
    }
    String f = path.getFileName().toString();
    if (f.endsWith(".txt")) {
      return sequences(path);
    }
    if (f.startsWith("UserBehavior")) {
      return taobao(path);
    }
    if (f.endsWith("item-views.csv")) {
      Path purchases = path.resolveSibling("train-purchases.csv");
      return diginetica(path, Files.exists(purchases) ? purchases : null);
    }
    if (f.startsWith("yoochoose")) {
      return yoochoose(path);
    }
    throw new IllegalArgumentException("unrecognised implicit-feedback file " + path + "; expected a user-sequence "
        + ".txt (Beauty.txt), UserBehavior*.csv, *item-views.csv or yoochoose-clicks*.dat");
  }

  /** One line per user, {@code user item item ...} in time order (S3-Rec format); behaviour {@code review}. */
  public static Interactions sequences(Path file) {
    List<String> us = new ArrayList<>();
    List<String> is = new ArrayList<>();
    List<Long> ts = new ArrayList<>();
    int lineNo = 0;
    for (String line : lines(file)) {
      lineNo++;
      String t = line.strip();
      if (t.isEmpty()) {
        continue;
      }
      String[] p = t.split("\\s+");
      if (p.length < 2) {
        throw new IllegalArgumentException(file + " line " + lineNo + ": expected 'user item item ...', got '" + t
            + "'");
      }
      for (int k = 1; k < p.length; k++) {
        us.add(p[0]);
        is.add(p[k]);
        ts.add((long) k);
      }
    }
    return build(file, us, is, ts, null, "review");
  }

  /** Taobao UserBehavior rows {@code user,item,category,behaviour,timestamp} (no header). */
  public static Interactions taobao(Path file) {
    List<String> us = new ArrayList<>();
    List<String> is = new ArrayList<>();
    List<Long> ts = new ArrayList<>();
    List<String> bs = new ArrayList<>();
    int lineNo = 0;
    for (String line : lines(file)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] p = line.strip().split(",");
      if (p.length != 5 || !(p[3].equals("pv") || p[3].equals("buy") || p[3].equals("cart") || p[3].equals("fav"))) {
        throw new IllegalArgumentException(file + " line " + lineNo + ": expected user,item,category,"
            + "pv|buy|cart|fav,timestamp; got '" + line + "'");
      }
      us.add(p[0]);
      is.add(p[1]);
      bs.add(p[3]);
      ts.add(parseLong(p[4], file, lineNo));
    }
    return build(file, us, is, ts, bs, null);
  }

  /** Diginetica views (and, when {@code purchases} is not null, purchases); sessions are the users. */
  public static Interactions diginetica(Path views, Path purchases) {
    List<String> us = new ArrayList<>();
    List<String> is = new ArrayList<>();
    List<Long> ts = new ArrayList<>();
    List<String> bs = new ArrayList<>();
    readDiginetica(views, 0, 2, 3, 4, 5, "view", us, is, ts, bs);
    if (purchases != null) {
      readDiginetica(purchases, 0, 5, 2, 3, 6, "buy", us, is, ts, bs);
    }
    return build(views, us, is, ts, bs, null);
  }

  private static void readDiginetica(Path file, int session, int itemCol, int frame, int date, int columns,
      String behaviour, List<String> us, List<String> is, List<Long> ts, List<String> bs) {
    int lineNo = 0;
    for (String line : lines(file)) {
      lineNo++;
      if (lineNo == 1 || line.isBlank()) {
        continue;
      }
      String[] p = line.strip().split(";");
      if (p.length != columns) {
        throw new IllegalArgumentException(file + " line " + lineNo + ": expected " + columns
            + " ';'-separated columns, got " + p.length + " in '" + line + "'");
      }
      long day;
      try {
        day = LocalDate.parse(p[date]).toEpochDay();
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(file + " line " + lineNo + ": expected a YYYY-MM-DD eventdate, got '"
            + p[date] + "'");
      }
      us.add(p[session]);
      is.add(p[itemCol]);
      ts.add(day * 86_400_000L + parseLong(p[frame], file, lineNo));
      bs.add(behaviour);
    }
  }

  /** YOOCHOOSE clicks {@code session,timestamp,item,category}; sessions are the users, behaviour {@code click}. */
  public static Interactions yoochoose(Path file) {
    List<String> us = new ArrayList<>();
    List<String> is = new ArrayList<>();
    List<Long> ts = new ArrayList<>();
    int lineNo = 0;
    for (String line : lines(file)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] p = line.strip().split(",");
      if (p.length != 4) {
        throw new IllegalArgumentException(file + " line " + lineNo + ": expected session,timestamp,item,category;"
            + " got '" + line + "'");
      }
      try {
        ts.add(Instant.parse(p[1]).toEpochMilli());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(file + " line " + lineNo + ": expected an ISO-8601 timestamp, got '"
            + p[1] + "'");
      }
      us.add(p[0]);
      is.add(p[2]);
    }
    return build(file, us, is, ts, null, "click");
  }

  private static Interactions build(Path file, List<String> us, List<String> is, List<Long> ts, List<String> bs,
      String behaviour) {
    if (us.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no interactions");
    }
    int n = us.size();
    long[] t = new long[n];
    String[] b = new String[n];
    for (int r = 0; r < n; r++) {
      t[r] = ts.get(r);
      b[r] = bs == null ? behaviour : bs.get(r);
    }
    String name = file.getParent() == null ? file.getFileName().toString() : file.getParent().getFileName().toString();
    return Interactions.of(name, us.toArray(String[]::new), is.toArray(String[]::new), t, b);
  }

  private static long parseLong(String s, Path file, int lineNo) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + " line " + lineNo + ": expected an integer time, got '" + s + "'");
    }
  }

  private static List<String> lines(Path file) {
    try (Stream<String> s = Files.lines(file, StandardCharsets.UTF_8)) {
      return s.toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
