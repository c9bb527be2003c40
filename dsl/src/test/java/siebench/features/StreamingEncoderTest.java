package siebench.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.SharedData;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.io.CriteoRows;
import siebench.data.io.LoadException;
import siebench.data.io.Loaders;
import siebench.data.io.RawRows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streaming path against the in-memory one, its independent reference: {@link StreamingEncoder} fits the same
 * encoder as {@link FeatureEncoder#fit} on the loaded table, {@link EncodedCache} holds the same encoded rows as
 * {@link FeatureEncoder#encode}, bad rows fail as the table loader fails, and the cache is reused exactly when the
 * source and the encoder are unchanged.
 */
class StreamingEncoderTest {
  @TempDir
  Path tmp;

  private static Path tiny() {
    return SharedData.file("criteo_display_ads_sample/criteo_train_tiny.csv");
  }

  private String saved(FeatureEncoder e, String name) throws IOException {
    Path p = tmp.resolve(name);
    EncoderFormat.write(e, p);
    return Files.readString(p);
  }

  private void assertStreamEqualsMemory(Path file, EncoderOptions options) throws IOException {
    Samples samples = Loaders.criteo(file);
    FeatureEncoder memory = FeatureEncoder.fit(samples, options);
    RawRows.Source source = CriteoRows.file(file);
    FeatureEncoder streamed = StreamingEncoder.fit(source, options, Progress.silent());
    assertEquals(saved(memory, "memory.tsv"), saved(streamed, "streamed.tsv"),
        "vocabularies, means and standard deviations differ for " + options);
    assertEquals(memory.layout(), streamed.layout());
    EncodedData want = memory.encode(samples);
    try (EncodedCache cache = EncodedCache.open(source, streamed, tmp.resolve("cache-" + options.hashCode()),
        Progress.silent())) {
      assertEquals(want.rows(), cache.size());
      EncodedData got = cache.read(0, want.rows());
      assertArrayEquals(want.cat(), got.cat(), "encoded ids");
      assertArrayEquals(want.dense(), got.dense(), 0f, "dense values");
      assertArrayEquals(want.labels(), got.labels(), 0f, "labels");
      assertArrayEquals(want.weights(), got.weights(), 0f, "weights");
      assertArrayEquals(want.rowIds(), got.rowIds(), "row ids");
      // a range from the middle is the same rows
      EncodedData mid = cache.read(500, 37);
      assertArrayEquals(want.read(500, 37).cat(), mid.cat());
      assertArrayEquals(want.read(500, 37).dense(), mid.dense(), 0f);
    }
    assertEquals(memory.report(), streamed.report(), "missing and out-of-vocabulary counts");
  }

  @Test
  void streamedFitAndCacheEqualTheInMemoryEncoderOnCriteo() throws IOException {
    Path file = tiny();
    assertStreamEqualsMemory(file, EncoderOptions.defaults());
    assertStreamEqualsMemory(file, EncoderOptions.defaults().minCount(3).numeric(NumericTransform.LOG));
    assertStreamEqualsMemory(file, EncoderOptions.defaults().hashing(1000));
  }

  @Test
  void headerlessTabSeparatedTrainTxtStreamsTheSameAsItLoads() throws IOException {
    List<String> lines = Files.readAllLines(tiny());
    List<String> tsv = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      tsv.add(String.join("\t", List.of(l.split(",", -1)).subList(1, 41))); // drop the Id column
    }
    Path file = tmp.resolve("train.txt");
    Files.write(file, tsv);
    assertStreamEqualsMemory(file, EncoderOptions.defaults().minCount(2));
  }

  @Test
  void badRowsFailNamingFileLineAndExpectedFieldsAsTheLoaderDoes() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(tiny()).subList(0, 6));
    String row = lines.get(3);
    lines.set(3, row.substring(0, row.lastIndexOf(','))); // line 4 lacks its last field
    Path file = tmp.resolve("short.csv");
    Files.write(file, lines);
    LoadException memory = assertThrows(LoadException.class, () -> Loaders.criteo(file));
    LoadException streamed = assertThrows(LoadException.class,
        () -> StreamingEncoder.fit(CriteoRows.file(file), EncoderOptions.defaults(), Progress.silent()));
    assertEquals(memory.getMessage(), streamed.getMessage());
    assertTrue(streamed.getMessage().startsWith("short.csv:4:41 (C26): expected 41 fields"), streamed.getMessage());
    assertEquals(4, streamed.line());

    List<String> bad = new ArrayList<>(Files.readAllLines(tiny()).subList(0, 6));
    bad.set(2, bad.get(2).replaceFirst("^(\\d+,\\d,\\d*,)\\d*,", "$1abc,")); // I2 on line 3
    Path file2 = tmp.resolve("text.csv");
    Files.write(file2, bad);
    LoadException e = assertThrows(LoadException.class,
        () -> StreamingEncoder.fit(CriteoRows.file(file2), EncoderOptions.defaults(), Progress.silent()));
    assertTrue(e.getMessage().startsWith("text.csv:3:4 (I2): expected an integer, got 'abc'"), e.getMessage());

    List<String> label = new ArrayList<>(Files.readAllLines(tiny()).subList(0, 6));
    label.set(5, label.get(5).replaceFirst("^(\\d+),\\d,", "$1,2,"));
    Path file3 = tmp.resolve("label.csv");
    Files.write(file3, label);
    e = assertThrows(LoadException.class,
        () -> StreamingEncoder.fit(CriteoRows.file(file3), EncoderOptions.defaults(), Progress.silent()));
    assertTrue(e.getMessage().startsWith("label.csv:6:2 (label): expected a 0/1 label, got '2'"), e.getMessage());
  }

  @Test
  void aCancelledPassStopsAndAnInterruptedBuildIsNeverReused() {
    Path dir = tmp.resolve("cancel");
    RawRows.Source source = CriteoRows.file(tiny());
    Progress stopped = Progress.silent();
    stopped.cancel();
    assertThrows(CancellationException.class, () -> EncodedCache.encoder(source, EncoderOptions.defaults(), dir,
        stopped));
    FeatureEncoder a = EncodedCache.encoder(source, EncoderOptions.defaults(), dir, Progress.silent());
    FeatureEncoder b = StreamingEncoder.fit(source, EncoderOptions.defaults().minCount(2), Progress.silent());
    try (EncodedCache c = EncodedCache.open(source, a, dir, Progress.silent())) {
      assertFalse(c.reused());
    }
    // a rebuild for another encoder is stopped: the old cache is gone and the stopped one is not taken for either
    assertThrows(CancellationException.class, () -> EncodedCache.open(source, b, dir, stopped));
    try (EncodedCache c = EncodedCache.open(source, b, dir, Progress.silent())) {
      assertFalse(c.reused(), "the stopped build for b");
    }
    try (EncodedCache c = EncodedCache.open(source, a, dir, Progress.silent())) {
      assertFalse(c.reused(), "a's cache was replaced");
    }
  }

  @Test
  void bucketizingCannotBeStreamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamingEncoder.fit(
        CriteoRows.file(tiny()), EncoderOptions.defaults().numeric(NumericTransform.BUCKETIZE), Progress.silent()));
    assertTrue(e.getMessage().contains("quantiles"), e.getMessage());
  }

  @Test
  void cacheIsReusedWhileSourceAndEncoderAreUnchangedAndRebuiltOtherwise() throws IOException {
    Path file = tmp.resolve("data.csv");
    Files.copy(tiny(), file);
    Path dir = tmp.resolve("cache");
    RawRows.Source source = CriteoRows.file(file);
    FeatureEncoder enc = EncodedCache.encoder(source, EncoderOptions.defaults(), dir, Progress.silent());
    try (EncodedCache c = EncodedCache.open(source, enc, dir, Progress.silent())) {
      assertFalse(c.reused());
    }
    FeatureEncoder again = EncodedCache.encoder(source, EncoderOptions.defaults(), dir, Progress.silent());
    assertEquals(saved(enc, "a.tsv"), saved(again, "b.tsv"), "the cached fit is the fit");
    try (EncodedCache c = EncodedCache.open(source, again, dir, Progress.silent())) {
      assertTrue(c.reused(), "same source, same encoder");
      assertEquals(1999, c.size());
    }
    assertEquals(enc.report(), again.report(), "a reused cache reports the counts of its build");
    FeatureEncoder other = StreamingEncoder.fit(source, EncoderOptions.defaults().minCount(2), Progress.silent());
    try (EncodedCache c = EncodedCache.open(source, other, dir, Progress.silent())) {
      assertFalse(c.reused(), "another encoder");
    }
    try (EncodedCache c = EncodedCache.open(source, enc, dir, Progress.silent())) {
      assertFalse(c.reused(), "rebuilt for the first encoder again");
    }
    // the source changes: one row fewer (size and modification time change)
    List<String> lines = Files.readAllLines(file);
    Files.write(file, lines.subList(0, lines.size() - 1));
    try (EncodedCache c = EncodedCache.open(source, enc, dir, Progress.silent())) {
      assertFalse(c.reused(), "changed source");
      assertEquals(1998, c.size());
    }
    // only the modification time changes
    Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
    try (EncodedCache c = EncodedCache.open(source, enc, dir, Progress.silent())) {
      assertFalse(c.reused(), "touched source");
    }
    try (EncodedCache c = EncodedCache.open(source, enc, dir, Progress.silent())) {
      assertTrue(c.reused());
    }
  }
}
