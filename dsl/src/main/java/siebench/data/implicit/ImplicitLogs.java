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
    Log log = new Log(file, "review");
    eachLine(file, false, "\\s+", (p, at) -> {
      if (p.length < 2) {
        throw at.error(2, "item", "'user item item ...'", String.join(" ", p));
      }
      for (int k = 1; k < p.length; k++) {
        log.add(p[0], p[k], k, null);
      }
    });
    return log.interactions();
  }

  /** Taobao UserBehavior rows {@code user,item,category,behaviour,timestamp} (no header). */
  public static Interactions taobao(Path file) {
    Log log = new Log(file, null);
    eachLine(file, false, ",", (p, at) -> {
      if (p.length != 5) {
        throw at.error(Math.min(p.length + 1, 5), "fields", "user,item,category,pv|buy|cart|fav,timestamp",
            String.join(",", p));
      }
      if (!(p[3].equals("pv") || p[3].equals("buy") || p[3].equals("cart") || p[3].equals("fav"))) {
        throw at.error(4, "behaviour", "pv, buy, cart or fav", p[3]);
      }
      log.add(p[0], p[1], at.parseLong(p[4], 5, "timestamp"), p[3]);
    });
    return log.interactions();
  }

  /** Diginetica views (and, when {@code purchases} is not null, purchases); sessions are the users. */
  public static Interactions diginetica(Path views, Path purchases) {
    Log log = new Log(views, null);
    readDiginetica(views, 0, 2, 3, 4, 5, "view", log);
    if (purchases != null) {
      readDiginetica(purchases, 0, 5, 2, 3, 6, "buy", log);
    }
    return log.interactions();
  }

  private static void readDiginetica(Path file, int session, int itemCol, int frame, int date, int columns,
      String behaviour, Log log) {
    eachLine(file, true, ";", (p, at) -> {
      if (p.length != columns) {
        throw at.error(Math.min(p.length + 1, columns), "fields", columns + " ';'-separated columns",
            p.length + " columns");
      }
      long day;
      try {
        day = LocalDate.parse(p[date]).toEpochDay();
      } catch (RuntimeException e) {
        throw at.error(date + 1, "eventdate", "a YYYY-MM-DD date", p[date]);
      }
      log.add(p[session], p[itemCol], day * 86_400_000L + at.parseLong(p[frame], frame + 1, "timeframe"), behaviour);
    });
  }

  /** YOOCHOOSE clicks {@code session,timestamp,item,category}; sessions are the users, behaviour {@code click}. */
  public static Interactions yoochoose(Path file) {
    Log log = new Log(file, "click");
    eachLine(file, false, ",", (p, at) -> {
      if (p.length != 4) {
        throw at.error(Math.min(p.length + 1, 4), "fields", "session,timestamp,item,category", String.join(",", p));
      }
      long t;
      try {
        t = Instant.parse(p[1]).toEpochMilli();
      } catch (RuntimeException e) {
        throw at.error(2, "timestamp", "an ISO-8601 timestamp", p[1]);
      }
      log.add(p[0], p[2], t, null);
    });
    return log.interactions();
  }

  /** Where a line was read, for messages in the loaders' {@code file:line:column (name): expected ...} form. */
  private record At(Path file, int line) {
    IllegalArgumentException error(int column, String name, String expected, String got) {
      return new IllegalArgumentException(file + ":" + line + ":" + column + " (" + name + "): expected " + expected
          + ", got '" + got + "'");
    }

    long parseLong(String s, int column, String name) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        throw error(column, name, "an integer time", s);
      }
    }
  }

  /** Reads one non-blank line, split into fields. */
  @FunctionalInterface
  private interface LineReader {
    void read(String[] fields, At at);
  }

  /** The one line loop of every reader: skips blank lines (and the header when there is one). */
  private static void eachLine(Path file, boolean header, String separator, LineReader reader) {
    int lineNo = 0;
    for (String line : lines(file)) {
      lineNo++;
      if ((header && lineNo == 1) || line.isBlank()) {
        continue;
      }
      reader.read(line.strip().split(separator), new At(file, lineNo));
    }
  }

  /** The interactions read so far; behaviour per row, or one for the whole log. */
  private static final class Log {
    private final Path file;
    private final String behaviour;
    private final List<String> users = new ArrayList<>();
    private final List<String> items = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private final List<String> behaviours = new ArrayList<>();

    Log(Path file, String behaviour) {
      this.file = file;
      this.behaviour = behaviour;
    }

    void add(String user, String item, long time, String rowBehaviour) {
      users.add(user);
      items.add(item);
      times.add(time);
      behaviours.add(rowBehaviour == null ? behaviour : rowBehaviour);
    }

    Interactions interactions() {
      if (users.isEmpty()) {
        throw new IllegalArgumentException(file + " holds no interactions");
      }
      long[] t = times.stream().mapToLong(Long::longValue).toArray();
      String name = file.getParent() == null ? file.getFileName().toString()
          : file.getParent().getFileName().toString();
      return Interactions.of(name, users.toArray(String[]::new), items.toArray(String[]::new), t,
          behaviours.toArray(String[]::new));
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
