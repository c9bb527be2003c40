package siebench.notebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import siebench.core.Progress;
import siebench.report.Html;

/**
 * Progress of long work (training epochs, benchmark estimators and protocols, valuation passes) as one display
 * per notebook cell, updated in place through Jupyter's {@code update_display_data} instead of printing a line
 * per update. Each task reported to it (e.g. {@code "train DeepFM"}, {@code "benchmark"}) is one line of that
 * display with a progress bar, its step counter, its latest message (loss, estimator, repeat), the elapsed time
 * and an estimate of the time left (ETA).
 *
 * <p>The ETA extrapolates the task's rate since its first report: {@code elapsed / (done - done₀) · (total -
 * done)}. A task whose counter goes backwards (a second training in the same cell) starts its line over. When
 * the {@linkplain DisplayTarget#execution() cell changes}, the next report opens a new display, so a task
 * object reused in a later cell never rewrites the output of an earlier one.
 *
 * <p>Redrawing is throttled to one every {@value #MIN_REDRAW_MILLIS} ms for tasks of more than
 * {@value #FEW_STEPS} steps (per-permutation or per-chunk reports), while first, last and few-step reports (such
 * as epochs) always redraw, so the display ends on the final state. When the target fails (no cell is
 * executing), the report goes to standard error as a line instead. Cancellation is {@link Progress}'s.
 */
public final class ProgressDisplay extends Progress {
  /** Minimum time between two redraws of a task with many steps. */
  public static final long MIN_REDRAW_MILLIS = 150;
  /** Tasks with at most this many steps redraw on every report. */
  public static final int FEW_STEPS = 100;
  /** Lines kept in one display; the oldest finished lines go first. */
  public static final int MAX_LINES = 12;

  private final DisplayTarget target;
  private final LongSupplier nanoClock;
  private final String idPrefix = "siebench-progress-" + UUID.randomUUID();
  private final Map<String, Line> lines = new LinkedHashMap<>();
  private int displays;
  private String displayId;
  private long execution;
  private long lastRedraw;

  public ProgressDisplay(DisplayTarget target) {
    this(target, System::nanoTime);
  }

