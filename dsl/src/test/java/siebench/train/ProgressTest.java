package siebench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import siebench.benchmark.Benchmark;
import siebench.core.Progress;
import siebench.importance.EstimationContext;

class ProgressTest {
  /** Records the tasks it is told about. */
  static final class Recording extends Progress {
    final List<String> updates = new ArrayList<>();

    @Override
    public void update(String task, long done, long total, String message) {
      updates.add(task + " " + done + "/" + total);
    }
  }

  @Test
  void theStandardProgressIsReplaceableAndTheDefaultsUseIt() {
    List<Recording> made = new ArrayList<>();
    Supplier<? extends Progress> previous = Progress.setStandard(() -> {
      Recording r = new Recording();
      made.add(r);
      return r;
    });
    try {
      Progress fromTask = CtrTask.ctr().progress();
      Progress fromContext = EstimationContext.defaults().progress();
      assertSame(made.get(0), fromTask);
      assertNotSame(fromTask, fromContext, "each task gets its own sink (and its own cancellation)");
      Benchmark.on(siebench.ToyData.interaction(50, 1));
      assertEquals(5, made.size(), "ctr(), defaults() (and its own ctr()), Benchmark.on() (and its own ctr())");
    } finally {
      Progress.setStandard(previous);
    }
    assertSame(previous, Progress.setStandard(previous));
  }

  @Test
  void consoleProgressPrintsOneLinePerUpdateAndCancels() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = Progress.printingTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    p.update("train LR", 1, 3, "loss 0.5");
    p.update("train LR", 2, 3, "");
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(2, lines.length);
    assertEquals(true, lines[0].endsWith("] train LR 1/3  loss 0.5"), lines[0]);
    p.cancel();
    assertThrows(CancellationException.class, p::checkCancelled);
  }

  @Test
  void anInterruptedThreadStopsAtTheNextCheckAndKeepsItsFlag() {
    Progress p = Progress.silent();
    Thread.currentThread().interrupt();
    try {
      assertThrows(CancellationException.class, p::checkCancelled);
      assertEquals(true, Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
    p.checkCancelled();
  }
}
