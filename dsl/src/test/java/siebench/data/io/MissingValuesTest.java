package siebench.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.SharedData;
import siebench.data.Samples;

/**
 * The missing-value policies on a tiny file whose filled values are computed by hand (the reference), and on the
 * real Criteo sample (DROP keeps exactly the rows without an empty feature field, counted naively).
 */
class MissingValuesTest {
  @TempDir
  Path dir;

  /** click, a numeric column n (missing on rows 1 and 3), a categorical c (missing on row 2), a complete k. */
  private Path file() throws IOException {
    Path p = dir.resolve("mv.csv");
    Files.writeString(p, "click,n,c,k\n1,2,x,5\n0,,y,6\n1,7,,7\n0,,x,8\n");
    return p;
  }

  private CsvOptions opts() {
    return CsvOptions.csv().numeric("n", "k").categorical("c");
  }

  @Test
  void keepLeavesThemMissingAndCounts() throws IOException {
    Loaded l = Loaders.read(file(), opts());
    assertEquals(2, l.report().missing("n"));
    assertEquals(1, l.report().missing("c"));
    assertEquals(0, l.report().missing("k"));
    assertEquals(3, l.report().totalMissing());
    assertEquals(2, l.report().columnsWithMissing());
    assertTrue(Double.isNaN(l.samples().doubles("n")[1]));
    assertEquals(null, l.samples().strings("c")[2]);
    assertTrue(l.samples().origin().contains("3 missing values in 2 columns (keep)"), l.samples().origin());
    assertEquals(4, l.report().table().rowCount()); // click, n, c, k
  }

  @Test
  void fillUsesTheMeanAndTheToken() throws IOException {
    Loaded l = Loaders.read(file(), opts().missing(MissingValues.FILL));
    Samples s = l.samples();
    // mean of the present values 2 and 7 = 4.5
    assertArrayEquals(new double[] {2, 4.5, 7, 4.5}, s.doubles("n"));
    assertArrayEquals(new String[] {"x", "y", MissingValues.DEFAULT_TOKEN, "x"}, s.strings("c"));
    assertEquals(2, l.report().missing("n")); // counted before the fill
    assertEquals(List.of("c"), s.schema().categorical());
    assertEquals(List.of("n", "k"), s.schema().numeric());
    Samples given = Loaders.csv(file(), opts().missing(MissingValues.FILL.fillWith(-1).token("?")));
    assertArrayEquals(new double[] {2, -1, 7, -1}, given.doubles("n"));
    assertEquals("?", given.strings("c")[2]);
  }

  @Test
  void indicatorAddsZeroOneColumnsForColumnsWithMissingValues() throws IOException {
    Loaded l = Loaders.read(file(), opts().missing(MissingValues.INDICATOR));
    Samples s = l.samples();
    assertArrayEquals(new double[] {0, 1, 0, 1}, s.doubles("n_missing"));
    assertArrayEquals(new double[] {0, 0, 1, 0}, s.doubles("c_missing"));
    assertFalse(s.table().columnNames().contains("k_missing")); // k has no missing value
    assertTrue(s.schema().numeric().containsAll(List.of("n_missing", "c_missing")));
    assertArrayEquals(new double[] {2, 4.5, 7, 4.5}, s.doubles("n"));
    // naming the columns gives the indicator even without missing values (same schema for every file)
    Samples named = Loaders.csv(file(), opts().missing(MissingValues.INDICATOR.columns("n", "k")));
    assertArrayEquals(new double[] {0, 0, 0, 0}, named.doubles("k_missing"));
    assertFalse(named.table().columnNames().contains("c_missing"));
  }

  @Test
  void dropRemovesRowsAndKeepsRowIds() throws IOException {
    Loaded l = Loaders.read(file(), opts().missing(MissingValues.DROP));
    assertEquals(1, l.samples().size());
    assertArrayEquals(new long[] {0}, l.samples().rowIds());
    assertEquals(3, l.report().rowsDropped());
    assertEquals(4, l.report().rowsRead());
    assertEquals(1, l.report().rowsKept());
    Loaded onlyC = Loaders.read(file(), opts().missing(MissingValues.DROP.columns("c")));
    assertArrayEquals(new long[] {0, 1, 3}, onlyC.samples().rowIds());
  }

  @Test
  void fillingAnAllMissingColumnWithItsMeanFails() throws IOException {
    Path p = dir.resolve("allmissing.csv");
    Files.writeString(p, "click,n\n1,\n0,\n");
    assertThrows(IllegalArgumentException.class,
        () -> Loaders.csv(p, CsvOptions.csv().type("n", FieldType.DOUBLE).numeric("n").missing(MissingValues.FILL)));
  }

  @Test
  void criteoDropKeepsExactlyTheCompleteRows() throws IOException {
    Path f = SharedData.file("criteo_display_ads_sample/criteo_sample_deepctr.csv");
    int complete = 0;
    List<String> lines = Files.readAllLines(f);
    for (int i = 1; i < lines.size(); i++) {
      String[] r = lines.get(i).split(",", -1);
      boolean ok = true;
      for (int j = 1; j < r.length; j++) {
        ok &= !r[j].isEmpty();
      }
      complete += ok ? 1 : 0;
    }
    Loaded l = Loaders.readCriteo(f, MissingValues.DROP);
    assertEquals(complete, l.samples().size());
    assertEquals(200 - complete, l.report().rowsDropped());
    Loaded ind = Loaders.readCriteo(f, MissingValues.INDICATOR);
    assertEquals(200, ind.samples().size());
    assertEquals(13 + ind.report().columnsWithMissing(), ind.samples().schema().numeric().size());
    for (String c : ind.samples().schema().categorical()) {
      for (String v : ind.samples().strings(c)) {
        assertTrue(v != null, c);
      }
    }
  }
}