  /** With an explicit clock in nanoseconds (tests). */
  public ProgressDisplay(DisplayTarget target, LongSupplier nanoClock) {
    this.target = Objects.requireNonNull(target, "target");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /** A factory for {@link Progress#setStandard(Supplier)}: every task gets its own display on this target. */
  public static Supplier<Progress> on(DisplayTarget target) {
    Objects.requireNonNull(target, "target");
    return () -> new ProgressDisplay(target);
  }

  @Override
  public synchronized void update(String task, long done, long total, String message) {
    long now = nanoClock.getAsLong();
    long exec = target.execution();
    boolean newDisplay = displayId == null || exec != execution;
    if (newDisplay) {
      execution = exec;
      lines.clear();
      displayId = idPrefix + "-" + (++displays);
    }
    Line line = lines.get(task);
    boolean newLine = line == null || done < line.done;
    if (newLine) {
      lines.remove(task);
      line = new Line(task, done, now);
      lines.put(task, line);
      trim(task);
    }
    line.done = done;
    line.total = total;
    line.message = message == null ? "" : message;
    line.updated = now;
    boolean redraw = newDisplay || newLine || done == total || total <= FEW_STEPS
        || now - lastRedraw >= MIN_REDRAW_MILLIS * 1_000_000L;
    if (!redraw) {
      return;
    }
    lastRedraw = now;
    MimeBundle bundle = bundle(now);
    try {
      if (newDisplay) {
        target.show(displayId, bundle);
      } else {
        target.update(displayId, bundle);
      }
    } catch (RuntimeException e) {
      System.err.println(line.text(now));
    }
  }

  /** The current content: {@code text/html} with a bar per task and {@code text/plain} with a line per task. */
  public synchronized MimeBundle bundle() {
    return bundle(nanoClock.getAsLong());
  }

  private MimeBundle bundle(long now) {
    StringBuilder html = new StringBuilder("<div class=\"siebench-progress\" style=\"font:12px/1.6 monospace\">");
    StringBuilder text = new StringBuilder();
    for (Line l : lines.values()) {
      html.append(l.html(now));
      text.append(text.length() == 0 ? "" : "\n").append(l.text(now));
    }
    html.append("</div>");
    return new MimeBundle(Map.of(Displays.HTML, html.toString(), Displays.PLAIN, text.toString()), Map.of());
  }

  /** Keeps at most {@link #MAX_LINES} lines besides {@code keep}: finished ones go first, then the oldest. */
  private void trim(String keep) {
    while (lines.size() > MAX_LINES) {
      String oldest = null;
      String oldestFinished = null;
      for (Line l : lines.values()) {
        if (l.task.equals(keep)) {
          continue;
        }
        oldest = oldest == null ? l.task : oldest;
        if (l.finished()) {
          oldestFinished = l.task;
          break;
        }
      }
      lines.remove(oldestFinished != null ? oldestFinished : oldest);
    }
  }

  /** The tasks shown now, oldest first (tests). */
  synchronized List<String> tasks() {
    return new ArrayList<>(lines.keySet());
  }

  /** One task's line: its counter since it was first seen in this display. */
  private static final class Line {
    final String task;
    final long firstDone;
    final long firstSeen;
    long done;
    long total;
    String message = "";
    long updated;

    Line(String task, long firstDone, long firstSeen) {
      this.task = task;
      this.firstDone = firstDone;
      this.firstSeen = firstSeen;
    }

    boolean finished() {
      return total > 0 && done >= total;
    }

    double elapsedSeconds(long now) {
      return (now - firstSeen) / 1e9;
    }

    /** Seconds left at the rate seen so far, or NaN when unknown (no step done since first seen). */
    double etaSeconds(long now) {
      if (total <= 0 || finished() || done <= firstDone || updated <= firstSeen) {
        return Double.NaN;
      }
      double perStep = (updated - firstSeen) / 1e9 / (done - firstDone);
      return perStep * (total - done);
    }

    String counter() {
      return total > 0 ? done + "/" + total : String.valueOf(done);
    }

    String timing(long now) {
      String elapsed = (finished() ? "done in " : "elapsed ") + duration(elapsedSeconds(finished() ? updated : now));
      double eta = etaSeconds(now);
      return Double.isNaN(eta) ? elapsed : elapsed + ", ETA " + duration(eta);
    }

    String html(long now) {
      StringBuilder sb = new StringBuilder("<div>");
      sb.append("<progress style=\"width:160px;vertical-align:middle\"");
      if (total > 0) {
        sb.append(" max=\"").append(total).append("\" value=\"").append(Math.min(done, total)).append('"');
      }
      sb.append("></progress> ").append(finished() ? "&#10003; " : "").append("<b>").append(Html.escape(task))
          .append("</b> ").append(counter());
      if (!message.isEmpty()) {
        sb.append(" &#183; ").append(Html.escape(message));
      }
      sb.append(" <span style=\"color:#666\">(").append(timing(now)).append(")</span></div>");
      return sb.toString();
    }

    String text(long now) {
      StringBuilder sb = new StringBuilder(task).append(' ').append(counter());
      if (total > 0) {
        int width = 20;
        int filled = (int) Math.min(width, width * Math.max(0, done) / total);
        sb.append(" [").append("#".repeat(filled)).append(".".repeat(width - filled)).append(']');
      }
      if (!message.isEmpty()) {
        sb.append("  ").append(message);
      }
      return sb.append("  (").append(timing(now)).append(')').toString();
    }
  }

  /** "4.2 s", "2 min 05 s", "1 h 02 min". */
  static String duration(double seconds) {
    if (seconds < 60) {
      return String.format("%.1f s", seconds);
    }
    long s = Math.round(seconds);
    if (s < 3600) {
      return String.format("%d min %02d s", s / 60, s % 60);
    }
    return String.format("%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
