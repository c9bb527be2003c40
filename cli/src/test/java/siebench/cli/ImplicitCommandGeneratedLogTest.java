package siebench.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code siebench implicit} on a generated log, and its errors (the Taobao sample is in {@link ImplicitCommandTest}). */
class ImplicitCommandGeneratedLogTest {
  /** A UserBehavior-layout log: 60 users, 12 events each over 40 items, about a third of them purchases. */
  static Path userBehavior(Path dir) throws IOException {
    Random r = new Random(1);
    StringBuilder b = new StringBuilder();
    for (int user = 1; user <= 60; user++) {
      long time = 1_511_544_000L;
      for (int k = 0; k < 12; k++) {
        int item = 1 + r.nextInt(40);
        time += 1 + r.nextInt(500);
        b.append(user).append(',').append(item).append(',').append(item % 5).append(',')
            .append(r.nextDouble() < 0.3 ? "buy" : "pv").append(',').append(time).append('\n');
      }
    }
    Path file = dir.resolve("UserBehavior_generated.csv");
    Files.writeString(file, b);
    return file;
  }

  @Test
  void comparesTheTrainingsOnAGeneratedLog(@TempDir Path dir) throws IOException {
    Path data = userBehavior(dir);
    String out = CliRun.ok("implicit", "--data", data.toString(), "--models", "gmf", "--factors", "4", "--seeds", "2",
        "--epochs", "1", "--trainings", "normal,tce");
    assertTrue(out.contains("720 events, 60 users, 40 items"), out);
    for (String row : new String[] {"popularity -", "random     -", "gmf        normal", "gmf        tce",
        "gmf        tce-N"}) {
      assertTrue(out.lines().anyMatch(l -> l.startsWith(row)), "missing row '" + row + "' in\n" + out);
    }
  }

  @Test
  void badOptionsAndBadLinesAreErrors(@TempDir Path dir) throws IOException {
    String data = userBehavior(dir).toString();
    CliRun.failsWith("unknown model 'magic'; expected lr, fm", "implicit", "--data", data, "--models", "magic");
    CliRun.failsWith("unknown split 'magic'; expected loo or time:FRACTION", "implicit", "--data", data, "--split",
        "magic");
    CliRun.failsWith("--gains expects random:FRACTION, burst:FRACTION:TARGETS or natural:BEHAVIOUR, got burst:0.1",
        "implicit", "--data", data, "--gains", "burst:0.1");
    Path bad = dir.resolve("UserBehavior_bad.csv");
    Files.writeString(bad, "1,2268318,2520377,pv,1511544070\n1,2333346,2520771,pv,noon\n");
    CliRun.failsWith(bad + ":2:5 (timestamp): expected an integer time, got 'noon'", "implicit", "--data",
        bad.toString());
    Files.writeString(bad, "1,2268318,2520377,pv,1511544070\n1,2333346\n");
    CliRun.failsWith(bad + ":2:3 (fields): expected user,item,category,pv|buy|cart|fav,timestamp, got '1,2333346'",
        "implicit", "--data", bad.toString());
    Files.writeString(bad, "1,2268318,2520377,click,1511544070\n");
    CliRun.failsWith(bad + ":1:4 (behaviour): expected pv, buy, cart or fav, got 'click'", "implicit", "--data",
        bad.toString());
    CliRun.failsWith("implicit-feedback data not found: " + dir.resolve("none.csv"), "implicit", "--data",
        dir.resolve("none.csv").toString());
  }
}
