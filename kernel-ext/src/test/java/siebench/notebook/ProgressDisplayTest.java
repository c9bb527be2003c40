package siebench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
  /** What a kernel would have received: show or update, display id, plain text. */
  record Call(String kind, String id, String text, String html) {}

  /** A target recording its calls, with a settable execution count. */
  static final class Recorder implements DisplayTarget {
    final List<Call> calls = new ArrayList<>();
    long execution = 1;
    boolean fail;

    @Override
    public long execution() {
      return execution;
    }

    @Override
    public void show(String displayId, MimeBundle bundle) {
      record("show", displayId, bundle);
    }

    @Override
    public void update(String displayId, MimeBundle bundle) {
      record("update", displayId, bundle);
    }

    private void record(String kind, String id, MimeBundle b) {
      if (fail) {
        throw new IllegalStateException("no cell executing");
      }
      calls.add(new Call(kind, id, b.text(Displays.PLAIN), b.text(Displays.HTML)));
    }

    Call last() {
      return calls.get(calls.size() - 1);
    }
  }

  /** A clock the test advances. */
  static final class Clock {
    long nanos;

    void seconds(double s) {
      nanos = Math.round(s * 1e9);
    }
  }

  @Test
  void epochsUpdateOneDisplayInPlaceAndEndOnTheFinalState() {
    Recorder target = new Recorder();
    Clock clock = new Clock();
    ProgressDisplay p = new ProgressDisplay(target, () -> clock.nanos);
    p.update("train DeepFM", 0, 3, "80,000 rows");
    for (int e = 1; e <= 3; e++) {
      clock.seconds(2 * e);
      p.update("train DeepFM", e, 3, "loss 0.4" + e);
    }
    assertEquals(4, target.calls.size(), "every epoch redraws");
    assertEquals("show", target.calls.get(0).kind());
    String id = target.calls.get(0).id();
    for (Call c : target.calls.subList(1, 4)) {
      assertEquals("update", c.kind());
      assertEquals(id, c.id(), "the same display is updated");
    }
    assertEquals("train DeepFM 3/3 [####################]  loss 0.43  (done in 6.0 s)", target.last().text());
    assertTrue(target.last().html().contains("<progress style=\"width:160px;vertical-align:middle\" max=\"3\" "
        + "value=\"3\"></progress>"), target.last().html());
    assertFalse(target.last().html().contains("<table"), "no table: the notebook checker counts real tables");
  }

  @Test
  void etaExtrapolatesTheRateSinceTheTaskWasFirstSeen() {
    Recorder target = new Recorder();
    Clock clock = new Clock();
    ProgressDisplay p = new ProgressDisplay(target, () -> clock.nanos);
    clock.seconds(10);
    p.update("benchmark", 0, 4, "estimating grand");
    assertTrue(target.last().text().endsWith("(elapsed 0.0 s)"), "no ETA before a step: " + target.last().text());
    clock.seconds(12);
    p.update("benchmark", 1, 4, "estimating el2n");
    assertTrue(target.last().text().endsWith("(elapsed 2.0 s, ETA 6.0 s)"), target.last().text());
    clock.seconds(13);
    p.update("benchmark", 3, 4, "estimating loss");
    // 3 steps in 3 s: 1 s a step, 1 step left
    assertTrue(target.last().text().endsWith("(elapsed 3.0 s, ETA 1.0 s)"), target.last().text());
    assertTrue(target.last().text().contains("3/4 [###############.....]"), target.last().text());
  }

  @Test
  void aNewCellOpensANewDisplayAndLeavesTheOldOneAlone() {
    Recorder target = new Recorder();
    ProgressDisplay p = new ProgressDisplay(target, () -> 0);
    p.update("train LR", 1, 2, "");
    p.update("train LR", 2, 2, "");
    target.execution = 2;
    p.update("train LR", 1, 2, "");
    assertEquals(List.of("show", "update", "show"), target.calls.stream().map(Call::kind).toList());
    assertNotEquals(target.calls.get(0).id(), target.calls.get(2).id());
    assertEquals("train LR 1/2 [##########..........]  (elapsed 0.0 s)", target.last().text(),
        "the new display starts empty");
  }

  @Test
  void twoTasksShareTheDisplayAndARestartedTaskStartsItsLineOver() {
    Recorder target = new Recorder();
    Clock clock = new Clock();
    ProgressDisplay p = new ProgressDisplay(target, () -> clock.nanos);
    p.update("benchmark", 0, 2, "estimating tracin");
    p.update("train FM", 0, 3, "");
    clock.seconds(5);
    p.update("train FM", 3, 3, "");
    p.update("train FM", 0, 3, "second run");
    String[] lines = target.last().text().split("\n");
    assertEquals(2, lines.length, target.last().text());
    assertTrue(lines[0].startsWith("benchmark 0/2"), lines[0]);
    assertEquals("train FM 0/3 [....................]  second run  (elapsed 0.0 s)", lines[1]);
    assertEquals(1, target.calls.stream().filter(c -> c.kind().equals("show")).count());
  }

  @Test
  void manyStepTasksAreThrottledButFirstAndLastReportsAlwaysDraw() {
    Recorder target = new Recorder();
    Clock clock = new Clock();
    ProgressDisplay p = new ProgressDisplay(target, () -> clock.nanos);
    int total = 1000;
    for (int i = 0; i <= total; i++) {
      clock.nanos = i * 10_000_000L; // a report every 10 ms, 10 s in all
      p.update("tmc-shapley", i, total, "permutation " + i);
    }
    // the first, then one per 150 ms (10 s / 0.15 s = 66), then the last
    assertTrue(target.calls.size() >= 60 && target.calls.size() <= 70, "redraws: " + target.calls.size());
    assertTrue(target.last().text().startsWith("tmc-shapley 1000/1000"), target.last().text());
  }

  @Test
  void keepsAtMostMaxLinesDroppingFinishedOnesFirst() {
    Recorder target = new Recorder();
    ProgressDisplay p = new ProgressDisplay(target, () -> 0);
    p.update("running", 1, 5, "");
    for (int i = 0; i < ProgressDisplay.MAX_LINES + 3; i++) {
      p.update("bag " + i, 1, 1, "");
    }
    List<String> tasks = p.tasks();
    assertEquals(ProgressDisplay.MAX_LINES, tasks.size());
    assertEquals("running", tasks.get(0), "the unfinished line stays");
    assertEquals("bag " + (ProgressDisplay.MAX_LINES + 2), tasks.get(tasks.size() - 1));
  }

  @Test
  void aFailingTargetDoesNotStopTheWorkAndCancellationIsProgressOwn() {
    Recorder target = new Recorder();
    target.fail = true;
    ProgressDisplay p = new ProgressDisplay(target, () -> 0);
    p.update("train LR", 1, 2, "loss 0.5");
    p.checkCancelled();
    p.cancel();
    assertThrows(CancellationException.class, p::checkCancelled);
  }

  @Test
  void durationsReadNaturally() {
    assertEquals("4.2 s", ProgressDisplay.duration(4.24));
    assertEquals("2 min 05 s", ProgressDisplay.duration(125.2));
    assertEquals("1 h 02 min", ProgressDisplay.duration(3725));
  }
}
